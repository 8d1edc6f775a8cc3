"""mnist_helpers.py, the lesson module: the taught code that later lessons call.

That this code is the lessons' own is checked in tests/tools/test_saved_code.py.
"""

import keras
import numpy as np


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


def test_prepare_and_split_match_what_notebooks_02_and_03_teach(helpers):
    images = np.arange(6 * 28 * 28, dtype=np.uint32).reshape(6, 28, 28) % 256
    prepared = helpers.prepare_images(images.astype(np.uint8))
    assert prepared.shape == (6, 28, 28, 1) and prepared.dtype == np.float32
    assert prepared.max() == 1.0 and prepared.min() == 0.0
    (x_fit, y_fit), (x_val, y_val) = helpers.split_validation(
        prepared, np.arange(6), size=2
    )
    assert x_fit.shape[0] == 4 and y_val.tolist() == [4, 5]


def test_decide_keeps_a_change_only_beyond_two_standard_errors(helpers, capsys):
    reference = [0.985, 0.986, 0.984, 0.985, 0.986]  # mean 0.9852, SD 0.0008
    assert helpers.decide("far", reference, [0.980, 0.981, 0.979])
    assert "keep it" in capsys.readouterr().out
    # +0.07 points against 2 standard errors of about 0.10 points: chance could do it.
    assert not helpers.decide("near", reference, [0.9845, 0.9840, 0.9850])
    printed = capsys.readouterr().out
    assert "not distinguishable here" in printed and "+0.07 points" in printed
    assert not helpers.decide("worse", [0.980, 0.981, 0.979], reference)
    assert "worse here: choose the simpler" in capsys.readouterr().out


def test_compare_on_same_images_counts_only_the_images_where_one_is_right(
    helpers, capsys
):
    from scipy import stats

    both = np.ones(1000, dtype=bool)  # both right: no sign of which is better
    only_a, only_b = 30, 10
    right_a = np.concatenate([both, np.ones(only_a, bool), np.zeros(only_b, bool)])
    right_b = np.concatenate([both, np.zeros(only_a, bool), np.ones(only_b, bool)])
    assert helpers.compare_on_same_images("a", right_a, "b", right_b)
    printed = capsys.readouterr().out
    assert "by only the first: 30, by only the second: 10" in printed
    assert f"p-value {stats.binomtest(30, 40).pvalue:.3f}: beyond chance" in printed
    close_a = np.concatenate([both, np.ones(12, bool), np.zeros(10, bool)])
    close_b = np.concatenate([both, np.zeros(12, bool), np.ones(10, bool)])
    assert not helpers.compare_on_same_images("a", close_a, "b", close_b)
    assert "not distinguishable here" in capsys.readouterr().out
