"""What every page promises, checked once for all of them over a table of the pages.

Each page falls back from a tampered link with a short, inert notice and still draws its
figures; its Reset button puts every control back and bares the link; a core call that
fails shows a plain error, never a traceback. A row of :data:`PAGES` gives a page's own
data for these checks (its tampered links, its figure count, the link Reset is pressed
on, the core call to break) and, where the page checks more, a function of the AppTest
run after the shared check. The test ids name the page. What only one page shows stays in
its own ``test_<slug>_page.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import page_checks as check
import pytest
from apptest_helpers import drawn_values, open_clean, plotly_specs
from streamlit.testing.v1 import AppTest

from regviz.experiments import montecarlo, optimizers, samplecomplexity
from regviz.ui.spec import PageSpec
from regviz.ui.specs import spec_for


@dataclass(frozen=True)
class Contract:
    """One page's data for the shared checks."""

    slug: str
    tampered: list[dict[str, Any]]  # links the page must fall back from, with a notice
    figures: int | None  # how many figures it draws after such a link (None: not counted)
    reset_from: dict[str, str] | None  # a link away from the defaults, to press Reset on
    # A core call made to raise: target ("module.function"), reason, says and query, as
    # page_checks.failing_core_call_shows_an_error takes them (None: its file tests it).
    core_failure: dict[str, Any] | None
    quotes_html: bool = False  # its notice quotes a link's HTML value inside a code span
    after_tampering: Callable[[AppTest], None] | None = None  # what the page checks besides
    after_reset: Callable[[AppTest], None] | None = None

    @property
    def spec(self) -> PageSpec:
        return spec_for(self.slug)


def _claims_show_no_error_but_the_verdict(at: AppTest) -> None:
    # A FALSE verdict is a red box too (a "## " heading); nothing else may be one.
    assert not [e.value for e in at.error if not e.value.startswith("## ")]


def _claims_put_back_a_claim_not_on_screen(at: AppTest) -> None:
    assert at.slider(key="claims_seed").value == 0
    at.selectbox(key="claims_which").set_value("collinearity").run()
    assert at.slider(key="claims_collinearity_correlation").value == 0.995


def _monte_carlo_keeps_its_figures_and_seed(at: AppTest) -> None:
    assert len(plotly_specs(at)) >= MONTE_CARLO_FIGURES
    assert at.number_input(key="monte_carlo_seed").value == montecarlo.DEFAULTS["seed"]


def _monte_carlo_closes_the_article_again(at: AppTest) -> None:
    assert at.slider(key="monte_carlo_zone_kappa").value == 4.0
    assert len(plotly_specs(at)) == MONTE_CARLO_FIGURES


def _sample_complexity_shows_its_defaults(at: AppTest) -> None:
    assert drawn_values(at, spec_for("sample_complexity")) == samplecomplexity.DEFAULTS


def _three_d_keeps_the_monte_carlo_spread(at: AppTest) -> None:
    assert at.slider(key="three_d_mc_spread").value == 2.0


MONTE_CARLO_FIGURES = 8  # zero fractions, three balls, histogram, three zone maps

PAGES = [
    Contract(
        "bayesian",
        tampered=[
            *check.impossible_numbers("n"),
            {"c1": "1e400"},
            {"sigma": "0"},
            {"prior_sd": "nan"},
            {"rho": "banana", "dims": "2"},
            {"dims": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=2,
        reset_from={"c1": "-1.5", "dims": "2", "sigma": "4", "n": "300", "prior_sd": "2"},
        core_failure={
            "target": "regviz.experiments.bayes.bayes_view",
            "reason": "The noise level σ must be a positive number; got 0.",
            "says": "posterior",
            "query": {"c1": "0.55"},
        },
    ),
    Contract(
        "claims",
        tampered=[
            *check.impossible_numbers("seed"),
            {"seed": "1e400"},
            {"sparse_lam": "banana"},
            {"sparse_lam": "1e400"},
            {"claim_sparse_loglam": "1e400"},
            {"claim_sparse_loglam": "nan"},
            {"which": check.IMAGE},
            {"which": "outliers", "outliers_outlier_size": "-3"},
            check.UNKNOWN_SCRIPT,
        ],
        figures=None,
        after_tampering=_claims_show_no_error_but_the_verdict,
        reset_from={"which": "collinearity", "collinearity_correlation": "0.5", "seed": "3"},
        after_reset=_claims_put_back_a_claim_not_on_screen,
        core_failure={
            "target": "regviz.experiments.claims.sparse.sparse_regression_data",
            "reason": "The features are collinear.",
            "says": "cannot run",
        },
    ),
    Contract(
        "early_stopping",
        tampered=[
            {"t": "inf"},
            {"t": "1e400"},
            {"t": "9" * 400},
            {"t": "banana"},
            {"t": "12"},  # not one of the offered steps
            {"t": "20000", "n_steps": "1000"},  # beyond the trajectory
            {"step_scale": "nan"},
            {"step_scale": "2"},
            {"n_steps": "-5"},
            {"dataset": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=2,
        reset_from={"t": "300", "step_scale": "1", "dataset": "wine", "n_steps": "10000"},
        # earlystopping imports the loader where it loads (regviz.experiments.datasets)
        core_failure={
            "target": "regviz.experiments.datasets.load_bundled",
            "reason": "Every feature is constant: there is nothing to fit.",
            "says": "cannot be drawn",
        },
    ),
    Contract(
        "geometry",
        tampered=[
            *check.impossible_numbers("seed", source="data"),
            {"t": "banana"},
            {"t": "1e400"},
            {"lam": "nan", "mode": "lam"},
            {"penalty": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=None,
        reset_from={"t": "3.0", "side_by_side": "0", "path": "0"},
        core_failure={
            "target": "regviz.experiments.geometry_scenes.loss_for",
            "reason": "The features are collinear.",
            "says": "cannot be drawn",
        },
    ),
    Contract(
        "monte_carlo",
        tampered=[
            *check.impossible_numbers("mc_seed"),
            {"seed": "1e400"},
            {"scale": "banana"},
            {"t": "1e400"},
            {"kappa": "nan"},
            {"mc_art_variant": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=None,  # at least its default ones: a link may open a section
        after_tampering=_monte_carlo_keeps_its_figures_and_seed,
        reset_from={"scale": "3", "zone_kappa": "20", "article": "1"},
        after_reset=_monte_carlo_closes_the_article_again,
        core_failure={
            "target": "regviz.experiments.montecarlo.simulate",
            "reason": "The design is broken.",
            "says": "cannot be simulated",
        },
    ),
    Contract(
        "one_lambda",
        tampered=[
            *check.impossible_numbers("seed"),
            {"lam": "1e400"},
            {"lam": "-1"},
            {"rho": "banana"},
            {"penalty": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=3,
        reset_from={"lam": "2.5", "penalty": "l2", "rho": "0", "seed": "5"},
        core_failure={
            "target": "regviz.experiments.onelambda.make_two_feature_data",
            "reason": "The two features are collinear.",
            "says": "fitted",
            "query": {"rho": "0.35"},
        },
    ),
    Contract(
        "optimizer",
        tampered=[
            {"lam": "inf"},
            {"lam": "1e400"},
            {"steps": "9" * 400},
            {"kappa": "banana"},
            {"angle": check.IMAGE},
            {"opt_c1": "nan"},
            check.UNKNOWN_SCRIPT,
        ],
        figures=len(optimizers.METHODS) + 2,
        reset_from={"lam": "3.0", "steps": "20", "start_1": "1.0"},
        core_failure={
            "target": "regviz.experiments.optimizers.run_all",
            "reason": "The step-size factor must lie strictly between 0 and 2.",
            "says": "cannot be optimized",
            "query": {"lam": "1.55"},
        },
    ),
    Contract(
        "overfitting",
        tampered=[
            *check.impossible_numbers("seed"),
            {"n": "banana"},
            {"noise": "1e400"},
            {"lam": "nan"},
            {"lam": "0"},
            {"truth": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=3,
        reset_from={"lam": "1", "n": "50", "view": "with_enet", "seed": "4"},
        core_failure={
            "target": "regviz.experiments.overfit.error_curves",
            "reason": "The features are collinear.",
            "says": "cannot be fitted",
        },
    ),
    Contract(
        "paths",
        tampered=[
            *check.impossible_numbers("seed", source="synthetic"),
            {"n": "1e400", "source": "synthetic"},
            {"lam": "banana"},
            {"lam": "1e400"},
            {"view": check.IMAGE},
            {"source": "<script>alert(1)</script>" * 300},
        ],
        figures=None,
        # The notice quotes the source it cannot use, HTML and all, inside a code span.
        quotes_html=True,
        reset_from={"view": "l2", "units": "original", "lam": "0.5"},
        core_failure=None,  # a failing fit must not show the server's paths either
    ),
    Contract(
        "sample_complexity",
        tampered=[
            *check.impossible_numbers("ng_live_seed"),
            {"live_seed": "1e400"},
            {"ng_features": "nan"},
            {"ng_features": "5000"},
            {"features": "1e400"},
            {"features": "250"},  # new links name a computed count
            {"m": "banana"},
            {"ng_metric": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=len(samplecomplexity.SETTINGS),
        after_tampering=_sample_complexity_shows_its_defaults,
        reset_from=None,  # its file checks the link took before Reset undoes it
        core_failure=None,
    ),
    Contract(
        "three_d",
        tampered=[
            *check.impossible_numbers("mc_seed"),
            {"t": "banana"},
            {"t": "1e400"},
            {"c1": "inf"},
            {"lam": "nan", "mode": "lam"},
            {"penalty": check.IMAGE},
            {"mc_kappa": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=3,
        reset_from={"t": "3.0", "side_by_side": "0", "c1": "-1", "mc_spread": "5"},
        after_reset=_three_d_keeps_the_monte_carlo_spread,
        core_failure={
            "target": "regviz.experiments.geometry3d_scenes.loss_for_3d",
            "reason": "The bowl is flat.",
            "says": "cannot be drawn",
            "query": {"c1": "1.3"},
        },
    ),
    Contract(
        "weight_decay",
        tampered=[
            {"lam": "inf"},
            {"lam": "1e400"},
            {"lam": "9" * 400},
            {"lam": "-1"},
            {"scale_decades": "banana"},
            {"scale_decades": "1.3"},
            {"n_steps": "100000"},
            {"n_features": "nan"},
            *check.impossible_numbers("seed"),
            {"lr_adam": check.IMAGE},
            check.UNKNOWN_SCRIPT,
        ],
        figures=2,
        reset_from={"lam": "0.03", "scale_decades": "2", "n_steps": "500", "seed": "5"},
        core_failure={
            "target": "regviz.experiments.weightdecay.make_problem",
            "reason": "Use at least 10 samples.",
            "says": "cannot be trained",
        },
    ),
]


def _params(name: str) -> list:
    """A case for each page whose ``name`` is given (a page with None tests it in its file)."""
    return [pytest.param(p, id=p.slug) for p in PAGES if getattr(p, name) is not None]


@pytest.mark.parametrize(
    ("page", "query"),
    [
        pytest.param(page, query, id=f"{page.slug}-query{index}")
        for page in PAGES
        for index, query in enumerate(page.tampered)
    ],
)
def test_tampered_links_fall_back_with_an_inert_notice(page: Contract, query: dict) -> None:
    at = check.tampered_link_falls_back(page.spec.path, query, quotes_html=page.quotes_html)
    if page.figures is not None:
        assert len(plotly_specs(at)) == page.figures
    if page.after_tampering:
        page.after_tampering(at)


@pytest.mark.parametrize("page", _params("reset_from"))
def test_reset_puts_every_control_back(page: Contract) -> None:
    at = open_clean(page.spec.path, page.reset_from)
    check.reset_restores_defaults(at, page.spec)
    if page.after_reset:
        page.after_reset(at)


@pytest.mark.parametrize("page", _params("core_failure"))
def test_a_failing_core_call_shows_an_error_not_a_traceback(
    page: Contract, monkeypatch: pytest.MonkeyPatch
) -> None:
    failure = page.core_failure
    check.failing_core_call_shows_an_error(
        monkeypatch,
        page.spec.path,
        failure["target"],
        reason=failure["reason"],
        says=failure["says"],
        query=failure.get("query"),
    )
