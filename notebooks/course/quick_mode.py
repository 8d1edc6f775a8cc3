"""Quick mode, for tests: fewer epochs and a training subset, through the same code."""

import os

QUICK_MODE = os.environ.get("MNIST_QUICK", "0") == "1"
MODE = "quick" if QUICK_MODE else "full"
QUICK_SHARE = 10  # quick mode keeps a tenth of each data set...
QUICK_TRAINING_EXAMPLES = 5000  # ...and at most this many examples
QUICK_EPOCHS = 2


def epochs_for_mode(full_epochs):
    """The epochs to train: `full_epochs` in full mode, QUICK_EPOCHS in quick mode."""
    return QUICK_EPOCHS if QUICK_MODE else full_epochs


def subset_for_mode(x, y):
    """All of (x, y) in full mode; in quick mode its first tenth, at most
    QUICK_TRAINING_EXAMPLES (so 5,000 of the 55,000 training images)."""
    if QUICK_MODE:
        size = min(len(x) // QUICK_SHARE, QUICK_TRAINING_EXAMPLES)
        return x[:size], y[:size]
    return x, y
