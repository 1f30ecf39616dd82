"""The Why sparsity needs fewer samples page, declared (controls still drawn by the page script)."""

from regviz.ui.spec import PageSpec

SPEC = PageSpec(
    slug="sample_complexity",
    title="Why sparsity needs fewer samples",
    icon=":material/query_stats:",
    question="With many irrelevant features, why does L1 need far fewer samples than L2?",
    intro="",
)
