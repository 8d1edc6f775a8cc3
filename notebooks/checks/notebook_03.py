"""Checks for the exercises of notebook 03 · How a network learns: a dense baseline."""

from course.messages import _

from . import exercise, history_values, learning_rate_named, require


@exercise(1, "predicted_parameters")
def exercise_1(predicted_parameters):
    require(
        predicted_parameters != 784 * 256,
        _("that counts the weights only: each of the 256 units also has a bias."),
    )
    require(
        predicted_parameters == 784 * 256 + 256,
        _("{answer} is not it. Hint: inputs × units + units.").format(
            answer=predicted_parameters
        ),
    )
    return _("784 × 256 weights + 256 biases = 200,960.")


def _losses(value):
    """The training losses: a list of them, a History, or its dictionary."""
    values = history_values(value)
    return list(values["loss"]) if isinstance(values, dict) else list(values)


@exercise(2, "tiny_losses", "overshooting_rate")
def exercise_2(tiny_losses, overshooting_rate):
    import mnist_helpers as helpers

    losses = {
        learning_rate_named(key): _losses(value) for key, value in tiny_losses.items()
    }
    missing = {0.001, 0.01, 0.1, 1.0, 20.0} - set(losses)
    require(
        not missing,
        _("no losses for the learning rates {missing}.").format(
            missing=sorted(missing)
        ),
    )
    epochs = helpers.epochs_for_mode(10)
    for rate, values in losses.items():
        require(
            len(values) == epochs,
            _(
                "learning rate {rate}: {count} losses, one per epoch should make "
                "{epochs}."
            ).format(rate=rate, count=len(values), epochs=epochs),
        )
    jumped = max(losses, key=lambda rate: losses[rate][0])
    require(
        learning_rate_named(overshooting_rate) == jumped,
        _(
            "{answer} is not the one that overshoots here: the loss after the "
            "first epoch is highest for {overshooting}."
        ).format(answer=overshooting_rate, overshooting=jumped),
    )
    return _(
        "five learning rates; {rate} overshoots: its first loss is the highest."
    ).format(rate=jumped)


@exercise(3, "history_02", "history_05", "keep")
def exercise_3(history_02, history_05, keep):
    import mnist_helpers as helpers

    epochs = helpers.epochs_for_mode(20)
    final = {}
    for rate, history in [(0.2, history_02), (0.5, history_05)]:
        require(
            history is not None,
            _(
                "the model with dropout {rate} has no history: "
                "train it, and keep what fit returns."
            ).format(rate=rate),
        )
        values = history_values(history)
        require(
            len(values.get("val_loss", [])) == epochs,
            _(
                "dropout {rate}: train it for {epochs} epochs with `validation_data`, "
                "as the lesson did."
            ).format(rate=rate, epochs=epochs),
        )
        final[rate] = values["val_loss"][-1]  # the weights we keep: the last epoch's
    better = min(final, key=final.get)
    require(keep in (0.2, 0.5), _("`keep` is the dropout rate you keep: 0.2 or 0.5."))
    require(
        keep == better,
        _(
            "keep {rate}: its validation loss at the end, {loss:.4f}, is the lower one."
        ).format(rate=better, loss=final[better]),
    )
    return _("dropout {rate} ended with the lower validation loss; keep it.").format(
        rate=better
    )
