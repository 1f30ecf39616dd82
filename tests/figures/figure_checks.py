"""Shared by the figure tests: what a figure sends to the browser."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go


def decoded(values: object) -> np.ndarray:
    """A trace array as floats, from a list or plotly's base64 typed array (``bdata``)."""
    if isinstance(values, dict) and "bdata" in values:
        raw = base64.b64decode(values["bdata"])
        return np.frombuffer(raw, dtype=values["dtype"]).astype(float)
    return np.asarray(values, dtype=float)


def json_and_dtypes(fig: go.Figure) -> tuple[str, set[str]]:
    """The figure's JSON, and the dtypes of the typed arrays (``bdata``) in its traces."""
    text = fig.to_json()
    dtypes = {
        value["dtype"]
        for trace in json.loads(text)["data"]
        for value in trace.values()
        if isinstance(value, dict) and "bdata" in value
    }
    return text, dtypes


def assert_text_takes_the_theme_colour(spec: dict) -> None:
    """The figure's fonts, title and annotations name no colour: the page theme sets it.

    ``spec`` is the figure as JSON (``json.loads(pio.to_json(fig))``); what its traces
    may carry (``textfont``) each test checks on its own terms.
    """
    layout = spec["layout"]
    assert "color" not in layout.get("font", {})
    assert "color" not in layout.get("title", {}).get("font", {})
    for annotation in layout.get("annotations", []):
        assert "color" not in annotation.get("font", {})
