"""Benchmark of the claim checker and the sample-complexity (Ng 2004) experiment.

Run with ``python benchmarks/bench_claims_ng.py`` (``--quick`` for a smoke run). Prints:

- for every claim, the time of its experiment and of its figure (median over seeds),
  as a fraction of the 300 ms budget per widget change;
- for the Ng experiment, the time of one trial (L1 + L2, C chosen on a hold-out) by
  number of features and training size, and of the page's live presets, with the ratio
  reduced / quick and the projected time of the full run on 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from harness import timed

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from regviz.experiments.claims import CLAIMS  # noqa: E402
from regviz.experiments.samplecomplexity import (  # noqa: E402
    LIVE_N_BAYES,
    LIVE_N_EVAL,
    LIVE_PRESETS,
    live_feature_grid,
    run_experiment,
    run_trial,
)
from regviz.figures.claims import make_claim_figure  # noqa: E402

BUDGET_SECONDS = 0.3


def bench_claims(quick: bool) -> dict[str, tuple[float, float]]:
    """Median experiment and figure time of every claim, over fresh seeds."""
    seeds = [1, 2] if quick else [1, 2, 3, 4, 5]
    results = {}
    print(f"{'claim':14s} {'experiment':>11s} {'figure':>8s} {'total/budget':>13s}")
    for claim, check in ((key, c.check) for key, c in CLAIMS.items()):
        seed_iter = iter(seeds)
        compute = timed(lambda c=check, s=seed_iter: c(seed=next(s)), len(seeds)).wall_s
        evidence = check(seed=0)
        figure = timed(lambda e=evidence: make_claim_figure(e), len(seeds)).wall_s
        results[claim] = (compute, figure)
        print(
            f"{claim:14s} {compute * 1e3:9.1f} ms {figure * 1e3:6.1f} ms "
            f"{(compute + figure) / BUDGET_SECONDS:12.2f}×"
        )
    return results


def bench_ng(quick: bool) -> dict[str, float]:
    """Trial times by size, live preset times and the projected full-run time."""
    out: dict[str, float] = {}
    sizes = (
        [(100, 10), (100, 1000)]
        if quick
        else [(100, 10), (100, 300), (100, 1000), (200, 10), (200, 300), (200, 1000)]
    )
    print(f"\n{'m':>4s} {'d':>5s} {'one trial (L1+L2, 11 C + refit each)':>40s}")
    for m, d in sizes:
        seeds = iter(range(100))
        t = timed(
            lambda m=m, d=d, s=seeds: run_trial("one", d, m, next(s)), 2 if quick else 3
        ).wall_s
        out[f"trial_m{m}_d{d}"] = t
        print(f"{m:4d} {d:5d} {t * 1e3:37.0f} ms")
    presets = {"Quick (≈ 3 s)": LIVE_PRESETS["Quick (≈ 3 s)"]}
    if not quick:
        presets = LIVE_PRESETS
    for name, p in presets.items():
        start = time.perf_counter()
        run_experiment(
            settings=["one"],
            features=live_feature_grid(p["max_features"], p["n_points"]),
            train_sizes=[p["n_train"]],
            repeats=p["repeats"],
            n_eval=LIVE_N_EVAL,
            n_bayes=LIVE_N_BAYES,
        )
        out[name] = time.perf_counter() - start
        print(f"live preset {name!r}: {out[name]:.2f} s")
    if not quick:
        ratio = out["Reduced (≈ 10 s)"] / out["Quick (≈ 3 s)"]
        print(f"ratio reduced / quick: {ratio:.1f}×")
        mean_trial = statistics.mean(v for k, v in out.items() if k.startswith("trial_"))
        trials = 3 * 2 * 13 * 100
        print(
            f"projected full run ({trials} trials, 2 cores, mean trial {mean_trial * 1e3:.0f} ms): "
            f"{trials * mean_trial / 2 / 60:.1f} min"
        )
    return out


def main(quick: bool = False) -> dict[str, object]:
    """Run every benchmark; return the measured times (seconds)."""
    print("Claim checker: experiment + figure per widget change (budget 300 ms)")
    claims = bench_claims(quick)
    ng = bench_ng(quick)
    return {"claims": claims, "ng": ng}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run")
    main(quick=parser.parse_args().quick)
