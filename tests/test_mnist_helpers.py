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
