"""course/mnist_download.py: downloads from servers on 127.0.0.1 that serve MNIST's
files, damaged copies of them, or nothing at all (the `mirrors` fixture, conftest.py).
"""

import socket
import time

import pytest

from course import mnist_download
from course.mnist_file import MnistDataError, read_verified_mnist


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
def short_timeouts(monkeypatch):
    monkeypatch.setattr(mnist_download, "CONNECT_TIMEOUT_SECONDS", 2)
    monkeypatch.setattr(mnist_download, "READ_TIMEOUT_SECONDS", 2)


def test_only_the_good_mirror_is_loaded(
    mirrors, refused_address, silent_address, short_timeouts, tmp_path
):
    bad = ["truncated", "broken-off", "wrong-bytes", "fashion", "not-idx"]
    sources = [(folder, "idx", f"{mirrors}/{folder}/") for folder in bad]
    sources += [("refused", "idx", refused_address), ("silent", "idx", silent_address)]
    sources += [("good", "idx", f"{mirrors}/good/")]
    sources += [("never reached", "idx", refused_address)]
    target = tmp_path / "data" / "mnist.npz"
    path = mnist_download.download_mnist(sources, target=target)
    assert path == target
    (x_train, _), (_, y_test) = read_verified_mnist(path)
    assert x_train.shape == (60000, 28, 28) and y_test[:3].tolist() == [7, 2, 1]
    assert list(tmp_path.rglob("*")) == [tmp_path / "data", path], "no partial files"


def test_every_failure_is_named_with_its_reason_and_the_fix(
    mirrors, refused_address, silent_address, short_timeouts, tmp_path
):
    bad = ["truncated", "broken-off", "wrong-bytes", "fashion", "not-idx", "missing"]
    sources = [(folder, "idx", f"{mirrors}/{folder}/") for folder in bad]
    sources += [("refused", "idx", refused_address), ("silent", "idx", silent_address)]
    sources += [("portal", "npz", f"{mirrors}/portal/mnist.npz")]
    with pytest.raises(MnistDataError) as error:
        mnist_download.download_mnist(sources, target=tmp_path / "mnist.npz")
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
    assert "MNIST was not found on this computer" in message
    assert "How to fix it" in message
    assert not list(tmp_path.iterdir()), "nothing is written when nothing verifies"


def test_a_server_that_hangs_at_connect_costs_only_the_connect_timeout(
    mirrors, short_timeouts, tmp_path
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
        mnist_download.download_mnist(sources, target=tmp_path / "mnist.npz")
    finally:
        for filler in fillers:
            filler.close()
        hanging.close()
    assert time.monotonic() - started < 2 + 15


def test_all_sources_together_have_a_time_limit(monkeypatch, tmp_path):
    monkeypatch.setattr(mnist_download, "READ_TIMEOUT_SECONDS", 2)
    monkeypatch.setattr(mnist_download, "TOTAL_WAIT_SECONDS", 3)
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
        with pytest.raises(MnistDataError) as error:
            mnist_download.download_mnist(sources, target=tmp_path / "mnist.npz")
    finally:
        for server in servers:
            server.close()
    assert time.monotonic() - started < 3 + 2
    assert "not tried: the 3 s for downloads had run out" in str(error.value)


def test_keras_file_is_a_source_too(mirrors, tmp_path):
    sources = [("keras", "npz", f"{mirrors}/keras/mnist.npz")]
    path = mnist_download.download_mnist(sources, target=tmp_path / "mnist.npz")
    (x_train, _), _ = read_verified_mnist(path)
    assert x_train.shape == (60000, 28, 28)


@pytest.fixture
def clock_in(monkeypatch):
    """Set the computer's time zone (TZ) and the learner's language for one test."""

    def set_clock(zone, language="en"):
        monkeypatch.setenv("TZ", zone)
        monkeypatch.setenv("MNIST_LANGUAGE", language)
        time.tzset()

    yield set_clock
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("zone", "language", "baidu_first"),
    [
        ("UTC", "en", False),
        ("America/Chicago", "en", False),  # also "CST", but UTC-6
        ("Asia/Singapore", "en", False),  # UTC+8, not China's
        ("Asia/Shanghai", "en", True),
        ("UTC", "zh-CN", True),  # the Chinese edition
    ],
)
def test_where_mainland_china_is_likely_baidus_copy_comes_first(
    clock_in, zone, language, baidu_first
):
    clock_in(zone, language)
    sources = mnist_download.mnist_sources()
    assert sorted(sources) == sorted(mnist_download.DOWNLOAD_SOURCES)
    first = mnist_download.PADDLE_URL if baidu_first else mnist_download.KERAS_URL
    assert sources[0][2] == first
    assert [s for s in sources if s[0] != sources[0][0]] == [
        s for s in mnist_download.DOWNLOAD_SOURCES if s[0] != sources[0][0]
    ]  # the others keep their order


def test_a_school_mirror_comes_first(mirrors, monkeypatch, tmp_path, clock_in):
    clock_in("UTC")
    monkeypatch.setenv("MNIST_MIRROR", f"{mirrors}/good")
    sources = mnist_download.mnist_sources()
    assert sources[0][2] == f"{mirrors}/good"
    assert sources[1:] == mnist_download.DOWNLOAD_SOURCES
    path = mnist_download.download_mnist(sources[:1], target=tmp_path / "mnist.npz")
    assert read_verified_mnist(path)[0][0].shape == (60000, 28, 28)
    monkeypatch.delenv("MNIST_MIRROR")
    assert mnist_download.mnist_sources() == mnist_download.DOWNLOAD_SOURCES
