"""Checks for the exercises of notebook 03 · How a network learns: a dense baseline."""

from . import exercise, history_values, learning_rate_named, require


@exercise(1, "predicted_parameters")
def exercise_1(predicted_parameters):
    require(
        predicted_parameters != 784 * 256,
        "that counts the weights only: each of the 256 units also has a bias.",
    )
    require(
        predicted_parameters == 784 * 256 + 256,
        f"{predicted_parameters} is not it. Hint: inputs × units + units.",
    )
    return "784 × 256 weights + 256 biases = 200,960."


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
    require(not missing, f"no losses for the learning rates {sorted(missing)}.")
    epochs = helpers.epochs_for_mode(10)
    for rate, values in losses.items():
        require(
            len(values) == epochs,
            f"learning rate {rate}: {len(values)} losses, one per epoch should make "
            f"{epochs}.",
        )
    jumped = max(losses, key=lambda rate: losses[rate][0])
    require(
        learning_rate_named(overshooting_rate) == jumped,
        f"{overshooting_rate} is not the one that overshoots here: the loss after the "
        f"first epoch is highest for {jumped}.",
    )
    return f"five learning rates; {jumped} overshoots: its first loss is the highest."


@exercise(3, "history_02", "history_05", "keep")
def exercise_3(history_02, history_05, keep):
    import mnist_helpers as helpers

    epochs = helpers.epochs_for_mode(20)
    final = {}
    for rate, history in [(0.2, history_02), (0.5, history_05)]:
        require(
            history is not None,
            f"the model with dropout {rate} has no history: "
            "train it, and keep what fit returns.",
        )
        values = history_values(history)
        require(
            len(values.get("val_loss", [])) == epochs,
            f"dropout {rate}: train it for {epochs} epochs with `validation_data`, "
            "as the lesson did.",
        )
        final[rate] = values["val_loss"][-1]  # the weights we keep: the last epoch's
    better = min(final, key=final.get)
    require(keep in (0.2, 0.5), "`keep` is the dropout rate you keep: 0.2 or 0.5.")
    require(
        keep == better,
        f"keep {better}: its validation loss at the end, "
        f"{final[better]:.4f}, is the lower one.",
    )
    return f"dropout {better} ended with the lower validation loss; keep it."
