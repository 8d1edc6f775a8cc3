"""Save a trained model with its history and metrics; load it in a later notebook."""

import json
import os
import sys
from pathlib import Path

import keras

from .errors import CourseError, wrap
from .measured_times import notebook_times
from .messages import N_, _
from .paths import MODELS_ROOT, PROJECT_ROOT
from .quick_mode import MODE


class NotTrainedYet(CourseError, FileNotFoundError):
    """A notebook needs a model that an earlier notebook trains and saves."""


# What check_trained says first, in each mode: a whole sentence each, as "full mode"
# and "quick mode" have names of their own in other languages.
NOT_TRAINED_IN_MODE = {
    "full": N_("Not trained yet in full mode: {models} (nothing saved in {folder})."),
    "quick": N_("Not trained yet in quick mode: {models} (nothing saved in {folder})."),
}


COLAB_MODELS_HINT = N_(
    "On Colab, each notebook has a runtime of its own, whose files are gone when the "
    "session ends. To keep models between notebooks, add this cell after the first "
    "cell of each notebook from 03 on:"
)
# The cell that COLAB_MODELS_HINT shows, after the hint: code, the same in any language.
COLAB_MODELS_CELL = (
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
    print(
        _("Saved {name}.keras, its history and its metrics in {folder}").format(
            name=name, folder=shorten(folder)
        )
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
    not_trained = _(NOT_TRAINED_IN_MODE[MODE])
    lines = [
        not_trained.format(models=", ".join(missing), folder=shorten(folder)),
        run_first(notebooks),
    ]
    for number in notebooks:
        lines.append(
            _("Notebook {number} takes {times}.").format(
                number=number, times=notebook_times(number)
            )
        )
    if "google.colab" in sys.modules:
        lines.append(f"{_(COLAB_MODELS_HINT)}\n{COLAB_MODELS_CELL}")
    if stop:
        raise NotTrainedYet("\n".join(lines))
    print(wrap("\n".join(lines)))
    return False


def run_first(notebooks):
    """The sentence that names the notebooks to run first: "Run notebooks 03 and 04
    first, ..."."""
    if len(notebooks) == 1:
        return _(
            "Run notebook {notebook} first, to the end: it trains a model and saves it "
            "there."
        ).format(notebook=notebooks[0])
    return _(
        "Run notebooks {notebooks} and {last} first, to the end: each trains a model "
        "and saves it there."
    ).format(notebooks=", ".join(notebooks[:-1]), last=notebooks[-1])


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
