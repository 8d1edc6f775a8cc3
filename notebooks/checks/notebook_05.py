"""Checks for the exercises of notebook 05 · LeNet."""

from . import exercise, layers_of, require, require_trained


@exercise(1, "predicted_parameters")
def exercise_1(predicted_parameters):
    require(predicted_parameters != 150, "each of the 6 filters also has a bias.")
    require(predicted_parameters != 2416, "that is the second convolution's count.")
    require(
        predicted_parameters == 156,
        f"{predicted_parameters} is not it. Hint: 5 × 5 × 1 weights and a bias, "
        "for each of 6 filters.",
    )
    return "5 × 5 × 1 × 6 + 6 = 156."


@exercise(2, "max_pooling_lenet")
def exercise_2(max_pooling_lenet):
    import keras

    require(
        not layers_of(max_pooling_lenet, keras.layers.AveragePooling2D),
        "the model still has average pooling: replace both layers.",
    )
    require(
        len(layers_of(max_pooling_lenet, keras.layers.MaxPooling2D)) == 2,
        "LeNet-5 pools twice: use two MaxPooling2D layers.",
    )
    require(
        max_pooling_lenet.count_params() == 61706,
        f"{max_pooling_lenet.count_params():,} parameters; LeNet-5 has 61,706 "
        "(pooling layers have none). Is the rest as in the lesson?",
    )
    accuracy = require_trained(max_pooling_lenet)
    return f"LeNet-5 with max pooling, trained: {accuracy:.1%} on the validation set."


@exercise(3, "tanh_lenet")
def exercise_3(tanh_lenet):
    import keras

    learned = layers_of(tanh_lenet, (keras.layers.Conv2D, keras.layers.Dense))
    hidden, output = learned[:-1], learned[-1]
    for layer in hidden:
        name = layer.activation.__name__
        require(
            name == "tanh",
            f"{layer.name} uses {name}: every layer but the output should use tanh.",
        )
    require(output.activation.__name__ == "softmax", "keep the softmax at the output.")
    accuracy = require_trained(tanh_lenet)
    return f"LeNet-5 with tanh, trained: {accuracy:.1%} on the validation set."
