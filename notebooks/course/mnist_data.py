"""load_mnist: MNIST from a copy on this computer, or else from a download, verified."""

import os
from pathlib import Path

from .mnist_download import download_mnist
from .mnist_file import read_verified_mnist
from .paths import KERAS_CACHE, LOCAL_COPY


def load_mnist(path=None):
    """Return ((x_train, y_train), (x_test, y_test)), as Keras's mnist.load_data() does.

    The file comes from find_mnist_file(path); whatever it holds is verified (array
    names, shapes, dtypes, label range, checksums) before it is returned.
    """
    return read_verified_mnist(find_mnist_file(path))


def find_mnist_file(path=None):
    """Where mnist.npz is: `path`, $MNIST_PATH, data/mnist.npz, Keras's own copy, or
    else a download (saved as data/mnist.npz, so it happens once)."""
    source = path or os.environ.get("MNIST_PATH")
    if source:
        return Path(source).expanduser()
    for copy in (LOCAL_COPY, KERAS_CACHE / "mnist.npz"):
        if copy.exists():
            return copy
    return download_mnist(target=LOCAL_COPY)
