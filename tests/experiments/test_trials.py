"""Tests of trials: the Monte Carlo bookkeeping shared by the 2-D and 3-D runs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz.core.stats import Proportion
from regviz.experiments import trials
from regviz.experiments.montecarlo import simulate
from regviz.experiments.montecarlo3d import simulate_3d

N_BLOCKS = 3
ROWS = np.arange(N_BLOCKS * trials.RNG_BLOCK, dtype=float)


def _draw(k: int) -> tuple[np.ndarray, np.ndarray]:
    block = ROWS[k * trials.RNG_BLOCK : (k + 1) * trials.RNG_BLOCK]
    return block, -block


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_take_equals_slicing_the_whole_stream(data):
    start = data.draw(st.integers(0, len(ROWS) - 1))
    stop = data.draw(st.integers(start + 1, len(ROWS)))
    first, second = trials.take(_draw, start, stop)
    assert np.array_equal(first, ROWS[start:stop])
    assert np.array_equal(second, -ROWS[start:stop])


def test_block_rng_is_one_stream_per_seed_and_block():
    a = trials.block_rng(3, 1).standard_normal(4)
    assert np.array_equal(a, trials.block_rng(3, 1).standard_normal(4))
    assert not np.array_equal(a, trials.block_rng(3, 2).standard_normal(4))
    assert not np.array_equal(a, trials.block_rng(4, 1).standard_normal(4))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_trials": 0}, "positive whole number"),
        ({"n_trials": 2.5}, "positive whole number"),
        ({"n_trials": 3_000_001}, "At most 3 million trials"),
        ({"penalties": ()}, "at least one penalty"),
        ({"penalties": ("l3",)}, "Unknown penalty"),
        ({"chunk_size": 0}, "chunk_size"),
    ],
)
def test_check_run_rejects_plainly(kwargs, message):
    settings_ = {"n_trials": 10, "penalties": ("l1",), "keep": 0, "chunk_size": 1, **kwargs}
    with pytest.raises(ValueError, match=message):
        trials.check_run(**settings_, most=3_000_000)


def test_check_run_keeps_at_most_the_run_and_rounds_reports_up_to_blocks():
    run = trials.check_run(100, ["l2", "l1"], keep=500, chunk_size=trials.RNG_BLOCK + 1, most=10**6)
    assert run == trials.Run(100, ("l2", "l1"), 100, 2)


def test_sample_keeps_the_first_trials_in_the_units_of_beta():
    sample = trials.Sample(5, 2, ("l1",), t=2.0)
    for start in (0, 3, 6):
        centers = np.arange(start, start + 3, dtype=float)[:, None] * [1.0, 10.0]
        sample.keep_problems(start, start + 3, centers, np.ones((3, 2, 2)))
        sample.keep_solutions("l1", centers / 2, np.array([True, False, True]))
    expected = 2.0 * np.arange(5)[:, None] * [1.0, 10.0]
    assert np.array_equal(sample.centers, expected)
    assert np.array_equal(sample.solutions["l1"], expected / 2)
    assert sample.inside["l1"].tolist() == [True, False, True, True, False]


def test_run_trials_reports_progress_up_to_its_share():
    calls: list[float] = []
    run = trials.check_run(3 * trials.RNG_BLOCK - 5, ("l1",), 0, 1, most=10**6)

    class Count:
        def __init__(self) -> None:
            self.inside = 0

        def add(self, beta, inside, epsilon) -> None:
            self.inside += int(inside.sum())

    design = type("D", (), {"t": 1.0, "l1_ratio": 0.5, "epsilon": 0.01})()
    tallies, _ = trials.run_trials(
        run,
        design,
        dim=1,
        take=lambda start, stop: (np.zeros((stop - start, 1)), np.ones((stop - start, 1, 1))),
        solve=lambda c, h, p, r: (c, np.ones(len(c), dtype=bool)),
        tally=Count,
        progress=calls.append,
        share=0.5,
    )
    assert tallies["l1"].inside == run.n
    assert calls[-1] == 0.5 and calls == sorted(calls) and len(calls) == 3


def test_headline_reads_epsilon_for_ridge_only():
    exact, near = Proportion(1, 10), Proportion(2, 10)
    assert [trials.headline(p, exact, near) for p in ("l1", "l2", "elasticnet")] == [
        exact,
        near,
        exact,
    ]


def test_the_2d_and_3d_runs_share_the_block_seeds():
    """Both runs draw block k from SeedSequence(seed, spawn_key=(k,)), centers first."""
    expected = 2.0 * trials.block_rng(5, 1).uniform(-2.0, 2.0, size=(trials.RNG_BLOCK, 3))
    run_3d = simulate_3d(
        trials.RNG_BLOCK + 4, 5, keep=trials.RNG_BLOCK + 4, compare_2d=False, t=2.0
    )
    assert np.array_equal(run_3d.sample_centers[trials.RNG_BLOCK :], expected[:4])
    expected_2d = trials.block_rng(5, 0).uniform(-2.0, 2.0, size=(trials.RNG_BLOCK, 2))
    run_2d = simulate(10, 5, keep=10)
    assert np.array_equal(run_2d.sample_centers, expected_2d[:10])
