"""Checks for the exercises of notebook 09 · Recipes from the web."""

import numpy as np

from course.messages import _

from . import close, exercise, layers_of, require, require_trained


@exercise(1, "loss")
def exercise_1(loss):
    require(
        abs(float(loss)) > 1e-6,
        _(
            "not 0: with from_logits=True the loss applies a "
            "softmax to the ten numbers first."
        ),
    )
    require(
        not close(loss, np.log(10)),
        _("that would be ten equal scores; here one score is 1 and nine are 0."),
    )
    require(
        close(loss, np.log(1 + 9 / np.e)),
        _("{loss} is not it. Hint: softmax gives the right digit e / (e + 9).").format(
            loss=loss
        ),
    )
    return _("log(1 + 9 / e) = {loss:.4f}, even for a perfect answer.").format(
        loss=np.log(1 + 9 / np.e)
    )


@exercise(2, "model_64")
def exercise_2(model_64):
    import keras

    dense = layers_of(model_64, keras.layers.Dense)
    require(
        len(dense) == 2,
        _("{count} dense layers; recipe 1 has a hidden one and the output.").format(
            count=len(dense)
        ),
    )
    require(
        dense[0].units == 64,
        _("the hidden layer has {units} units, not 64.").format(units=dense[0].units),
    )
    accuracy = require_trained(model_64)
    return _("64 hidden units, trained: {accuracy:.1%} on the validation set.").format(
        accuracy=accuracy
    )


@exercise(3, "recipe_6_model")
def exercise_3(recipe_6_model):
    import keras

    convolutions = layers_of(recipe_6_model, keras.layers.Conv2D)
    require(
        [layer.filters for layer in convolutions] == [32, 64, 64],
        _("recipe 6 has three convolutions, of 32, 64 and 64 filters."),
    )
    accuracy = require_trained(recipe_6_model, least=0.5)
    return _(
        "recipe 6, trained on our split: {accuracy:.1%} on the validation set."
    ).format(accuracy=accuracy)
