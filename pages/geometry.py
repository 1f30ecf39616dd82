"""Geometry page: loss contours touching the diamond (L1) or the circle (L2).

A thin script: controls → cached call into :mod:`regviz.experiments.geometry_scenes` → figure from
:mod:`regviz.figures.geometry` → a "What to notice" caption computed from the result.
"""

from __future__ import annotations

import streamlit as st

from regviz.core.conventions import L1_RATIO_HELP, LAMBDA_HELP, PENALTY_NAMES
from regviz.experiments.geometry_scenes import (
    DEFAULTS,
    PRESETS,
    SCENE_PENALTIES,
    GeometryScene,
    describe_comparison,
    describe_scene,
    format_lambda,
    geometry_scenes,
    loss_for,
)
from regviz.figures.geometry import make_geometry_figure, make_side_by_side_figure

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

PENALTY_LABELS = {key: PENALTY_NAMES[key] for key in SCENE_PENALTIES} | {"lq": "Lq (any q > 0)"}
MODE_LABELS = {"t": "set the budget t", "lam": "set λ"}
SOURCE_LABELS = {"bowl": "shape the bowl by hand", "data": "from a small data set"}


def apply_preset(name: str) -> None:
    """Write a preset's values into the widgets' session state (runs before the rerun)."""
    for param, value in PRESETS[name].items():
        st.session_state[f"geo_{param}"] = value


@st.cache_data(max_entries=128, show_spinner=False)
def compute_scenes(
    penalties: tuple[str, ...],
    t: float | None,
    lam: float | None,
    l1_ratio: float,
    q: float,
    show_path: bool,
    source: str,
    c1: float,
    c2: float,
    kappa: float,
    angle: float,
    n: int,
    rho: float,
    seed: int,
) -> tuple[GeometryScene, ...]:
    """Loss, solutions, contours and paths for the current controls (scalars in, cached)."""
    loss = loss_for(source, c1=c1, c2=c2, kappa=kappa, angle=angle, n=n, rho=rho, seed=seed)
    return geometry_scenes(
        loss, penalties, t=t, lam=lam, l1_ratio=l1_ratio, q=q, show_path=show_path
    )


st.title("Geometry: diamond vs circle")
st.markdown(
    "**What you are looking at.** The coloured ellipses are the contours of a model's loss "
    "over two coefficients β₁, β₂; its bottom (✖ OLS) is the fit without penalty. "
    "A penalty keeps β inside a *ball* of budget t: a **diamond** ‖β‖₁ ≤ t for L1 (lasso), "
    "a **circle** ‖β‖₂ ≤ t for L2 (ridge). The penalized solution β̂ (●) is where the "
    "smallest loss contour first touches the ball (dashed). The diamond has corners on the "
    "axes, so the touch often happens *at* a corner — and there one coefficient is exactly 0."
)

classroom = bool(st.session_state.get("classroom", False))

preset_columns = st.columns(len(PRESETS))
for column, name in zip(preset_columns, PRESETS, strict=True):
    column.button(
        f"Preset: {name}",
        key=f"geo_preset_{name.replace(' ', '_')}",
        on_click=apply_preset,
        args=(name,),
        help="Set every control of this page to a prepared example (side by side L1 | L2).",
        use_container_width=True,
    )

with st.sidebar:
    st.subheader("Geometry")
    side_by_side = st.toggle(
        "Side by side: L1 | L2",
        value=bool(DEFAULTS["side_by_side"]),
        key="geo_side_by_side",
        bind="query-params",
        help="Draw the diamond and the circle next to each other on the same loss.",
    )
    penalty = st.radio(
        "Penalty",
        options=list(PENALTY_LABELS),
        index=list(PENALTY_LABELS).index(str(DEFAULTS["penalty"])),
        format_func=PENALTY_LABELS.get,
        key="geo_penalty",
        bind="query-params",
        disabled=side_by_side,
        help="Which ball limits the coefficients. Disabled in side-by-side mode (L1 and L2).",
    )
    lq_only = penalty == "lq" and not side_by_side
    mode = st.radio(
        "Strength of the penalty",
        options=list(MODE_LABELS),
        index=list(MODE_LABELS).index(str(DEFAULTS["mode"])),
        format_func=MODE_LABELS.get,
        key="geo_mode",
        bind="query-params",
        horizontal=True,
        disabled=lq_only,
        help="Choose the budget t of the ball (constrained form) or the penalty λ (penalized "
        "form). Both describe the same solution; the page always shows both numbers. "
        "The Lq ball is set by t only.",
    )
    t_value: float | None = None
    lam_value: float | None = None
    if mode == "lam" and not lq_only:
        lam_value = st.slider(
            "Penalty λ",
            min_value=0.0,
            max_value=10.0,
            value=float(DEFAULTS["lam"]),
            step=0.05,
            key="geo_lam",
            bind="query-params",
            persist_state="session",
            help=LAMBDA_HELP,
        )
    else:
        t_value = st.slider(
            "Budget t (size of the ball)",
            min_value=0.0,
            max_value=5.0,
            value=float(DEFAULTS["t"]),
            step=0.05,
            key="geo_t",
            bind="query-params",
            persist_state="session",
            help="The ball is {β : g(β) ≤ t}: ‖β‖₁ ≤ t (diamond), ‖β‖₂ ≤ t (circle), "
            "ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t (elastic net) or ‖β‖_q ≤ t. Smaller t = stronger "
            "penalty; the matching λ is shown under the figure.",
        )
    l1_ratio = float(DEFAULTS["l1_ratio"])
    q = float(DEFAULTS["q"])
    if penalty == "elasticnet" and not side_by_side:
        l1_ratio = st.slider(
            "Elastic-net mix r (l1_ratio)",
            min_value=0.05,
            max_value=0.95,
            value=float(DEFAULTS["l1_ratio"]),
            step=0.05,
            key="geo_l1_ratio",
            bind="query-params",
            persist_state="session",
            help=f"{L1_RATIO_HELP} The penalty is λ·[r‖β‖₁ + ½(1 − r)‖β‖₂²]. The ball drawn is "
            "ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t with ρ = 2r/(1 + r): the penalty halves the squared "
            "term, so this ball — not the one with mix r — has the same solutions.",
        )
    if lq_only:
        q = st.slider(
            "Exponent q of the Lq ball",
            min_value=0.3,
            max_value=4.0,
            value=float(DEFAULTS["q"]),
            step=0.1,
            key="geo_q",
            bind="query-params",
            persist_state="session",
            help="‖β‖_q = (|β₁|^q + |β₂|^q)^(1/q). q = 1 is the diamond, q = 2 the circle; "
            "q < 1 gives a non-convex ball with sharper cusps, q > 2 a rounded square.",
        )
        if q < 1:
            st.caption(
                "q < 1: the ball is **not convex**, so the solver searches its whole boundary "
                "for the global optimum (a local search could stop at the wrong point)."
            )
    show_path = st.toggle(
        "Show the solution path",
        value=bool(DEFAULTS["path"]),
        key="geo_path",
        bind="query-params",
        help="Trace β̂ as the budget t grows from 0 (β̂ = 0) to the point where the ball "
        "contains the OLS optimum: the 2-D coefficient path.",
    )
    with st.expander("Shape of the loss", expanded=not classroom):
        source = st.radio(
            "Loss",
            options=list(SOURCE_LABELS),
            index=list(SOURCE_LABELS).index(str(DEFAULTS["source"])),
            format_func=SOURCE_LABELS.get,
            key="geo_source",
            bind="query-params",
            help="A bowl you shape with the sliders, or the least-squares loss of a small "
            "generated data set with two correlated features.",
        )
        is_data = source == "data"
        c1 = st.slider(
            "True β₁ (data)" if is_data else "Loss center β₁*",
            min_value=-3.0,
            max_value=3.0,
            value=float(DEFAULTS["c1"]),
            step=0.1,
            key="geo_c1",
            bind="query-params",
            help="Bowl: where the loss is smallest (the OLS optimum). Data: the true "
            "coefficient that generates y; the OLS optimum lands near it.",
        )
        c2 = st.slider(
            "True β₂ (data)" if is_data else "Loss center β₂*",
            min_value=-3.0,
            max_value=3.0,
            value=float(DEFAULTS["c2"]),
            step=0.1,
            key="geo_c2",
            bind="query-params",
            help="As β₁*, for the second coefficient.",
        )
        kappa, angle = float(DEFAULTS["kappa"]), float(DEFAULTS["angle"])
        n, rho, seed = int(DEFAULTS["n"]), float(DEFAULTS["rho"]), int(DEFAULTS["seed"])
        if is_data:
            rho = st.slider(
                "Correlation ρ of the two features",
                min_value=-0.95,
                max_value=0.95,
                value=float(DEFAULTS["rho"]),
                step=0.05,
                key="geo_rho",
                bind="query-params",
                persist_state="session",
                help="Correlated features stretch the loss ellipses along a diagonal.",
            )
            n = st.slider(
                "Number of data points n",
                min_value=10,
                max_value=500,
                value=int(DEFAULTS["n"]),
                step=10,
                key="geo_n",
                bind="query-params",
                persist_state="session",
                help="More data: the OLS optimum moves closer to the true coefficients.",
            )
            seed = st.number_input(
                "Random seed",
                min_value=0,
                max_value=9999,
                value=int(DEFAULTS["seed"]),
                step=1,
                key="geo_seed",
                bind="query-params",
                persist_state="session",
                help="The same seed always draws the same data set.",
            )
        else:
            kappa = st.slider(
                "Eccentricity (condition number κ)",
                min_value=1.0,
                max_value=20.0,
                value=float(DEFAULTS["kappa"]),
                step=0.5,
                key="geo_kappa",
                bind="query-params",
                persist_state="session",
                help="Ratio of the bowl's two curvatures: 1 gives circles, larger values "
                "longer, thinner ellipses (as from correlated or unequally scaled features).",
            )
            angle = st.slider(
                "Rotation of the ellipses (degrees)",
                min_value=-90.0,
                max_value=90.0,
                value=float(DEFAULTS["angle"]),
                step=5.0,
                key="geo_angle",
                bind="query-params",
                persist_state="session",
                help="Direction of the ellipses' long axis, counter-clockwise from the β₁ axis.",
            )

penalties = ("l1", "l2") if side_by_side else (penalty,)
try:
    scenes = compute_scenes(
        penalties,
        t_value,
        lam_value,
        float(l1_ratio),
        float(q),
        bool(show_path),
        source,
        float(c1),
        float(c2),
        float(kappa),
        float(angle),
        int(n),
        float(rho),
        int(seed),
    )
except ValueError as error:
    st.error(f"This setting cannot be drawn: {error} Try other values or press Reset.")
    st.stop()

if side_by_side:
    figure = make_side_by_side_figure(scenes, show_path=show_path, classroom=classroom)
else:
    figure = make_geometry_figure(scenes[0], show_path=show_path, classroom=classroom)
st.plotly_chart(
    figure,
    key="geo_figure",
    alt="Loss contours around the unpenalized optimum with the penalty ball around the origin; "
    "the solution is where the smallest contour touches the ball.",
    config={"displaylogo": False},
)

for scene in scenes:
    columns = st.columns(4)
    prefix = f"{scene.name}: " if side_by_side else ""
    columns[0].metric(f"{prefix}budget t", f"{scene.t:.3g}")
    columns[1].metric(
        f"{prefix}penalty λ",
        format_lambda(scene.lam),
        help=LAMBDA_HELP if scene.penalty != "lq" else "λ is not shown for Lq balls.",
    )
    for k in range(2):
        value = scene.beta[k]
        columns[2 + k].metric(
            f"{prefix}β̂{'₁₂'[k]}", "0 (exactly)" if value == 0.0 else f"{value:.3f}"
        )

if source == "data":
    loss = scenes[0].loss
    st.caption(
        f"Data mode: {n} points, features with correlation {rho:g}, true β = ({c1:g}, {c2:g}); "
        f"the OLS optimum is ({loss.center[0]:.2f}, {loss.center[1]:.2f}) and the loss "
        f"ellipses have condition number {loss.condition_number:.1f}."
    )

st.subheader("What to notice")
if side_by_side:
    st.markdown(describe_comparison(scenes))
for scene in scenes:
    st.markdown(("**" + scene.name + ".** " if side_by_side else "") + describe_scene(scene))
