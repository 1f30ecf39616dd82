"""``python -m regviz.samplecomplexity``: the Ng (2004) run, kept at its documented path.

The experiment lives in :mod:`regviz.experiments.samplecomplexity`.
"""

from regviz.experiments.samplecomplexity import main

if __name__ == "__main__":
    raise SystemExit(main())
