"""Claim: "Ridge shrinks all coefficients by the same proportion."

Fit least squares and ridge on an orthonormal, an orthogonal-but-unequally-scaled or a
correlated design, and divide coefficient by coefficient.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from regviz.experiments.claims.common import (
    Claim,
    Number,
    Verdict,
    check_correlation,
    check_lambda,
    check_seed,
    ridge_fit,
)

if TYPE_CHECKING:
    import pandas as pd

N, P = 50, 5
BETA_TRUE = (3.0, -2.0, 1.5, 1.0, -0.5)
SCALES = (0.3, 0.6, 1.0, 1.5, 2.5)  # column lengths of the "scaled" design

DESIGNS: dict[str, str] = {
    "orthonormal": "orthonormal features (XᵀX/n = I)",
    "scaled": "orthogonal features of unequal scales",
    "correlated": "correlated features",
}

PROPORTION_DESIGN_HELP = (
    "The claim holds exactly when XᵀX ∝ I — orthogonal features of equal length, "
    "orthonormal ones included — and fails otherwise."
)
"""Help text for the claim page's choice of design."""


def gram_scale(X: np.ndarray, *, rtol: float = 1e-9) -> float | None:
    """c when the centered features have XcᵀXc/n = c·I (to ``rtol``), else None.

    Examples
    --------
    >>> gram_scale(np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]]))
    1.0
    """
    xc = X - X.mean(axis=0)
    gram = xc.T @ xc / X.shape[0]
    c = float(np.mean(np.diag(gram)))
    if c <= 0 or np.max(np.abs(gram - c * np.eye(X.shape[1]))) > rtol * c:
        return None
    return c


def common_shrinkage(X: np.ndarray, lam: float, *, rtol: float = 1e-9) -> float | None:
    """The one factor ridge shrinks every coefficient by, if there is one.

    With the intercept unpenalized, ridge at λ solves (XcᵀXc + nλI)β = Xcᵀy with Xc the
    centered features. When XcᵀXc/n = c·I (orthogonal features of equal length) this is
    β = c/(c + λ)·β_OLS: one factor for all. Otherwise the factors differ (they are the
    eigenvalue ratios sᵢ/(sᵢ + λ) along the eigenvectors, not along the features).

    Returns
    -------
    float or None
        c/(c + λ), or None when XcᵀXc is not proportional to I (to ``rtol``).

    Examples
    --------
    >>> X = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]]) * 2.0
    >>> common_shrinkage(X, 4.0)  # XᵀX/n = 4·I: every coefficient × 4/(4 + 4)
    0.5
    >>> common_shrinkage(X * [1.0, 2.0], 4.0) is None
    True
    """
    c = gram_scale(X, rtol=rtol)
    return None if c is None else c / (c + float(lam))


def proportion_verdict(ratios: np.ndarray, *, tol: float = 1e-6) -> Verdict:
    """The rule of the claim "ridge shrinks all coefficients by the same proportion".

    Examples
    --------
    >>> proportion_verdict(np.array([0.5, 0.5])).value
    'true'
    >>> proportion_verdict(np.array([0.2, 0.9])).value
    'half-true'
    >>> proportion_verdict(np.array([0.2, 1.3])).value
    'false'
    """
    ratios = np.asarray(ratios, dtype=float)
    if np.ptp(ratios) <= tol:
        return Verdict.TRUE
    if np.all((ratios >= 0.0) & (ratios <= 1.0 + tol)):
        return Verdict.HALF_TRUE
    return Verdict.FALSE


@dataclass(frozen=True)
class ProportionEvidence:
    """Ridge coefficient divided by least-squares coefficient, feature by feature."""

    lam: float
    design: str
    correlation: float
    ols_coef: np.ndarray
    ridge_coef: np.ndarray
    ratios: np.ndarray
    orthonormal_ratio: float  # 1 / (1 + λ), the common ratio of an orthonormal design
    verdict: Verdict
    summary: str
    common_ratio: float | None = None  # c/(c + λ) when XᵀX/n = c·I, else None


def design_data(seed: int, design: str, rho: float) -> tuple[np.ndarray, np.ndarray]:
    """The claim's features and response for one of :data:`DESIGNS`.

    Examples
    --------
    >>> X, _ = design_data(0, "orthonormal", 0.0)
    >>> bool(np.allclose(X.T @ X / len(X), np.eye(5)))
    True
    """
    if design not in DESIGNS:
        raise ValueError(f"Unknown design {design!r}; choose one of {', '.join(DESIGNS)}.")
    rng = np.random.default_rng(check_seed(seed))
    z = rng.standard_normal((N, P))
    if design == "correlated":
        X = np.sqrt(rho) * rng.standard_normal((N, 1)) + np.sqrt(1.0 - rho) * z
    else:
        q, _ = np.linalg.qr(z - z.mean(axis=0))  # centered, orthonormal columns
        X = np.sqrt(N) * q
        if design == "scaled":
            X = X * np.array(SCALES)
    y = X @ np.array(BETA_TRUE) + rng.standard_normal(N)
    return X, y


def check_proportion(
    *, seed: int = 0, lam: float = 0.5, design: str = "correlated", correlation: float = 0.7
) -> ProportionEvidence:
    """Compare ridge with least squares coefficient by coefficient.

    Parameters
    ----------
    seed : int
    lam : float
        λ in regviz's convention (ridge ``alpha = n·λ``).
    design : {"orthonormal", "scaled", "correlated"}
    correlation : float
        Pairwise correlation of the features when ``design == "correlated"``.

    Returns
    -------
    ProportionEvidence

    Examples
    --------
    >>> ev = check_proportion(seed=0, design="orthonormal", lam=0.5)
    >>> ev.verdict.value, round(ev.common_ratio, 4)
    ('true', 0.6667)
    """
    from sklearn.linear_model import LinearRegression

    lam = check_lambda(lam)
    rho = check_correlation(correlation)
    X, y = design_data(seed, design, rho)
    ols = LinearRegression().fit(X, y).coef_
    ridge = ridge_fit(X, y, lam)
    ratios = ridge / ols
    verdict = proportion_verdict(ratios)
    common = 1.0 / (1.0 + lam)
    shared = common_shrinkage(X, lam)
    scale = gram_scale(X)
    if scale is not None:
        why = (
            f"Here XᵀX/n = {scale:.3g}·I, so every coefficient is multiplied by the same "
            f"c/(c + λ) = {scale:.3g}/({scale:.3g} + {lam:.3g}) = {scale / (scale + lam):.3f}."
        )
    else:
        why = (
            "Here XᵀX is not proportional to I, and a common factor needs XᵀX ∝ I "
            f"(orthogonal features of equal length; orthonormal ones give 1/(1 + λ) = "
            f"{common:.3f})."
        )
    summary = (
        f"With {DESIGNS[design]} and λ = {lam:.3g}, ridge/least-squares ratios run from "
        f"{ratios.min():.3f} to {ratios.max():.3f}. {why}"
        + (
            " Some coefficient grows or changes sign: with correlated features ridge moves "
            "weight between them instead of scaling each one down."
            if verdict is Verdict.FALSE
            else ""
        )
    )
    return ProportionEvidence(
        lam,
        design,
        rho if design == "correlated" else 0.0,
        ols,
        ridge,
        ratios,
        common,
        verdict,
        summary,
        shared,
    )


def numbers(ev: ProportionEvidence) -> tuple[Number, ...]:
    """The key numbers: the smallest and largest ratio, and 1/(1 + λ).

    Examples
    --------
    >>> [n.text for n in numbers(check_proportion(seed=0, design="orthonormal"))]
    ['0.667', '0.667', '0.667']
    """
    low, high = float(ev.ratios.min()), float(ev.ratios.max())
    return (
        Number("smallest_ratio", "smallest ratio", low, f"{low:.3f}"),
        Number("largest_ratio", "largest ratio", high, f"{high:.3f}"),
        Number("one_over", "1/(1 + λ)", ev.orthonormal_ratio, f"{ev.orthonormal_ratio:.3f}"),
    )


def table(ev: ProportionEvidence) -> pd.DataFrame:
    """The figure's bars: ridge ÷ least squares per coefficient, with both coefficients.

    Examples
    --------
    >>> t = table(check_proportion(seed=0))
    >>> t.index.name, list(t.columns)
    ('coefficient', ['least squares', 'ridge', 'ridge ÷ least squares', '1/(1 + λ)'])
    """
    import pandas as pd

    return pd.DataFrame(
        {
            "least squares": ev.ols_coef,
            "ridge": ev.ridge_coef,
            "ridge ÷ least squares": ev.ratios,
            "1/(1 + λ)": ev.orthonormal_ratio,
        },
        index=pd.RangeIndex(1, ev.ratios.size + 1, name="coefficient"),
    )


def alt_text(ev: ProportionEvidence) -> str:
    """What the figure shows, with its numbers (the registry adds the verdict).

    Examples
    --------
    >>> alt_text(check_proportion(seed=0))[:45]
    'Bars of ridge ÷ least squares for 5 coefficie'
    """
    ratios = ", ".join(f"{r:.3f}" for r in ev.ratios)
    return (
        f"Bars of ridge ÷ least squares for {ev.ratios.size} coefficients ({DESIGNS[ev.design]}, "
        f"λ = {ev.lam:.3g}): {ratios}; dashed line at 1/(1 + λ) = "
        f"{ev.orthonormal_ratio:.3f}."
    )


def code_snippet(ev: ProportionEvidence, seed: int) -> str:
    """numpy design and scikit-learn's LinearRegression and Ridge, divided.

    Examples
    --------
    >>> exec(code_snippet(check_proportion(seed=0, design="scaled"), 0), {})
    ratios: [0.153, 0.419, 0.667, 0.818, 0.926]
    """
    if ev.design == "correlated":
        design = [
            f"rho = {ev.correlation!r}  # every pair of features has this correlation",
            f"X = np.sqrt(rho) * rng.standard_normal(({N}, 1)) + np.sqrt(1.0 - rho) * z",
        ]
    else:
        design = [
            "q, _ = np.linalg.qr(z - z.mean(axis=0))  # centered, orthonormal columns",
            f"X = np.sqrt({N}) * q  # XᵀX/n = I",
        ]
        if ev.design == "scaled":
            design.append(f"X = X * np.array({list(SCALES)!r})  # still orthogonal, unequal")
    return "\n".join(
        [
            "import numpy as np",
            "from sklearn.linear_model import LinearRegression, Ridge",
            "",
            f"rng = np.random.default_rng({int(seed)})",
            f"z = rng.standard_normal(({N}, {P}))",
            *design,
            f"y = X @ np.array({list(BETA_TRUE)!r}) + rng.standard_normal({N})",
            "",
            f"lam = {ev.lam!r}  # the same ridge is Ridge(alpha=n·λ)",
            "ols = LinearRegression().fit(X, y).coef_",
            "ridge = Ridge(alpha=len(y) * lam).fit(X, y).coef_",
            "ratios = ridge / ols",
            "smallest_ratio, largest_ratio = float(ratios.min()), float(ratios.max())",
            "one_over = 1 / (1 + lam)",
            'print("ratios:", ratios.round(3).tolist())',
        ]
    )


CLAIM = Claim(
    id="proportion",
    statement="Ridge shrinks all coefficients by the same proportion.",
    rule="TRUE if the ratios ridge/least-squares of all coefficients agree to 10⁻⁶ (they "
    "do exactly when XᵀX ∝ I: orthogonal features of equal length, orthonormal ones "
    "included); HALF-TRUE if they differ but all lie in [0, 1] (every coefficient "
    "shrinks, by different proportions); FALSE if some coefficient grows or flips "
    "sign.",
    experiment="Fit least squares and ridge on an orthonormal, an orthogonal-but-unequally-"
    "scaled or a correlated design, and divide coefficient by coefficient.",
    check=check_proportion,
    verdict=proportion_verdict,
    controls=("design", "correlation", "lam"),
    flip={"design": "orthonormal"},
    flip_note="orthonormal features",
    figure="make_proportion_figure",
    numbers=numbers,
    alt=alt_text,
    code=code_snippet,
    table=table,
)
