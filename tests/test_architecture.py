"""The layers of regviz, held against the code: imports point one way only.

core ← experiments ← figures ← ui ← pages. Only :mod:`regviz.ui` (and ``app.py`` and
``pages/``) may import streamlit, and ``import regviz`` must load neither streamlit nor
scikit-learn (the public names are imported on first use).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "regviz"

# Layer of each subpackage, lowest first; a module may import its own layer and below.
LAYERS = {"core": 0, "experiments": 1, "figures": 2, "ui": 3}
# Top-level modules that only hand on names from a lower layer (stable public paths).
FACES = {"__init__", "geometry", "paths", "montecarlo", "samplecomplexity"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    """Every module name imported by ``path`` (absolute names; relative ones resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            # "from regviz.figures import common" imports the module regviz.figures.common.
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _layer_of(module: str) -> tuple[str, int] | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "regviz" and parts[1] in LAYERS:
        return parts[1], LAYERS[parts[1]]
    return None


def _own(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_ui_imports_streamlit(path: Path) -> None:
    if _layer_of(_own(path)) == ("ui", 3):
        return
    bad = sorted(m for m in _imports(path) if m.split(".")[0] == "streamlit")
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}; only regviz/ui may."


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down_the_layers(path: Path) -> None:
    own = _layer_of(_own(path))
    imported = [m for m in _imports(path) if m.startswith("regviz.")]
    if own is None:
        assert path.stem in FACES, f"{path.name} sits at the top of regviz/ but is no face"
        for module in imported:
            assert _layer_of(module) is not None and _layer_of(module)[0] in {
                "core",
                "experiments",
            }, f"{path.name} hands on {module}, which is not core or experiments"
        return
    name, level = own
    for module in imported:
        target = _layer_of(module)
        assert target is not None, f"{_own(path)} imports the face {module}; import the layer"
        assert target[1] <= level, f"{_own(path)} ({name}) imports {module} ({target[0]})"
        if name == "figures" and target[0] == "figures":
            shared = module == "regviz.figures" or module.startswith("regviz.figures.common")
            assert shared or _own(path).endswith(".common"), (
                f"{_own(path)} imports {module}: figure modules share only figures.common"
            )


def _loaded_by(imports: str, heavy: tuple[str, ...]) -> list[str]:
    """Which of the ``heavy`` modules a fresh interpreter has loaded after ``import
    <imports>`` (a fresh one: this test process has imported everything already)."""
    code = f"import sys, {imports}; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return ast.literal_eval(out.stdout.strip())


def test_import_regviz_loads_no_streamlit_and_no_sklearn() -> None:
    assert _loaded_by("regviz", ("streamlit", "sklearn", "plotly")) == []


def test_public_api_names_resolve_to_documented_functions() -> None:
    import regviz

    for name in regviz.__all__:
        obj = getattr(regviz, name)
        assert obj.__doc__ and "Examples" in obj.__doc__, f"regviz.{name} needs a runnable example"


def test_stable_public_paths_still_import() -> None:
    from regviz.geometry import solve_constrained, solve_penalized  # noqa: F401
    from regviz.montecarlo import simulate  # noqa: F401
    from regviz.paths import coefficient_path  # noqa: F401


def test_the_app_frame_and_specs_load_no_scikit_learn_pandas_or_scipy() -> None:
    # A first visit to a page that needs no model fit (Geometry, Monte Carlo, Bayesian, ...)
    # must not pay ~1 CPU-s for importing scikit-learn, nor ~0.4 for pandas and scipy
    # (the CSV button writes its table only when pressed).
    ui = "regviz.ui.router, regviz.ui.specs, regviz.ui.lesson_mode"
    assert _loaded_by(ui, ("sklearn", "pandas", "scipy")) == []


def _cache_calls(tree: ast.AST) -> list[ast.Call]:
    """Every ``st.cache_data(...)`` / ``st.cache_resource(...)`` call in a module."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"cache_data", "cache_resource"}
    ]


def test_every_cache_is_bounded_in_entries_and_time() -> None:
    # One process serves every visitor: a cache without max_entries or ttl grows with
    # every distinct setting until the server runs out of memory (issue 12).
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    files += sorted((ROOT / "regviz" / "ui").rglob("*.py"))
    calls = 0
    for path in files:
        for call in _cache_calls(ast.parse(path.read_text(encoding="utf-8"))):
            calls += 1
            given = {keyword.arg for keyword in call.keywords}
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            assert {"max_entries", "ttl"} <= given, f"{where}: a cache needs max_entries and ttl"
    assert calls >= 20  # the pages do cache: the scan found them
