"""Checks for the exercises of notebook 04 · A first convolutional network."""

from course.messages import _

from . import exercise, history_values, layers_of, learning_rate_named, require


@exercise(1, "predicted_shape", "predicted_parameters")
def exercise_1(predicted_shape, predicted_parameters):
    shape = tuple(size for size in predicted_shape if size is not None)
    require(
        shape != (26, 26, 16),
        _("that would be a 3 × 3 filter: a 5 × 5 one fits 28 - 5 + 1 = 24 times."),
    )
    require(
        shape == (24, 24, 16),
        _("{shape} is not the output shape.").format(shape=shape),
    )
    require(predicted_parameters != 400, _("each of the 16 filters also has a bias."))
    require(
        predicted_parameters == 416,
        _("{parameters} is not it. Hint: 5 × 5 × 1 weights and a bias each.").format(
            parameters=predicted_parameters
        ),
    )
    return _("(24, 24, 16) and 5 × 5 × 1 × 16 + 16 = 416 parameters.")


@exercise(2, "same_cnn")
def exercise_2(same_cnn):
    import keras

    convolutions = layers_of(same_cnn, keras.layers.Conv2D)
    require(
        len(convolutions) == 2,
        _("the model has {count} convolution layers; the deeper CNN has 2.").format(
            count=len(convolutions)
        ),
    )
    for layer in convolutions:
        require(
            layer.padding == "same",
            _('{layer} has padding "{padding}": give both `padding="same"`.').format(
                layer=layer.name, padding=layer.padding
            ),
        )
    sizes = [tuple(layer.output.shape[1:3]) for layer in convolutions]
    require(
        sizes == [(28, 28), (14, 14)],
        _(
            "the convolutions give maps of {sizes}; "
            "with padding they keep their input's size."
        ).format(sizes=sizes),
    )
    require(
        same_cnn.count_params() == 333526,
        _(
            "{parameters:,} parameters; the deeper CNN with padding has "
            "333,526. Is the rest of the model as in the lesson?"
        ).format(parameters=same_cnn.count_params()),
    )
    return _("28 → 28 → 14 → 14 → 7, and 333,526 parameters: the dense layer grew.")


@exercise(3, "sgd_histories", "highest_rate")
def exercise_3(sgd_histories, highest_rate):
    import mnist_helpers as helpers

    final = {
        learning_rate_named(key): history_values(value)["val_accuracy"]
        for key, value in sgd_histories.items()
    }
    missing = {0.001, 0.1} - set(final)
    require(
        not missing,
        _("no run with the learning rates {missing}.").format(missing=sorted(missing)),
    )
    epochs = helpers.epochs_for_mode(4)
    for rate, accuracies in final.items():
        require(
            len(accuracies) == epochs,
            _(
                "learning rate {rate}: train it for {epochs} "
                "epochs with validation data, as the lesson did."
            ).format(rate=rate, epochs=epochs),
        )
    highest = max(final, key=lambda rate: final[rate][-1])
    require(
        learning_rate_named(highest_rate) == highest,
        _("the highest final validation accuracy is learning rate {rate}'s.").format(
            rate=highest
        ),
    )
    return _(
        "learning rate {rate} ended highest; compare the curves of the others."
    ).format(rate=highest)
