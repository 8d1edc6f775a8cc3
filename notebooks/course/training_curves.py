"""Training curves: the loss and the accuracy per epoch of several models, side by side.

Notebook 03 shows what the curves mean; later notebooks draw theirs with the same call,
helpers.plot_histories({"name": history, ...}).
"""

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from .messages import N_, _

# What each metric's axis is called (a metric the course does not name keeps its own).
METRIC_NAMES = {"loss": N_("loss"), "accuracy": N_("accuracy")}


def plot_metric(axis, histories, metric):
    """`metric` per epoch for several models: validation solid, training dashed, one
    color and one marker per model, so that the lines differ without color too."""
    for (name, history), marker in zip(histories.items(), "osD^v<>p", strict=False):
        values = getattr(history, "history", history)  # a History, or its saved dict
        epochs = range(1, len(values[metric]) + 1)
        label = _("{name}, validation").format(name=name)
        (line,) = axis.plot(epochs, values[f"val_{metric}"], marker=marker, label=label)
        label = _("{name}, training").format(name=name)
        axis.plot(epochs, values[metric], "--", color=line.get_color(), label=label)
    axis.set(xlabel=_("epoch"), ylabel=_(METRIC_NAMES.get(metric, metric)))
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole epochs only


def zoom_on_later_epochs(axis, histories, metric):
    """Fit the axis to the values of `metric` from the second epoch on: the first
    epoch is often far from the others, which would make the rest look flat."""
    later = [value for history in histories.values()
             for key in (metric, f"val_{metric}")
             for value in getattr(history, "history", history)[key][1:]]
    if later:  # a run of one epoch has nothing after its first
        margin = (max(later) - min(later)) * 0.05 + 1e-4
        axis.set_ylim(min(later) - margin, max(later) + margin)


def plot_histories(histories, title=""):
    """Loss and accuracy of several models {name: history}, side by side."""
    figure, axes = plt.subplots(1, 2, figsize=(14, 5))
    for axis, metric in zip(axes, ["loss", "accuracy"], strict=True):
        plot_metric(axis, histories, metric)
        zoom_on_later_epochs(axis, histories, metric)
    axes[1].legend(fontsize=11, loc="upper left", bbox_to_anchor=(1.02, 1))
    figure.suptitle(title)
    plt.show()
