"""Checks for the exercises of notebook 07 · Evaluating the models.

Exercise 3 (is the label or the model wrong?) asks for a judgment about pictures, with
a reason; no check can grade that, so it has none.
"""

import numpy as np

from course.messages import _

from . import exercise, require


def _test_predictions(name, notebook):
    import mnist_helpers as helpers

    model = helpers.load_runs({name: notebook})[name]["model"]
    _train, (x_test, y_test) = helpers.load_mnist()
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
        _(
            "the {answer} is not the lowest: the {lowest} has the lowest "
            "recall, {recall:.2%}."
        ).format(answer=lowest_recall_digit, lowest=lowest, recall=recall[lowest]),
    )
    return _("the {digit}: {recall:.2%} of its test images were found.").format(
        digit=lowest, recall=recall[lowest]
    )


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
    require(
        answer != pair[::-1], _("the other way round: (true digit, predicted digit).")
    )
    require(
        answer == pair,
        _(
            "{answer} is not LeNet's most confused pair: a {true} taken "
            "for a {predicted}, {times} times."
        ).format(answer=answer, true=pair[0], predicted=pair[1], times=mistakes[pair]),
    )
    return _("a {true} taken for a {predicted}, {times} times.").format(
        true=pair[0], predicted=pair[1], times=mistakes[pair]
    )
