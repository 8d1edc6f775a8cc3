"""Fixtures shared by the tests: the lesson module, a real copy of MNIST, mirrors of it
served on 127.0.0.1, and JupyterLab served there too.

The tests mirror the project's layout: tests/course/ tests the modules of
notebooks/course/, tests/tools/ those of tools/, and each other file here tests a
module that lessons import (test_mnist_helpers.py, test_digit_image.py, ...) or a
promise the series makes (test_notebooks.py, test_on_colab.py, ...).
"""

import gzip
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))  # what the lessons import
sys.path.insert(0, str(ROOT))  # the tools of run_series.py and grade.py

import mnist_helpers  # noqa: E402  (first: it starts TensorFlow quietly)

import numpy as np  # noqa: E402

from course import mnist_data, mnist_file  # noqa: E402
from course.mnist_download import IDX_FILES  # noqa: E402


@pytest.fixture(scope="session")
def helpers():
    return mnist_helpers


@pytest.fixture(scope="session")
def real_mnist_path():
    """The path of a real, verified mnist.npz, found the way the notebooks find it."""
    path = mnist_data.find_mnist_file()
    mnist_file.read_verified_mnist(path)
    return path


@pytest.fixture(scope="session")
def mnist_arrays(real_mnist_path):
    (x_train, y_train), (x_test, y_test) = mnist_file.read_verified_mnist(
        real_mnist_path
    )
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


# ---- mirrors of MNIST, served for real on 127.0.0.1 ---------------------------------
# MNIST's four original files (gzip around IDX) made from the shared copy, and damaged
# versions of them.


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


@pytest.fixture(scope="session")
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
        f"/{folder}/{IDX_FILES[name]}": content
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


@pytest.fixture(scope="session")
def chromium_path():
    """The path of a Chromium or Chrome here (Playwright's own download needs more
    internet than a class or CI may have), or a skip that says why."""
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    for name in names:
        if shutil.which(name):
            return shutil.which(name)
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true, but no Chromium: .ci/run installs it with apt-get")
    pytest.skip("no Chromium or Chrome here (apt-get install chromium); CI installs it")


@pytest.fixture(scope="module")
def serve_jupyterlab():
    """`serve(root, **environment)` starts JupyterLab on 127.0.0.1 with `root` as its
    folder, and its settings in root/settings, and returns its address once it
    answers. Every server started stops when the module's tests end."""
    servers = []

    def serve(root, **environment):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        environment = {
            **os.environ, **environment,
            "JUPYTER_CONFIG_DIR": str(root / "config"),
            "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"),
        }
        servers.append(subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
             f"--port={port}", "--ServerApp.token=", "--ServerApp.password=",
             f"--ServerApp.root_dir={root}"],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=1)
                return url
            except OSError:
                time.sleep(0.5)
        pytest.fail("JupyterLab did not start within a minute")

    yield serve
    for server in servers:
        server.terminate()
        server.wait(timeout=30)
