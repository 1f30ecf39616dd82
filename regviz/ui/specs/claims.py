"""The Claim checker page, declared (controls still drawn by the page script)."""

from regviz.ui.spec import PageSpec

SPEC = PageSpec(
    slug="claims",
    title="Claim checker",
    icon=":material/fact_check:",
    question="Which common statements about L1 and L2 are true, and when?",
    intro="",
)
