"""The exercise checks: a typical wrong answer to every checked exercise fails, with the
message meant for it; no answer at all says so; nothing ever raises.

The right answers are checked where they are computed: the solution notebooks call every
check, and the test run (MNIST_CHECKS_STRICT=1) stops if one of them fails.
"""

import importlib
import types

import keras
import numpy as np
import pytest

from checks import NOT_ANSWERED, exercises
from course import saved_runs

LESSONS = [f"{number:02}" for number in range(1, 10)]


def check(number, exercise):
    return exercises(importlib.import_module(f"checks.notebook_{number}"))[exercise]


def fails_with(number, exercise, answers, words):
    result = check(number, exercise).evaluate(*answers)
    assert not result.passed, result.message
    assert words in result.message, result.message


@pytest.fixture(scope="module")
def mnist(helpers):
    return helpers.load_mnist()


def lenet(pooling=keras.layers.AveragePooling2D, activation="relu"):
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(6, 5, padding="same", activation=activation),
            pooling(2),
            keras.layers.Conv2D(16, 5, activation=activation),
            pooling(2),
            keras.layers.Flatten(),
            keras.layers.Dense(120, activation=activation),
            keras.layers.Dense(84, activation=activation),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def test_every_lesson_has_checks_and_every_check_names_its_answers():
    for number in LESSONS:
        found = exercises(importlib.import_module(f"checks.notebook_{number}"))
        assert 2 <= len(found) <= 3, number
        for exercise, function in found.items():
            assert function.answer_names, (number, exercise)
            result = function.evaluate(*[None] * len(function.answer_names))
            assert not result.passed and result.message == NOT_ANSWERED


def test_an_answer_of_an_unexpected_kind_gets_a_message_not_a_traceback(
    capsys, monkeypatch
):
    import checks

    monkeypatch.setattr(checks, "STRICT", False)  # as for a learner: the check prints
    check("02", 2)("not an array at all")
    line = capsys.readouterr().out
    assert line.startswith("✗ Exercise 2:")


def test_notebook_01(mnist):
    (x_train, y_train), _ = mnist
    fails_with("01", 1, (1.0, 0.0), "after scaling")
    fails_with("01", 2, (x_train[:24],), "not a 7")
    fails_with("01", 2, (x_train[y_train == 7][:10],), "only 10 images")
    fails_with("01", 3, (x_train.mean(axis=0), 1), "(10, 28, 28)")


def test_notebook_02(mnist):
    (x_train, _), _ = mnist
    fails_with("02", 1, ((10000, 28, 28), np.eye(10)[0]), "before step 1")
    fails_with("02", 2, (np.expand_dims(x_train, axis=0),), "not (60000, 28, 28, 1)")
    fails_with("02", 3, (-np.log10(0.99), -np.log10(0.01)), "base 10")


def test_notebook_03():
    fails_with("03", 1, (784 * 256,), "weights only")
    three_rates = {0.001: [2.0, 1.9], 0.1: [1.2, 0.3], 20.0: [27.0, 1.5]}
    fails_with("03", 2, (three_rates, 20.0), "no losses for the learning rates")
    history = {"val_loss": [0.08, 0.07], "loss": [0.2, 0.1]}
    worse = {"val_loss": [0.09, 0.08], "loss": [0.3, 0.2]}
    fails_with("03", 3, (history, worse, 0.5), "keep 0.2")
    fails_with("03", 3, (None, worse, 0.5), "has no history")


def test_notebook_04():
    fails_with("04", 1, ((26, 26, 16), 416), "a 5 × 5 one fits")
    fails_with("04", 1, ((24, 24, 16), 400), "also has a bias")
    no_padding = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(32, 3),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(100),
            keras.layers.Dense(10),
        ]
    )
    fails_with("04", 2, (no_padding,), 'padding "valid"')
    histories = {"SGD 0.01": {"val_accuracy": [0.9, 0.95]}}
    fails_with("04", 3, (histories, 0.01), "no run with the learning rates")


def test_notebook_05():
    fails_with("05", 1, (150,), "also has a bias")
    fails_with("05", 2, (lenet(),), "still has average pooling")
    fails_with("05", 2, (lenet(keras.layers.MaxPooling2D),), "did you train it")
    fails_with("05", 3, (lenet(),), "uses relu")


@pytest.fixture
def saved_models(helpers, tmp_path, monkeypatch):
    """A folder of saved runs, as notebooks 03 to 06 leave them, with tiny models."""
    monkeypatch.delenv("MNIST_MODELS_FOLDER", raising=False)
    monkeypatch.setattr(saved_runs, "MODELS_ROOT", tmp_path / "saved")
    history = types.SimpleNamespace(
        history={
            "accuracy": [0.6],
            "val_accuracy": [0.9],
            "loss": [1.0],
            "val_loss": [0.5],
        }
    )
    for name in ("dense", "lenet", "better_cnn"):
        keras.utils.set_random_seed(1)
        model = keras.Sequential(
            [
                keras.Input(shape=(28, 28, 1)),
                keras.layers.Flatten(),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )
        helpers.save_run(
            name, model, history, {"test_accuracy": 0.1, "parameters": 7850}
        )
    return helpers


def test_notebook_06(saved_models):
    fails_with("06", 1, ("above",), "was below")
    fails_with("06", 1, ("higher",), 'answer "above" or "below"')
    without_flip = keras.Sequential(
        [keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    fails_with("06", 2, (without_flip,), "no RandomFlip layer")
    vertical = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.RandomFlip("vertical"),
            keras.layers.Flatten(),
            keras.layers.Dense(10),
        ]
    )
    fails_with("06", 2, (vertical,), "flips horizontally")
    horizontal = keras.Sequential(
        [keras.Input(shape=(28, 28, 1)), keras.layers.RandomFlip("horizontal")]
        + without_flip.layers
    )
    fails_with("06", 2, (horizontal,), "has not been trained yet")
    horizontal.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    fails_with("06", 2, (horizontal,), "has not been trained yet")
    horizontal.fit(np.zeros((2, 28, 28, 1)), np.zeros(2), verbose=0)
    assert check("06", 2).evaluate(horizontal).passed
    arms = {"without BatchNorm": [0.97, 0.98, 0.97], "mild (0.5)": [0.99, 0.98, 0.99]}
    metrics = {"test_accuracy": 0.1, "parameters": 7850, "arms": arms}
    run = saved_models.load_runs({"better_cnn": "06"})["better_cnn"]
    history = types.SimpleNamespace(history=run["history"])
    saved_models.save_run("better_cnn", run["model"], history, metrics)
    five = [0.98, 0.981, 0.979, 0.98, 0.982]
    fails_with("06", 3, ([0.98] * 5,), "give a dictionary")
    fails_with("06", 3, ({"without BatchNorm": five},), "no accuracies yet for: mild")
    short = {"without BatchNorm": five[:3], "mild (0.5)": five}
    fails_with("06", 3, (short,), "without BatchNorm: 3 results, not 5")
    percent = {"without BatchNorm": five, "mild (0.5)": [98.1] * 5}
    fails_with("06", 3, (percent,), "fractions from 0 to 1")
    message = check("06", 3).evaluate({"without BatchNorm": five, "mild (0.5)": five})
    assert message.passed and "each of the lesson's 2 arms" in message.message


def predictions_of(helpers, mnist, name, notebook):
    """The test predictions of a saved model, computed here as the checks should."""
    _, (x_test, y_test) = mnist
    model = helpers.load_runs({name: notebook})[name]["model"]
    images = helpers.prepare_images(x_test)
    return model.predict(images, batch_size=1000, verbose=0).argmax(axis=1), y_test


def test_notebook_07(saved_models, mnist):
    from sklearn import metrics

    predicted, truth = predictions_of(saved_models, mnist, "dense", "03")
    lowest = int(np.argmin(metrics.recall_score(truth, predicted, average=None)))
    fails_with("07", 1, ((lowest + 1) % 10,), "is not the lowest")
    predicted, truth = predictions_of(saved_models, mnist, "lenet", "05")
    mistakes = metrics.confusion_matrix(truth, predicted)
    np.fill_diagonal(mistakes, 0)
    pair = np.unravel_index(mistakes.argmax(), mistakes.shape)
    fails_with("07", 2, ((int(pair[1]), int(pair[0])),), "the other way round")


def test_notebook_08(saved_models, tmp_path):
    import digit_image

    model = saved_models.load_runs({"better_cnn": "06"})["better_cnn"]["model"]
    black = digit_image.as_model_input(np.zeros((28, 28)))
    said = int(model.predict(black, verbose=0)[0].argmax())
    fails_with("08", 1, ((said + 1) % 10,), f"the model says {said}")
    fails_with("08", 2, (tmp_path / "missing.png",), "there is no file")
    unnamed = tmp_path / "my_digit.png"
    unnamed.write_bytes(b"")
    fails_with("08", 2, (unnamed,), "start the file's name")


def test_notebook_09():
    fails_with("09", 1, (0.0,), "not 0")
    fails_with("09", 1, (np.log(10),), "ten equal scores")
    fifteen = keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(15),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    fails_with("09", 2, (fifteen,), "has 15 units")
    untrained = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(32, 3),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3),
            keras.layers.Flatten(),
            keras.layers.Dense(128),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    fails_with("09", 3, (untrained,), "did you train it")
