"""course/mnist_file.py: what a copy of MNIST must hold, checked on real files and on
damaged copies of them."""

import numpy as np
import pytest

from course.mnist_file import MnistDataError, read_verified_mnist


def save_npz(path, arrays):
    np.savez_compressed(path, **arrays)
    return path


def test_real_file_loads_as_keras_would(real_mnist_path):
    (x_train, y_train), (x_test, y_test) = read_verified_mnist(real_mnist_path)
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and y_test.shape == (10000,)
    assert y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert y_test[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    assert np.bincount(y_test).tolist() == [
        980,
        1135,
        1032,
        1010,
        982,
        892,
        958,
        1028,
        974,
        1009,
    ]


def test_a_resaved_copy_passes_because_checksums_are_of_the_arrays(
    mnist_arrays, tmp_path
):
    copy = save_npz(tmp_path / "copy.npz", mnist_arrays)
    (x_train, _), _ = read_verified_mnist(copy)
    assert np.array_equal(x_train, mnist_arrays["x_train"])


def test_missing_file_names_the_path_and_the_fixes(tmp_path):
    with pytest.raises(MnistDataError) as error:
        read_verified_mnist(tmp_path / "nowhere.npz")
    message = str(error.value)
    assert (
        "nowhere.npz" in message
        and "MNIST_PATH" in message
        and "data/README.md" in message
    )


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not MNIST\n", b"\x89PNG\r\n\x1a\n" + bytes(200), b""],
)
def test_a_file_that_is_not_an_npz(tmp_path, content):
    path = tmp_path / "mnist.npz"
    path.write_bytes(content)
    with pytest.raises(MnistDataError, match="cannot be read as an .npz file"):
        read_verified_mnist(path)


def test_truncated_file_is_reported_and_left_untouched(real_mnist_path, tmp_path):
    data = real_mnist_path.read_bytes()
    path = tmp_path / "mnist.npz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(MnistDataError, match="truncated"):
        read_verified_mnist(path)
    assert path.read_bytes() == data[: len(data) // 2]


def test_array_missing(mnist_arrays, tmp_path):
    without_labels = {
        name: array for name, array in mnist_arrays.items() if name != "y_test"
    }
    with pytest.raises(MnistDataError, match="no array named y_test"):
        read_verified_mnist(save_npz(tmp_path / "mnist.npz", without_labels))


@pytest.mark.parametrize(
    "name, change, expected",
    [
        ("x_train", lambda a: a[:1000], r"x_train is uint8 \(1000, 28, 28\)"),
        ("x_test", lambda a: a.astype(np.float32), "x_test is float32"),
        (
            "y_train",
            lambda a: np.where(np.arange(a.size) == 7, 10, a).astype(np.uint8),
            "label 10",
        ),
        (
            "x_train",
            lambda a: np.where(np.arange(a.size).reshape(a.shape) == 0, 1, a).astype(
                np.uint8
            ),
            "checksum",
        ),
        ("y_test", lambda a: np.roll(a, 1), "checksum"),
    ],
)
def test_altered_arrays_are_caught(mnist_arrays, tmp_path, name, change, expected):
    altered = dict(mnist_arrays, **{name: change(mnist_arrays[name])})
    with pytest.raises(MnistDataError, match=expected):
        read_verified_mnist(save_npz(tmp_path / "mnist.npz", altered))
