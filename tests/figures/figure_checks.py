"""Shared by the figure tests: what a figure sends to the browser."""

from __future__ import annotations

import json

import plotly.graph_objects as go


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
