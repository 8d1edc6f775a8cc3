"""Checks for the exercises of the series: one module per lesson, one function per
exercise.

In a lesson, an exercise ends with its answer and one call:

    from checks import notebook_03 as check

    predicted_parameters = None  # your answer
    check.exercise_1(predicted_parameters)

The call prints one line: a success line, "not answered yet", or what is wrong with a
hint. It never stops the notebook with a traceback. A check tests what the answer is (a
shape, a layer, a count, an accuracy on the validation set), not how the code was
written, so any correct answer passes. grade.py calls the same checks, with `evaluate`,
to grade a class.
"""

import functools
import os
import re
import traceback

from course.errors import wrap
from course.messages import N_, _

NOT_ANSWERED = N_(
    "not answered yet: put your answer where it says None, then run the cell"
)
# The tests set MNIST_CHECKS_STRICT=1, so that a solution whose check fails stops the
# test run. A learner never needs it: a check only prints.
STRICT = os.environ.get("MNIST_CHECKS_STRICT") == "1"


class Result:
    """The outcome of one check: passed or not, and the line to show."""

    def __init__(self, passed, message):
        self.passed, self.message = passed, message

    def line(self, number):
        """The line to print: ✓ or ✗, the exercise, and lines that fit the screen."""
        mark = "✓" if self.passed else "✗"
        said = _("Exercise {number}: {message}")
        line = said.format(number=number, message=self.message)
        return wrap(f"{mark} {line}", subsequent_indent="  ")


class Wrong(Exception):
    """Raised inside a check: the answer is wrong, and the message says why."""


def exercise(number, *answer_names):
    """Turn a check into an exercise: it prints one line and never raises.

    `answer_names` are the names of the variables a lesson passes to it, in order; the
    grader reads them from a submitted notebook. The check itself returns a success
    message, or raises Wrong with what is wrong.
    """

    def decorate(check):
        @functools.wraps(check)
        def print_result(*answers):
            result = evaluate(*answers)
            print(result.line(number))
            if STRICT and not result.passed and result.message != _(NOT_ANSWERED):
                raise AssertionError(result.line(number))  # the tests' solution runs

        def evaluate(*answers):
            if all(answer is None for answer in answers):
                return Result(False, _(NOT_ANSWERED))
            try:
                return Result(True, check(*answers))
            except Wrong as wrong:
                return Result(False, str(wrong))
            except Exception as error:  # an answer of a form the check did not expect
                where = traceback.extract_tb(error.__traceback__)[-1].line
                kind = type(error).__name__
                return Result(
                    False,
                    _(
                        "this answer could not be checked ({kind}: {error}; "
                        "in the check's line: {where})."
                    ).format(kind=kind, error=error, where=where),
                )

        print_result.evaluate = evaluate
        print_result.number = number
        print_result.answer_names = answer_names
        return print_result

    return decorate


def require(condition, message):
    """Raise Wrong(message) unless the condition holds."""
    if not condition:
        raise Wrong(message)


def close(answer, expected, tolerance=1e-3):
    """Is `answer` within a share `tolerance` of `expected` (by default 0.1%)?"""
    return abs(float(answer) - expected) <= tolerance * abs(expected)


def history_values(history):
    """The dictionary of a History from fit, or the dictionary itself."""
    return getattr(history, "history", history)


def exercises(module):
    """The exercises of a check module, in order: {number: check}."""
    found = [value for value in vars(module).values() if hasattr(value, "answer_names")]
    return {check.number: check for check in sorted(found, key=lambda c: c.number)}


@functools.cache
def validation_set():
    """The 5,000 validation images (prepared) and their labels, as the lessons split
    them.
    """
    import mnist_helpers as helpers

    (x_train, y_train), _test = helpers.load_mnist()
    prepared = helpers.prepare_images(x_train)
    _fit, validation = helpers.split_validation(prepared, y_train)
    return validation


def validation_accuracy(model):
    """The share of validation digits a model reads right, whatever input shape it
    takes.
    """
    images, labels = validation_set()
    if len(model.inputs[0].shape) == 2:  # a dense model that takes flat rows of pixels
        images = images.reshape(len(images), -1)
    return float((model.predict(images, verbose=0).argmax(axis=1) == labels).mean())


def require_trained(model, least=0.3):
    """Raise Wrong unless the model reads clearly more validation digits than chance
    (0.1).
    """
    accuracy = validation_accuracy(model)
    require(
        accuracy > least,
        _(
            "it reads only {accuracy:.0%} of the validation digits: "
            "did you train it with fit, on pixels from 0 to 1?"
        ).format(accuracy=accuracy),
    )
    return accuracy


def learning_rate_named(key):
    """The learning rate a dictionary key names: 0.1, or "SGD 0.1"."""
    if isinstance(key, (int, float)):
        return float(key)
    return float(re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", str(key))[-1])


def layers_of(model, kinds=object):
    """The layers of a model that are `kinds` (a layer class or a tuple of them; all
    layers if not given), with those inside nested models (such as augmentation)."""
    found = []
    for layer in model.layers:
        if isinstance(layer, kinds):
            found.append(layer)
        if hasattr(layer, "layers"):
            found += layers_of(layer, kinds)
    return found
