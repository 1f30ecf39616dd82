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


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    return re.findall(r"```bash\n(.+?)\n```", readme)


def test_ci_runs_exactly_the_readme_test_command():
    commands = _readme_commands()
    assert len(commands) == 2, "README opens with exactly two set-up commands"
    install_and_run, install_and_test = commands
    assert install_and_run.endswith("streamlit run app.py")
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ci_lines[-1] == install_and_test


def test_readme_commands_work_on_a_fresh_debian():
    # Debian 12: no `python` before a virtual environment is active, and a system-wide
    # `pip install` fails with externally-managed-environment. So each command creates and
    # activates .venv first, and uses `python -m pip` / `python -m pytest` only inside it.
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    install_and_run, install_and_test = _readme_commands()
    assert (
        install_and_run
        == venv + "python -m pip install -r requirements.txt && streamlit run app.py"
    )
    assert install_and_test == venv + 'python -m pip install -e ".[test]" && python -m pytest'
    assert ".venv/" in (ROOT / ".gitignore").read_text().splitlines()


def test_readme_documents_the_quick_run():
    assert 'python -m pytest -m "not slow"' in (ROOT / "README.md").read_text()


def test_core_never_imports_streamlit():
    # regviz/ui is the page frame: the only streamlit code in the package (DESIGN.md).
    for path in (ROOT / "regviz").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "regviz").parts[:1]:
            continue
        text = path.read_text()
        assert "import streamlit" not in text and "from streamlit" not in text, path


def _flatten(table: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def test_streamlit_config_is_valid_and_safe_for_a_public_server():
    from streamlit import config

    options = _flatten(tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text()))
    unknown = set(options) - set(config._config_options_template)
    assert not unknown, f"options this Streamlit does not know: {unknown}"
    # No traceback, exception type or server path reaches a visitor.
    assert options["client.showErrorDetails"] == "none"
    # Light and dark variants: the app follows the visitor's system theme.
    # One brand blue, lighter on the dark background so text in it keeps ≥ 4.5:1.
    from regviz.figures.common import DARK_BACKGROUND, LIGHT_BACKGROUND, contrast_ratio

    assert options["theme.light.primaryColor"] == "#0072B2"
    assert contrast_ratio(options["theme.light.primaryColor"], LIGHT_BACKGROUND) >= 4.5
    assert contrast_ratio(options["theme.dark.primaryColor"], DARK_BACKGROUND) >= 4.5
    assert "theme.base" not in options
