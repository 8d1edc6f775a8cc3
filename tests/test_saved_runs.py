"""Saving a trained model with its history and metrics, and the clear error when a
notebook ran out of order.
"""

import json
import sys
import types

import keras
import numpy as np
import pytest


@pytest.fixture
def models_root(helpers, tmp_path, monkeypatch):
    monkeypatch.delenv("MNIST_MODELS_FOLDER", raising=False)
    monkeypatch.setattr(helpers, "MODELS_ROOT", tmp_path / "saved")
    return tmp_path / "saved"


def test_save_run_writes_model_history_and_metrics_per_mode(helpers, models_root):
    model = keras.Sequential(
        [keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    model.compile(
        optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    history = model.fit(
        np.zeros((8, 28, 28, 1)), np.arange(8) % 10, epochs=2, verbose=0
    )
    helpers.save_run(
        "tiny",
        model,
        history,
        {"test_accuracy": 0.5, "parameters": model.count_params()},
    )

    folder = models_root / helpers.MODE
    reloaded = keras.saving.load_model(folder / "tiny.keras")
    assert reloaded.count_params() == model.count_params() == 7850
    assert len(json.loads((folder / "tiny_history.json").read_text())["loss"]) == 2
    metrics = helpers.load_metrics("tiny", notebook="99")
    assert metrics == {"test_accuracy": 0.5, "parameters": 7850, "mode": helpers.MODE}


def test_quick_and_full_runs_are_kept_apart(helpers):
    assert helpers.models_folder("quick") != helpers.models_folder("full")
    assert helpers.models_folder().name == helpers.MODE


def test_a_notebook_run_before_its_prerequisite_gets_a_clear_message(
    helpers, models_root
):
    with pytest.raises(FileNotFoundError, match="Run notebook 03 first") as error:
        helpers.load_metrics("dense", notebook="03")
    assert "dense" in str(error.value) and helpers.MODE in str(error.value)


def test_models_folder_moves_where_the_environment_says(
    helpers, models_root, tmp_path, monkeypatch
):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.zeros((4, 4)), np.zeros(4), epochs=1, verbose=0)
    monkeypatch.setenv(
        "MNIST_MODELS_FOLDER", str(tmp_path / "drive")
    )  # e.g. a mounted Google Drive on Colab
    helpers.save_run("tiny", model, history, {"test_accuracy": 0.5})
    assert (
        tmp_path / "drive" / helpers.MODE / "tiny.keras"
    ).exists() and not models_root.exists()
    assert helpers.load_runs({"tiny": "99"})["tiny"]["model"].count_params() == 5


def test_the_out_of_order_message_on_colab_says_how_to_keep_models(
    helpers, models_root, monkeypatch
):
    with pytest.raises(FileNotFoundError) as elsewhere:
        helpers.load_metrics("dense", notebook="03")
    assert "Colab" not in str(elsewhere.value)
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    with pytest.raises(
        FileNotFoundError,
        match="(?s)Run notebook 03 first.*drive.mount.*MNIST_MODELS_FOLDER",
    ):
        helpers.load_metrics("dense", notebook="03")


def test_print_layers_prints_a_row_per_layer_and_the_total(helpers, capsys):
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(32, 3),
            keras.layers.Flatten(),
        ]
    )
    helpers.print_layers(model)
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == [
        "Conv2D",
        "output",
        "(None,",
        "26,",
        "26,",
        "32)",
        "parameters",
        "320",
    ]
    assert rows[1].startswith("Flatten") and "(None, 21632)" in rows[1]
    assert rows[2] == "total parameters: 320" and len(rows) == 3


def test_epoch_timer_records_one_duration_per_epoch(helpers):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    timer = helpers.EpochTimer()
    model.fit(np.zeros((16, 4)), np.zeros(16), epochs=3, callbacks=[timer], verbose=0)
    assert len(timer.epoch_seconds) == 3 and all(
        seconds > 0 for seconds in timer.epoch_seconds
    )
    assert min(timer.epoch_seconds) <= timer.median <= max(timer.epoch_seconds)


def test_prepare_and_split_match_what_notebooks_02_and_03_teach(helpers):
    images = np.arange(6 * 28 * 28, dtype=np.uint32).reshape(6, 28, 28) % 256
    prepared = helpers.prepare_images(images.astype(np.uint8))
    assert prepared.shape == (6, 28, 28, 1) and prepared.dtype == np.float32
    assert prepared.max() == 1.0 and prepared.min() == 0.0
    (x_fit, y_fit), (x_val, y_val) = helpers.split_validation(
        prepared, np.arange(6), size=2
    )
    assert x_fit.shape[0] == 4 and y_val.tolist() == [4, 5]


def test_the_message_names_every_missing_notebook_and_its_times(helpers, models_root):
    with pytest.raises(helpers.NotTrainedYet) as error:
        helpers.check_trained({"dense": "03", "cnn": "04", "lenet": "05"})
    message = str(error.value)
    assert "Run notebooks 03, 04 and 05 first, to the end" in message
    for number in ("03", "04", "05"):
        assert f"Notebook {number} takes {helpers.notebook_times(number)}." in message
    assert "in full mode" in helpers.notebook_times("03")
    assert "in quick mode" in helpers.notebook_times("03")
    shown = error.value._render_traceback_()  # what a notebook shows instead of a stack
    assert all(len(line) <= 88 for text in shown for line in text.splitlines())
    assert shown[0].startswith("NotTrainedYet: Not trained yet")


def test_without_stopping_the_check_prints_the_message(helpers, models_root, capsys):
    assert helpers.check_trained({"dense": "03"}, stop=False) is False
    assert "Run notebook 03 first" in capsys.readouterr().out


def test_times_of_a_notebook_never_measured_say_so(helpers, tmp_path):
    assert helpers.notebook_times("99", tmp_path / "missing.json") == (
        "not measured yet in full mode, not measured yet in quick mode"
    )
