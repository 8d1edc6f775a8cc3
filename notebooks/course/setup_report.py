"""The setup cell's report: the versions, the device and the mode."""

import platform
import re
from pathlib import Path

import keras

from .errors import wrap
from .messages import _
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
    return wrap(
        _(
            "Note: this course was tested with TensorFlow {tested_tensorflow} and "
            "Keras {tested_keras}; this computer has TensorFlow {tensorflow} and Keras "
            "{keras} (normal on Colab). Everything should work, but your numbers may "
            "differ a little from those in the text."
        ).format(
            tested_tensorflow=pinned.get("tensorflow"),
            tested_keras=pinned.get("keras"),
            tensorflow=installed.get("tensorflow"),
            keras=installed.get("keras"),
        )
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
        _("TensorFlow {tensorflow}, Keras {keras}, Python {python}").format(
            tensorflow=tf.__version__,
            keras=keras.__version__,
            python=platform.python_version(),
        )
    )
    note = version_note(
        {"tensorflow": tf.__version__, "keras": keras.__version__}, pinned_versions()
    )
    if note:
        print(note)
    if gpus:
        print(
            _("Device: GPU ({devices})").format(
                devices=", ".join(gpu.name for gpu in gpus)
            )
        )
    else:
        print(_("Device: CPU (no GPU found). Every notebook runs on a CPU."))
    if QUICK_MODE:
        print(
            _(
                "Mode: quick (MNIST_QUICK=1): a tenth of the data (at most "
                "{examples} examples), {epochs} epochs."
            ).format(examples=QUICK_TRAINING_EXAMPLES, epochs=QUICK_EPOCHS)
        )
    else:
        print(_("Mode: full"))
