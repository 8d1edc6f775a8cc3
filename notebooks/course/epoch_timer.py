"""EpochTimer: a callback that records how many seconds each epoch of fit takes."""

import statistics
import time

import keras


class EpochTimer(keras.callbacks.Callback):
    """Records how many seconds each epoch of model.fit takes.

    A callback is an object that fit calls at fixed moments of training: Keras calls
    these methods by their names. On a shared machine a single epoch sometimes takes
    far longer than the rest, so the median says more than the mean.
    """

    def on_train_begin(self, logs=None):
        self.epoch_seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_seconds.append(time.perf_counter() - self.started)

    @property
    def median(self):
        """The middle value of the epoch times."""
        return statistics.median(self.epoch_seconds)

    @property
    def fastest(self):
        return min(self.epoch_seconds)

    @property
    def slowest(self):
        return max(self.epoch_seconds)
