"""course/saved_runs.py: saving a trained model with its history and metrics, and the
clear error when a notebook ran out of order."""

import json
import sys
import types

import keras
import numpy as np
import pytest

from course import saved_runs
from course.measured_times import notebook_times
from course.quick_mode import MODE


@pytest.fixture
def models_root(tmp_path, monkeypatch):
    monkeypatch.delenv("MNIST_MODELS_FOLDER", raising=False)
    monkeypatch.setattr(saved_runs, "MODELS_ROOT", tmp_path / "saved")
    return tmp_path / "saved"


def test_save_run_writes_model_history_and_metrics_per_mode(models_root):
    model = keras.Sequential(
        [keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    model.compile(
        optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    history = model.fit(
        np.zeros((8, 28, 28, 1)), np.arange(8) % 10, epochs=2, verbose=0
    )
    saved_runs.save_run(
        "tiny",
        model,
        history,
        {"test_accuracy": 0.5, "parameters": model.count_params()},
    )

    folder = models_root / MODE
    reloaded = keras.saving.load_model(folder / "tiny.keras")
    assert reloaded.count_params() == model.count_params() == 7850
    assert len(json.loads((folder / "tiny_history.json").read_text())["loss"]) == 2
    metrics = saved_runs.load_metrics("tiny", notebook="99")
    assert metrics == {"test_accuracy": 0.5, "parameters": 7850, "mode": MODE}


def test_quick_and_full_runs_are_kept_apart():
    assert saved_runs.models_folder("quick") != saved_runs.models_folder("full")
    assert saved_runs.models_folder().name == MODE


def test_a_notebook_run_before_its_prerequisite_gets_a_clear_message(models_root):
    with pytest.raises(FileNotFoundError, match="Run notebook 03 first") as error:
        saved_runs.load_metrics("dense", notebook="03")
    assert "dense" in str(error.value) and MODE in str(error.value)


def test_models_folder_moves_where_the_environment_says(
    models_root, tmp_path, monkeypatch
):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.zeros((4, 4)), np.zeros(4), epochs=1, verbose=0)
    monkeypatch.setenv(
        "MNIST_MODELS_FOLDER", str(tmp_path / "drive")
    )  # e.g. a mounted Google Drive on Colab
    saved_runs.save_run("tiny", model, history, {"test_accuracy": 0.5})
    assert (
        tmp_path / "drive" / MODE / "tiny.keras"
    ).exists() and not models_root.exists()
    assert saved_runs.load_runs({"tiny": "99"})["tiny"]["model"].count_params() == 5


def test_the_out_of_order_message_on_colab_says_how_to_keep_models(
    models_root, monkeypatch
):
    with pytest.raises(FileNotFoundError) as elsewhere:
        saved_runs.load_metrics("dense", notebook="03")
    assert "Colab" not in str(elsewhere.value)
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    with pytest.raises(
        FileNotFoundError,
        match="(?s)Run notebook 03 first.*drive.mount.*MNIST_MODELS_FOLDER",
    ):
        saved_runs.load_metrics("dense", notebook="03")


def test_the_message_names_every_missing_notebook_and_its_times(models_root):
    with pytest.raises(saved_runs.NotTrainedYet) as error:
        saved_runs.check_trained({"dense": "03", "cnn": "04", "lenet": "05"})
    message = str(error.value)
    assert "Run notebooks 03, 04 and 05 first, to the end" in message
    for number in ("03", "04", "05"):
        assert f"Notebook {number} takes {notebook_times(number)}." in message
    assert "in full mode" in notebook_times("03")
    assert "in quick mode" in notebook_times("03")
    shown = error.value._render_traceback_()  # what a notebook shows instead of a stack
    assert all(len(line) <= 88 for text in shown for line in text.splitlines())
    assert shown[0].startswith("NotTrainedYet: Not trained yet")


def test_without_stopping_the_check_prints_the_message(models_root, capsys):
    assert saved_runs.check_trained({"dense": "03"}, stop=False) is False
    assert "Run notebook 03 first" in capsys.readouterr().out
