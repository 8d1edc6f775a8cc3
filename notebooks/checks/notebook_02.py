"""Checks for the exercises of notebook 02 · Reshape, normalize, one-hot."""

import numpy as np

from . import close, exercise, require


@exercise(1, "predicted_shape", "predicted_one_hot")
def exercise_1(predicted_shape, predicted_one_hot):
    shape = tuple(predicted_shape)
    require(
        shape != (10000, 28, 28),
        "that is the shape before step 1: scaling keeps "
        "the channel axis that step 1 added.",
    )
    require(
        shape == (10000, 28, 28, 1), f"{shape} is not the shape of `x_test_scaled`."
    )
    one_hot = np.asarray(predicted_one_hot, dtype=float)
    expected = np.eye(10)[0]
    require(one_hot.shape == (10,), "a one-hot label is ten numbers.")
    require(
        np.array_equal(one_hot, expected),
        f"{one_hot.tolist()} is not the one-hot form of the label 0. Hint: all 0, "
        "with a 1 in the position of the digit, counting from 0.",
    )
    return "(10000, 28, 28, 1), and a 1 in position 0 followed by nine 0s."


@exercise(2, "x_train_expanded")
def exercise_2(x_train_expanded):
    import mnist_helpers as helpers

    expanded = np.asarray(x_train_expanded)
    require(
        expanded.shape == (60000, 28, 28, 1),
        f"the shape is {expanded.shape}, not (60000, 28, 28, 1). Hint: "
        "`axis=-1` adds the new axis at the end.",
    )
    (x_train, _), _ = helpers.load_mnist()
    require(
        np.array_equal(expanded[..., 0], x_train),
        "the pixels changed: adding an axis should move no number.",
    )
    return "(60000, 28, 28, 1), with the same pixels as `reshape` gives."


@exercise(3, "loss_099", "loss_001")
def exercise_3(loss_099, loss_001):
    require(
        not close(loss_099, -np.log10(0.99), 1e-2),
        "that is the logarithm to base 10; the cross-entropy uses the natural "
        "logarithm (`np.log`).",
    )
    require(
        close(loss_099, -np.log(0.99)),
        f"{loss_099} is not the loss for 0.99. Hint: the loss is -log(0.99).",
    )
    require(
        close(loss_001, -np.log(0.01)),
        f"{loss_001} is not the loss for 0.01. Hint: the loss is -log(0.01).",
    )
    return f"{loss_099:.4f} and {loss_001:.2f}: a confident mistake costs far more."
