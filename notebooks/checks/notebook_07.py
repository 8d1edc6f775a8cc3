"""Checks for the exercises of notebook 07 · Evaluating the models.

Exercise 3 (is the label or the model wrong?) asks for a judgment about pictures, with
a reason; no check can grade that, so it has none.
"""

import numpy as np

from . import exercise, require


def _test_predictions(name, notebook):
    import mnist_helpers as helpers

    model = helpers.load_runs({name: notebook})[name]["model"]
    _, (x_test, y_test) = helpers.load_mnist()
    images = helpers.prepare_images(x_test)
    return model.predict(images, batch_size=1000, verbose=0).argmax(axis=1), y_test


@exercise(1, "lowest_recall_digit")
def exercise_1(lowest_recall_digit):
    from sklearn import metrics

    predicted, truth = _test_predictions("dense", "03")
    recall = metrics.recall_score(truth, predicted, average=None)
    lowest = int(np.argmin(recall))
    require(
        lowest_recall_digit == lowest,
        f"the {lowest_recall_digit} is not the lowest: the {lowest} has the lowest "
        f"recall, {recall[lowest]:.2%}.",
    )
    return f"the {lowest}: {recall[lowest]:.2%} of its test images were found."


@exercise(2, "lenet_pair")
def exercise_2(lenet_pair):
    from sklearn import metrics

    predicted, truth = _test_predictions("lenet", "05")
    mistakes = metrics.confusion_matrix(truth, predicted)
    np.fill_diagonal(mistakes, 0)
    pair = tuple(
        int(digit) for digit in np.unravel_index(mistakes.argmax(), mistakes.shape)
    )
    answer = tuple(int(digit) for digit in lenet_pair)
    require(answer != pair[::-1], "the other way round: (true digit, predicted digit).")
    require(
        answer == pair,
        f"{answer} is not LeNet's most confused pair: a {pair[0]} taken "
        f"for a {pair[1]}, {mistakes[pair]} times.",
    )
    return f"a {pair[0]} taken for a {pair[1]}, {mistakes[pair]} times."
