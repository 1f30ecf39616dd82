"""The Bayesian view: priors and MAP page, declared (controls still drawn by the page script)."""

from regviz.ui.spec import PageSpec

SPEC = PageSpec(
    slug="bayesian",
    title="Bayesian view: priors and MAP",
    icon=":material/casino:",
    question="Which prior gives the lasso, which gives ridge — and is the posterior sparse?",
    intro="",
)
