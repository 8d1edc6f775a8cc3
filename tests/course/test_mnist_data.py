"""course/mnist_data.py: where load_mnist finds MNIST, with real files and a mirror
served on 127.0.0.1 (the `mirrors` fixture, conftest.py)."""

import numpy as np
import pytest

from course import mnist_data, mnist_download
from course.mnist_file import MnistDataError


def test_load_mnist_reads_and_verifies_the_file_it_is_given(real_mnist_path, tmp_path):
    (x_train, y_train), (x_test, _) = mnist_data.load_mnist(real_mnist_path)
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert y_train[:3].tolist() == [5, 0, 4]
    with pytest.raises(MnistDataError, match="nowhere.npz"):
        mnist_data.load_mnist(tmp_path / "nowhere.npz")


def test_mnist_path_variable_is_used_first(mnist_arrays, tmp_path, monkeypatch):
    copy = tmp_path / "from_variable.npz"
    np.savez_compressed(copy, **mnist_arrays)
    monkeypatch.setenv("MNIST_PATH", str(copy))
    assert mnist_data.find_mnist_file() == copy
    assert mnist_data.find_mnist_file(tmp_path / "given.npz") == tmp_path / "given.npz"


def test_load_mnist_downloads_once_and_then_finds_the_copy(
    mirrors, tmp_path, monkeypatch
):
    monkeypatch.delenv("MNIST_PATH", raising=False)
    monkeypatch.setattr(mnist_data, "LOCAL_COPY", tmp_path / "data" / "mnist.npz")
    monkeypatch.setattr(mnist_data, "KERAS_CACHE", tmp_path / "keras")
    monkeypatch.setattr(
        mnist_download, "DOWNLOAD_SOURCES", [("good", "idx", f"{mirrors}/good/")]
    )
    (x_train, _), _ = mnist_data.load_mnist()
    assert mnist_data.LOCAL_COPY.exists() and x_train.shape == (60000, 28, 28)
    monkeypatch.setattr(mnist_download, "DOWNLOAD_SOURCES", [])
    assert mnist_data.find_mnist_file() == mnist_data.LOCAL_COPY  # no second download
