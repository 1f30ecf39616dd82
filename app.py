"""regviz — the entry point: ``streamlit run app.py``.

Every page is declared in :mod:`regviz.ui.specs` and lives in ``pages/<slug>.py``;
:func:`regviz.ui.router.run_app` builds the navigation, the shared sidebar and the home
page, and frames whichever page the visitor opens.

This file is read twice. ``streamlit run`` finds ``app`` below and serves it (an
``st.App``, whose start-up imports what the pages need before the first visitor, see
:mod:`regviz.ui.startup`); the server then runs this same file as the script of every
visit, under the name ``__main__``.
"""

import streamlit as st

from regviz.ui.router import run_app
from regviz.ui.startup import lifespan

if __name__ == "__main__":
    run_app()
else:
    app = st.App("app.py", lifespan=lifespan)
