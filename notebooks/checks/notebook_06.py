"""Checks for the exercises of notebook 06 · A better CNN, every choice tested."""

from course.messages import _

from . import exercise, layers_of, require, validation_accuracy


@exercise(1, "prediction")
def exercise_1(prediction):
    import mnist_helpers as helpers

    # The two answers, as the learner's edition of the lesson writes them.
    above, below = _("above"), _("below")
    require(
        prediction in ("above", "below", above, below),
        _('answer "{above}" or "{below}".').format(above=above, below=below),
    )
    prediction = {above: "above", below: "below"}.get(prediction, prediction)
    history = helpers.load_runs({"better_cnn": "06"})["better_cnn"]["history"]
    training, validation = history["accuracy"][0], history["val_accuracy"][0]
    truth = "below" if training < validation else "above"
    if truth == "below":
        wrong = _(
            "in the lesson's run the training accuracy of the first "
            "epoch ({training:.2%}) was below the validation "
            "accuracy ({validation:.2%})."
        )
        right = _("below: {training:.2%} in training, {validation:.2%} in validation.")
    else:
        wrong = _(
            "in the lesson's run the training accuracy of the first "
            "epoch ({training:.2%}) was above the validation "
            "accuracy ({validation:.2%})."
        )
        right = _("above: {training:.2%} in training, {validation:.2%} in validation.")
    require(
        prediction == truth,
        wrong.format(training=training, validation=validation),
    )
    return right.format(training=training, validation=validation)


@exercise(2, "flip_model")
def exercise_2(flip_model):
    import keras

    flips = layers_of(flip_model, keras.layers.RandomFlip)
    require(flips, _("the model has no RandomFlip layer."))
    require(
        all(layer.mode == "horizontal" for layer in flips),
        _('the exercise flips horizontally: `RandomFlip("horizontal")`.'),
    )
    # Trained at all? Its optimizer counts the steps that fit took. (Not an accuracy
    # threshold: in quick mode the long run is too short to pass one.)
    optimizer = getattr(flip_model, "optimizer", None)
    steps = int(optimizer.iterations) if optimizer is not None else 0
    require(steps > 0, _("the model has not been trained yet: did you call fit?"))
    accuracy = validation_accuracy(flip_model)
    return _(
        "a model with horizontal flips, trained: {accuracy:.1%} on the validation set."
    ).format(accuracy=accuracy)


@exercise(3, "arm_accuracies")
def exercise_3(arm_accuracies):
    import mnist_helpers as helpers

    require(
        hasattr(arm_accuracies, "keys"),
        # Translators: {{ and }} show as one brace each.
        _("give a dictionary: {{arm name: [five validation accuracies]}}.").format(),
    )
    arms = helpers.load_metrics("better_cnn", "06")["arms"]
    missing = [name for name in arms if name not in arm_accuracies]
    require(
        not missing,
        _("no accuracies yet for: {arms}.").format(arms=", ".join(missing)),
    )
    for name in arms:
        values = list(arm_accuracies[name])
        require(
            len(values) == 5,
            _("{arm}: {count} results, not 5.").format(arm=name, count=len(values)),
        )
        require(
            all(0 <= value <= 1 for value in values),
            _("give accuracies as fractions from 0 to 1, as Keras reports them."),
        )
    return _("five seeds for each of the lesson's {count} arms.").format(
        count=len(arms)
    )
