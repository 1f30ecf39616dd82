"""The Bayesian page, declared: a Laplace prior gives the lasso, a Gaussian prior ridge."""

from __future__ import annotations

from regviz.core.conventions import LAMBDA_HELP
from regviz.experiments.bayes import DEFAULTS, INTRO, LEGACY_DEFAULTS, PRESETS
from regviz.ui.controls import Choice, Slider
from regviz.ui.spec import PageSpec
from regviz.ui.specs import common


def _two(values) -> bool:
    return values["dims"] == 2


SPEC = PageSpec(
    slug="bayesian",
    title="Bayesian view: priors and MAP",
    icon=":material/casino:",
    question="Which prior gives the lasso, which gives ridge — and is the posterior sparse?",
    intro=INTRO,
    controls=(
        common.coefficient_slider(
            "c1",
            lambda v: "Least-squares estimate β̂₁" if _two(v) else "Least-squares estimate β̂",
            "What the data alone say: where the likelihood peaks (the unpenalized, OLS "
            "estimate). Closer to 0 than λ and the lasso (the Laplace MAP) is exactly 0.",
            step=0.05,
            where="main",
        ),
        Slider(
            name="prior_sd",
            label="Prior standard deviation",
            low=0.05,
            high=3.0,
            step=0.05,
            where="main",
            help="Both priors get this standard deviation: Laplace scale b = sd/√2, Gaussian "
            "τ = sd. A tighter prior means a larger λ: λ = σ²/(n·b) for the lasso, σ²/(n·τ²) "
            "for ridge. " + LAMBDA_HELP,
        ),
        Choice(
            name="dims",
            label="Coefficients",
            options={1: "one (β)", 2: "two (β₁, β₂)"},
            where="main",
            help="One coefficient: densities over β. Two: contour lines over (β₁, β₂).",
        ),
        common.animate_lambda_toggle(
            "Each figure gets ▶ Play: the prior sd shrinks from 3 to 0.05 (λ grows) in your "
            "browser, with no waiting for the server. Watch the prior tighten, the posterior "
            "follow it, and the Laplace MAP (the lasso) snap to exactly 0 while the posterior "
            "mean does not; the Gaussian MAP (ridge) only shrinks.",
            "▶ Animate",
        ),
        common.coefficient_slider(
            "c2",
            "Least-squares estimate β̂₂",
            "Where the likelihood peaks along β₂. With β̂₂ = 0 and ρ = 0 the posterior mean "
            "of β₂ is exactly 0, by symmetry.",
            step=0.05,
            visible=_two,
        ),
        Slider(
            name="sigma",
            label="Noise level σ",
            low=0.1,
            high=5.0,
            step=0.1,
            help="Standard deviation of the noise in y = Xβ + b + ε. More noise: a wider "
            "likelihood and a larger λ.",
        ),
        Slider(
            name="n",
            label="Observations n",
            low=1,
            high=500,
            step=1,
            integer=True,
            help="Number of data rows. More data: a narrower likelihood and a smaller λ.",
        ),
        Slider(
            name="rho",
            label="Correlation between the two features ρ",
            low=-0.9,
            high=0.9,
            step=0.05,
            visible=_two,
            secondary=True,
            help="Standardized features with correlation ρ: H = XᵀX/n = [[1, ρ], [ρ, 1]] tilts "
            "the likelihood's ellipses.",
        ),
    ),
    defaults={**DEFAULTS, **common.ANIMATION_OFF},
    presets=PRESETS,
    preset_help={
        "weak data": "λ exceeds |β̂|: the lasso solution (the Laplace "
        "MAP) is exactly 0, the posterior mean and the ridge solution are not.",
        "more data": "Twice the observations halve λ: the Laplace MAP moves off 0.",
        "strong data": "400 observations and less noise: MAP, mean and least squares nearly agree.",
        "two coefficients": "Two correlated features: the lasso keeps β₁ and "
        "sets β₂ to exactly 0; the posterior mean of β₂ is not 0.",
        "symmetry": "β̂₂ = 0 and uncorrelated features: the posterior "
        "mean of β₂ is exactly 0 too — by symmetry, not by sparsity.",
    },
    legacy_prefix="bay_",  # bay_c1, bay_dims, bay_c2, bay_sigma, bay_n, bay_prior_sd, bay_rho
    legacy_defaults=LEGACY_DEFAULTS,  # old links were made when n defaulted to 20
    # Every control redraws both panels, in place.
    kept_mounted=frozenset({"laplace", "gaussian"}),
)
