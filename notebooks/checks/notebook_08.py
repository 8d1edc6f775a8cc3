"""Checks for the exercises of notebook 08 · Predictions and your own digit.

Exercise 3 (the step where a picture stops looking like MNIST) is a judgment about
pictures; no check can grade that, so it has none.
"""

from pathlib import Path

from course.messages import _

from . import Wrong, exercise, require


@exercise(1, "predicted_digit")
def exercise_1(predicted_digit):
    import mnist_helpers as helpers

    import numpy as np

    import digit_image

    model = helpers.load_runs({"better_cnn": "06"})["better_cnn"]["model"]
    black = digit_image.as_model_input(np.zeros((28, 28)))
    probabilities = model.predict(black, verbose=0)[0]
    said = int(probabilities.argmax())
    probability = helpers.describe_probability(probabilities.max())
    require(
        predicted_digit == said,
        _(
            "the model says {digit} for an all-black image, with "
            "probability {probability}."
        ).format(digit=said, probability=probability),
    )
    return _("{digit}, with probability {probability}: a digit for no digit.").format(
        digit=said, probability=probability
    )


@exercise(2, "own_path")
def exercise_2(own_path):
    import digit_image

    path = Path(own_path)
    require(path.is_file(), _("there is no file at {path}.").format(path=path))
    require(
        path.name[:1].isdigit(),
        _("start the file's name with the digit it shows, for example 4_my_pen.jpg."),
    )
    try:
        digit_image.prepare_digit(path)
    except digit_image.DigitImageError as error:
        raise Wrong(str(error)) from None
    return _(
        "{file} can be prepared; run the lesson again to see it in the grid."
    ).format(file=path.name)
