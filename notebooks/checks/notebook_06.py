"""Checks for the exercises of notebook 06 · A better CNN, every choice tested."""

from . import exercise, layers_of, require, validation_accuracy


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
    # Trained at all? Its optimizer counts the steps that fit took. (Not an accuracy
    # threshold: in quick mode the long run is too short to pass one.)
    optimizer = getattr(flip_model, "optimizer", None)
    steps = int(optimizer.iterations) if optimizer is not None else 0
    require(steps > 0, "the model has not been trained yet: did you call fit?")
    accuracy = validation_accuracy(flip_model)
    return (
        f"a model with horizontal flips, trained: {accuracy:.1%} on the validation set."
    )


@exercise(3, "arm_accuracies")
def exercise_3(arm_accuracies):
    import mnist_helpers as helpers

    require(
        hasattr(arm_accuracies, "keys"),
        "give a dictionary: {arm name: [five validation accuracies]}.",
    )
    arms = helpers.load_metrics("better_cnn", "06")["arms"]
    missing = [name for name in arms if name not in arm_accuracies]
    require(not missing, f"no accuracies yet for: {', '.join(missing)}.")
    for name in arms:
        values = list(arm_accuracies[name])
        require(len(values) == 5, f"{name}: {len(values)} results, not 5.")
        require(
            all(0 <= value <= 1 for value in values),
            "give accuracies as fractions from 0 to 1, as Keras reports them.",
        )
    return f"five seeds for each of the lesson's {len(arms)} arms."
