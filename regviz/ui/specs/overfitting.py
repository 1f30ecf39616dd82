"""The Overfitting page, declared (controls still drawn by the page script)."""

from regviz.ui.spec import PageSpec

SPEC = PageSpec(
    slug="overfitting",
    title="Overfitting",
    icon=":material/ssid_chart:",
    question="How does λ move a flexible model from overfit to underfit?",
    intro="",
)
