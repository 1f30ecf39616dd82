"""The Monte Carlo: how often is a coefficient zero? page, declared (controls still drawn by the page script)."""

from regviz.ui.spec import PageSpec

SPEC = PageSpec(
    slug="monte_carlo",
    title="Monte Carlo: how often is a coefficient zero?",
    icon=":material/scatter_plot:",
    question="Over a million random problems, how often does each penalty set a coefficient to exactly zero?",
    intro="",
)
