"""course/training_curves.py: the curves of several models, from their histories."""

import matplotlib.pyplot as plt

from course.training_curves import plot_histories

HISTORY = {  # three epochs, the first far from the others, as a saved history
    "loss": [2.0, 0.30, 0.20], "val_loss": [1.5, 0.35, 0.32],
    "accuracy": [0.5, 0.90, 0.93], "val_accuracy": [0.6, 0.88, 0.90],
}


def test_each_model_gets_a_solid_validation_and_a_dashed_training_line():
    plot_histories({"one": HISTORY, "two": HISTORY}, title="two models")
    figure = plt.gcf()
    loss_axis, accuracy_axis = figure.axes[:2]
    labels = [line.get_label() for line in loss_axis.get_lines()]
    assert labels == ["one, validation", "one, training",
                      "two, validation", "two, training"]
    styles = [line.get_linestyle() for line in loss_axis.get_lines()]
    assert styles == ["-", "--", "-", "--"]
    assert loss_axis.get_ylabel() == "loss" and accuracy_axis.get_ylabel() == "accuracy"
    plt.close(figure)


def test_the_vertical_axis_fits_the_epochs_after_the_first():
    plot_histories({"one": HISTORY})
    figure = plt.gcf()
    low, high = figure.axes[0].get_ylim()
    assert low < 0.20 and 0.35 < high < 1.0, "the first epoch's 2.0 is left out"
    plt.close(figure)
