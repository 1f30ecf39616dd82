"""Monte Carlo: how often does each penalty set a coefficient to zero?"""

from __future__ import annotations

import streamlit as st

from regviz.experiments.explainedai import (
    ARTICLE_RATES,
    ArticleRun,
    BoundarySweep,
    boundary_sweep,
    reproduce,
)
from regviz.experiments.highdim import HighDimResult, simulate_highdim
from regviz.experiments.montecarlo import MonteCarloResult, simulate
from regviz.experiments.zones import ZoneMap, zone_map
from regviz.figures.monte_carlo import (
    make_article_cloud_figure,
    make_article_comparison_figure,
    make_boundary_sweep_figure,
    make_highdim_figure,
    make_smaller_coefficient_figure,
    make_solution_scatter_figure,
    make_zero_fraction_figure,
    make_zone_map_figure,
)

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

classroom = st.session_state.get("classroom", False)

CONDITION_STEPS = [1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1000.0]
EPSILONS = [0.001, 0.003, 0.01, 0.03, 0.1]
BOUNDARY_POINTS = [100, 200, 400, 800, 1600, 3200, 6400, 12800]
SWEEP_POINTS = (100, 400, 1600, 6400)
HIGHDIM_P = (2, 5, 10, 20, 50)

DEFAULTS = {
    "mc_scale": 2.0,
    "mc_kappa": (1.0, 10.0),
    "mc_center_dist": "uniform",
    "mc_rotation": "uniform",
    "mc_angle": 30.0,
}
PRESETS = {
    "The classic picture: round bowls": {"mc_kappa": (1.0, 1.0), "mc_rotation": "uniform"},
    "Elongated, tilted bowls": {"mc_kappa": (10.0, 100.0), "mc_rotation": "uniform"},
    "Default design": dict(DEFAULTS),
}


def apply_preset(name: str) -> None:
    """Write a preset's settings into the widgets' session state (runs before the rerun)."""
    for key, value in PRESETS[name].items():
        st.session_state[key] = value


def set_article_variant(variant: str) -> None:
    """Choose one of explained.ai's three designs."""
    st.session_state["mc_art_variant"] = variant


@st.cache_data(max_entries=12, show_spinner=False)
def cached_simulation(
    n_trials: int,
    seed: int,
    center_distribution: str,
    center_scale: float,
    condition_min: float,
    condition_max: float,
    rotation: str,
    angle_deg: float,
    t: float,
    l1_ratio: float,
    epsilon: float,
) -> MonteCarloResult:
    # The bar is created inside the cached function so that a cache hit can replay it.
    bar = st.progress(0.0, text=f"Solving {n_trials:,} random problems × 3 penalties …")
    try:
        return simulate(
            n_trials,
            seed,
            progress=lambda done: bar.progress(min(done, 1.0), text=f"{done:.0%} of the trials"),
            keep=6_000,
            center_distribution=center_distribution,
            center_scale=center_scale,
            condition_min=condition_min,
            condition_max=condition_max,
            rotation=rotation,
            angle_deg=angle_deg,
            t=t,
            l1_ratio=l1_ratio,
            epsilon=epsilon,
        )
    finally:
        bar.empty()


@st.cache_data(max_entries=16, show_spinner=False)
def cached_zones(
    kappa: float, angle: float, t: float, epsilon: float, l1_ratio: float, resolution: int
) -> ZoneMap:
    return zone_map(
        kappa,
        angle,
        t=t,
        epsilon=epsilon,
        l1_ratio=l1_ratio,
        resolution=resolution,
        penalties=("l1", "l2", "elasticnet"),
    )


@st.cache_data(max_entries=24, show_spinner=False)
def cached_article(
    variant: str, method: str, n_boundary: int, n_trials: int, seed: int
) -> ArticleRun:
    return reproduce(
        variant, method=method, n_boundary=n_boundary, n_trials=n_trials, seed=seed, keep=5_000
    )


@st.cache_data(max_entries=12, show_spinner=False)
def cached_sweep(variant: str, n_trials: int, seed: int) -> BoundarySweep:
    return boundary_sweep(variant, SWEEP_POINTS, n_trials=n_trials, seed=seed)


@st.cache_data(max_entries=12, show_spinner=False)
def cached_highdim(
    strength: float,
    correlation: float,
    n_problems: int,
    epsilon: float,
    seed: int,
) -> HighDimResult:
    bar = st.progress(0.0, text="Fitting lasso and ridge …")
    try:
        return simulate_highdim(
            HIGHDIM_P,
            n_problems=n_problems,
            strength=strength,
            correlation=correlation,
            epsilon=epsilon,
            seed=seed,
            progress=lambda done: bar.progress(min(done, 1.0), text=f"{done:.0%} of the fits"),
        )
    finally:
        bar.empty()


st.title("Monte Carlo: how often is a coefficient zero?")
st.markdown(
    "**What you are looking at.** Each trial draws a random bowl-shaped loss "
    "½(β − c)ᵀH(β − c) — its center c (where least squares would put β) and its shape H "
    "are random — and solves it *exactly* under three budgets that all meet the axes at ±t: "
    "the L1 diamond ‖β‖₁ ≤ t, the L2 circle ‖β‖₂ ≤ t and an elastic-net ball in between. "
    "Then it counts how often a coefficient comes out zero. Trials whose center is already "
    "inside a ball are left out of that ball's zero count (the penalty does nothing there) "
    "and reported separately. Ridge essentially never gives an *exact* zero, so for L2 the "
    "count is of coefficients below ε·t."
)

preset_columns = st.columns(len(PRESETS))
for i, (column, name) in enumerate(zip(preset_columns, PRESETS, strict=True)):
    column.button(
        name,
        key=f"mc_preset_{i}",
        on_click=apply_preset,
        args=(name,),
        help="Set the random design to this example.",
        use_container_width=True,
    )

with st.sidebar:
    st.header("Monte Carlo design")
    center_scale = st.slider(
        "Spread of the loss centers s (in units of t)",
        min_value=0.5,
        max_value=10.0,
        value=DEFAULTS["mc_scale"],
        step=0.25,
        key="mc_scale",
        bind="query-params",
        help="Centers c are uniform in the box [−s·t, s·t]² (or Gaussian with sd s·t). "
        "Larger s: the unpenalized optimum is usually far outside the balls.",
    )
    condition_min, condition_max = st.select_slider(
        "Condition number κ of the bowls (range)",
        options=CONDITION_STEPS,
        value=DEFAULTS["mc_kappa"],
        key="mc_kappa",
        bind="query-params",
        help="κ = ratio of the bowl's two curvatures: 1 gives round contours, large κ long "
        "thin ellipses (two correlated features). Drawn log-uniformly in the range; pick "
        "equal ends to fix it.",
    )
    n_trials = (
        1_000_000
        if st.toggle(
            "Run a million trials",
            value=False,
            key="mc_million",
            bind="query-params",
            help="Default: 100,000 trials (about half a second). A million take a few seconds "
            "and narrow the confidence intervals by about 3×.",
        )
        else 100_000
    )
    epsilon = st.select_slider(
        "ε: L2 counts a coefficient below ε·t as zero",
        options=EPSILONS,
        value=0.01,
        key="mc_eps",
        bind="query-params",
        help="Ridge zeroes a coefficient exactly only when c lies exactly on an axis "
        "(probability 0), so it is judged by |βᵢ| < ε·t instead. The figures show both rules "
        "for every penalty.",
    )
    center_distribution, rotation, angle, t, l1_ratio, seed = (
        "uniform",
        "uniform",
        30.0,
        1.0,
        0.5,
        0,
    )
    if not classroom:
        center_distribution = st.radio(
            "Distribution of the centers",
            ["uniform", "gaussian"],
            index=0,
            horizontal=True,
            key="mc_center_dist",
            bind="query-params",
            help="Uniform in a square box, or Gaussian around the origin.",
        )
        rotation = st.radio(
            "Rotation of the bowls",
            ["uniform", "fixed"],
            index=0,
            horizontal=True,
            key="mc_rotation",
            bind="query-params",
            help="Uniform: the long axis of each bowl points in a random direction. Fixed: "
            "every bowl is tilted by the angle below.",
        )
        if rotation == "fixed":
            angle = st.slider(
                "Fixed rotation (degrees)",
                min_value=0.0,
                max_value=180.0,
                value=30.0,
                step=5.0,
                key="mc_angle",
                bind="query-params",
                help="Angle of the bowls' long axis, counter-clockwise from the β₁ axis.",
            )
        t = st.slider(
            "Budget t",
            min_value=0.0,
            max_value=5.0,
            value=1.0,
            step=0.25,
            key="mc_t",
            bind="query-params",
            help="Every ball meets the axes at ±t. Because the centers scale with t, the "
            "fractions do not depend on t; it sets the units of the plots.",
        )
        l1_ratio = st.slider(
            "Elastic-net ball mix r",
            min_value=0.0,
            max_value=1.0,
            value=0.5,
            step=0.05,
            key="mc_mix",
            bind="query-params",
            help="The elastic-net ball r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1: r = 1 is the diamond, "
            "r = 0 the circle. (A ball mix, not scikit-learn's penalized l1_ratio.)",
        )
        seed = st.number_input(
            "Random seed",
            min_value=0,
            max_value=1_000_000,
            value=0,
            step=1,
            key="mc_seed",
            bind="query-params",
            help="The same seed gives exactly the same trials.",
        )

if t <= 0:
    st.error(
        "With a budget t = 0 every ball is a single point, so every penalty sets every "
        "coefficient to zero and there is nothing to compare. Choose t > 0."
    )
    st.stop()

try:
    result = cached_simulation(
        n_trials,
        int(seed),
        center_distribution,
        float(center_scale),
        float(condition_min),
        float(condition_max),
        rotation,
        float(angle),
        float(t),
        float(l1_ratio),
        float(epsilon),
    )
except ValueError as error:
    st.error(f"This random design cannot be simulated: {error}")
    st.stop()

st.plotly_chart(
    make_zero_fraction_figure(result, classroom=classroom),
    key="mc_fractions",
    alt="Bar chart: the share of random problems in which L1, L2 and elastic net give a "
    "coefficient exactly zero or below ε·t, with 95 % confidence intervals.",
)
out = result.outcomes
l1, l2, en = out["l1"], out["l2"], out["elasticnet"]
st.caption(
    f"**What to notice.** Over {result.n_trials:,} random bowls, the diamond put a coefficient "
    f"at exactly 0 in **{100 * l1.exact_zero.fraction:.1f} %** "
    f"(95 % CI {100 * l1.exact_zero.low:.1f}–{100 * l1.exact_zero.high:.1f} %) of the trials "
    f"where it binds; the circle in **{100 * l2.exact_zero.fraction:.2f} %** exactly and in "
    f"{100 * l2.near_zero.fraction:.2f} % within ε·t = {epsilon:g}·t; the elastic net in "
    f"{100 * en.exact_zero.fraction:.1f} %. The centers were already inside the ball (no "
    f"penalty effect, left out above) in {100 * l1.inside.fraction:.1f} % (diamond), "
    f"{100 * l2.inside.fraction:.1f} % (circle) and {100 * en.inside.fraction:.1f} % "
    "(elastic net) of all trials."
)

st.subheader("Where the solutions land")
st.plotly_chart(
    make_solution_scatter_figure(result, classroom=classroom),
    key="mc_scatter",
    alt="The solutions of the first few thousand trials on the diamond, the circle and the "
    "elastic-net ball; on the diamond they pile up at the four corners.",
)
share_l2_small = 100 * l2.near_zero.fraction
st.caption(
    f"**What to notice.** On the diamond {100 * l1.exact_zero.fraction:.1f} % of the solutions "
    "sit exactly on a corner (big markers, counts beside them): every center in a whole wedge "
    "of the plane ends up there. On the circle the solutions spread around the ring; only "
    f"{share_l2_small:.2f} % come within ε·t of an axis."
)

st.subheader("Near zero is not zero: the smaller coefficient")
st.plotly_chart(
    make_smaller_coefficient_figure(result, classroom=classroom),
    key="mc_hist",
    alt="Histogram of the smaller coefficient divided by t on a log scale: L2 has a tail "
    "towards zero but no exact zeros; L1 has a tall bar at exactly zero.",
)
st.caption(
    f"**What to notice.** L2's smaller coefficient reaches tiny values — "
    f"{100 * l2.near_zero.fraction:.2f} % are below ε·t — but only "
    f"{l2.exact_zero.count:,} of {l2.binding:,} binding trials are exactly 0. "
    f"L1 puts {100 * l1.exact_zero.fraction:.1f} % into the 'exactly 0' bar."
)

st.subheader("Zones: which loss centers give a zero?")
zone_columns = st.columns(2)
zone_kappa = zone_columns[0].slider(
    "Bowl condition number κ (zone map)",
    min_value=1.0,
    max_value=100.0,
    value=4.0,
    step=1.0,
    key="mc_zone_kappa",
    bind="query-params",
    help="One fixed bowl shape for the zone map: the ratio of its two curvatures.",
)
zone_angle = zone_columns[1].slider(
    "Bowl rotation (degrees, zone map)",
    min_value=0.0,
    max_value=180.0,
    value=30.0,
    step=5.0,
    key="mc_zone_angle",
    bind="query-params",
    help="Direction of the bowl's long axis, counter-clockwise from the β₁ axis.",
)
try:
    zones = cached_zones(
        float(zone_kappa), float(zone_angle), float(t), float(epsilon), float(l1_ratio), 400
    )
except ValueError as error:
    st.error(f"This bowl shape cannot be mapped: {error}")
    st.stop()
st.plotly_chart(
    make_zone_map_figure(zones, classroom=classroom),
    key="mc_zones",
    alt="Maps of loss centers coloured by whether the diamond, circle and elastic-net "
    "solutions have a zero: wide wedges for the diamond, thin slivers along the axes for "
    "the circle.",
)
st.caption(
    f"**What to notice.** For this bowl, {100 * zones.fraction('l1'):.1f} % of the binding "
    f"centers in the square give the diamond an exact zero — whole wedges beyond each corner, "
    f"the corner's normal cone sheared by H — against {100 * zones.fraction('l2'):.2f} % within "
    f"ε·t for the circle (thin slivers along the axes) and "
    f"{100 * zones.fraction('elasticnet'):.1f} % for the elastic net. The Monte Carlo fractions "
    "above are these areas averaged over random bowl shapes."
)

st.subheader("explained.ai's simulation, reproduced — and its 100-point boundary")
st.markdown(
    "Terence Parr's article *The difference between L1 and L2 regularization* (explained.ai) "
    "ran 5,000 random losses per penalty with budget t = 2 and found the constrained optimum "
    "by evaluating the loss at 100 points on the boundary, counting a zero when the best "
    "point was an axis point. Here is its design, solved its way and exactly."
)
variant_columns = st.columns(3)
for column, variant in zip(variant_columns, ARTICLE_RATES, strict=True):
    column.button(
        f"explained.ai: {variant}",
        key=f"mc_art_preset_{variant}",
        on_click=set_article_variant,
        args=(variant,),
        help=f"The article's “{variant}” losses (it reported L1 "
        f"{100 * ARTICLE_RATES[variant]['l1']:.0f} % vs L2 "
        f"{100 * ARTICLE_RATES[variant]['l2']:.0f} % zeros).",
        use_container_width=True,
    )
article_columns = st.columns([1, 1, 1])
variant = article_columns[0].radio(
    "Loss design",
    list(ARTICLE_RATES),
    index=1,
    horizontal=True,
    key="mc_art_variant",
    bind="query-params",
    help="symmetric: round bowls; general: a, b ~ U(0, 10) and a tilt c ~ U(−2, 2); "
    "orthogonal: 'taco' bowls with one curvature fixed at 0.1.",
)
like_article = article_columns[1].toggle(
    "Solve like explained.ai (N boundary points)",
    value=True,
    key="mc_art_boundary",
    bind="query-params",
    help="On: the lowest of N points on the boundary (the article's method). Off: the exact "
    "solver. The comparison chart always shows both.",
)
n_boundary = article_columns[2].select_slider(
    "Boundary points N",
    options=BOUNDARY_POINTS,
    value=100,
    key="mc_art_n",
    bind="query-params",
    help="The article used 100. More points: the search approaches the exact answer.",
)
article_trials = 5_000
if not classroom:
    article_trials = st.select_slider(
        "Trials per penalty (explained.ai design)",
        options=[5_000, 20_000, 50_000],
        value=5_000,
        key="mc_art_trials",
        bind="query-params",
        help="The article used 5,000. More trials: narrower confidence intervals.",
    )
try:
    boundary_run = cached_article(variant, "boundary", int(n_boundary), int(article_trials), 0)
    exact_run = cached_article(variant, "exact", int(n_boundary), int(article_trials), 0)
    sweep = cached_sweep(variant, int(article_trials), 0)
except ValueError as error:
    st.error(f"The reproduction could not run: {error}")
    st.stop()
st.plotly_chart(
    make_article_comparison_figure(boundary_run, exact_run, classroom=classroom),
    key="mc_article",
    alt="Bars comparing explained.ai's published zero rates with the same simulation solved "
    "by its 100-point boundary search and by the exact solver.",
)
b_l1, b_l2 = boundary_run.zero["l1"], boundary_run.zero["l2"]
e_l1, e_l2 = exact_run.zero["l1"], exact_run.zero["l2"]
published = ARTICLE_RATES[variant]
st.caption(
    f"**What to notice.** The article reported {100 * published['l1']:.0f} % (L1) vs "
    f"{100 * published['l2']:.0f} % (L2). Its method with N = {n_boundary:,} points gives "
    f"{100 * b_l1.fraction:.1f} % [{100 * b_l1.low:.1f}, {100 * b_l1.high:.1f}] vs "
    f"{100 * b_l2.fraction:.1f} % [{100 * b_l2.low:.1f}, {100 * b_l2.high:.1f}]; the exact "
    f"solver on the same design gives {100 * e_l1.fraction:.1f} % "
    f"[{100 * e_l1.low:.1f}, {100 * e_l1.high:.1f}] vs {100 * e_l2.fraction:.2f} % "
    f"[{100 * e_l2.low:.2f}, {100 * e_l2.high:.2f}]. The L1 number survives; the L2 "
    "zeros are points that the coarse boundary rounded onto an axis."
)
st.plotly_chart(
    make_article_cloud_figure(boundary_run if like_article else exact_run, classroom=classroom),
    key="mc_article_cloud",
    alt="Loss centers of the explained.ai design coloured by whether the solution has a zero, "
    "for the diamond and the circle.",
)
st.plotly_chart(
    make_boundary_sweep_figure(sweep, classroom=classroom),
    key="mc_sweep",
    alt="Zero rate against the number of boundary points: the L2 rate falls towards zero, "
    "the L1 rate stays at the exact value.",
)
first, last = sweep.boundary["l2"][0], sweep.boundary["l2"][-1]
st.caption(
    f"**What to notice.** With {int(sweep.n_boundary[0]):,} boundary points the circle "
    f"'zeroes' {100 * first.fraction:.1f} % of the trials; with "
    f"{int(sweep.n_boundary[-1]):,} points {100 * last.fraction:.2f} %, heading to the exact "
    f"{100 * sweep.exact['l2'].fraction:.2f} %. The diamond goes from "
    f"{100 * sweep.boundary['l1'][0].fraction:.1f} % to "
    f"{100 * sweep.boundary['l1'][-1].fraction:.1f} % (exact "
    f"{100 * sweep.exact['l1'].fraction:.1f} %)."
)

st.subheader("With p features: lasso vs ridge at the same ‖β‖₂")
st.markdown(
    "Random regressions with p correlated features and a *dense* truth (every feature "
    "matters), fitted with scikit-learn's `Lasso` at λ = strength·λ_max and `Ridge` at the λ "
    "that gives it the **same Euclidean norm ‖β‖₂** (matched because ridge's ‖β‖₂ shrinks "
    "steadily with λ, so the match is unique). Lasso zeros are exact; ridge counts "
    "|βⱼ| < ε·‖β‖₂."
)
hd_columns = st.columns(3)
strength = hd_columns[0].slider(
    "Lasso strength λ / λ_max",
    min_value=0.05,
    max_value=0.9,
    value=0.2,
    step=0.05,
    key="mc_hd_strength",
    bind="query-params",
    help="λ as a fraction of λ_max, the smallest λ that zeroes every coefficient. "
    "λ is the penalty strength in scikit-learn's ElasticNet/Lasso convention.",
)
correlation = hd_columns[1].slider(
    "Correlation between features ρ",
    min_value=0.0,
    max_value=0.9,
    value=0.3,
    step=0.1,
    key="mc_hd_corr",
    bind="query-params",
    help="Every pair of features has this correlation.",
)
n_problems = hd_columns[2].select_slider(
    "Problems per p",
    options=[20, 50, 100],
    value=20,
    key="mc_hd_problems",
    bind="query-params",
    help="Random problems for each number of features (100 rows each).",
)
try:
    highdim = cached_highdim(
        float(strength),
        float(correlation),
        int(n_problems),
        float(epsilon),
        int(seed),
    )
except ValueError as error:
    st.error(f"The p-feature experiment could not run: {error}")
    st.stop()
st.plotly_chart(
    make_highdim_figure(highdim, classroom=classroom),
    key="mc_highdim",
    alt="Against the number of features: the share of problems and of coefficients that "
    "lasso sets exactly to zero and that ridge brings below ε times its norm.",
)
last_lasso, last_ridge = highdim.lasso_any_zero[-1], highdim.ridge_any_near_zero[-1]
st.caption(
    f"**What to notice.** With p = {int(highdim.p_values[-1])} features the lasso zeroes "
    f"{100 * highdim.lasso_zero_share[-1]:.1f} % of the coefficients (at least one in "
    f"{100 * last_lasso.fraction:.0f} % of problems), although every true coefficient is "
    f"non-zero; ridge at the same ‖β‖₂ has {100 * highdim.ridge_near_share[-1]:.1f} % below "
    f"ε·‖β‖₂ and exactly zero in "
    f"{sum(q.count for q in highdim.ridge_any_exact_zero)} problems. With p = "
    f"{int(highdim.p_values[0])}: lasso {100 * highdim.lasso_zero_share[0]:.1f} %, ridge "
    f"{100 * highdim.ridge_near_share[0]:.1f} %."
)
