"""The Overfitting page, declared: a flexible fit, its error curves, and bias–variance."""

from __future__ import annotations

from regviz.experiments.overfit import (
    BASES,
    DEFAULTS,
    LAMBDA_HIGH,
    LAMBDA_LOW,
    LAMBDA_PER_DECADE,
    MAX_DEGREE,
    PRESETS,
    TRUTHS,
    VIEW_NAMES,
)
from regviz.ui.controls import Choice, Slider
from regviz.ui.spec import PageSpec, from_log10
from regviz.ui.specs import common

SPEC = PageSpec(
    slug="overfitting",
    title="Overfitting",
    icon=":material/ssid_chart:",
    question="How does λ move a flexible model from overfit to underfit?",
    intro=(
        "A handful of noisy points drawn from a known curve are fitted with a flexible "
        "model: a polynomial of high degree (or splines, or bumps). With no penalty it chases "
        "the noise (*overfit*: tiny training error, large error on fresh data); with a huge "
        "penalty it flattens to the mean of y (*underfit*). Drag λ: on the left the fitted "
        "curves of L2 (ridge) and L1 (lasso) on the same data, on the right their training, "
        "cross-validation and test errors, with the λ you chose as a grey line."
    ),
    controls=(
        common.lambda_slider(
            LAMBDA_LOW,
            LAMBDA_HIGH,
            per_decade=LAMBDA_PER_DECADE,
            note="Here λ penalizes the coefficients of the standardized features (each "
            "centered and scaled to standard deviation 1 on the training points).",
        ),
        Choice(
            name="view",
            label="Compare",
            options=VIEW_NAMES,
            where="main",
            help="Ridge and the lasso, or the elastic net with mix r as well.",
        ),
        Choice(
            name="truth",
            label="True function",
            options=TRUTHS,
            widget="select",
            help="The curve the data come from. 'Pure noise' has no pattern at all.",
        ),
        Slider(
            name="n",
            label="Training points n",
            low=6,
            high=500,
            step=1,
            integer=True,
            help="How many noisy points the model is fitted to.",
        ),
        Slider(
            name="noise",
            label="Noise σ",
            low=0.0,
            high=2.0,
            step=0.05,
            help="Standard deviation of the noise added to the true curve (same units as y).",
        ),
        Slider(
            name="degree",
            label="Degree / number of basis functions",
            low=1,
            high=MAX_DEGREE,
            step=1,
            integer=True,
            help="Polynomial degree d (d features), or how many splines / bumps.",
        ),
        Choice(
            name="basis",
            label="Basis",
            options=BASES,
            widget="select",
            help="How x becomes features. x is mapped to t = 2x − 1 in [−1, 1]. Legendre "
            "polynomials are nearly uncorrelated; monomials t, t², … span the same curves but "
            "are strongly correlated, which changes the lasso (not least squares).",
        ),
        common.random_seed("Same seed, same data and same pictures."),
        common.folds_slider(
            low=2,
            help="k-fold cross-validation: fit on k − 1 parts, measure error on the left-out "
            "part, average over the k parts.",
        ),
        common.l1_ratio_slider(
            name="r",  # the page's links have named it r from the start
            label="Elastic-net mix r",
            secondary=True,
            visible=lambda v: v["view"] == "with_enet",
        ),
        Slider(
            name="b",
            label="Training sets B",
            low=10,
            high=300,
            step=10,
            integer=True,
            where="main",
            section="bias_variance",
            secondary=True,
            help="How many fresh training sets are drawn to measure bias² and variance.",
        ),
    ),
    defaults=DEFAULTS,
    presets=PRESETS,
    preset_help={
        "Classic overfit": "15 points, degree 12: without a penalty the curve runs wild "
        "between the points.",
        "Lots of data": "500 points: the same flexible model hardly overfits.",
        "Pure noise": "The truth is 0: every pattern in the data is noise, and the best "
        "model is the flat line at the mean of y.",
    },
    legacy_prefix="ovf_",
    legacy_values={"ovf_lam": ("lam", from_log10)},  # older links carried log₁₀ λ
    # The three figures every slider redraws are redrawn in place (the bias–variance
    # panels, behind a Run button, stay ordinary charts).
    kept_mounted=frozenset({"fit", "errors", "coefficients"}),
)
