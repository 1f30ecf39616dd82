"""The Coefficient paths page, declared: every coefficient as λ moves, and which λ to pick."""

from __future__ import annotations

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments.datasets import BUNDLED
from regviz.experiments.paths import DEFAULTS, PRESETS, VIEW_PENALTIES
from regviz.ui.controls import Choice, Slider, Toggle
from regviz.ui.spec import PageSpec, from_log10
from regviz.ui.specs import common

SOURCES = {**BUNDLED, "synthetic": "Synthetic (you choose the truth)", "csv": "Upload a CSV"}
VIEWS = {
    "compare": "Lasso | ridge",
    "all": "All three",
    "l1": "Lasso",
    "l2": "Ridge",
    "elasticnet": "Elastic net",
}


def _synthetic(values) -> bool:
    return values["source"] == "synthetic"


def _has_enet(values) -> bool:
    return values["view"] in ("all", "elasticnet")


def _single(values) -> bool:
    return values["view"] in ("l1", "l2", "elasticnet")


# The synthetic data's settings: in the data section, shown only while it is the source.
SYNTHETIC = {"section": "data", "visible": _synthetic}


SPEC = PageSpec(
    slug="paths",
    title="Coefficient paths",
    icon=":material/timeline:",
    question="What happens to every coefficient as λ grows — and which λ should you pick?",
    intro=(
        "Each line is one coefficient of a linear model, drawn against the penalty strength "
        "λ (log axis: stronger to the right). The **lasso (L1)** sets coefficients to "
        "*exactly* zero one by one — the top axis counts the non-zero ones — while **ridge "
        "(L2)** shrinks them all together and never reaches zero. Below, k-fold "
        "cross-validation estimates the prediction error at each λ: λ_min has the lowest, "
        "λ_1se is the largest λ within one standard error of it (a simpler model that "
        "predicts about as well); λ starts there. Features are scaled to standard deviation 1 "
        "before penalizing, so their units (grams or kilograms) do not decide which survives; "
        "coefficients are shown per 1 SD of x (comparable) or per unit of x."
    ),
    controls=(
        common.lambda_slider(
            1e-3,
            1e3,
            label="Penalty λ (starts at λ_1se)",
            section="lambda",
            dynamic=True,
            note="The range covers every penalty's λ grid on these data.",
        ),
        Choice(
            name="view",
            label="Penalties",
            options=VIEWS,
            widget="select",
            where="main",
            # Older links: the penalty picker's labels and the compare toggle (three panels).
            aliases={
                PENALTY_NAMES["l1"]: "l1",
                PENALTY_NAMES["l2"]: "l2",
                "true": "all",
                "false": "l1",
            },
            help="Lasso and ridge side by side on one λ axis and one coefficient axis, all "
            "three penalties, or one at a time.",
        ),
        common.animate_lambda_toggle(
            "▶ Play above each figure sweeps the λ line from the smallest λ to the "
            "largest in your browser (no waiting for the server): watch the coefficients "
            "reach zero one by one.",
            label="▶ Animate",  # it shares a narrow column with the penalty picker
        ),
        Choice(
            name="source",
            label="Data",
            options=SOURCES,
            widget="select",
            section="data",
            help="Real data bundled with scikit-learn (no download), synthetic data with a "
            "known truth, or your own CSV file.",
        ),
        Slider(
            name="n",
            label="Samples n",
            low=20,
            high=2000,
            step=10,
            integer=True,
            **SYNTHETIC,
            help="Number of rows of simulated data.",
        ),
        Slider(
            name="p",
            label="Features p",
            low=2,
            high=300,
            step=1,
            integer=True,
            **SYNTHETIC,
            help="Number of features (columns).",
        ),
        Slider(
            name="k",
            label="Truly non-zero coefficients k",
            low=0,
            high=50,
            step=1,
            integer=True,
            **SYNTHETIC,
            help="How many of the p features really influence y (at most p).",
        ),
        Slider(
            name="rho",
            label="Feature correlation ρ",
            low=0.0,
            high=0.95,
            step=0.05,
            **SYNTHETIC,
            help="Every pair of features has this correlation.",
        ),
        Slider(
            name="sigma",
            label="Noise σ",
            low=0.0,
            high=5.0,
            step=0.1,
            secondary=True,
            **SYNTHETIC,
            help="Standard deviation of the noise added to y.",
        ),
        common.random_seed("The same seed gives the same data.", label="Seed", **SYNTHETIC),
        Choice(
            name="units",
            label="Coefficient units",
            options={"standardized": "per 1 SD of x", "original": "per unit of x"},
            help="Per one standard deviation of each feature (comparable across features), "
            "or per unit of each feature as given.",
        ),
        common.l1_ratio_slider(high=1.0, visible=_has_enet),
        Choice(
            name="x_axis",
            label="x axis",
            options={"lambda": "log λ", "norm": "‖β‖₁ / max ‖β‖₁"},
            secondary=True,
            visible=_single,
            help="glmnet offers both: λ on a log scale, or the size of the coefficient vector "
            "relative to its largest size on the path (one penalty at a time).",
        ),
        Toggle(
            name="standardize",
            label="Standardize features before penalizing",
            secondary=True,
            help="Scale every feature to standard deviation 1 so the penalty does not depend "
            "on units. Turn off to see the units decide.",
        ),
        common.folds_slider(low=3, help="k-fold CV: each fold is held out once."),
    ),
    defaults={**DEFAULTS, **common.ANIMATION_OFF},
    presets=PRESETS,
    preset_help={
        "lasso vs ridge side by side": "Diabetes data, per 1 SD of x: the lasso zeroes "
        "coefficients one by one, ridge shrinks them all.",
        "the classic picture": "Lasso paths on the diabetes data, as glmnet draws them.",
        "can the lasso find the truth?": "Synthetic data: 5 truly non-zero coefficients "
        "among 50 correlated features.",
        "all three penalties": "Lasso, ridge and the elastic net on one λ axis.",
    },
    legacy_prefix="paths_",
    # The old penalty picker and compare toggle both live on in "view".
    legacy_names={"penalty": "view", "compare": "view"},
    # Older links carried log₁₀ λ; they open at the nearest λ the control offers.
    legacy_values={"paths_log_lambda": ("lam", from_log10)},
    # Every control redraws the figures (λ moves the marker, k the CV curve): in place.
    kept_mounted=frozenset(
        f"figure_{penalty}" for penalties in VIEW_PENALTIES.values() for penalty in penalties
    ),
)


def lambda_bounds(span: tuple[float, float], lambda_1se: float) -> dict[str, float]:
    """The λ control's range (every penalty's grid on the data) and its start, λ_1se
    snapped to the nearest value the control offers.

    Examples
    --------
    >>> lambda_bounds((0.01, 100.0), 0.37)
    {'low': 0.01, 'high': 100.0, 'default': 0.4}
    >>> lambda_bounds((0.01, 100.0), 5.19)["default"]
    5.0
    """
    low, high = span
    default = SPEC.control("lam").parse([repr(float(lambda_1se))], low=low, high=high)
    return {"low": low, "high": high, "default": default}
