"""The server's start-up (regviz.ui.startup, app.py's st.App): it imports every library the
experiments import lazily, and ``streamlit run app.py`` serves app.py as an st.App."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from streamlit.web.server.app_discovery import discover_asgi_app

from regviz.ui import startup

ROOT = Path(__file__).resolve().parents[2]
LIBRARIES = ("sklearn", "scipy", "pandas")


def _lazy_imports(path: Path) -> set[str]:
    """Modules of LIBRARIES that the file imports inside a function (docstrings and code
    shown as text are strings, not imports, and are not counted)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom) and inner.module:
                names = [inner.module]
            elif isinstance(inner, ast.Import):
                names = [alias.name for alias in inner.names]
            else:
                continue
            found.update(n for n in names if n.split(".")[0] in LIBRARIES)
    return found


def _covered(name: str) -> bool:
    """Whether importing HEAVY_MODULES imports ``name`` (itself, or a package of one)."""
    return any(m == name or m.startswith(name + ".") for m in startup.HEAVY_MODULES)


def test_heavy_modules_cover_every_lazy_import():
    lazy = {
        name: path.relative_to(ROOT)
        for path in sorted((ROOT / "regviz").rglob("*.py"))
        for name in _lazy_imports(path)
    }
    assert "sklearn.linear_model" in lazy  # the scan sees the imports it should
    missing = {name: str(path) for name, path in lazy.items() if not _covered(name)}
    assert not missing, f"add these to startup.HEAVY_MODULES: {missing}"


def test_app_modules_lists_every_experiment_and_figure_module():
    names = startup.app_modules()
    on_disk = {
        "regviz." + ".".join(p.relative_to(ROOT / "regviz").with_suffix("").parts)
        for package in ("experiments", "figures")
        for p in (ROOT / "regviz" / package).rglob("*.py")
        if p.name != "__init__.py"
    }
    assert on_disk <= set(names)
    assert names == tuple(sorted(names))


def test_preload_imports_the_libraries_in_a_fresh_process():
    code = (
        "import sys\n"
        "from regviz.ui import startup\n"
        "assert 'sklearn' not in sys.modules\n"
        "done = startup.preload()\n"
        "print(all(m in sys.modules for m in startup.HEAVY_MODULES), len(done))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    assert out[0] == "True"
    assert int(out[1]) == len(startup.HEAVY_MODULES) + len(startup.app_modules())


def test_preload_skips_a_module_that_fails_and_goes_on():
    done = startup.preload(["regviz.no_such_module", "json"], packages=[])
    assert done == ("json",)


def test_streamlit_run_serves_app_py_as_an_st_app():
    found = discover_asgi_app(ROOT / "app.py")
    assert found.is_asgi_app
    assert found.import_string == "app:app"
