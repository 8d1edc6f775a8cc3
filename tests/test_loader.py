"""The MNIST loader: real files, damaged copies of them, and network failures on
127.0.0.1.
"""

import gzip
import socket
import struct
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
# Each source is served for real: MNIST's four original files (gzip around IDX) made
# from the shared copy, and damaged versions of them.


def idx_bytes(array):
    """An array as an IDX file in gzip, the form MNIST's mirrors keep."""
    header = bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.tobytes(), compresslevel=1, mtime=0)


class Files(BaseHTTPRequestHandler):
    """Serves `files` ({path: bytes}); a path missing from it answers 404."""

    files = {}

    def do_GET(self):
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        promised = len(body)
        if self.path.startswith("/broken-off/"):
            promised, body = len(body), body[: len(body) // 2]  # the line drops
        self.send_response(200)
        self.send_header("Content-Length", str(promised))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def mirrors(mnist_arrays, real_mnist_path):
    """A web server on 127.0.0.1 with one folder per kind of mirror; yields the base
    address."""
    good = {name: idx_bytes(array) for name, array in mnist_arrays.items()}
    wrong_pixel = mnist_arrays["x_train"].copy()
    wrong_pixel[0, 14, 14] ^= 0xFF
    rng = np.random.default_rng(0)
    fashion_like = {  # other pictures and labels, of MNIST's shapes and type
        name: rng.integers(0, 10 if name[0] == "y" else 256, array.shape, np.uint8)
        for name, array in mnist_arrays.items()
    }
    folders = {
        "good": good,
        "truncated": {**good, "x_test": good["x_test"][: len(good["x_test"]) // 2]},
        "broken-off": good,
        "wrong-bytes": {**good, "x_train": idx_bytes(wrong_pixel)},
        "fashion": {name: idx_bytes(array) for name, array in fashion_like.items()},
        "not-idx": {**good, "y_test": gzip.compress(b"<html>log in first</html>")},
    }
    files = {
        f"/{folder}/{helpers_files()[name]}": content
        for folder, contents in folders.items()
        for name, content in contents.items()
    }
    files["/keras/mnist.npz"] = real_mnist_path.read_bytes()
    files["/portal/mnist.npz"] = b"<html>captive portal login</html>"
    handler = type("MnistFiles", (Files,), {"files": files})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def helpers_files():
    import mnist_helpers

    return mnist_helpers.IDX_FILES


@pytest.fixture
def refused_address():
    with socket.socket() as closed_port:
        closed_port.bind(("127.0.0.1", 0))  # bound, not listening: connections refused
        yield f"http://127.0.0.1:{closed_port.getsockname()[1]}/"


@pytest.fixture
def silent_address():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts connections (in the backlog) and never answers
        yield f"http://127.0.0.1:{silent.getsockname()[1]}/"


@pytest.fixture
def short_timeouts(helpers, monkeypatch):
    monkeypatch.setattr(helpers, "CONNECT_TIMEOUT_SECONDS", 2)
    monkeypatch.setattr(helpers, "READ_TIMEOUT_SECONDS", 2)


def test_only_the_good_mirror_is_loaded(
    helpers, mirrors, refused_address, silent_address, short_timeouts, tmp_path
):
    bad = ["truncated", "broken-off", "wrong-bytes", "fashion", "not-idx"]
    sources = [(folder, "idx", f"{mirrors}/{folder}/") for folder in bad]
    sources += [("refused", "idx", refused_address), ("silent", "idx", silent_address)]
    sources += [("good", "idx", f"{mirrors}/good/")]
    sources += [("never reached", "idx", refused_address)]
    path = helpers.download_mnist(sources, target=tmp_path / "data" / "mnist.npz")
    assert path == tmp_path / "data" / "mnist.npz"
    (x_train, _), (_, y_test) = helpers.read_verified_mnist(path)
    assert x_train.shape == (60000, 28, 28) and y_test[:3].tolist() == [7, 2, 1]
    assert list(tmp_path.rglob("*")) == [tmp_path / "data", path], "no partial files"


def test_every_failure_is_named_with_its_reason_in_english_and_chinese(
    helpers, mirrors, refused_address, silent_address, short_timeouts, tmp_path
):
    bad = ["truncated", "broken-off", "wrong-bytes", "fashion", "not-idx", "missing"]
    sources = [(folder, "idx", f"{mirrors}/{folder}/") for folder in bad]
    sources += [("refused", "idx", refused_address), ("silent", "idx", silent_address)]
    sources += [("portal", "npz", f"{mirrors}/portal/mnist.npz")]
    with pytest.raises(helpers.MnistDataError) as error:
        helpers.download_mnist(sources, target=tmp_path / "mnist.npz")
    message = str(error.value)
    reasons = {
        "truncated": "t10k-images-idx3-ubyte.gz is not a complete .gz file",
        "broken-off": "the download broke off",
        "wrong-bytes": "x_train has the right shape but different contents",
        "fashion": "not MNIST: x_train has the right shape but different contents",
        "not-idx": "t10k-labels-idx1-ubyte.gz is not an IDX file",
        "missing": "answered 404",
        "refused": "the connection was refused",
        "silent": "connected, but no data came for 2 s",
        "portal": "not an .npz file of MNIST",
    }
    lines = {line.split(",")[0][2:]: line for line in message.splitlines()}
    for name, reason in reasons.items():
        assert reason in lines[name], (name, lines.get(name))
    assert "MNIST_PATH" in message and "MNIST_MIRROR" in message
    assert "无法载入 MNIST" in message and "解决办法" in message
    assert not list(tmp_path.iterdir()), "nothing is written when nothing verifies"


def test_a_server_that_hangs_at_connect_costs_only_the_connect_timeout(
    helpers, mirrors, short_timeouts, tmp_path
):
    """A full listening queue makes the kernel drop new connections, the way a
    blocked server does: the connection hangs until the loader gives up on it."""
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(0)
    fillers = []
    for _ in range(8):  # fill the queue until connecting hangs
        filler = socket.socket()
        filler.settimeout(0.3)
        try:
            filler.connect(hanging.getsockname())
        except TimeoutError:
            break
        finally:
            fillers.append(filler)
    else:
        pytest.skip("this system never lets a connection hang on 127.0.0.1")
    address = f"http://127.0.0.1:{hanging.getsockname()[1]}/"
    started = time.monotonic()
    sources = [("hanging", "idx", address), ("good", "idx", f"{mirrors}/good/")]
    try:
        helpers.download_mnist(sources, target=tmp_path / "mnist.npz")
    finally:
        for filler in fillers:
            filler.close()
        hanging.close()
    assert time.monotonic() - started < 2 + 15


def test_all_sources_together_have_a_time_limit(helpers, monkeypatch, tmp_path):
    monkeypatch.setattr(helpers, "READ_TIMEOUT_SECONDS", 2)
    monkeypatch.setattr(helpers, "TOTAL_WAIT_SECONDS", 3)
    servers = []
    for _ in range(4):
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        servers.append(silent)
    sources = [
        (f"silent {number}", "idx", f"http://127.0.0.1:{server.getsockname()[1]}/")
        for number, server in enumerate(servers)
    ]
    started = time.monotonic()
    try:
        with pytest.raises(helpers.MnistDataError) as error:
            helpers.download_mnist(sources, target=tmp_path / "mnist.npz")
    finally:
        for server in servers:
            server.close()
    assert time.monotonic() - started < 3 + 2
    assert "not tried: the 3 s for downloads had run out" in str(error.value)


def test_keras_file_is_a_source_too(helpers, mirrors, tmp_path):
    sources = [("keras", "npz", f"{mirrors}/keras/mnist.npz")]
    path = helpers.download_mnist(sources, target=tmp_path / "mnist.npz")
    (x_train, _), _ = helpers.read_verified_mnist(path)
    assert x_train.shape == (60000, 28, 28)


def test_a_school_mirror_comes_first(helpers, mirrors, monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_MIRROR", f"{mirrors}/good")
    sources = helpers.mnist_sources()
    assert sources[0][2] == f"{mirrors}/good"
    assert sources[1:] == helpers.DOWNLOAD_SOURCES
    path = helpers.download_mnist(sources[:1], target=tmp_path / "mnist.npz")
    assert helpers.read_verified_mnist(path)[0][0].shape == (60000, 28, 28)
    monkeypatch.delenv("MNIST_MIRROR")
    assert helpers.mnist_sources() == helpers.DOWNLOAD_SOURCES


def test_load_mnist_downloads_once_and_then_finds_the_copy(
    helpers, mirrors, tmp_path, monkeypatch
):
    monkeypatch.delenv("MNIST_PATH", raising=False)
    monkeypatch.setattr(helpers, "LOCAL_COPY", tmp_path / "data" / "mnist.npz")
    monkeypatch.setattr(helpers, "KERAS_CACHE", tmp_path / "keras")
    monkeypatch.setattr(
        helpers, "DOWNLOAD_SOURCES", [("good", "idx", f"{mirrors}/good/")]
    )
    (x_train, _), _ = helpers.load_mnist()
    assert helpers.LOCAL_COPY.exists() and x_train.shape == (60000, 28, 28)
    monkeypatch.setattr(helpers, "DOWNLOAD_SOURCES", [])
    assert helpers.find_mnist_file() == helpers.LOCAL_COPY  # no second download
