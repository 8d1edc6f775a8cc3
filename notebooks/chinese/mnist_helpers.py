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
    """加上通道轴，并把像素缩放为 [0, 1] 之间的 float32 值。"""
    return images.reshape(-1, 28, 28, 1).astype("float32") / 255


def split_validation(x, y, size=5000):
    """最后 `size` 个训练样本成为验证集。"""
    return (x[:-size], y[:-size]), (x[-size:], y[-size:])


def print_layers(model):
    """每一层的类型、输出形状和参数个数，最后是参数总数。"""
    for layer in model.layers:
        print(f"{type(layer).__name__:19} 输出 {str(layer.output.shape):20}"
              f" 参数 {layer.count_params():>8,}")
    print(f"参数总数：{model.count_params():,}")


def accuracy_interval(accuracy, images=10000):
    """在 `images` 张图像上测得的准确率的 95% Wilson 区间 (low, high)。"""
    correct = round(accuracy * images)  # 认对的图像张数
    interval = stats.binomtest(correct, images).proportion_ci(method="wilson")
    return interval.low, interval.high


def convolution(filters, recipe, size=3, strides=1):
    """一个卷积和 ReLU；如果配方要求，两者之间加上 BatchNorm。
    步幅 1：不填充，特征图缩小 size - 1。步幅 2：填充，特征图减半。"""
    padding = "valid" if strides == 1 else "same"
    if not recipe["batch_norm"]:
        return [keras.layers.Conv2D(filters, size, strides=strides, padding=padding,
                                    activation="relu")]
    return [keras.layers.Conv2D(filters, size, strides=strides, padding=padding,
                                use_bias=False),
            keras.layers.BatchNormalization(momentum=0.9),
            keras.layers.Activation("relu")]


def make_augmentation(strength):
    """随机旋转、平移和缩放；强度 1 表示最多 10°、10% 和 10%。"""
    turn, share = strength * 10 / 360, strength * 0.1
    return keras.Sequential([
        keras.layers.RandomRotation(turn, fill_mode="constant"),
        keras.layers.RandomTranslation(share, share, fill_mode="constant"),
        keras.layers.RandomZoom(share, fill_mode="constant"),
    ], name="augmentation")


def convolution_blocks(recipe):
    """每个块：一个步幅为 2 的卷积（先 5 × 5，后 3 × 3），一个 3 × 3 卷积，Dropout。"""
    layers = []
    for filters, size in ((32, 5), (64, 3)):
        filters = round(filters * recipe["width"])
        layers += convolution(filters, recipe, size=size, strides=2)
        layers += convolution(filters, recipe)
        layers.append(keras.layers.Dropout(recipe["dropout"]))
    return layers


def build_cnn(recipe):
    """笔记本 06 的 CNN，按 `recipe` 的规定搭建。"""
    layers = [keras.Input(shape=(28, 28, 1))]
    if recipe["augmentation"]:
        layers.append(make_augmentation(recipe["augmentation"]))
    layers += convolution_blocks(recipe)
    layers += convolution(round(128 * recipe["width"]), recipe, size=4)  # 4 × 4 → 1 × 1
    layers += [keras.layers.Flatten(), keras.layers.Dropout(recipe["dropout"]),
               keras.layers.Dense(10, activation="softmax")]
    return keras.Sequential(layers, name="better_cnn")


def learning_rate(recipe, steps):
    """每一步都是 0.002（"constant"），或在 `steps` 步内从 0.002 降到 0（"cosine"）。"""
    if recipe["schedule"] == "constant":
        return 0.002
    return keras.optimizers.schedules.CosineDecay(0.002, decay_steps=steps)


def train_recipe(recipe, training, validation, seed=42, epochs=30, verbose=0):
    """在 `training` (x, y) 上训练 build_cnn(recipe)，同时观察 `validation` (x, y)。"""
    keras.utils.set_random_seed(seed)
    model = build_cnn(recipe)
    steps = epochs * int(np.ceil(len(training[0]) / 128))  # 每个批量 128 张
    model.compile(optimizer=keras.optimizers.Adam(learning_rate(recipe, steps)),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    timer = helpers.EpochTimer()
    history = model.fit(*training, batch_size=128, epochs=epochs, verbose=verbose,
                        validation_data=validation, callbacks=[timer])
    return model, history, timer


def decide(name, with_it, without_it):
    """用了改动的均值比没用的高出 2 个标准误以上，就保留这个改动。"""
    difference = statistics.mean(with_it) - statistics.mean(without_it)
    error = math.sqrt(statistics.variance(with_it) / len(with_it)
                      + statistics.variance(without_it) / len(without_it))
    print(f"{name}：用它与不用它相差 {100 * difference:+.2f} 个百分点；"
          f"差异的 2 个标准误：{200 * error:.2f} 个百分点")
    keep, worse = difference > 2 * error, difference < -2 * error
    verdict = "在这里更差" if worse else "在这里无法区分"
    print("   ", "保留它" if keep else f"{verdict}：选择更简单的配方")
    return keep


def compare_on_same_images(name_a, right_a, name_b, right_b):
    """McNemar 精确检验：只看两个模型中恰好有一个认对的那些图像。
    right_a 和 right_b：每张图像一个值，那个模型认对了这张图像就是 True。"""
    only_a, only_b = int(np.sum(right_a & ~right_b)), int(np.sum(~right_a & right_b))
    disagree = only_a + only_b
    p_value = stats.binomtest(only_a, disagree).pvalue if disagree else 1.0
    verdict = "超出了偶然" if p_value < 0.05 else "在这里无法区分"
    shown = f"{p_value:.3f}" if p_value >= 0.001 else "低于 0.001"
    print(f"{name_a} 对比 {name_b}")
    print(f"    只有第一个认对：{only_a} 张，只有第二个认对：{only_b} 张")
    print(f"    p 值 {shown}：{verdict}")
    return p_value < 0.05
