"""The Why sparsity needs fewer samples page, declared: Ng's (2004) Figure 1, shipped and live."""

from __future__ import annotations

from regviz.experiments.samplecomplexity import (
    DEFAULTS,
    FULL_FEATURES,
    FULL_TRAIN_SIZES,
    INTRO,
    METRIC_NAMES,
    PRESETS,
    SETTING_LABELS,
    nearest_full_features,
)
from regviz.ui.controls import Choice, Slider, Steps
from regviz.ui.spec import PageSpec
from regviz.ui.specs import common

LIVE = "live"  # the section of the live run's controls, drawn above its Run button
LIVE_ROW = {"where": "main", "section": LIVE}

SPEC = PageSpec(
    slug="sample_complexity",
    title="Why sparsity needs fewer samples",
    icon=":material/query_stats:",
    question="With many irrelevant features, why does L1 need far fewer samples than L2?",
    intro=INTRO,
    controls=(
        Choice(
            name="m",
            label="Training examples m",
            options={m: str(m) for m in FULL_TRAIN_SIZES},
            widget="segmented",
            where="main",
            help="The number of training examples of every fit (30 % of them are held out to "
            "choose the regularization strength, then the model is refitted on all of them).",
        ),
        Steps(
            name="features",
            label="Number of features d to read off",
            values=FULL_FEATURES,
            where="main",
            help="Moves the dotted line to one of the feature counts of the full run; the "
            "numbers under the figures are read there.",
        ),
        Choice(
            name="metric",
            label="Measure on the test set",
            options=METRIC_NAMES,
            secondary=True,
            help="0/1 error: fraction of test points misclassified. Log-loss: the average "
            "−log of the probability given to the true label (punishes confident mistakes).",
        ),
        Choice(
            name="live_setting",
            label="Setting of the true θ",
            options=SETTING_LABELS,
            widget="select",
            **LIVE_ROW,
            help="Which features carry signal; all three settings have the same Bayes error.",
        ),
        Slider(
            name="live_n_train",
            label="Training examples m",
            low=20,
            high=200,
            step=10,
            integer=True,
            **LIVE_ROW,
            help="Examples per training set (30 % of them choose C on a hold-out).",
        ),
        Slider(
            name="live_max_features",
            label="Largest number of features",
            low=10,
            high=1000,
            step=10,
            integer=True,
            **LIVE_ROW,
            help="The feature counts run evenly from 3 up to this number.",
        ),
        Slider(
            name="live_n_points",
            label="Feature counts",
            low=2,
            high=8,
            step=1,
            integer=True,
            **LIVE_ROW,
            help="How many values of d are tried between 3 and the largest.",
        ),
        Slider(
            name="live_repeats",
            label="Repeats per point",
            low=1,
            high=40,
            step=1,
            integer=True,
            **LIVE_ROW,
            help="Independent training sets per point; error bars are ±1 standard error over them.",
        ),
        common.random_seed(
            "Change it to draw different training sets.",
            name="live_seed",
            label="Seed",
            **LIVE_ROW,
        ),
    ),
    defaults=DEFAULTS,
    presets=PRESETS,
    preset_help={
        "Ng's Figure 1 (m = 100)": "m = 100 examples, read off at d = 1000: L2 near a coin "
        "flip, L1 near the Bayes error.",
        "twice the examples (m = 200)": "m = 200: L2 still drifts, a little more slowly.",
        "the gap opens (d = 30)": "Read the curves off at d = 30, where L2 starts to drift.",
        "live run, setting (ii)": "Set the live run to setting (ii), six feature counts and "
        "15 repeats (90 training sets, about 10 s); then press Run.",
    },
    legacy_prefix="ng_",
    # Old links could name any d from 3 to 1000: the nearest computed count (as read off).
    legacy_values={"ng_features": ("features", nearest_full_features)},
)
