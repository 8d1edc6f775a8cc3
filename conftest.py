"""pytest settings for the whole project, read before any test or notebook runs."""

import os

# The test command runs the notebooks in quick mode (fewer epochs, a training subset),
# unless the caller asked for a mode: `MNIST_QUICK=0 python -m pytest` runs them in full
# mode.
os.environ.setdefault("MNIST_QUICK", "1")
# A solution notebook whose exercise check fails then stops with an error (a learner's
# check only prints).
os.environ["MNIST_CHECKS_STRICT"] = "1"


def pytest_collection_modifyitems(items):
    # nbval waits 5 s for a cell's output after the cell finishes; training cells can
    # need longer. output_timeout is an attribute of nbval 0.11's cell items (not public
    # API: nbval is pinned).
    for item in items:
        if hasattr(item, "output_timeout"):
            item.output_timeout = 120


# nbval runs the English notebooks only. The Chinese editions (*.zh-CN.ipynb) differ
# from them in markdown and comments alone: tests/test_chinese_edition.py checks that
# their code, cell tags and outputs are the English ones, so running them would test
# the same code twice (about as long again as every other test together).
collect_ignore_glob = ["notebooks/*.zh-CN.ipynb"]
