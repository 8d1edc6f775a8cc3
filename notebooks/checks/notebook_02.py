"""Checks for the exercises of notebook 02 · Reshape, normalize, one-hot."""

import numpy as np

from course.messages import _

from . import close, exercise, require


@exercise(1, "predicted_shape", "predicted_one_hot")
def exercise_1(predicted_shape, predicted_one_hot):
    shape = tuple(predicted_shape)
    require(
        shape != (10000, 28, 28),
        _(
            "that is the shape before step 1: scaling keeps "
            "the channel axis that step 1 added."
        ),
    )
    require(
        shape == (10000, 28, 28, 1),
        _("{shape} is not the shape of `x_test_scaled`.").format(shape=shape),
    )
    one_hot = np.asarray(predicted_one_hot, dtype=float)
    expected = np.eye(10)[0]
    require(one_hot.shape == (10,), _("a one-hot label is ten numbers."))
    require(
        np.array_equal(one_hot, expected),
        _(
            "{answer} is not the one-hot form of the label 0. Hint: all 0, "
            "with a 1 in the position of the digit, counting from 0."
        ).format(answer=one_hot.tolist()),
    )
    return _("(10000, 28, 28, 1), and a 1 in position 0 followed by nine 0s.")


@exercise(2, "x_train_expanded")
def exercise_2(x_train_expanded):
    import mnist_helpers as helpers

    expanded = np.asarray(x_train_expanded)
    require(
        expanded.shape == (60000, 28, 28, 1),
        _(
            "the shape is {shape}, not (60000, 28, 28, 1). Hint: "
            "`axis=-1` adds the new axis at the end."
        ).format(shape=expanded.shape),
    )
    (x_train, _labels), _test = helpers.load_mnist()
    require(
        np.array_equal(expanded[..., 0], x_train),
        _("the pixels changed: adding an axis should move no number."),
    )
    return _("(60000, 28, 28, 1), with the same pixels as `reshape` gives.")


@exercise(3, "loss_099", "loss_001")
def exercise_3(loss_099, loss_001):
    require(
        not close(loss_099, -np.log10(0.99), 1e-2),
        _(
            "that is the logarithm to base 10; the cross-entropy uses the natural "
            "logarithm (`np.log`)."
        ),
    )
    require(
        close(loss_099, -np.log(0.99)),
        _("{answer} is not the loss for 0.99. Hint: the loss is -log(0.99).").format(
            answer=loss_099
        ),
    )
    require(
        close(loss_001, -np.log(0.01)),
        _("{answer} is not the loss for 0.01. Hint: the loss is -log(0.01).").format(
            answer=loss_001
        ),
    )
    return _(
        "{loss_099:.4f} and {loss_001:.2f}: a confident mistake costs far more."
    ).format(loss_099=loss_099, loss_001=loss_001)
