"""The Monte Carlo page, declared: how often each ball gives an exact zero over random bowls.

Sections: ``top`` (the random design's main settings, above the zero-fraction chart),
``design`` (ε, live, and the rest of the design, in the sidebar), ``zones`` (the bowl of the
zone map),
``article`` / ``article_run`` (explained.ai's simulation, opened on demand) and ``highdim`` /
``highdim_run`` (p features, opened on demand). Settings that need a new simulation sit in
forms: they take effect with the form's Run button, so moving them costs nothing.
"""

from __future__ import annotations

from regviz.core.conventions import PENALTIES
from regviz.experiments import explainedai, highdim, montecarlo, zones
from regviz.experiments.explainedai import VARIANTS
from regviz.ui.controls import Choice, Range, Slider, Steps, Toggle
from regviz.ui.spec import PageSpec
from regviz.ui.specs import common

CONDITION_STEPS = (1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1000.0)
BOUNDARY_POINTS = (100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800)

# The controls of each on-demand section (a link naming one opens the section).
ARTICLE_NAMES = ("art_variant", "art_boundary", "art_n", "art_trials")
HIGHDIM_NAMES = ("hd_strength", "hd_corr", "hd_problems")
DESIGN_NAMES = ("center_dist", "rotation", "angle", "t", "mix", "seed")
# Where those sit: the sidebar's design section, hidden in classroom mode.
REST_OF_DESIGN = {"section": "design", "secondary": True}


def _article(values) -> bool:
    return bool(values["article"])


def _highdim(values) -> bool:
    return bool(values["highdim"])


def _bowl_direction(name: str, label: str, help: str, **fields) -> Slider:
    # The long axis of a bowl: 0° and 180° are the same direction, so 0 … 180 covers all.
    return Slider(name=name, label=label, low=0.0, high=180.0, step=5.0, help=help, **fields)


SPEC = PageSpec(
    slug="monte_carlo",
    title="Monte Carlo: how often is a coefficient zero?",
    icon=":material/scatter_plot:",
    question="Over a million random problems, how often does each penalty set a coefficient "
    "to exactly zero?",
    intro=(
        "Each trial draws a random bowl-shaped loss ½(β − c)ᵀH(β − c) — its center c (where "
        "least squares would put β) and its shape H are random — and solves it *exactly* under "
        "three budgets that all meet the axes at ±t: the L1 diamond ‖β‖₁ ≤ t, the L2 circle "
        "‖β‖₂ ≤ t and an elastic-net ball in between. Then it counts how often a coefficient "
        "comes out zero. Trials whose center is already inside a ball are left out of that "
        "ball's zero count (the penalty does nothing there) and reported separately. Ridge "
        "essentially never gives an *exact* zero, so for L2 the count is of coefficients "
        "below ε·t. Change the design and press **Simulate**."
    ),
    controls=(
        # --- the random design: main settings above the chart, the rest in the sidebar
        common.center_spread_slider(
            "scale",
            "Center spread s",
            "In units of the budget t: centers c are uniform in the box [−s·t, s·t]² (or "
            "Gaussian with sd s·t). "
            "Larger s: the unpenalized optimum is usually far outside the balls.",
            where="main",
        ),
        Range(
            name="kappa",
            label="Condition number κ",
            values=CONDITION_STEPS,
            fmt=common.plain_number,
            where="main",
            help="κ = ratio of the bowl's two curvatures: 1 gives round contours, large κ long "
            "thin ellipses (two correlated features). Drawn log-uniformly in the range; pick "
            "equal ends to fix it.",
        ),
        Toggle(
            name="million",
            label="A million trials",
            where="main",
            help="Off: 100,000 trials (a third of a second). On: a million, a few seconds "
            "with a progress bar, and confidence intervals about 3× narrower.",
        ),
        common.epsilon_steps(
            "eps",
            "Ridge zeroes a coefficient exactly only when c lies exactly on an axis "
            "(probability 0), so it is judged by |βᵢ| < ε·t instead. The figures show both "
            "rules for every penalty.",
            section="design",
        ),
        Choice(
            name="center_dist",
            label="Distribution of the centers",
            options={"uniform": "uniform", "gaussian": "Gaussian"},
            **REST_OF_DESIGN,
            help="Uniform in a square box, or Gaussian around the origin.",
        ),
        Choice(
            name="rotation",
            label="Rotation of the bowls",
            options={"uniform": "uniform", "fixed": "fixed"},
            **REST_OF_DESIGN,
            help="Uniform: the long axis of each bowl points in a random direction. Fixed: "
            "every bowl is tilted by the angle below.",
        ),
        _bowl_direction(
            "angle",
            "Fixed rotation (degrees, when fixed)",
            "Angle of the bowls' long axis, counter-clockwise from the β₁ axis; used when "
            "the rotation is fixed.",
            **REST_OF_DESIGN,
        ),
        Slider(
            name="t",
            label="Budget t",
            low=0.0,
            high=5.0,
            step=0.25,
            **REST_OF_DESIGN,
            help="Every ball meets the axes at ±t. Because the centers scale with t, the "
            "fractions do not depend on t; it sets the units of the plots.",
        ),
        common.ball_mix_slider(
            "mix",
            "The elastic-net ball r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1: r = 1 is the diamond, "
            "r = 0 the circle. (A ball mix, not scikit-learn's penalized l1_ratio.)",
            **REST_OF_DESIGN,
        ),
        common.random_seed(
            "The same seed gives exactly the same trials.", high=1_000_000, section="design"
        ),
        # --- the zone map's bowl (live: a zone map alone is cheap)
        Slider(
            name="zone_kappa",
            label="Bowl condition number κ (zone map)",
            low=1.0,
            high=100.0,
            step=1.0,
            where="main",
            section="zones",
            help="One fixed bowl shape for the zone map: the ratio of its two curvatures.",
        ),
        _bowl_direction(
            "zone_angle",
            "Bowl rotation (degrees, zone map)",
            "Direction of the bowl's long axis, counter-clockwise from the β₁ axis.",
            where="main",
            section="zones",
        ),
        # --- explained.ai's simulation, on demand
        Toggle(
            name="article",
            label="Run explained.ai's simulation",
            where="main",
            section="article",
            help="Terence Parr's article: its design, solved its way (the best of N boundary "
            "points) and exactly.",
        ),
        Toggle(
            name="art_boundary",
            label="Clouds solved like explained.ai",
            where="main",
            section="article",
            visible=_article,
            help="On: the lowest of N points on the boundary (the article's method). Off: the "
            "exact solver. The comparison chart always shows both.",
        ),
        Choice(
            name="art_variant",
            label="Loss design",
            options={v: v for v in VARIANTS},
            where="main",
            section="article_run",
            help="symmetric: round bowls; general: a, b ~ U(0, 10) and a tilt c ~ U(−2, 2); "
            "orthogonal: 'taco' bowls with one curvature fixed at 0.1.",
        ),
        Steps(
            name="art_n",
            label="Boundary points N",
            values=BOUNDARY_POINTS,
            fmt=common.with_thousands,
            where="main",
            section="article_run",
            help="The article used 100. More points: the search approaches the exact answer.",
        ),
        Steps(
            name="art_trials",
            label="Trials per ball",
            values=(5_000, 20_000, 50_000),
            fmt=common.with_thousands,
            where="main",
            section="article_run",
            secondary=True,
            help="The article used 5,000. More trials: narrower confidence intervals.",
        ),
        # --- p features, on demand
        Toggle(
            name="highdim",
            label="Run the p-feature experiment",
            where="main",
            section="highdim",
            help="Random regressions with p correlated features, fitted with scikit-learn's "
            "Lasso and Ridge (a second or two).",
        ),
        Slider(
            name="hd_strength",
            label="Lasso strength λ / λ_max",
            low=0.05,
            high=0.9,
            step=0.05,
            where="main",
            section="highdim_run",
            help="λ as a fraction of λ_max, the smallest λ that zeroes every coefficient. "
            "λ is the penalty strength in scikit-learn's ElasticNet/Lasso convention.",
        ),
        Slider(
            name="hd_corr",
            label="Correlation between features ρ",
            low=0.0,
            high=0.9,
            step=0.1,
            where="main",
            section="highdim_run",
            help="Every pair of features has this correlation.",
        ),
        Steps(
            name="hd_problems",
            label="Problems per p",
            values=(20, 50, 100),
            where="main",
            section="highdim_run",
            help="Random problems for each number of features (100 rows each).",
        ),
    ),
    defaults={**montecarlo.DEFAULTS, **zones.DEFAULTS, **explainedai.DEFAULTS, **highdim.DEFAULTS},
    presets=montecarlo.PRESETS,
    preset_help={
        "Round bowls (κ = 1)": "κ = 1: every bowl is round, the zero zones are "
        "the diamond's 90° corner wedges.",
        "Long thin bowls (κ 10–100)": "κ from 10 to 100: long thin bowls, as from strongly "
        "correlated features.",
        "Gaussian centers": "Centers drawn from a Gaussian around the origin instead of a box.",
    },
    legacy_prefix="mc_",
    # The figures a live control redraws — ε (in the sidebar): the zero fractions, the
    # histogram's ε·t line, the cloud of each penalty that reads ε; the zone map's bowl and
    # ε: the zone maps. They are redrawn in place (the clouds of the other penalties stay
    # ordinary charts).
    kept_mounted=frozenset(
        {"fractions", "histogram"}
        | {f"zones_{p}" for p in PENALTIES}
        | {f"solutions_{p}" for p in PENALTIES if montecarlo.reads_epsilon(p)}
    ),
)

ARTICLE_INTRO = (
    "Terence Parr's article *The difference between L1 and L2 regularization* (explained.ai) "
    "ran 5,000 random losses per penalty with budget t = 2 and found the constrained optimum "
    "by evaluating the loss at 100 points on the boundary, counting a zero when the best point "
    "was an axis point. Here is its design, solved its way and exactly."
)
HIGHDIM_INTRO = (
    "Random regressions with p correlated features and a *dense* truth (every feature "
    "matters), fitted with scikit-learn's Lasso at λ = strength·λ_max and Ridge at the λ "
    "that gives it the **same Euclidean norm ‖β‖₂** (ridge's ‖β‖₂ shrinks steadily with λ, so "
    "the match is unique). Lasso zeros are exact; ridge counts |βⱼ| < ε·‖β‖₂ (ε and the seed "
    "are the design's)."
)
