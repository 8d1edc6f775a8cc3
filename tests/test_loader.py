"""The MNIST loader: real files, damaged copies of them, and network failures on
127.0.0.1.
"""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest


@pytest.fixture(scope="module")
def mnist_arrays(helpers, real_mnist_path):
    (x_train, y_train), (x_test, y_test) = helpers.read_verified_mnist(real_mnist_path)
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


def save_npz(path, arrays):
    np.savez_compressed(path, **arrays)
    return path


def test_real_file_loads_as_keras_would(helpers, real_mnist_path):
    (x_train, y_train), (x_test, y_test) = helpers.load_mnist(real_mnist_path)
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
    helpers, mnist_arrays, tmp_path
):
    copy = save_npz(tmp_path / "copy.npz", mnist_arrays)
    (x_train, _), _ = helpers.load_mnist(copy)
    assert np.array_equal(x_train, mnist_arrays["x_train"])


def test_mnist_path_variable_is_used_first(
    helpers, mnist_arrays, tmp_path, monkeypatch
):
    copy = save_npz(tmp_path / "from_variable.npz", mnist_arrays)
    monkeypatch.setenv("MNIST_PATH", str(copy))
    assert helpers.find_mnist_file() == copy
    assert helpers.find_mnist_file(tmp_path / "given.npz") == tmp_path / "given.npz"


def test_missing_file_names_the_path_and_the_fixes(helpers, tmp_path):
    with pytest.raises(helpers.MnistDataError) as error:
        helpers.load_mnist(tmp_path / "nowhere.npz")
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
def test_a_file_that_is_not_an_npz(helpers, tmp_path, content):
    path = tmp_path / "mnist.npz"
    path.write_bytes(content)
    with pytest.raises(helpers.MnistDataError, match="cannot be read as an .npz file"):
        helpers.load_mnist(path)


def test_truncated_file_is_reported_and_left_untouched(
    helpers, real_mnist_path, tmp_path
):
    data = real_mnist_path.read_bytes()
    path = tmp_path / "mnist.npz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(helpers.MnistDataError, match="truncated"):
        helpers.load_mnist(path)
    assert path.read_bytes() == data[: len(data) // 2]


def test_array_missing(helpers, mnist_arrays, tmp_path):
    without_labels = {
        name: array for name, array in mnist_arrays.items() if name != "y_test"
    }
    with pytest.raises(helpers.MnistDataError, match="no array named y_test"):
        helpers.load_mnist(save_npz(tmp_path / "mnist.npz", without_labels))


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
def test_altered_arrays_are_caught(
    helpers, mnist_arrays, tmp_path, name, change, expected
):
    altered = dict(mnist_arrays, **{name: change(mnist_arrays[name])})
    with pytest.raises(helpers.MnistDataError, match=expected):
        helpers.load_mnist(save_npz(tmp_path / "mnist.npz", altered))


# ---- the download, against servers on 127.0.0.1 --------------------------------------


def test_refused_connection_fails_fast_with_the_fixes(helpers, tmp_path):
    with socket.socket() as closed_port:
        closed_port.bind(
            ("127.0.0.1", 0)
        )  # bound but not listening: connections are refused
        url = f"http://127.0.0.1:{closed_port.getsockname()[1]}/mnist.npz"
        started = time.monotonic()
        with pytest.raises(helpers.MnistDataError) as error:
            helpers.download_mnist(url, cache_dir=tmp_path)
    assert time.monotonic() - started < 10
    message = str(error.value)
    assert (
        "downloading it from" in message
        and "MNIST_PATH" in message
        and "data/README.md" in message
    )


def test_silent_server_gives_up_after_the_timeout(helpers, tmp_path):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts connections (in the backlog) and never answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/mnist.npz"
        started = time.monotonic()
        with pytest.raises(helpers.MnistDataError, match="no answer"):
            helpers.download_mnist(url, cache_dir=tmp_path, timeout=2)
        elapsed = time.monotonic() - started
    assert 1.5 < elapsed < 15
    assert socket.getdefaulttimeout() is None, (
        "the loader must restore the default socket timeout"
    )


def test_download_with_wrong_contents_is_rejected(helpers, tmp_path):
    class WrongFile(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<html>captive portal login</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), WrongFile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(helpers.MnistDataError, match="downloading it from"):
            helpers.download_mnist(
                f"http://127.0.0.1:{server.server_port}/mnist.npz", cache_dir=tmp_path
            )
    finally:
        server.shutdown()


def test_load_mnist_falls_back_to_the_download(helpers, tmp_path, monkeypatch):
    monkeypatch.delenv("MNIST_PATH", raising=False)
    monkeypatch.setattr(helpers, "LOCAL_COPY", tmp_path / "data" / "mnist.npz")
    with socket.socket() as closed_port:
        closed_port.bind(("127.0.0.1", 0))
        monkeypatch.setattr(
            helpers,
            "KERAS_URL",
            f"http://127.0.0.1:{closed_port.getsockname()[1]}/mnist.npz",
        )
        monkeypatch.setattr(helpers, "DOWNLOAD_CACHE_DIR", tmp_path / "keras_cache")
        with pytest.raises(
            helpers.MnistDataError, match="downloading it from http://127.0.0.1"
        ):
            helpers.load_mnist()
