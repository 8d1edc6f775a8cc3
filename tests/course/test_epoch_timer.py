"""course/epoch_timer.py: the callback that times each epoch of a real fit."""

import keras
import numpy as np

from course.epoch_timer import EpochTimer


def test_epoch_timer_records_one_duration_per_epoch():
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    timer = EpochTimer()
    model.fit(np.zeros((16, 4)), np.zeros(16), epochs=3, callbacks=[timer], verbose=0)
    assert len(timer.epoch_seconds) == 3 and all(
        seconds > 0 for seconds in timer.epoch_seconds
    )
    assert min(timer.epoch_seconds) <= timer.median <= max(timer.epoch_seconds)
    assert timer.fastest == min(timer.epoch_seconds)
    assert timer.slowest == max(timer.epoch_seconds)
