"""Test-wide settings for the whole suite (unit tests, doctests, AppTests, browser tests).

One BLAS thread: the suite's numerical work is many small solves (scipy references,
scikit-learn fits on tens of rows), which a multi-threaded BLAS makes up to ~30× slower on
a busy 2-core machine. The Streamlit servers the browser tests start inherit the setting,
like a server on Community Cloud, which has a fraction of one core.

Hypothesis draws the same examples on every run ("repeatable"), so a CI run passes or
fails on the code, not on the draw. To hunt for new counterexamples, run with
``HYPOTHESIS_PROFILE=explore`` (fresh random draws on every run).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from hypothesis import settings  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

threadpool_limits(1)

settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
