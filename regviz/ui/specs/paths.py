"""The Coefficient paths page, declared (controls still drawn by the page script)."""

from regviz.ui.spec import PageSpec

SPEC = PageSpec(
    slug="paths",
    title="Coefficient paths",
    icon=":material/timeline:",
    question="What happens to every coefficient as λ grows — and which λ should you pick?",
    intro="",
)
