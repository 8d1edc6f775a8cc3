"""Download MNIST from the first source that works: Keras's copy or a mirror."""

import gzip
import io
import math
import os
import struct
import time
import zipfile
import zlib
from pathlib import Path

import numpy as np
import requests

from . import messages
from .messages import N_, _
from .mnist_file import (
    EXPECTED_ARRAYS,
    MIRROR_VARIABLE,
    MnistDataError,
    array_problem,
    save_arrays,
    with_how_to_fix,
)
from .paths import KERAS_CACHE, LOCAL_COPY

# The file Keras downloads, and the SHA-256 of that file Keras checks it against.
KERAS_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
KERAS_FILE_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
# MNIST's four original files, in the IDX format, as mirrors keep them.
IDX_FILES = {
    "x_train": "train-images-idx3-ubyte.gz",
    "y_train": "train-labels-idx1-ubyte.gz",
    "x_test": "t10k-images-idx3-ubyte.gz",
    "y_test": "t10k-labels-idx1-ubyte.gz",
}
PADDLE_URL = "https://dataset.bj.bcebos.com/mnist/"
# Where the loader downloads MNIST when there is no local copy, in this order:
# (name, kind, address). Kind "npz" is Keras's one file; kind "idx" is a folder with
# the four original files. Google's servers usually cannot be reached from mainland
# China; Baidu AI Cloud's object storage (BOS, in Beijing, PaddlePaddle's source of
# MNIST) can; Amazon S3 (PyTorch's torchvision source) from most places. A school's
# mirror ($MNIST_MIRROR) goes first; for a learner likely in mainland China, Baidu's
# copy comes before Keras's. The names are shown in the learner's language (N_ marks
# them for the catalog).
DOWNLOAD_SOURCES = [
    (N_("Keras's copy (Google Cloud Storage)"), "npz", KERAS_URL),
    (N_("PaddlePaddle's mirror (Baidu AI Cloud, BOS)"), "idx", PADDLE_URL),
    (
        N_("PyTorch's mirror (Amazon S3)"),
        "idx",
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
    ),
]
# A blocked server often lets a connection hang instead of refusing it. So each source
# has a few seconds to connect and then to send data, and all of them together have a
# minute to answer. A download that is receiving data goes on (up to 10 minutes).
CONNECT_TIMEOUT_SECONDS = 5
READ_TIMEOUT_SECONDS = 20
TOTAL_WAIT_SECONDS = 60
SOURCE_LIMIT_SECONDS = 600
LARGEST_DOWNLOAD_BYTES = 80 * 2**20  # MNIST's files are about 11 MB together


# Time zones of mainland China, as the TZ variable names them.
CHINA_TIME_ZONES = {
    "Asia/Shanghai",
    "Asia/Chongqing",
    "Asia/Harbin",
    "Asia/Urumqi",
    "PRC",
}


def likely_in_mainland_china():
    """True if the learner reads the Chinese edition, or the computer's clock keeps
    China's time (UTC+8, named CST or China Standard Time, as Linux, macOS and
    Windows name it)."""
    if messages.language() == messages.CHINESE:
        return True
    if os.environ.get("TZ", "").lstrip(":") in CHINA_TIME_ZONES:
        return True
    names = " ".join(time.tzname)
    china_clock = "CST" in names or "China" in names or "中国" in names
    return time.localtime().tm_gmtoff == 8 * 3600 and china_clock


def mnist_sources():
    """Where to download MNIST from, in order: $MNIST_MIRROR first, if set; then
    Baidu's copy before Keras's for a learner likely in mainland China."""
    school = os.environ.get(MIRROR_VARIABLE, "").strip()
    name = _("your mirror (${variable})").format(variable=MIRROR_VARIABLE)
    first = [(name, "idx", school)] if school else []
    sources = list(DOWNLOAD_SOURCES)
    if likely_in_mainland_china():
        sources.sort(key=lambda source: source[2] != PADDLE_URL)  # Baidu's first
    return first + sources


class SourceFailed(Exception):
    """One download source did not give MNIST; the message says why, in a few words."""


def download_mnist(sources=None, target=None):
    """Try each source in turn (see DOWNLOAD_SOURCES); verify what it gives against
    MNIST's checksums, save the first good copy as `target` (data/mnist.npz) and
    return its path. If none works, MnistDataError lists every source and why."""
    sources = mnist_sources() if sources is None else sources
    target = Path(target or LOCAL_COPY)
    deadline = time.monotonic() + TOTAL_WAIT_SECONDS
    failures = []
    for name, kind, address in sources:
        source = _(name)
        print(
            _("Downloading MNIST from {source}: {address}").format(
                source=source, address=address
            ),
            flush=True,
        )
        try:
            if time.monotonic() >= deadline:
                raise SourceFailed(
                    _("not tried: the {seconds} s for downloads had run out").format(
                        seconds=TOTAL_WAIT_SECONDS
                    )
                )
            arrays = download_arrays(kind, address, deadline)
        except SourceFailed as failure:
            print("  " + _("failed: {reason}").format(reason=failure), flush=True)
            failures.append(f"- {source}, {address}: {failure}")
            continue
        saved = save_arrays(arrays, target)
        print("  " + _("verified, and saved as {path}").format(path=saved), flush=True)
        return saved
    tried = "\n".join(failures) or "- " + _("none (the list of sources is empty)")
    message = _(
        "MNIST was not found on this computer, and no download worked.\n"
        "Not found: {local_copy}, {keras_copy}, and $MNIST_PATH is not set. "
        "Downloads tried:\n{tried}"
    ).format(local_copy=LOCAL_COPY, keras_copy=KERAS_CACHE / "mnist.npz", tried=tried)
    raise MnistDataError(with_how_to_fix(message))


def download_arrays(kind, address, deadline):
    """The four verified arrays from one source, or SourceFailed."""
    if kind == "npz":
        data = fetch(address, deadline)
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in EXPECTED_ARRAYS}
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            raise SourceFailed(_("what came is not an .npz file of MNIST")) from None
    else:
        prefix = address if address.endswith("/") else f"{address}/"
        arrays = {
            name: read_idx(fetch(prefix + file, deadline), file)
            for name, file in IDX_FILES.items()
        }
    problems = [array_problem(name, array) for name, array in arrays.items()]
    problems = [problem for problem in problems if problem]
    if problems:
        raise SourceFailed(_("not MNIST: {problem}").format(problem=problems[0]))
    return arrays


def fetch(url, deadline):
    """The bytes at `url`. Connecting and the wait for data are bounded by the
    timeouts above and by `deadline`; SourceFailed says what went wrong."""
    started = time.monotonic()
    left = deadline - started
    if left <= 0:
        raise SourceFailed(
            _("stopped: the {seconds} s for downloads ran out").format(
                seconds=TOTAL_WAIT_SECONDS
            )
        )
    connect, read = min(CONNECT_TIMEOUT_SECONDS, left), min(READ_TIMEOUT_SECONDS, left)
    try:
        with requests.get(url, stream=True, timeout=(connect, read)) as response:
            if response.status_code != 200:
                raise SourceFailed(
                    _("{url} answered {status} {reason}").format(
                        url=url, status=response.status_code, reason=response.reason
                    )
                )
            data = bytearray()
            for chunk in response.iter_content(chunk_size=2**16):
                data += chunk
                if len(data) > LARGEST_DOWNLOAD_BYTES:
                    raise SourceFailed(
                        _("{url} sends far more than MNIST's size").format(url=url)
                    )
                if time.monotonic() - started > SOURCE_LIMIT_SECONDS:
                    raise SourceFailed(
                        _("{url} is too slow: stopped after 10 minutes").format(url=url)
                    )
            return bytes(data)
    except requests.exceptions.ConnectTimeout:
        raise SourceFailed(
            _("no connection within {seconds:.0f} s (blocked, or no internet)").format(
                seconds=connect
            )
        ) from None
    except requests.exceptions.ReadTimeout:
        raise SourceFailed(
            _("connected, but no data came for {seconds:.0f} s").format(seconds=read)
        ) from None
    except requests.exceptions.SSLError:
        raise SourceFailed(_("the secure connection (HTTPS) failed")) from None
    except requests.exceptions.ConnectionError as error:
        text = str(error)
        if "refused" in text.lower():
            reason = _("the connection was refused")
        elif "NameResolution" in text or "getaddrinfo" in text:
            reason = _("the server's name was not found (no internet, or blocked)")
        else:
            reason = _("the connection failed ({error})").format(error=text[:120])
        raise SourceFailed(reason) from None
    except requests.exceptions.RequestException as error:
        raise SourceFailed(
            _("the download broke off ({kind})").format(kind=type(error).__name__)
        ) from None


def read_idx(data, file):
    """The array in one of MNIST's original files: gzip around the IDX format, a
    header (two zero bytes, 0x08 for unsigned bytes, the number of axes, each axis's
    length as a 4-byte big-endian number) and then the bytes themselves."""
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        raise SourceFailed(
            _("{file} is not a complete .gz file").format(file=file)
        ) from None
    if len(raw) < 4 or raw[:3] != b"\x00\x00\x08" or not 1 <= raw[3] <= 3:
        raise SourceFailed(_("{file} is not an IDX file of bytes").format(file=file))
    axes = raw[3]
    shape = struct.unpack(f">{axes}I", raw[4 : 4 + 4 * axes])
    start = 4 + 4 * axes
    if len(raw) != start + math.prod(shape):
        raise SourceFailed(
            _("{file} is cut short or too long for its header {shape}").format(
                file=file, shape=shape
            )
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=start).reshape(shape)
