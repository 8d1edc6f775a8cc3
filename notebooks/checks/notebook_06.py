"""Checks for the exercises of notebook 06 · A better CNN, every choice tested."""

from . import exercise, layers_of, require, require_trained


@exercise(1, "prediction")
def exercise_1(prediction):
    import mnist_helpers as helpers

    require(prediction in ("above", "below"), 'answer "above" or "below".')
    history = helpers.load_runs({"better_cnn": "06"})["better_cnn"]["history"]
    training, validation = history["accuracy"][0], history["val_accuracy"][0]
    truth = "below" if training < validation else "above"
    require(
        prediction == truth,
        f"in the lesson's run the training accuracy of the first "
        f"epoch ({training:.2%}) was {truth} the validation "
        f"accuracy ({validation:.2%}).",
    )
    return f"{truth}: {training:.2%} in training, {validation:.2%} in validation."


@exercise(2, "flip_model")
def exercise_2(flip_model):
    import keras

    flips = layers_of(flip_model, keras.layers.RandomFlip)
    require(flips, "the model has no RandomFlip layer.")
    require(
        all(layer.mode == "horizontal" for layer in flips),
        'the exercise flips horizontally: `RandomFlip("horizontal")`.',
    )
    accuracy = require_trained(flip_model)
    return (
        f"a model with horizontal flips, trained: {accuracy:.1%} on the validation set."
    )


@exercise(3, "seed_accuracies")
def exercise_3(seed_accuracies):
    values = list(
        dict(seed_accuracies).values()
        if hasattr(seed_accuracies, "keys")
        else seed_accuracies
    )
    require(len(values) == 5, f"{len(values)} results: the exercise asks for 5 seeds.")
    require(
        all(0 <= value <= 1 for value in values),
        "give accuracies as fractions from 0 to 1, as Keras reports them.",
    )
    spread = max(values) - min(values)
    return f"five seeds, a range of {100 * spread:.2f} points."
