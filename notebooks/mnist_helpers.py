"""This course's helper module: the plumbing the notebooks share, and code they taught.

Import it before Keras and TensorFlow: it starts TensorFlow without start-up notices.
The plumbing is here (finding and checking the data, quick mode, the device report,
saving and loading trained models). The code at the end was taught in a lesson, in the
cells marked `#@save`: run_series.py copies them here, so lesson and module agree.

Environment variables:
    MNIST_PATH    a local mnist.npz, tried before data/mnist.npz and the download.
    MNIST_MIRROR  the address of a school's own copy of MNIST's four original files,
                  tried before the other downloads.
    MNIST_QUICK   "1" switches on quick mode: fewer epochs, a training subset (for CI).
    MNIST_MODELS_FOLDER  where trained models are saved instead of notebooks/saved
                  (for example a Google Drive folder, to keep them after Colab ends).
"""

import gzip
import hashlib
import io
import json
import math
import os
import platform
import re
import statistics
import struct
import sys
import tempfile
import textwrap
import time
import zipfile
import zlib
from pathlib import Path

# TensorFlow's C++ log messages below errors stay hidden (this must be set before
# import).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# Notices TensorFlow's C++ core writes at start-up, before its log level applies: that
# its oneDNN operations are on, and on CPU-only machines with the full wheel, that no
# CUDA library or GPU driver was found. None of them is an error.
START_UP_NOTICES = re.compile(
    r"absl::InitializeLog|oneDNN custom operations are on|cuda|cuDNN|cuFFT|cuBLAS|"
    r"TensorRT|TF-TRT|computation placer|This TensorFlow binary is optimized"
)


def import_tensorflow_quietly():
    """Import TensorFlow and Keras with the start-up notices above hidden.

    They go straight to the error stream (file descriptor 2), where Jupyter shows them
    in red under the first cell. While TensorFlow loads, that stream goes to a temporary
    file; any other line written there is passed on, so real errors still show.
    Returns the text of the notices, which tells for example whether oneDNN is on.
    """
    sys.stderr.flush()
    saved_stream = os.dup(2)
    with tempfile.TemporaryFile() as caught:
        os.dup2(caught.fileno(), 2)
        try:
            import keras  # noqa: F401  (imports TensorFlow)
            import tensorflow  # noqa: F401
        finally:
            os.dup2(saved_stream, 2)
            os.close(saved_stream)
        caught.seek(0)
        text = caught.read().decode(errors="replace")
    others = [line for line in text.splitlines() if line.strip()]
    others = [line for line in others if not START_UP_NOTICES.search(line)]
    if others:
        print("\n".join(others), file=sys.stderr)
    return text


START_UP_TEXT = import_tensorflow_quietly()
ONEDNN = "oneDNN custom operations are on" in START_UP_TEXT

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import requests  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

# The lessons call this module `helpers`; code copied here from them says so too.
helpers = sys.modules[__name__]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOCAL_COPY = PROJECT_ROOT / "data" / "mnist.npz"
MODELS_ROOT = PROJECT_ROOT / "notebooks" / "saved"
REQUIREMENTS = PROJECT_ROOT / "requirements.txt"
BENCHMARK = PROJECT_ROOT / "notebooks" / "benchmark.json"
LINE_LENGTH = 88  # the longest line this course prints or writes in code

# The file Keras downloads, and the SHA-256 of that file Keras checks it against.
KERAS_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
KERAS_FILE_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
# Where Keras keeps what it downloaded: a copy there counts as a local copy.
KERAS_CACHE = Path(os.environ.get("KERAS_HOME", "~/.keras")).expanduser() / "datasets"
# MNIST's four original files, in the IDX format, as mirrors keep them.
IDX_FILES = {
    "x_train": "train-images-idx3-ubyte.gz",
    "y_train": "train-labels-idx1-ubyte.gz",
    "x_test": "t10k-images-idx3-ubyte.gz",
    "y_test": "t10k-labels-idx1-ubyte.gz",
}
# A school's own mirror: the address of a folder holding the four files above.
MIRROR_VARIABLE = "MNIST_MIRROR"
# Where the loader downloads MNIST when there is no local copy, in this order:
# (name, kind, address). Kind "npz" is Keras's one file; kind "idx" is a folder with
# the four original files. Google's servers are blocked in mainland China; Baidu's (in
# Beijing, PaddlePaddle's source of MNIST) are reachable there; Amazon S3 (PyTorch's
# torchvision source) from most places. A school's mirror ($MNIST_MIRROR) goes first.
DOWNLOAD_SOURCES = [
    ("Keras's copy (Google Cloud Storage)", "npz", KERAS_URL),
    (
        "PaddlePaddle's mirror (Baidu Cloud)",
        "idx",
        "https://dataset.bj.bcebos.com/mnist/",
    ),
    (
        "PyTorch's mirror (Amazon S3)",
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

# What each array must be. The checksum is of the array's bytes, so it holds for any
# copy of MNIST whatever zip container it came in.
EXPECTED_ARRAYS = {
    "x_train": (
        (60000, 28, 28),
        "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757",
    ),
    "y_train": (
        (60000,),
        "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13",
    ),
    "x_test": (
        (10000, 28, 28),
        "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161",
    ),
    "y_test": (
        (10000,),
        "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5",
    ),
}

HOW_TO_FIX = (
    "How to fix it: connect to the internet and run the cell again, or copy a good "
    f"mnist.npz to {LOCAL_COPY}, or set the environment variable MNIST_PATH to the "
    f"path of one. A school can set {MIRROR_VARIABLE} to the address of its own copy "
    "of the four original MNIST files. data/README.md explains both."
)
HOW_TO_FIX_IN_CHINESE = (
    "解决办法：连上互联网后再运行一次这个单元格；或者把一份完好的 mnist.npz 复制到 "
    f"{LOCAL_COPY}，或者用环境变量 MNIST_PATH 指向它。学校可以把 MNIST 的四个原始文件"
    f"放在自己的服务器上，再用环境变量 {MIRROR_VARIABLE} 指向那个地址。"
    "详见 data/README.md。"
)


def wrap(text, width=LINE_LENGTH):
    """The text with each paragraph broken into lines of at most `width` columns (a
    Chinese character takes two)."""
    lines = []
    for paragraph in text.split("\n"):
        chinese = re.search(r"[\u4e00-\u9fff]", paragraph)
        lines.append(textwrap.fill(paragraph, width // 2 if chinese else width))
    return "\n".join(lines)


class CourseError(Exception):
    """An error whose message says what to do. In a notebook it shows as that message
    alone, wrapped to fit the screen, without the lines of helper code that raised it
    (IPython shows what `_render_traceback_` returns instead of the usual traceback)."""

    def _render_traceback_(self):
        return [wrap(f"{type(self).__name__}: {self}")]


class MnistDataError(CourseError, RuntimeError):
    """MNIST could not be found, downloaded or verified; the message says what to do."""


class NotTrainedYet(CourseError, FileNotFoundError):
    """A notebook needs a model that an earlier notebook trains and saves."""


# --------------------------------------------------------------------------------------
# Loading MNIST
# --------------------------------------------------------------------------------------


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
    return download_mnist()


def mnist_sources():
    """Where to download MNIST from, in order: $MNIST_MIRROR first, if set."""
    school = os.environ.get(MIRROR_VARIABLE, "").strip()
    first = [(f"your mirror (${MIRROR_VARIABLE})", "idx", school)] if school else []
    return first + DOWNLOAD_SOURCES


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
        print(f"Downloading MNIST from {name}: {address}", flush=True)
        try:
            if time.monotonic() >= deadline:
                raise SourceFailed(
                    f"not tried: the {TOTAL_WAIT_SECONDS} s for downloads had run out"
                )
            arrays = download_arrays(kind, address, deadline)
        except SourceFailed as failure:
            print(f"  failed: {failure}", flush=True)
            failures.append(f"- {name}, {address}: {failure}")
            continue
        saved = save_arrays(arrays, target)
        print(f"  verified, and saved as {saved}", flush=True)
        return saved
    tried = "\n".join(failures) or "- none (the list of sources is empty)"
    raise MnistDataError(
        f"MNIST was not found on this computer, and no download worked.\n"
        f"Not found: {LOCAL_COPY}, {KERAS_CACHE / 'mnist.npz'}, and $MNIST_PATH is not "
        f"set. Downloads tried:\n{tried}\n{HOW_TO_FIX}\n"
        f"无法载入 MNIST：本机没有找到它，上面列出的下载来源也都失败了。\n"
        f"{HOW_TO_FIX_IN_CHINESE}"
    )


def download_arrays(kind, address, deadline):
    """The four verified arrays from one source, or SourceFailed."""
    if kind == "npz":
        data = fetch(address, deadline)
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in EXPECTED_ARRAYS}
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            raise SourceFailed("what came is not an .npz file of MNIST") from None
    else:
        prefix = address if address.endswith("/") else f"{address}/"
        arrays = {
            name: read_idx(fetch(prefix + file, deadline), file)
            for name, file in IDX_FILES.items()
        }
    problems = [array_problem(name, array) for name, array in arrays.items()]
    problems = [problem for problem in problems if problem]
    if problems:
        raise SourceFailed(f"not MNIST: {problems[0]}")
    return arrays


def fetch(url, deadline):
    """The bytes at `url`. Connecting and the wait for data are bounded by the
    timeouts above and by `deadline`; SourceFailed says what went wrong."""
    started = time.monotonic()
    left = deadline - started
    if left <= 0:
        raise SourceFailed(f"stopped: the {TOTAL_WAIT_SECONDS} s for downloads ran out")
    connect, read = min(CONNECT_TIMEOUT_SECONDS, left), min(READ_TIMEOUT_SECONDS, left)
    try:
        with requests.get(url, stream=True, timeout=(connect, read)) as response:
            if response.status_code != 200:
                raise SourceFailed(
                    f"{url} answered {response.status_code} {response.reason}"
                )
            data = bytearray()
            for chunk in response.iter_content(chunk_size=2**16):
                data += chunk
                if len(data) > LARGEST_DOWNLOAD_BYTES:
                    raise SourceFailed(f"{url} sends far more than MNIST's size")
                if time.monotonic() - started > SOURCE_LIMIT_SECONDS:
                    raise SourceFailed(f"{url} is too slow: stopped after 10 minutes")
            return bytes(data)
    except requests.exceptions.ConnectTimeout:
        raise SourceFailed(
            f"no connection within {connect:.0f} s (blocked, or no internet)"
        ) from None
    except requests.exceptions.ReadTimeout:
        raise SourceFailed(f"connected, but no data came for {read:.0f} s") from None
    except requests.exceptions.SSLError:
        raise SourceFailed("the secure connection (HTTPS) failed") from None
    except requests.exceptions.ConnectionError as error:
        text = str(error)
        if "refused" in text.lower():
            reason = "the connection was refused"
        elif "NameResolution" in text or "getaddrinfo" in text:
            reason = "the server's name was not found (no internet, or blocked)"
        else:
            reason = f"the connection failed ({text[:120]})"
        raise SourceFailed(reason) from None
    except requests.exceptions.RequestException as error:
        raise SourceFailed(f"the download broke off ({type(error).__name__})") from None


def read_idx(data, file):
    """The array in one of MNIST's original files: gzip around the IDX format, a
    header (two zero bytes, 0x08 for unsigned bytes, the number of axes, each axis's
    length as a 4-byte big-endian number) and then the bytes themselves."""
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        raise SourceFailed(f"{file} is not a complete .gz file") from None
    if len(raw) < 4 or raw[:3] != b"\x00\x00\x08" or not 1 <= raw[3] <= 3:
        raise SourceFailed(f"{file} is not an IDX file of bytes")
    axes = raw[3]
    shape = struct.unpack(f">{axes}I", raw[4 : 4 + 4 * axes])
    start = 4 + 4 * axes
    if len(raw) != start + math.prod(shape):
        raise SourceFailed(f"{file} is cut short or too long for its header {shape}")
    return np.frombuffer(raw, dtype=np.uint8, offset=start).reshape(shape)


def save_arrays(arrays, target):
    """Save verified arrays as an .npz file, written in full before it takes the name
    `target`: a download that stops half-way leaves no damaged copy behind."""
    for folder in (target.parent, Path(tempfile.gettempdir())):
        path = folder / target.name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = tempfile.NamedTemporaryFile(
                dir=folder, suffix=".npz", delete=False
            )
            with partial as file:
                np.savez_compressed(file, **arrays)
            os.replace(file.name, path)
            return path
        except OSError:
            continue
    raise MnistDataError(f"MNIST was downloaded, but could not be saved: {target}")


def array_problem(name, array):
    """What is wrong with one of the four arrays, in a few words, or None."""
    shape, sha256 = EXPECTED_ARRAYS[name]
    if array.dtype != np.uint8 or array.shape != shape:
        return f"{name} is {array.dtype} {array.shape}; MNIST's is uint8 {shape}"
    if name.startswith("y") and array.max() > 9:
        return f"{name} holds the label {array.max()}; digits go from 0 to 9"
    if hashlib.sha256(array.tobytes()).hexdigest() != sha256:
        return (
            f"{name} has the right shape but different contents from MNIST (its "
            "checksum does not match)"
        )
    return None


def read_verified_mnist(path):
    """Read an mnist.npz file and check every array; MnistDataError on any problem."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise MnistDataError(f"There is no MNIST file at {path}.\n{HOW_TO_FIX}")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = sorted(set(EXPECTED_ARRAYS) - set(npz.files))
            if missing:
                raise MnistDataError(
                    f"{path} has no array named {', '.join(missing)} (it has: "
                    f"{', '.join(npz.files) or 'nothing'}). It is not a complete MNIST "
                    f"file.\n{HOW_TO_FIX}"
                )
            arrays = {name: npz[name] for name in EXPECTED_ARRAYS}
    except MnistDataError:
        raise
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise MnistDataError(
            f"{path} cannot be read as an .npz file ({type(error).__name__}: {error}). "
            f"It may be truncated, or not MNIST at all.\n{HOW_TO_FIX}"
        ) from None
    for name, array in arrays.items():
        problem = array_problem(name, array)
        if problem:
            damaged = " The file is damaged or altered." * ("checksum" in problem)
            raise MnistDataError(f"In {path}, {problem}.{damaged}\n{HOW_TO_FIX}")
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


# --------------------------------------------------------------------------------------
# Quick mode and the device
# --------------------------------------------------------------------------------------

QUICK_MODE = os.environ.get("MNIST_QUICK", "0") == "1"
MODE = "quick" if QUICK_MODE else "full"
QUICK_SHARE = 10  # quick mode keeps a tenth of each data set...
QUICK_TRAINING_EXAMPLES = 5000  # ...and at most this many examples
QUICK_EPOCHS = 2


def pinned_versions(requirements=REQUIREMENTS):
    """The TensorFlow and Keras versions requirements.txt pins, for example
    {"tensorflow": "2.21.0", "keras": "3.15.1"}.

    Empty when there is no requirements.txt beside the notebooks folder (someone copied
    only the notebooks).
    """
    if not Path(requirements).exists():
        return {}
    pins = re.findall(
        r"^(tensorflow|tensorflow-cpu|keras)==([^;\s]+)",
        Path(requirements).read_text(),
        re.MULTILINE,
    )
    return {name.removesuffix("-cpu"): version for name, version in pins}


def version_note(installed, pinned):
    """A note to print when the installed TensorFlow or Keras is not the pinned one
    (as on Colab), or None."""
    if all(installed.get(name) == version for name, version in pinned.items()):
        return None
    tested = f"TensorFlow {pinned.get('tensorflow')} and Keras {pinned.get('keras')}"
    here = (
        f"TensorFlow {installed.get('tensorflow')} and Keras {installed.get('keras')}"
    )
    return wrap(
        f"Note: this course was tested with {tested}; this computer has {here} "
        "(normal on Colab). Everything should work, but your numbers may differ a "
        "little from those in the text."
    )


def describe_setup():
    """Print the versions, the device and the mode; on a GPU, turn on memory growth."""
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    for gpu in gpus:
        # Take GPU memory as needed, not all at once, so several notebooks can share a
        # GPU.
        tf.config.experimental.set_memory_growth(gpu, True)
    print(
        f"TensorFlow {tf.__version__}, Keras {keras.__version__}, "
        f"Python {platform.python_version()}"
    )
    note = version_note(
        {"tensorflow": tf.__version__, "keras": keras.__version__}, pinned_versions()
    )
    if note:
        print(note)
    if gpus:
        print(f"Device: GPU ({', '.join(gpu.name for gpu in gpus)})")
    else:
        print("Device: CPU (no GPU found). Every notebook runs on a CPU.")
    if QUICK_MODE:
        print(
            f"Mode: quick (MNIST_QUICK=1): a tenth of the data (at most "
            f"{QUICK_TRAINING_EXAMPLES} examples), {QUICK_EPOCHS} epochs."
        )
    else:
        print("Mode: full")


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


# --------------------------------------------------------------------------------------
# Saving and loading trained models, with their history and metrics
# --------------------------------------------------------------------------------------

COLAB_MODELS_HINT = (
    "On Colab, each notebook has a runtime of its own, whose files are gone when the "
    "session ends. To keep models between notebooks, add this cell after the first "
    "cell of each notebook from 03 on:\n"
    "from google.colab import drive\n"
    'drive.mount("/content/drive")\n'
    'os.environ["MNIST_MODELS_FOLDER"] = "/content/drive/MyDrive/mnist-models"'
)


def models_folder(mode=MODE):
    """Where trained models of this mode are saved: notebooks/saved/full or .../quick.

    The environment variable MNIST_MODELS_FOLDER moves them, for example to a Google
    Drive folder on Colab.
    """
    return Path(os.environ.get("MNIST_MODELS_FOLDER") or MODELS_ROOT) / mode


def shorten(path):
    """A path relative to the project, as a learner sees it, where it lies inside it."""
    if path.is_relative_to(PROJECT_ROOT):
        return path.relative_to(PROJECT_ROOT)
    return path


def save_run(name, model, history, metrics):
    """Save a trained model (.keras), its training history and its metrics."""
    folder = models_folder()
    folder.mkdir(parents=True, exist_ok=True)
    model.save(folder / f"{name}.keras")
    history_lists = {
        key: [float(value) for value in values]
        for key, values in history.history.items()
    }
    (folder / f"{name}_history.json").write_text(json.dumps(history_lists, indent=1))
    metrics = {**metrics, "mode": MODE}
    (folder / f"{name}_metrics.json").write_text(json.dumps(metrics, indent=1))
    print(f"Saved {name}.keras, its history and its metrics in {shorten(folder)}")


def describe_time(seconds):
    """A duration as a person says it: "about 40 s", "about 6 min"."""
    if seconds is None:
        return "not measured yet"
    if seconds < 90:
        return f"about {round(seconds)} s"
    return f"about {seconds / 60:.0f} min"


def notebook_times(number, results_file=BENCHMARK):
    """How long notebook `number` ("06") took in full and in quick mode, as measured by
    run_series.py, for example "about 19 min in full mode, about 50 s in quick mode"."""
    try:
        measured = json.loads(Path(results_file).read_text())["notebooks"]
    except (OSError, ValueError, KeyError):
        measured = {}
    times = next(
        (value for name, value in measured.items() if name.startswith(f"{number}_")), {}
    )
    return ", ".join(
        f"{describe_time(times.get(mode, {}).get('seconds'))} in {mode} mode"
        for mode in ("full", "quick")
    )


def check_trained(notebook_of_model, stop=True):
    """Check that every model in {name: notebook} is saved; True if so.

    If one is missing, the message names every notebook still to run and how long each
    takes. It stops the notebook (stop=True), or it is printed and False is returned.
    Notebooks that need an earlier notebook's model call this first, so nothing runs
    in vain before it.
    """
    folder = models_folder()
    missing = {
        name: notebook
        for name, notebook in notebook_of_model.items()
        if not (folder / f"{name}.keras").exists()
        or not (folder / f"{name}_metrics.json").exists()
    }
    if not missing:
        return True
    notebooks = sorted(set(missing.values()))
    several = len(notebooks) > 1
    names = " and ".join(filter(None, [", ".join(notebooks[:-1]), notebooks[-1]]))
    lines = [
        f"Not trained yet in {MODE} mode: {', '.join(missing)} (nothing saved in "
        f"{shorten(folder)}).",
        f"Run notebook{'s' if several else ''} {names} first, to the end: "
        f"{'each' if several else 'it'} trains a model and saves it there.",
    ]
    for number in notebooks:
        lines.append(f"Notebook {number} takes {notebook_times(number)}.")
    if "google.colab" in sys.modules:
        lines.append(COLAB_MODELS_HINT)
    if stop:
        raise NotTrainedYet("\n".join(lines))
    print(wrap("\n".join(lines)))
    return False


def load_metrics(name, notebook):
    """The metrics that `notebook` saved for model `name` in this mode."""
    check_trained({name: notebook})
    return json.loads((models_folder() / f"{name}_metrics.json").read_text())


def load_runs(notebook_of_model):
    """Load each saved model with its history and metrics: load_runs({"cnn": "04"}).

    Returns {name: {"model": ..., "history": {...}, "metrics": {...}}}.
    """
    check_trained(notebook_of_model)
    folder = models_folder()
    return {
        name: {
            "model": keras.saving.load_model(folder / f"{name}.keras"),
            "history": json.loads((folder / f"{name}_history.json").read_text()),
            "metrics": json.loads((folder / f"{name}_metrics.json").read_text()),
        }
        for name in notebook_of_model
    }


# --------------------------------------------------------------------------------------
# Code taught in the lessons, copied from their cells marked #@save by run_series.py.
# Do not edit it here: edit the lesson's cell, then run python run_series.py --no-run.
# --------------------------------------------------------------------------------------


def prepare_images(images):
    """Add the channel axis and scale the pixels to float32 values in [0, 1]."""
    return images.reshape(-1, 28, 28, 1).astype("float32") / 255


def split_validation(x, y, size=5000):
    """The last `size` training examples become the validation set."""
    return (x[:-size], y[:-size]), (x[-size:], y[-size:])


def plot_metric(axis, histories, metric):
    """`metric` per epoch for several models: validation solid, training dashed."""
    for (name, history), marker in zip(histories.items(), "osD^v<>p", strict=False):
        values = getattr(history, "history", history)  # a History, or its saved dict
        epochs = range(1, len(values[metric]) + 1)
        label = f"{name}, validation"
        (line,) = axis.plot(epochs, values[f"val_{metric}"], marker=marker, label=label)
        label = f"{name}, training"
        axis.plot(epochs, values[metric], "--", color=line.get_color(), label=label)
    axis.set(xlabel="epoch", ylabel=metric)
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole epochs only


def zoom_on_later_epochs(axis, histories, metric):
    """Fit the axis to the values of `metric` from the second epoch on."""
    later = [value for history in histories.values()
             for key in (metric, f"val_{metric}")
             for value in getattr(history, "history", history)[key][1:]]
    if later:  # a run of one epoch has nothing after its first
        margin = (max(later) - min(later)) * 0.05 + 1e-4
        axis.set_ylim(min(later) - margin, max(later) + margin)


def plot_histories(histories, title=""):
    """Loss and accuracy of several models {name: history}, side by side."""
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    for axis, metric in zip(axes, ["loss", "accuracy"], strict=True):
        plot_metric(axis, histories, metric)
        zoom_on_later_epochs(axis, histories, metric)
    axes[1].legend(fontsize=11, loc="upper left", bbox_to_anchor=(1.02, 1))
    figure.suptitle(title)
    plt.show()


def print_layers(model):
    """Each layer's type, the shape of its output and its parameters, then the total."""
    for layer in model.layers:
        print(f"{type(layer).__name__:19} output {str(layer.output.shape):20}"
              f" parameters {layer.count_params():>8,}")
    print(f"total parameters: {model.count_params():,}")


class EpochTimer(keras.callbacks.Callback):
    """Records how many seconds each epoch of model.fit takes."""

    def on_train_begin(self, logs=None):
        self.epoch_seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_seconds.append(time.perf_counter() - self.started)

    @property
    def median(self):
        return statistics.median(self.epoch_seconds)


def convolution(filters, recipe, size=3, strides=1):
    """A convolution and ReLU, with BatchNorm between them if the recipe asks.
    Stride 1: no padding, the maps shrink by size - 1. Stride 2: padding, they halve."""
    padding = "valid" if strides == 1 else "same"
    if not recipe["batch_norm"]:
        return [keras.layers.Conv2D(filters, size, strides=strides, padding=padding,
                                    activation="relu")]
    return [keras.layers.Conv2D(filters, size, strides=strides, padding=padding,
                                use_bias=False),
            keras.layers.BatchNormalization(momentum=0.9),
            keras.layers.Activation("relu")]


def make_augmentation(strength):
    """Random rotations, shifts and zooms; strength 1 means up to 10°, 10% and 10%."""
    turn, share = strength * 10 / 360, strength * 0.1
    return keras.Sequential([
        keras.layers.RandomRotation(turn, fill_mode="constant"),
        keras.layers.RandomTranslation(share, share, fill_mode="constant"),
        keras.layers.RandomZoom(share, fill_mode="constant"),
    ], name="augmentation")


def convolution_blocks(recipe):
    """Per block: two 3 × 3 convolutions, a 5 × 5 one with stride 2, then Dropout."""
    layers = []
    for filters in (32, 64):
        filters = round(filters * recipe["width"])
        layers += convolution(filters, recipe) + convolution(filters, recipe)
        layers += convolution(filters, recipe, size=5, strides=2)
        layers.append(keras.layers.Dropout(recipe["dropout"]))
    return layers


def build_cnn(recipe):
    """The CNN of notebook 06, built as `recipe` says."""
    layers = [keras.Input(shape=(28, 28, 1))]
    if recipe["augmentation"]:
        layers.append(make_augmentation(recipe["augmentation"]))
    layers += convolution_blocks(recipe)
    layers += convolution(round(128 * recipe["width"]), recipe, size=4)  # 4 × 4 → 1 × 1
    layers += [keras.layers.Flatten(), keras.layers.Dropout(recipe["dropout"]),
               keras.layers.Dense(10, activation="softmax")]
    return keras.Sequential(layers, name="better_cnn")


def learning_rate(recipe, steps):
    """0.002 at every step ("constant"), or 0.002 down to 0 over `steps` ("cosine")."""
    if recipe["schedule"] == "constant":
        return 0.002
    return keras.optimizers.schedules.CosineDecay(0.002, decay_steps=steps)


def train_recipe(recipe, training, validation, seed=42, epochs=30, verbose=0):
    """Train build_cnn(recipe) on `training` (x, y), watching `validation` (x, y)."""
    keras.utils.set_random_seed(seed)
    model = build_cnn(recipe)
    steps = epochs * int(np.ceil(len(training[0]) / 128))  # batches of 128
    model.compile(optimizer=keras.optimizers.Adam(learning_rate(recipe, steps)),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    timer = helpers.EpochTimer()
    history = model.fit(*training, batch_size=128, epochs=epochs, verbose=verbose,
                        validation_data=validation, callbacks=[timer])
    return model, history, timer
