"""The code the lessons teach, in one module that later lessons import as `helpers`.

Import it first, before Keras and TensorFlow: its first line starts TensorFlow without
start-up notices. Next come the names the notebooks call from the course's own code,
which the lessons use but do not teach (loading MNIST, quick mode, the setup report,
saved models, the figures that explain, the training curves, the epoch timer): each
lives in a module of its own in the folder course/. The rest is the code of the
lessons' cells marked `#@save`, in the order the notebooks teach it.
"""

from course import quiet_start  # first: it starts TensorFlow without its notices

# isort: split
import math
import statistics
import sys

import keras
import numpy as np
from scipy import stats

from course.chinese_font import use_chinese_font

# What the notebooks call as helpers.NAME from the course's own code, in course/:
from course.diagrams import (
    draw_convolution_frames,
    draw_dense_unit,
    draw_dropout,
    draw_max_pooling,
    draw_model,
)
from course.epoch_timer import EpochTimer
from course.mnist_data import load_mnist
from course.probability_text import describe_probability
from course.quick_mode import epochs_for_mode, subset_for_mode
from course.saved_runs import check_trained, load_metrics, load_runs, save_run
from course.setup_report import describe_setup
from course.training_curves import plot_histories

# The lessons call this module `helpers`; code copied here from them says so too.
helpers = sys.modules[__name__]
# Figures can show Chinese, the course's own and a learner's (course/chinese_font.py).
use_chinese_font()


# --------------------------------------------------------------------------------------
# Code taught in the lessons, copied from their cells marked #@save by run_series.py.
# Do not edit it here: edit the lesson's cell, then run python run_series.py --no-run.
# --------------------------------------------------------------------------------------


def prepare_images(images):
    """Add the channel axis and scale the pixels to float32 values in [0, 1]."""
    return images.reshape(-1, 28, 28, 1).astype("float32") / 255


def split_validation(x, y, size=5000):
    """The last `size` training examples become the validation set."""
    return (x[:-size], y[:-size]), (x[-size:], y[-size:])


def print_layers(model):
    """Each layer's type, the shape of its output and its parameters, then the total."""
    for layer in model.layers:
        print(f"{type(layer).__name__:19} output {str(layer.output.shape):20}"
              f" parameters {layer.count_params():>8,}")
    print(f"total parameters: {model.count_params():,}")


def accuracy_interval(accuracy, images=10000):
    """The 95% Wilson interval (low, high) of an accuracy measured on `images`."""
    correct = round(accuracy * images)  # the number of images read right
    interval = stats.binomtest(correct, images).proportion_ci(method="wilson")
    return interval.low, interval.high


def convolution(filters, recipe, size=3, strides=1):
    """A convolution and ReLU, with BatchNorm between them if the recipe asks.
    Stride 1: no padding, the maps shrink by size - 1. Stride 2: padding, they halve."""
    padding = "valid" if strides == 1 else "same"
    if not recipe["batch_norm"]:
        return [keras.layers.Conv2D(filters, size, strides=strides, padding=padding,
                                    activation="relu")]
    return [keras.layers.Conv2D(filters, size, strides=strides, padding=padding,
                                use_bias=False),
            keras.layers.BatchNormalization(momentum=0.9),
            keras.layers.Activation("relu")]


def make_augmentation(strength):
    """Random rotations, shifts and zooms; strength 1 means up to 10°, 10% and 10%."""
    turn, share = strength * 10 / 360, strength * 0.1
    return keras.Sequential([
        keras.layers.RandomRotation(turn, fill_mode="constant"),
        keras.layers.RandomTranslation(share, share, fill_mode="constant"),
        keras.layers.RandomZoom(share, fill_mode="constant"),
    ], name="augmentation")


def convolution_blocks(recipe):
    """Per block: a convolution with stride 2 (5 × 5, then 3 × 3), a 3 × 3, Dropout."""
    layers = []
    for filters, size in ((32, 5), (64, 3)):
        filters = round(filters * recipe["width"])
        layers += convolution(filters, recipe, size=size, strides=2)
        layers += convolution(filters, recipe)
        layers.append(keras.layers.Dropout(recipe["dropout"]))
    return layers


def build_cnn(recipe):
    """The CNN of notebook 06, built as `recipe` says."""
    layers = [keras.Input(shape=(28, 28, 1))]
    if recipe["augmentation"]:
        layers.append(make_augmentation(recipe["augmentation"]))
    layers += convolution_blocks(recipe)
    layers += convolution(round(128 * recipe["width"]), recipe, size=4)  # 4 × 4 → 1 × 1
    layers += [keras.layers.Flatten(), keras.layers.Dropout(recipe["dropout"]),
               keras.layers.Dense(10, activation="softmax")]
    return keras.Sequential(layers, name="better_cnn")


def learning_rate(recipe, steps):
    """0.002 at every step ("constant"), or 0.002 down to 0 over `steps` ("cosine")."""
    if recipe["schedule"] == "constant":
        return 0.002
    return keras.optimizers.schedules.CosineDecay(0.002, decay_steps=steps)


def train_recipe(recipe, training, validation, seed=42, epochs=30, verbose=0):
    """Train build_cnn(recipe) on `training` (x, y), watching `validation` (x, y)."""
    keras.utils.set_random_seed(seed)
    model = build_cnn(recipe)
    steps = epochs * int(np.ceil(len(training[0]) / 128))  # batches of 128
    model.compile(optimizer=keras.optimizers.Adam(learning_rate(recipe, steps)),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    timer = helpers.EpochTimer()
    history = model.fit(*training, batch_size=128, epochs=epochs, verbose=verbose,
                        validation_data=validation, callbacks=[timer])
    return model, history, timer


def decide(name, with_it, without_it):
    """Keep a change if its mean beats the other by more than 2 standard errors."""
    difference = statistics.mean(with_it) - statistics.mean(without_it)
    error = math.sqrt(statistics.variance(with_it) / len(with_it)
                      + statistics.variance(without_it) / len(without_it))
    print(f"{name}: {100 * difference:+.2f} points with it;"
          f" 2 standard errors: {200 * error:.2f} points")
    keep, worse = difference > 2 * error, difference < -2 * error
    verdict = "worse here" if worse else "not distinguishable here"
    print("   ", "keep it" if keep else f"{verdict}: choose the simpler")
    return keep


def compare_on_same_images(name_a, right_a, name_b, right_b):
    """McNemar's exact test on the images where exactly one of two models is right.
    right_a, right_b: for each image, True where that model read it right."""
    only_a, only_b = int(np.sum(right_a & ~right_b)), int(np.sum(~right_a & right_b))
    disagree = only_a + only_b
    p_value = stats.binomtest(only_a, disagree).pvalue if disagree else 1.0
    verdict = "beyond chance" if p_value < 0.05 else "not distinguishable here"
    shown = f"{p_value:.3f}" if p_value >= 0.001 else "below 0.001"
    print(f"{name_a} vs {name_b}")
    print(f"    read right by only the first: {only_a}, by only the second: {only_b}")
    print(f"    p-value {shown}: {verdict}")
    return p_value < 0.05
