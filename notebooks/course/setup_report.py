"""The setup cell's report: the versions, the device and the mode."""

import platform
import re
from pathlib import Path

import keras

from .errors import wrap
from .paths import REQUIREMENTS
from .quick_mode import QUICK_EPOCHS, QUICK_MODE, QUICK_TRAINING_EXAMPLES


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
