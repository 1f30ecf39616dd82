"""The One λ, three views page, declared (controls still drawn by the page script)."""

from regviz.ui.spec import PageSpec

SPEC = PageSpec(
    slug="one_lambda",
    title="One λ, three views",
    icon=":material/join_inner:",
    question="How are the constraint picture, the coefficient path and the error curve one and the same model?",
    intro="",
)
