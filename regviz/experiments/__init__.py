"""Experiments built on :mod:`regviz.core`, one module per question a page asks.

Each module holds the experiment, its result dataclass, the sentences that describe a
result (the pages' "What to notice" text, computed and tested here) and the defaults and
presets of the page that shows it — every default exists once, next to what it configures.
"""
