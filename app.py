"""regviz — the entry point: ``streamlit run app.py``.

Every page is declared in :mod:`regviz.ui.specs` and lives in ``pages/<slug>.py``;
:func:`regviz.ui.router.run_app` builds the navigation, the shared sidebar and the home
page, and frames whichever page the visitor opens.
"""

from regviz.ui.router import run_app

run_app()
