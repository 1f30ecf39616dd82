"""AppTest of the claim checker page: renders, the seed slider changes the figure, verdicts."""

from __future__ import annotations

import pytest
from apptest_helpers import open_page, plotly_specs

from regviz.experiments.claims import CHECKS, CLAIMS

PAGE = "pages/claims.py"


def open_claim(claim: str):
    """Open the page and pick ``claim`` in the selectbox."""
    at = open_page(PAGE)
    at.selectbox(key="claim_which").set_value(claim).run()
    return at


def test_page_renders_with_a_figure_and_a_verdict() -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert len(plotly_specs(at)) == 1
    verdict = CHECKS["sparse"](seed=0).verdict.upper()
    assert any(verdict in md.value for md in at.markdown)
    assert any("What to notice" in md.value for md in at.markdown)


def test_seed_slider_changes_the_main_figure() -> None:
    at = open_page(PAGE)
    before = plotly_specs(at)[0]
    at.slider(key="claim_seed").set_value(7).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_every_claim_renders(claim: str) -> None:
    at = open_claim(claim)
    assert not at.exception
    assert not at.error
    assert len(plotly_specs(at)) == 1
    assert any(CLAIMS[claim].statement in h.value for h in at.subheader)


def test_flip_button_changes_the_verdict() -> None:
    at = open_claim("proportion")
    assert any("FALSE" in md.value for md in at.markdown if "Verdict" in md.value)
    at.button(key="claim_flip").click().run()
    assert not at.exception
    assert any(
        "TRUE" in md.value and "FALSE" not in md.value
        for md in at.markdown
        if "Verdict" in md.value
    )


def test_no_outlier_gives_a_clear_message() -> None:
    at = open_claim("outliers")
    at.slider(key="claim_outliers_outlier_size").set_value(0).run()
    assert not at.exception
    assert at.error
    assert "outlier" in at.error[0].value
