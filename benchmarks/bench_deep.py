"""Cost of the two "beyond linear models" experiments (issue 16), measured in one run.

Run ``python benchmarks/bench_deep.py`` (``--quick`` for a fast smoke run). Every figure is
the median over several repeats of CPU seconds of this process (wall seconds next to it; on
a shared machine wall time includes waiting for a core), with the load average printed.

1. **Early stopping ≈ ridge at its defaults** (diabetes, T = 5000 steps, t = 30): the
   gradient-descent trajectory, the matched ridge for every t, the best λ, the ridge path
   (:func:`regviz.experiments.earlystopping.early_stopping_on`), then both figures.
   Target: experiment + figures ≤ 0.2 s CPU, so a page can rerun it on every move of the
   t slider.
2. **L2 vs weight decay at its defaults** (5 features, K = 2000 steps, 4 optimizers):
   :func:`regviz.experiments.weightdecay.weight_decay_experiment`, then its figure.
   Target: ≤ 0.2 s CPU.
3. **Largest settings** the modules accept (T = 20,000 steps; K = 10,000 steps), for
   choosing the sliders' ranges.
4. **Figure sizes**: bytes of ``fig.to_json()`` (what Streamlit sends per chart).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from harness import load_average, timed

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from regviz.experiments.earlystopping import MAX_STEPS as ES_MAX_STEPS  # noqa: E402
from regviz.experiments.earlystopping import early_stopping_on  # noqa: E402
from regviz.experiments.weightdecay import MAX_STEPS as WD_MAX_STEPS  # noqa: E402
from regviz.experiments.weightdecay import weight_decay_experiment  # noqa: E402
from regviz.figures.early_stopping import (  # noqa: E402
    make_filter_figure,
    make_trajectory_figure,
)
from regviz.figures.weight_decay import make_decay_figure, make_kept_figure  # noqa: E402

TARGET_CPU_S = 0.2


def main(quick: bool = False) -> dict[str, float]:
    """Run every measurement, print a table, and return the figures.

    Parameters
    ----------
    quick : bool, default False
        Fewer repeats and no largest-settings runs, for the smoke test.

    Returns
    -------
    dict of str → float
        CPU seconds (``*_cpu_s``), wall seconds (``*_s``) and figure bytes (``*_bytes``).
    """
    repeats = 2 if quick else 9
    out: dict[str, float] = {}
    load_before = os.getloadavg()

    def es_rerun() -> object:
        res = early_stopping_on()
        return res, make_trajectory_figure(res), make_filter_figure(res)

    def wd_rerun() -> object:
        res = weight_decay_experiment()
        return res, (make_kept_figure(res), make_decay_figure(res))

    out["es_experiment_s"], out["es_experiment_cpu_s"], es = timed(
        early_stopping_on, repeats, warmup=True
    )
    out["es_rerun_s"], out["es_rerun_cpu_s"], (_, traj, filt) = timed(
        es_rerun, repeats, warmup=True
    )
    out["wd_experiment_s"], out["wd_experiment_cpu_s"], _ = timed(
        weight_decay_experiment, repeats, warmup=True
    )
    out["wd_rerun_s"], out["wd_rerun_cpu_s"], (_, wd_fig) = timed(wd_rerun, repeats, warmup=True)
    out["es_trajectory_bytes"] = float(len(traj.to_json()))
    out["es_filter_bytes"] = float(len(filt.to_json()))
    out["wd_figure_bytes"] = float(sum(len(fig.to_json()) for fig in wd_fig))  # both figures
    if not quick:
        out["es_max_s"], out["es_max_cpu_s"], _ = timed(
            lambda: early_stopping_on(n_steps=ES_MAX_STEPS, t=ES_MAX_STEPS), 3, warmup=True
        )
        out["wd_max_s"], out["wd_max_cpu_s"], _ = timed(
            lambda: weight_decay_experiment(n_steps=WD_MAX_STEPS), 3, warmup=True
        )
    load_after = os.getloadavg()
    _print(out, load_before, load_after, es_steps=es.n_steps)
    return out


def _print(
    out: dict[str, float],
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    *,
    es_steps: int,
) -> None:
    ms = 1e3
    print(
        f"load average (1, 5, 15 min): before {load_average(load_before)}; "
        f"after {load_average(load_after)}; {os.cpu_count()} cores"
    )
    rows = [
        (f"early stopping, defaults (T = {es_steps}): experiment", "es_experiment", None),
        ("early stopping, defaults: experiment + 2 figures (one rerun)", "es_rerun", TARGET_CPU_S),
        ("weight decay, defaults (K = 2000): experiment", "wd_experiment", None),
        ("weight decay, defaults: experiment + figure (one rerun)", "wd_rerun", TARGET_CPU_S),
        (f"early stopping, largest T = {ES_MAX_STEPS}: experiment", "es_max", None),
        (f"weight decay, largest K = {WD_MAX_STEPS}: experiment", "wd_max", None),
    ]
    print(f"{'measurement':64s} {'cpu ms':>8s} {'wall ms':>8s} {'target cpu ms':>14s}")
    for label, key, target in rows:
        if f"{key}_cpu_s" not in out:
            continue
        target_text = f"{target * ms:14.0f}" if target is not None else ""
        print(
            f"{label:64s} {out[f'{key}_cpu_s'] * ms:8.1f} {out[f'{key}_s'] * ms:8.1f} {target_text}"
        )
    print(
        f"figure JSON bytes: trajectory {out['es_trajectory_bytes']:,.0f}, filters "
        f"{out['es_filter_bytes']:,.0f}, weight decay {out['wd_figure_bytes']:,.0f}"
    )
    within = out["es_rerun_cpu_s"] <= TARGET_CPU_S and out["wd_rerun_cpu_s"] <= TARGET_CPU_S
    print(f"both reruns within {TARGET_CPU_S * ms:.0f} ms CPU: {within}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no largest runs")
    main(quick=parser.parse_args().quick)
