"""The Optimizer view: how iterates reach zero page, declared (controls still drawn by the page script)."""

from regviz.ui.spec import PageSpec

SPEC = PageSpec(
    slug="optimizer",
    title="Optimizer view: how iterates reach zero",
    icon=":material/footprint:",
    question="Why do some optimizers land exactly on zero and others never do?",
    intro="",
)
