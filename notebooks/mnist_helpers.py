"""Plumbing shared by the notebooks of the MNIST series.

What lives here is either plumbing (finding and checking the data, reporting the device,
saving results) or code a notebook has already taught once. Everything a lesson is about
stays in the notebook itself.

Environment variables:
    MNIST_PATH   path to a local mnist.npz, tried before data/mnist.npz and the download.
    MNIST_QUICK  "1" switches on quick mode: fewer epochs and a training subset, for CI.
    MNIST_MODELS_FOLDER  where trained models are saved instead of notebooks/saved (for example a mounted
                 Google Drive folder, so that models survive between Colab sessions).
"""

import hashlib
import json
import os
import platform
import re
import socket
import statistics
import sys
import time
import zipfile
from pathlib import Path

# The notebooks set these visibly before importing TensorFlow; the same defaults here keep scripts and tests quiet.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras  # noqa: E402
import numpy as np  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOCAL_COPY = PROJECT_ROOT / "data" / "mnist.npz"
MODELS_ROOT = PROJECT_ROOT / "notebooks" / "saved"
REQUIREMENTS = PROJECT_ROOT / "requirements.txt"

# The file Keras downloads, and the SHA-256 of that file Keras checks it against.
KERAS_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
KERAS_FILE_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
DOWNLOAD_TIMEOUT_SECONDS = 30
DOWNLOAD_CACHE_DIR = None  # None: Keras's own cache, ~/.keras/datasets

# What each array must be. The checksum is of the array's bytes, so it holds for any copy
# of MNIST whatever zip container it came in.
EXPECTED_ARRAYS = {
    "x_train": ((60000, 28, 28), "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757"),
    "y_train": ((60000,), "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13"),
    "x_test": ((10000, 28, 28), "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161"),
    "y_test": ((10000,), "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5"),
}

HOW_TO_FIX = (
    "How to fix it: connect to the internet and run the cell again (Keras downloads MNIST once), "
    f"or copy a good mnist.npz to {LOCAL_COPY}, or set the environment variable MNIST_PATH "
    "to the path of one. data/README.md explains how to prepare a copy for a classroom without internet."
)


class MnistDataError(RuntimeError):
    """MNIST could not be found, downloaded or verified. The message says how to fix it."""


# ----------------------------------------------------------------------------------------------
# Loading MNIST
# ----------------------------------------------------------------------------------------------

def load_mnist(path=None):
    """Return ((x_train, y_train), (x_test, y_test)), the arrays keras.datasets.mnist.load_data() gives.

    The file comes from find_mnist_file(path); whatever it holds is verified (array names, shapes,
    dtypes, label range, checksums) before it is returned.
    """
    return read_verified_mnist(find_mnist_file(path))


def find_mnist_file(path=None):
    """The path of mnist.npz: `path` if given, else $MNIST_PATH, else data/mnist.npz, else Keras's download."""
    source = path or os.environ.get("MNIST_PATH")
    if source:
        return Path(source).expanduser()
    if LOCAL_COPY.exists():
        return LOCAL_COPY
    return Path(download_mnist())


def download_mnist(url=None, cache_dir=None, timeout=DOWNLOAD_TIMEOUT_SECONDS):
    """Download mnist.npz with Keras (into ~/.keras/datasets) and return its path.

    Keras's download has no timeout of its own, so one is set on the socket for its duration:
    a server that never answers makes this fail after `timeout` seconds instead of hanging.
    """
    url = url or KERAS_URL
    cache_dir = cache_dir or DOWNLOAD_CACHE_DIR
    previous_timeout = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)
    try:
        return keras.utils.get_file("mnist.npz", origin=url, file_hash=KERAS_FILE_HASH, cache_dir=cache_dir)
    except Exception as error:  # Keras wraps some network errors in a bare Exception.
        reason = "no answer" if isinstance(error, TimeoutError) else str(error) or type(error).__name__
        raise MnistDataError(
            f"MNIST was not found locally ($MNIST_PATH is not set and there is no {LOCAL_COPY}), "
            f"and downloading it from {url} failed: {reason}.\n{HOW_TO_FIX}"
        ) from None
    finally:
        socket.setdefaulttimeout(previous_timeout)


def read_verified_mnist(path):
    """Read an mnist.npz file and check every array; raise MnistDataError on any problem."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise MnistDataError(f"There is no MNIST file at {path}.\n{HOW_TO_FIX}")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = sorted(set(EXPECTED_ARRAYS) - set(npz.files))
            if missing:
                raise MnistDataError(
                    f"{path} has no array named {', '.join(missing)} "
                    f"(it has: {', '.join(npz.files) or 'nothing'}). It is not a complete MNIST file.\n{HOW_TO_FIX}"
                )
            arrays = {name: npz[name] for name in EXPECTED_ARRAYS}
    except MnistDataError:
        raise
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise MnistDataError(
            f"{path} cannot be read as an .npz file ({type(error).__name__}: {error}). "
            f"It may be truncated, or not MNIST at all.\n{HOW_TO_FIX}"
        ) from None
    for name, (shape, sha256) in EXPECTED_ARRAYS.items():
        array = arrays[name]
        if array.dtype != np.uint8 or array.shape != shape:
            raise MnistDataError(
                f"In {path}, {name} is {array.dtype} {array.shape}; MNIST's is uint8 {shape}.\n{HOW_TO_FIX}"
            )
        if name.startswith("y") and array.max() > 9:
            raise MnistDataError(
                f"In {path}, {name} holds the label {array.max()}; digits go from 0 to 9.\n{HOW_TO_FIX}"
            )
        if hashlib.sha256(array.tobytes()).hexdigest() != sha256:
            raise MnistDataError(
                f"In {path}, {name} has the right shape but different contents from MNIST "
                f"(its checksum does not match). The file is damaged or altered.\n{HOW_TO_FIX}"
            )
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


# ----------------------------------------------------------------------------------------------
# Quick mode and the device
# ----------------------------------------------------------------------------------------------

QUICK_MODE = os.environ.get("MNIST_QUICK", "0") == "1"
MODE = "quick" if QUICK_MODE else "full"
QUICK_TRAINING_EXAMPLES = 5000
QUICK_EPOCHS = 2


def pinned_versions(requirements=REQUIREMENTS):
    """The TensorFlow and Keras versions requirements.txt pins, e.g. {"tensorflow": "2.21.0", "keras": "3.15.1"}.

    Empty when there is no requirements.txt beside the notebooks folder (someone copied only the notebooks).
    """
    if not Path(requirements).exists():
        return {}
    pins = re.findall(r"^(tensorflow|tensorflow-cpu|keras)==([^;\s]+)", Path(requirements).read_text(), re.MULTILINE)
    return {name.removesuffix("-cpu"): version for name, version in pins}


def version_note(installed, pinned):
    """A sentence to print when the installed TensorFlow or Keras differs from the pinned one (as on Colab), or None."""
    if all(installed.get(name) == version for name, version in pinned.items()):
        return None
    tested = f"TensorFlow {pinned.get('tensorflow')} and Keras {pinned.get('keras')}"
    here = f"TensorFlow {installed.get('tensorflow')} and Keras {installed.get('keras')}"
    return (f"Note: this course was tested with {tested}; this computer has {here} (normal on Colab). "
            "Everything should work, but your numbers may differ a little from those in the text.")


def describe_setup():
    """Print the versions, the device and the mode; turn on GPU memory growth when there is a GPU.

    Also says so when TensorFlow or Keras differ from the versions requirements.txt pins (as on Colab).
    """
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    for gpu in gpus:
        # Take GPU memory as needed instead of all at once, so several notebooks can share a GPU.
        tf.config.experimental.set_memory_growth(gpu, True)
    print(f"TensorFlow {tf.__version__}, Keras {keras.__version__}, Python {platform.python_version()}")
    note = version_note({"tensorflow": tf.__version__, "keras": keras.__version__}, pinned_versions())
    if note:
        print(note)
    if gpus:
        print(f"Device: GPU ({', '.join(gpu.name for gpu in gpus)})")
    else:
        print("Device: CPU. Note: no GPU found. Every notebook runs on a CPU; the times quoted are for a 2-core CPU.")
    if QUICK_MODE:
        print(f"Mode: quick (MNIST_QUICK=1): training on {QUICK_TRAINING_EXAMPLES} examples for {QUICK_EPOCHS} epochs.")
    else:
        print("Mode: full")


def epochs_for_mode(full_epochs):
    """The number of epochs to train: `full_epochs` in full mode, QUICK_EPOCHS in quick mode."""
    return QUICK_EPOCHS if QUICK_MODE else full_epochs


def training_subset(x, y):
    """All of (x, y) in full mode; its first QUICK_TRAINING_EXAMPLES in quick mode."""
    if QUICK_MODE:
        return x[:QUICK_TRAINING_EXAMPLES], y[:QUICK_TRAINING_EXAMPLES]
    return x, y


# ----------------------------------------------------------------------------------------------
# Steps the series has taught once (notebooks 02 and 03), reused by the later notebooks
# ----------------------------------------------------------------------------------------------

VALIDATION_SIZE = 5000


def prepare_images(images):
    """Notebook 02: add the channel axis and scale the pixels to float32 in [0, 1]."""
    return images.reshape(-1, 28, 28, 1).astype("float32") / 255


def split_validation(x, y, size=VALIDATION_SIZE):
    """Notebook 03: the last `size` training examples become the validation set."""
    return (x[:-size], y[:-size]), (x[-size:], y[-size:])


def plot_histories(histories, title=""):
    """Notebook 03's curves for several models {name: history}: loss and accuracy per epoch, training dashed."""
    import matplotlib.pyplot as plt

    figure, (loss_axis, accuracy_axis) = plt.subplots(1, 2, figsize=(14, 5))
    for index, (name, history) in enumerate(histories.items()):
        colour = f"C{index}"  # matplotlib's colour cycle: one colour per model
        values = getattr(history, "history", history)  # a History from fit, or its dictionary loaded from disk
        epochs = range(1, len(values["loss"]) + 1)
        for axis, metric in ((loss_axis, "loss"), (accuracy_axis, "accuracy")):
            axis.plot(epochs, values[metric], "--", color=colour, label=f"{name}, training")
            axis.plot(epochs, values[f"val_{metric}"], "-o", color=colour, label=f"{name}, validation")
            axis.set_xlabel("epoch")
            axis.set_ylabel(metric)
    accuracy_axis.legend()
    figure.suptitle(title)
    plt.show()


def print_layers(model):
    """Notebook 04's table: each layer's type, the shape of its output and its parameters, then the total."""
    for layer in model.layers:
        print(f"{type(layer).__name__:19} output {str(layer.output.shape):20} parameters {layer.count_params():>8,}")
    print(f"total parameters: {model.count_params():,}")


class EpochTimer(keras.callbacks.Callback):
    """Records how many seconds each epoch of model.fit takes (notebook 04 explains callbacks)."""

    def on_train_begin(self, logs=None):
        self.epoch_seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_seconds.append(time.perf_counter() - self.started)

    @property
    def median(self):
        return statistics.median(self.epoch_seconds)


# ----------------------------------------------------------------------------------------------
# Saving and loading trained models, with their history and metrics
# ----------------------------------------------------------------------------------------------

COLAB_MODELS_HINT = (
    " On Colab, each notebook has a runtime of its own, whose files are gone when the session ends."
    " To keep models between notebooks, add this cell after the first cell of each notebook from 03 on:"
    ' from google.colab import drive; drive.mount("/content/drive");'
    ' os.environ["MNIST_MODELS_FOLDER"] = "/content/drive/MyDrive/mnist-models"'
)


def models_folder(mode=MODE):
    """Where trained models of this mode are saved: notebooks/saved/full or notebooks/saved/quick.

    The environment variable MNIST_MODELS_FOLDER moves them, e.g. to a Google Drive folder on Colab.
    """
    return Path(os.environ.get("MNIST_MODELS_FOLDER") or MODELS_ROOT) / mode


def shorten(path):
    """A path relative to the project, as a learner sees it, where it lies inside the project."""
    return path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path


def save_run(name, model, history, metrics):
    """Save a trained model (.keras), its training history and its metrics under models_folder()."""
    folder = models_folder()
    folder.mkdir(parents=True, exist_ok=True)
    model.save(folder / f"{name}.keras")
    history_lists = {key: [float(value) for value in values] for key, values in history.history.items()}
    (folder / f"{name}_history.json").write_text(json.dumps(history_lists, indent=1))
    (folder / f"{name}_metrics.json").write_text(json.dumps({**metrics, "mode": MODE}, indent=1))
    print(f"Saved {name}.keras, {name}_history.json and {name}_metrics.json in {shorten(folder)}")


def check_saved(notebook_of_model):
    """Raise one clear error naming every notebook still to run, if any model in {name: notebook} is not saved."""
    folder = models_folder()
    missing = {name: notebook for name, notebook in notebook_of_model.items()
               if not (folder / f"{name}.keras").exists() or not (folder / f"{name}_metrics.json").exists()}
    if missing:
        notebooks = sorted(set(missing.values()))
        raise FileNotFoundError(
            f"Not trained yet in {MODE} mode: {', '.join(missing)} (nothing saved in {shorten(folder)}). "
            f"Run notebook{'s' if len(notebooks) > 1 else ''} {' and '.join(notebooks)} first, to the end: "
            "each trains its model and saves it there." + (COLAB_MODELS_HINT if "google.colab" in sys.modules else "")
        )


def load_metrics(name, notebook):
    """The metrics that `notebook` saved for model `name` in this mode; a clear error if it has not run yet."""
    check_saved({name: notebook})
    return json.loads((models_folder() / f"{name}_metrics.json").read_text())


def load_runs(notebook_of_model):
    """Load each saved model with its history and metrics, e.g. load_runs({"dense": "03", "cnn": "04"}).

    Returns {name: {"model": ..., "history": {...}, "metrics": {...}}}. Checks first that every model is there.
    """
    check_saved(notebook_of_model)
    folder = models_folder()
    return {name: {"model": keras.saving.load_model(folder / f"{name}.keras"),
                   "history": json.loads((folder / f"{name}_history.json").read_text()),
                   "metrics": json.loads((folder / f"{name}_metrics.json").read_text())}
            for name in notebook_of_model}
