"""Checks for the exercises of notebook 05 · LeNet."""

from course.messages import _

from . import exercise, layers_of, require, require_trained


@exercise(1, "predicted_parameters")
def exercise_1(predicted_parameters):
    require(predicted_parameters != 150, _("each of the 6 filters also has a bias."))
    require(predicted_parameters != 2416, _("that is the second convolution's count."))
    require(
        predicted_parameters == 156,
        _(
            "{parameters} is not it. Hint: 5 × 5 × 1 weights and a bias, "
            "for each of 6 filters."
        ).format(parameters=predicted_parameters),
    )
    return "5 × 5 × 1 × 6 + 6 = 156."


@exercise(2, "max_pooling_lenet")
def exercise_2(max_pooling_lenet):
    import keras

    require(
        not layers_of(max_pooling_lenet, keras.layers.AveragePooling2D),
        _("the model still has average pooling: replace both layers."),
    )
    require(
        len(layers_of(max_pooling_lenet, keras.layers.MaxPooling2D)) == 2,
        _("LeNet-5 pools twice: use two MaxPooling2D layers."),
    )
    require(
        max_pooling_lenet.count_params() == 61706,
        _(
            "{parameters:,} parameters; LeNet-5 has 61,706 "
            "(pooling layers have none). Is the rest as in the lesson?"
        ).format(parameters=max_pooling_lenet.count_params()),
    )
    accuracy = require_trained(max_pooling_lenet)
    return _(
        "LeNet-5 with max pooling, trained: {accuracy:.1%} on the validation set."
    ).format(accuracy=accuracy)


@exercise(3, "tanh_lenet")
def exercise_3(tanh_lenet):
    import keras

    learned = layers_of(tanh_lenet, (keras.layers.Conv2D, keras.layers.Dense))
    hidden, output = learned[:-1], learned[-1]
    for layer in hidden:
        name = layer.activation.__name__
        require(
            name == "tanh",
            _(
                "{layer} uses {activation}: every layer but the output should use tanh."
            ).format(layer=layer.name, activation=name),
        )
    require(
        output.activation.__name__ == "softmax",
        _("keep the softmax at the output."),
    )
    accuracy = require_trained(tanh_lenet)
    return _(
        "LeNet-5 with tanh, trained: {accuracy:.1%} on the validation set."
    ).format(accuracy=accuracy)
