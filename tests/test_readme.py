"""The README's notebook example runs as written and prints what the comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_notebook_example_runs_and_shows_a_corner():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Use it from a notebook", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    lines = out.getvalue().splitlines()
    assert lines[0] == "[1. 0.]"  # the diamond's corner: β₂ exactly 0
    assert "exact zeros at λ =" in lines[1]
    lasso, ridge = (float(x) for x in lines[2].split())
    assert 0.3 < lasso < 0.45 and ridge < 0.05
