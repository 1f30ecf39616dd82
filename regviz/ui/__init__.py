"""The only streamlit code of regviz: the page frame and the declared pages.

- :mod:`regviz.ui.controls` and :mod:`regviz.ui.spec` — controls and pages as data (no
  streamlit: specs, links and lessons are unit-tested without a server);
- :mod:`regviz.ui.specs` — one spec per page, in the order of the suggested route;
- :mod:`regviz.ui.frame` — renders a spec: the deep-link guard, classroom mode, presets,
  reset, link notices, errors and the binding of every control to the URL;
- :mod:`regviz.ui.router` — navigation, the home page and the route through the pages.
"""
