"""Fixtures shared by the tests: the helper module and a real copy of MNIST."""

import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))

import mnist_helpers  # noqa: E402  (importable only once notebooks/ is on the path)


@pytest.fixture(scope="session")
def helpers():
    return mnist_helpers


@pytest.fixture(scope="session")
def real_mnist_path():
    """The path of a real, verified mnist.npz, found the way the notebooks find it."""
    path = mnist_helpers.find_mnist_file()
    mnist_helpers.read_verified_mnist(path)
    return path
