"""pyproject.toml (pip) and requirements.txt (Community Cloud) list the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _normalize(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement).lower()


def test_requirements_txt_matches_pyproject_dependencies():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    declared = {_normalize(r) for r in pyproject["project"]["dependencies"]}
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    listed = {_normalize(line) for line in lines if line.strip() and not line.startswith("#")}
    assert listed == declared


def test_no_file_that_cloud_would_read_before_requirements_txt():
    # Community Cloud prefers uv.lock, Pipfile and environment.yml over requirements.txt.
    for name in ("uv.lock", "Pipfile", "environment.yml"):
        assert not (ROOT / name).exists(), f"{name} would shadow requirements.txt on Cloud"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    assert len(commands) == 2, "README opens with exactly two set-up commands"
    install_and_run, install_and_test = commands
    assert install_and_run.endswith("streamlit run app.py")
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ci_lines[-1] == install_and_test


def test_core_never_imports_streamlit():
    for path in (ROOT / "regviz").rglob("*.py"):
        text = path.read_text()
        assert "import streamlit" not in text and "from streamlit" not in text, path
