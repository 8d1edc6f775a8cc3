"""course/diagrams.py: each teaching figure shows the numbers that real Keras layers
compute on a real digit, takes every text from LABELS, and keeps its texts apart."""

import itertools
import re
import string

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Circle
from matplotlib.text import Text

from course import diagrams
from course.diagrams import LABELS

NUMBER = r"-?\d[\d,]*(\.\d+)?"
NAME = r"[A-Za-z_][\w\n]*"  # a class, model or activation name, in two lines or one
VERTICAL_EDGE = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], dtype="float32")


@pytest.fixture(autouse=True)
def agg_backend():
    """Draw without a screen; plt.show() then leaves the figure for the test."""
    plt.switch_backend("Agg")
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def digits(helpers):
    (x, y), _ = helpers.load_mnist()
    _, (x_val, y_val) = helpers.split_validation(helpers.prepare_images(x), y)
    return x_val[:10], y_val[:10]


@pytest.fixture
def seven(digits):
    images, labels = digits
    assert labels[3] == 7
    return images[3]


def label_pattern(key):
    """A regular expression for LABELS[key] with any numbers (or names) filled in."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(LABELS[key]):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(NAME if field in ("layer", "model", "name") else NUMBER)
    return "".join(parts)


def drawn_figure(function, *args, **kwargs):
    """Call `function`, check that it returns None and draws one figure; return it."""
    assert function(*args, **kwargs) is None
    assert len(plt.get_fignums()) == 1
    figure = plt.gcf()
    figure.canvas.draw()
    return figure


def shown_texts(figure):
    return [text for text in figure.findobj(Text)
            if text.get_visible() and text.get_text().strip()]


def center(text):
    box = text.get_window_extent()
    return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2


def texts_of(figure, key, order="left to right"):
    """The texts made from LABELS[key], left to right or top to bottom."""
    texts = [text for text in shown_texts(figure) if text.get_gid() == key]
    if order == "left to right":
        return sorted(texts, key=center)
    return sorted(texts, key=lambda text: (-center(text)[1], center(text)[0]))


def numbers(text):
    return [float(found.replace(",", "")) for found in re.findall(r"-?\d[\d,]*\.?\d*",
                                                                 text.get_text())]


def check_texts_come_from_labels(figure, names=()):
    """Every text is a LABELS string filled in, large enough for a projector, and
    inside the figure; no two texts overlap. Names are from `names` (code)."""
    texts = shown_texts(figure)
    assert texts
    for text in texts:
        key = text.get_gid()
        assert key in LABELS, f"{text.get_text()!r} does not come from LABELS"
        assert re.fullmatch(label_pattern(key), text.get_text()), text.get_text()
        assert text.get_fontsize() >= 14, text.get_text()
        if LABELS[key] == "{layer}":
            assert text.get_text().replace("\n", "") in names
    whole = figure.bbox
    boxes = [text.get_window_extent() for text in texts]
    for text, box in zip(texts, boxes, strict=True):
        assert whole.x0 <= box.x0 and box.x1 <= whole.x1, text.get_text()
        assert whole.y0 <= box.y0 and box.y1 <= whole.y1, text.get_text()
    for (first, a), (second, b) in itertools.combinations(
            zip(texts, boxes, strict=True), 2):
        width = min(a.x1, b.x1) - max(a.x0, b.x0)
        height = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert width <= 0 or height <= 0, (
            f"{first.get_text()!r} overlaps {second.get_text()!r}")


def test_every_label_is_used_and_fills_in():
    source = open(diagrams.__file__, encoding="utf-8").read()
    code = source.split("\n}\n", 1)[1]  # what follows LABELS
    for key in LABELS:
        assert f'"{key}"' in code, f"LABELS[{key!r}] is never drawn"
        fields = {name: 1 for _, name, _, _ in string.Formatter().parse(LABELS[key])
                  if name}
        LABELS[key].format(**fields)


# ---- draw_dense_unit -----------------------------------------------------------------


@pytest.fixture
def dense_layer():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(512, activation="relu")])
    layer = model.layers[-1]
    kernel, bias = layer.get_weights()
    layer.set_weights([kernel, np.random.default_rng(0).normal(0, 0.3, bias.shape)])
    return layer


@pytest.mark.parametrize("sign, shown", [(1, 5), (-1, 6), (1, 3)],
                         ids=["positive sum", "negative sum", "three inputs"])
def test_a_dense_unit_shows_the_numbers_the_layer_computes(
        seven, dense_layer, sign, shown):
    flat = seven.reshape(-1)
    kernel, bias = dense_layer.get_weights()
    before_relu = flat @ kernel + bias
    output = keras.ops.convert_to_numpy(dense_layer(flat[np.newaxis]))[0]
    np.testing.assert_allclose(output, np.maximum(before_relu, 0), atol=1e-5)
    unit = int(np.flatnonzero(sign * before_relu > 0.1)[0])
    assert bias[unit] != 0

    figure = drawn_figure(diagrams.draw_dense_unit, seven, dense_layer, unit, shown)
    [shown_sum] = numbers(texts_of(figure, "unit_sum")[0])
    assert abs(shown_sum - before_relu[unit]) <= 0.005 + 1e-6
    [shown_output] = numbers(texts_of(figure, "output_value")[0])
    assert abs(shown_output - output[unit]) <= 0.005 + 1e-6
    assert (shown_output == 0) == (sign < 0)
    assert numbers(texts_of(figure, "relu_rule")[0]) == [0, shown_sum]
    assert numbers(texts_of(figure, "bias")[0]) == [round(float(bias[unit]), 2)]

    pixels = [numbers(text)[0]
              for text in texts_of(figure, "pixel_value", "top to bottom")]
    weights = [numbers(text)[0] for text in texts_of(figure, "weight", "top to bottom")]
    contributions = flat * kernel[:, unit]
    smallest_shown = np.sort(np.abs(contributions[flat > 0]))[-shown]
    inputs = [index for index in range(784) if flat[index] > 0
              and abs(contributions[index]) >= smallest_shown]
    assert len(inputs) == shown
    assert pixels == [round(float(flat[index]), 2) for index in inputs]
    assert weights == [round(float(kernel[index, unit]), 3) for index in inputs]
    assert texts_of(figure, "more_inputs")[0].get_text() == (
        f"… and {784 - shown} more inputs")
    assert texts_of(figure, "layer_title")[0].get_text().endswith(
        "784 inputs × 512 units\n= 401,408 weights, + 512 biases")
    check_texts_come_from_labels(figure)


# ---- draw_convolution_frames ---------------------------------------------------------


def conv2d_output(image, kernel):
    """A real Conv2D with `kernel` as its only filter, on `image`: the 26 × 26 map."""
    layer = keras.layers.Conv2D(1, 3, use_bias=False)
    layer.build((None, 28, 28, 1))
    layer.set_weights([kernel.reshape(3, 3, 1, 1)])
    return keras.ops.convert_to_numpy(layer(image.reshape(1, 28, 28, 1)))[0, :, :, 0]


@pytest.mark.parametrize("kernel_name, positions", [
    ("vertical edge", [(4, 6), (12, 10), (14, 14), (20, 19)]),
    ("random", [(0, 0), (25, 25), (13, 2)]),
    ("random", [(9, 4), (9, 8), (9, 12), (9, 16), (9, 20)]),
])
def test_convolution_frames_show_the_conv2d_values(seven, kernel_name, positions):
    kernel = VERTICAL_EDGE
    if kernel_name == "random":  # not symmetric: a flipped filter would show
        kernel = np.random.default_rng(1).normal(size=(3, 3)).astype("float32")
    expected = conv2d_output(seven, kernel)

    figure = drawn_figure(diagrams.draw_convolution_frames, seven, kernel, positions)
    sums = [numbers(text)[-1] for text in texts_of(figure, "frame_sum")]
    values = [numbers(text)[0] for text in texts_of(figure, "frame_value")]
    for (row, column), shown_sum, value in zip(positions, sums, values, strict=True):
        by_hand = float(np.sum(seven[row:row + 3, column:column + 3, 0] * kernel))
        assert abs(by_hand - expected[row, column]) < 1e-4
        assert shown_sum == value == round(float(expected[row, column]), 2)
    titles = [numbers(text) for text in texts_of(figure, "frame")]
    assert titles == [[step, row, column]
                      for step, (row, column) in enumerate(positions, start=1)]
    maps = [axis.images[0].get_array() for axis in figure.axes
            if axis.images and axis.images[0].get_array().shape == (26, 26)]
    assert np.allclose(maps[0], expected)  # the whole map, at the end
    for step, shown_so_far in enumerate(maps[1:], start=1):  # only the cells so far
        computed = np.argwhere(~np.isnan(np.ma.filled(shown_so_far, np.nan)))
        assert sorted(map(tuple, computed)) == sorted(positions[:step])
    check_texts_come_from_labels(figure)


def test_the_default_frames_cross_a_stroke(digits):
    for image in digits[0][:3]:
        figure = drawn_figure(diagrams.draw_convolution_frames, image, VERTICAL_EDGE)
        values = [numbers(text)[0] for text in texts_of(figure, "frame_value")]
        assert len(values) == 4 and max(values) > 0.5 and min(values) < 0.5
        plt.close("all")


def test_a_window_outside_the_digit_is_refused(seven):
    with pytest.raises(ValueError, match="rows and columns go from 0 to 25"):
        diagrams.draw_convolution_frames(seven, VERTICAL_EDGE, [(3, 3), (26, 0)])
    with pytest.raises(ValueError, match="at most 5 frames"):
        diagrams.draw_convolution_frames(seven, VERTICAL_EDGE, [(3, 3)] * 6)


# ---- draw_max_pooling ----------------------------------------------------------------


@pytest.fixture
def feature_map(seven):
    keras.utils.set_random_seed(0)
    layer = keras.layers.Conv2D(8, 3, activation="relu")
    return keras.ops.convert_to_numpy(layer(seven[np.newaxis]))[0, :, :, 2]


def test_max_pooling_shows_what_maxpooling2d_computes(feature_map):
    top, left = 10, 12
    whole = keras.layers.MaxPooling2D(2)(feature_map[np.newaxis, :, :, np.newaxis])
    expected = keras.ops.convert_to_numpy(whole)[0, top // 2:top // 2 + 2,
                                                 left // 2:left // 2 + 2, 0]
    patch = feature_map[top:top + 4, left:left + 4]
    assert np.array_equal(expected, patch.reshape(2, 2, 2, 2).max(axis=(1, 3)))

    figure = drawn_figure(diagrams.draw_max_pooling, feature_map, top, left)
    values = texts_of(figure, "pooling_value", "top to bottom")
    result = [text for text in values if text.axes.get_label() == "result"]
    grid = [text for text in values if text.axes.get_label() != "result"]
    assert [numbers(text)[0] for text in result] == [
        round(float(value), 1) for value in expected.reshape(-1)]
    assert [numbers(text)[0] for text in grid] == [
        round(float(value), 1) for value in patch.reshape(-1)]
    bold = [value for text, value in zip(grid, patch.reshape(-1), strict=True)
            if text.get_fontweight() == "bold"]
    assert set(bold) == set(expected.reshape(-1))  # the largest of each block
    assert numbers(texts_of(figure, "pooling_patch")[0]) == [4, 4, 10, 13, 12, 15]
    check_texts_come_from_labels(figure)


def test_max_pooling_picks_a_patch_or_refuses_one_that_does_not_fit(feature_map):
    figure = drawn_figure(diagrams.draw_max_pooling, feature_map)
    _, _, top, _, left, _ = numbers(texts_of(figure, "pooling_patch")[0])
    assert top % 2 == left % 2 == 0 and top <= 22 and left <= 22
    with pytest.raises(ValueError, match="does not fit"):
        diagrams.draw_max_pooling(feature_map, 24, 0)


# ---- draw_dropout --------------------------------------------------------------------


@pytest.mark.parametrize("rate, units, steps, seed", [(0.5, 8, 3, 5), (0.3, 6, 2, 1)])
def test_dropout_draws_what_the_layer_outputs(rate, units, steps, seed):
    layer = keras.layers.Dropout(rate, seed=seed)
    ones = np.ones((1, units), dtype="float32")
    expected = [keras.ops.convert_to_numpy(layer(ones, training=True))[0]
                for _ in range(steps)]
    expected.append(keras.ops.convert_to_numpy(layer(ones, training=False))[0])
    assert expected[0].tolist() != expected[1].tolist()  # a new pattern at each step

    figure = drawn_figure(diagrams.draw_dropout, rate, units, steps, seed)
    columns = sorted((axis for axis in figure.axes if axis.patches),
                     key=lambda axis: axis.get_position().x0)
    assert len(columns) == steps + 1
    for axis, outputs in zip(columns, expected, strict=True):
        circles = sorted((patch for patch in axis.patches if isinstance(patch, Circle)),
                         key=lambda circle: -circle.center[1])
        values = {text.get_position(): numbers(text)[0] for text in axis.texts
                  if text.get_gid() == "dropout_value"}
        crossed = {round(float(np.mean(line.get_ydata())), 6) for line in axis.lines
                   if len(line.get_xdata()) == 2 and line.get_xdata()[0] != 0}
        for circle, output in zip(circles, outputs, strict=True):
            if output == 0:
                assert circle.center not in values
                assert round(circle.center[1], 6) in crossed
            else:
                assert values[circle.center] == round(float(output), 2)
                assert round(circle.center[1], 6) not in crossed
        [kept_text] = [text for text in axis.texts if text.get_gid() == "dropout_kept"]
        assert numbers(kept_text) == [np.sum(outputs != 0), units,
                                      round(float(outputs.sum()), 2)]
    assert all(expected[-1] == 1)
    scale = round(1 / (1 - rate), 2)
    assert numbers(texts_of(figure, "dropout_scaling")[0])[-1] == scale
    assert all(value in (0, scale) for outputs in expected[:-1] for value in
               np.round(outputs, 2))
    check_texts_come_from_labels(figure)


# ---- draw_model ----------------------------------------------------------------------


def sequential(name, *layers):
    return keras.Sequential([keras.Input(shape=(28, 28, 1)), *layers], name=name)


def course_models():
    layers = keras.layers
    return [
        sequential("first_cnn", layers.Conv2D(32, 3, activation="relu"),
                   layers.MaxPooling2D(2), layers.Flatten(),
                   layers.Dense(100, activation="relu"),
                   layers.Dense(10, activation="softmax")),
        sequential("deeper_cnn", layers.Conv2D(32, 3, activation="relu"),
                   layers.MaxPooling2D(2), layers.Conv2D(64, 3, activation="relu"),
                   layers.MaxPooling2D(2), layers.Flatten(), layers.Dropout(0.3),
                   layers.Dense(100, activation="relu"),
                   layers.Dense(10, activation="softmax")),
        sequential("lenet5", layers.Conv2D(6, 5, padding="same", activation="relu"),
                   layers.AveragePooling2D(2), layers.Conv2D(16, 5, activation="relu"),
                   layers.AveragePooling2D(2), layers.Flatten(),
                   layers.Dense(120, activation="relu"),
                   layers.Dense(84, activation="relu"),
                   layers.Dense(10, activation="softmax")),
        sequential("lenet5_dropout", layers.Conv2D(6, 5, padding="same"),
                   layers.AveragePooling2D(2), layers.Conv2D(16, 5),
                   layers.AveragePooling2D(2), layers.Flatten(), layers.Dropout(0.3),
                   layers.Dense(120), layers.Dense(84), layers.Dense(10)),
        sequential("dense", layers.Flatten(), layers.Dense(512, activation="relu"),
                   layers.Dropout(0.2), layers.Dense(512, activation="relu"),
                   layers.Dropout(0.2), layers.Dense(10, activation="softmax")),
    ]


@pytest.mark.parametrize("model", course_models(), ids=lambda model: model.name)
def test_a_model_is_drawn_from_its_layers(model):
    figure = drawn_figure(diagrams.draw_model, model)
    layers = model.layers
    parameters = [numbers(text)[0] for text in texts_of(figure, "parameters")]
    assert parameters == [layer.count_params() for layer in layers]
    shapes = []
    for key in ("image_shape", "maps_shape", "units_shape", "numbers_shape"):
        shapes += [(center(text), numbers(text)) for text in texts_of(figure, key)]
    expected = [[28, 28]]  # the input image: height × width
    for layer in layers:
        _, *sizes = layer.output.shape  # (height, width, maps) or (units,)
        expected.append([sizes[2], sizes[0], sizes[1]] if len(sizes) == 3 else sizes)
    assert [found for _, found in sorted(shapes)] == expected
    names = [text.get_text().replace("\n", "")
             for text in texts_of(figure, "layer_name")]
    assert names == [type(layer).__name__ for layer in layers]
    title = texts_of(figure, "model_title")[0].get_text()
    assert title == f"{model.name}: {len(layers)} layers, {model.count_params():,} " \
        "parameters"
    check_texts_come_from_labels(figure, names={type(layer).__name__
                                                for layer in layers})
