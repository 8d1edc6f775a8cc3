"""Teaching figures drawn from real MNIST digits and real Keras layers and models.

Each function draws one figure for a lesson, shows it and returns None. The numbers in
a figure are the ones that the real layer computes. Every English text in the figures
comes from LABELS, as a format string marked for the catalog (course/messages.py), and
is drawn in the learner's language. Each text gets its LABELS key as its gid, so that a
test can find it.
"""

import math
import re

import keras
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, ConnectionPatch, FancyArrowPatch, Rectangle

from .messages import N_, _

LABELS = {  # N_: each sentence is in the catalog; numbers and code names are not
    # draw_dense_unit
    "dense_title": N_("Unit {unit} of a Dense layer, computed on a real digit"),
    "dense_digit": N_("the input:\n{count:,} pixels"),
    "dense_digit_note": N_("blue: the {shown} pixels\ndrawn on the right"),
    "dense_inputs": N_("inputs\n(pixel values)"),
    "dense_weights": N_("× weights"),
    "pixel_value": "{value:.2f}",
    "weight": "× {weight:.3f}",
    "more_inputs": N_("… and {count:,} more inputs"),
    "unit_sum": N_("sum + bias\n= {total:.2f}"),
    "bias": N_("bias = {bias:.2f}"),
    "relu": "ReLU",
    "relu_rule": "max(0, {total:.2f})",
    "activation": N_("activation\n{name}"),
    "output": N_("output"),
    "output_value": "{output:.2f}",
    "layer_title": N_("The whole layer:\n{inputs:,} inputs × {units:,} units\n"
                      "= {weights:,} weights, + {biases:,} biases"),
    "layer_inputs": N_("inputs"),
    "layer_units": N_("units\n(orange: the\none on the left)"),
    # draw_convolution_frames
    "convolution_title": N_("A 3 × 3 filter slides over the digit: "
                            "each position gives one number of the feature map"),
    "filter": N_("the filter:\n3 × 3 weights"),
    "filter_weight": "{weight:.3g}",
    "whole_map": N_("after all {height} × {width} steps:\nthe whole feature map"),
    "map_note": N_("Bottom row: the feature map so far. "
                   "Gray cells are not computed yet."),
    "frame": N_("step {step}: window at\nrow {row}, column {column}"),
    "frame_sum": N_("9 pixels × 9 weights,\nsummed = {value:.2f}"),
    "frame_value": "{value:.2f}",
    # draw_max_pooling
    "pooling_title": N_("Max pooling: each 2 × 2 block becomes its largest number"),
    "pooling_map": N_("the feature map\n({height} × {width})"),
    "pooling_patch": N_("a 4 × 4 part of it: rows {top}–{bottom},\n"
                        "columns {left}–{right}"),
    "pooling_value": "{value:.1f}",
    "pooling_arrow": N_("the largest\nof each block"),
    "pooling_result": N_("result: 2 × 2"),
    # draw_dropout
    "dropout_title": N_("Dropout with rate {rate:g}: "
                        "each training step switches units off at random"),
    "dropout_scaling": N_(
        "Here every value that comes in is 1. In training, each unit is "
        "off with probability {rate:g},\nand the kept units are × 1/(1 − {rate:g}) = "
        "{scale:.2f}, so the sum stays the same on average."),
    "dropout_step": N_("training step {step}\n(training=True)"),
    "dropout_predict": N_("predicting\n(training=False)"),
    "dropout_value": "{value:.2f}",
    "dropout_kept": N_("{kept} of {units} on\nsum = {total:.2f}"),
    # draw_model
    "model_title": N_("{model}: {layers} layers, {parameters:,} parameters"),
    "model_colors": N_("blue: layers with weights to learn    "
                       "gray: layers without weights"),
    "model_input": "Input",  # keras.Input: code, as the layers' class names
    "layer_name": "{layer}",  # a Keras class name: code, which stays in English
    "image_shape": N_("image\n{height} × {width}"),
    "maps_shape": N_("{maps} maps\n{height} × {width}"),
    "units_shape": N_("{units:,}\nunits"),
    "numbers_shape": N_("{units:,}\nnumbers"),
    "parameters": N_("{parameters:,}\nparameters"),
}

TEXT_SIZE = 14  # the notebooks' font size: large enough to read on a projector
TITLE_SIZE = 18
BLUE, ORANGE = "tab:blue", "tab:orange"
LIGHT_BLUE, LIGHT_ORANGE, LIGHT_GRAY = "#c6dbef", "#fdd0a2", "#d9d9d9"
# Okabe and Ito's colors, which color-blind readers tell apart: one per 2 × 2 block.
BLOCK_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]


def label(key, fields=None):
    """LABELS[key] in the learner's language, filled in with `fields`."""
    return _(LABELS[key]).format(**(fields or {}))


def write(place, x, y, key, fields=None, **style):
    """Write LABELS[key], filled in with `fields`, at (x, y) of an axis or figure."""
    style = {"ha": "center", "va": "center", **style}
    return place.text(x, y, label(key, fields), fontsize=TEXT_SIZE, gid=key, **style)


def title(axis, key, fields=None):
    """Give `axis` the title LABELS[key], filled in with `fields`."""
    axis.set_title(label(key, fields), fontsize=TEXT_SIZE, gid=key)


def figure_title(figure, key, fields=None):
    """Give `figure` the title LABELS[key], 0.1 inches below its top (or where its
    layout engine puts it)."""
    place = {} if figure.get_layout_engine() else {
        "y": 1 - 0.1 / figure.get_figheight(), "va": "top"}
    figure.suptitle(label(key, fields), fontsize=TITLE_SIZE, gid=key, **place)


def inch_axes(figure, left, bottom, width, height):
    """Axes without frame or ticks whose data units are inches of the figure."""
    figure_width, figure_height = figure.get_size_inches()
    axis = figure.add_axes((left / figure_width, bottom / figure_height,
                            width / figure_width, height / figure_height))
    axis.set(xlim=(0, width), ylim=(0, height))
    axis.axis("off")
    return axis


def frame_only(axis):
    """A thin gray frame around an image, without ticks or numbers."""
    axis.set(xticks=[], yticks=[])
    for spine in axis.spines.values():
        spine.set_color("gray")


def arrow(axis, start, end, width=2, gap=(0, 0)):
    """An arrow from `start` to `end` that stops gap[0] and gap[1] inches short."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    dx, dy = (x1 - x0) / length, (y1 - y0) / length
    axis.add_patch(FancyArrowPatch(
        (x0 + dx * gap[0], y0 + dy * gap[0]), (x1 - dx * gap[1], y1 - dy * gap[1]),
        arrowstyle="-|>", mutation_scale=20, color="black", linewidth=width,
        shrinkA=0, shrinkB=0))


def as_numpy(tensor):
    """A tensor that a Keras layer returns, as a NumPy array."""
    return keras.ops.convert_to_numpy(tensor)


def chosen_inputs(flat, weights, shown):
    """The `shown` inked pixels whose pixel × weight is largest in size, in order."""
    inked = np.flatnonzero(flat > 0)
    candidates = inked if len(inked) >= shown else np.arange(flat.size)
    sizes = np.abs(flat[candidates] * weights[candidates])
    return np.sort(candidates[np.argsort(-sizes, kind="stable")[:shown]])


def draw_dense_unit(image, dense_layer, unit=0, shown=5):
    """One unit of a Dense layer, with real numbers, beside a sketch of the layer.

    `image` is one prepared digit (28 × 28 × 1, values in [0, 1]). `dense_layer` is a
    built Dense layer that follows Flatten. The figure shows `shown` of the inputs
    (1 to 6): the inked pixels whose pixel × weight is largest in size.
    """
    if not 1 <= shown <= 6:
        raise ValueError(_("Show 1 to 6 inputs, so that each one is easy to read."))
    flat = np.asarray(image, dtype="float32").reshape(-1)
    kernel, *rest = dense_layer.get_weights()
    if kernel.shape[0] != flat.size:
        raise ValueError(_("The layer has {inputs} inputs per unit, but the image "
                           "has {pixels} pixels.").format(inputs=kernel.shape[0],
                                                          pixels=flat.size))
    weights = kernel[:, unit]
    bias = float(rest[0][unit]) if rest else 0.0
    total = float(flat @ weights) + bias  # the sum over all the inputs, plus the bias
    output = float(as_numpy(dense_layer(flat[np.newaxis]))[0, unit])
    chosen = chosen_inputs(flat, weights, shown)

    figure = plt.figure(figsize=(14, 6.6))
    figure_title(figure, "dense_title", {"unit": unit})
    digit_axis = figure.add_axes((0.15 / 14, 1.9 / 6.6, 2.1 / 14, 2.1 / 6.6))
    digit_axis.imshow(flat.reshape(28, 28), cmap="gray", vmin=0, vmax=1)
    frame_only(digit_axis)
    write(digit_axis, 13.5, -2, "dense_digit", {"count": flat.size}, va="bottom")
    write(digit_axis, 13.5, 30, "dense_digit_note", {"shown": shown}, va="top")
    axis = inch_axes(figure, 2.55, 0.2, 7.4, 5.5)
    spacing = min(0.8, 3.3 / max(shown - 1, 1))
    node_ys, radius = 4.45 - spacing * np.arange(shown), min(0.34, spacing * 0.45)
    unit_x, unit_y, output_x = 3.85, float(node_ys.mean()), 6.55
    write(axis, 0.55, 5.35, "dense_inputs", va="top")
    write(axis, 1.95, 5.35, "dense_weights", va="top")
    for index, node_y in zip(chosen, node_ys, strict=True):
        axis.add_patch(Circle((0.55, node_y), radius, fc=LIGHT_BLUE, ec=BLUE, lw=2))
        write(axis, 0.55, node_y, "pixel_value", {"value": flat[index]})
        arrow(axis, (0.55, node_y), (unit_x, unit_y), gap=(radius + 0.02, 0.92))
        along = 0.42  # the weight is written this far along its arrow
        write(axis, 0.55 + along * (unit_x - 0.55), node_y + along * (unit_y - node_y),
              "weight", {"weight": weights[index]},
              bbox={"fc": "white", "ec": "none", "pad": 1})
        row, column = divmod(int(index), 28)
        digit_axis.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False,
                                       ec=BLUE, lw=2.5))
        figure.add_artist(ConnectionPatch(
            (column + 0.5, row), (0.2, node_y), coordsA=digit_axis.transData,
            coordsB=axis.transData, color=BLUE, lw=1.2, linestyle=":"))
    write(axis, 0.1, node_ys[-1] - 0.75, "more_inputs", {"count": flat.size - shown},
          ha="left")
    axis.add_patch(Circle((unit_x, unit_y), 0.9, fc=LIGHT_ORANGE, ec=ORANGE, lw=3))
    write(axis, unit_x, unit_y, "unit_sum", {"total": total})
    write(axis, unit_x, unit_y - 1.2, "bias", {"bias": bias})
    arrow(axis, (unit_x, unit_y), (output_x, unit_y), gap=(0.92, 0.57))
    activation = getattr(dense_layer.activation, "__name__", "linear")
    middle = (unit_x + output_x) / 2 + 0.1
    if activation == "relu":
        write(axis, middle, unit_y + 0.3, "relu")
        write(axis, output_x, unit_y - 0.85, "relu_rule", {"total": total}, va="top")
    else:
        write(axis, middle, unit_y + 0.5, "activation", {"name": activation})
    axis.add_patch(Circle((output_x, unit_y), 0.55, fc="white", ec=ORANGE, lw=3))
    write(axis, output_x, unit_y, "output_value", {"output": output})
    write(axis, output_x, unit_y + 0.7, "output", va="bottom")
    draw_layer_sketch(inch_axes(figure, 10.15, 0.2, 3.8, 5.5), *kernel.shape,
                      biases=rest[0].size if rest else 0)
    plt.show()


def draw_layer_sketch(axis, inputs, units, biases):
    """A few inputs fully connected to a few units, titled with the real counts."""
    write(axis, 1.9, 5.5, "layer_title", {"inputs": inputs, "units": units,
          "weights": inputs * units, "biases": biases}, va="top")
    input_ys = np.delete(np.linspace(4.0, 1.4, 6), 4)  # a gap for the dots: "more"
    unit_ys = np.delete(np.linspace(3.7, 1.7, 5), 3)
    for number, unit_y in enumerate(unit_ys):
        first = number == 0  # the unit on the left, in orange
        for input_y in input_ys:
            axis.plot([0.5, 3.1], [input_y, unit_y], lw=2 if first else 1,
                      color=ORANGE if first else "gray", zorder=1)
        axis.add_patch(Circle((3.1, unit_y), 0.17, lw=2, zorder=2,
                              fc=LIGHT_ORANGE if first else "white",
                              ec=ORANGE if first else "black"))
    for input_y in input_ys:
        axis.add_patch(Circle((0.5, input_y), 0.17, fc=LIGHT_BLUE, ec=BLUE, lw=2,
                              zorder=2))
    for x, (top, bottom) in [(0.5, input_ys[3:5]), (3.1, unit_ys[2:4])]:
        for y in np.linspace(top, bottom, 5)[1:-1]:
            axis.add_patch(Circle((x, y), 0.04, color="black"))
    write(axis, 0.5, 1.05, "layer_inputs", va="top")
    write(axis, 3.1, 1.05, "layer_units", va="top")


def stroke_crossing_positions(image, count=4):
    """`count` window positions along the digit's middle row, across its strokes."""
    inked_rows = np.flatnonzero(image.max(axis=1) > 0.5)
    row = int(np.clip((inked_rows[0] + inked_rows[-1]) // 2 - 1, 0, 25))
    inked_columns = np.flatnonzero(image[row:row + 3].max(axis=0) > 0.5)
    first, last = max(inked_columns[0] - 2, 0), min(inked_columns[-1], 25)
    return [(row, int(column)) for column in np.linspace(first, last, count).round()]


def draw_convolution_frames(image, kernel, positions=None):
    """A 3 × 3 filter over a real digit, in frames, building a feature map.

    `positions` lists the (row, column) of the window's top-left pixel in each frame
    (1 to 5 frames); by default four places along the digit's middle row. The numbers
    come from a real Conv2D layer without padding ("valid"), so the map is 26 × 26.
    """
    image = np.asarray(image, dtype="float32").reshape(28, 28)
    kernel = np.asarray(kernel, dtype="float32").reshape(3, 3)
    positions = positions or stroke_crossing_positions(image)
    if len(positions) > 5:
        raise ValueError(_("Show at most 5 frames, so that each one is easy to read."))
    for row, column in positions:
        if not (0 <= row < 26 and 0 <= column < 26):
            raise ValueError(_("The window at ({row}, {column}) does not fit in the "
                               "image: rows and columns go from 0 to 25.").format(
                                   row=row, column=column))
    layer = keras.layers.Conv2D(1, 3, use_bias=False)
    layer.build((None, 28, 28, 1))
    layer.set_weights([kernel.reshape(3, 3, 1, 1)])
    feature_map = as_numpy(layer(image.reshape(1, 28, 28, 1)))[0, :, :, 0]
    color_limit = float(np.abs(feature_map).max()) or 1.0
    colors = plt.get_cmap("RdBu_r").with_extremes(bad=LIGHT_GRAY)

    figure, axes = plt.subplots(2, len(positions) + 1, figsize=(14, 7.6),
                                layout="constrained")
    figure_title(figure, "convolution_title")
    figure.supxlabel(label("map_note"), fontsize=TEXT_SIZE, gid="map_note")
    for axis in axes.flat:
        frame_only(axis)
    axes[0, 0].axis("off")
    light = 2 * (float(np.abs(kernel).max()) or 1.0)  # light colors: numbers stay clear
    axes[0, 0].imshow(kernel, cmap="RdBu_r", vmin=-light, vmax=light)
    title(axes[0, 0], "filter")
    for (row, column), weight in np.ndenumerate(kernel):
        write(axes[0, 0], column, row, "filter_weight", {"weight": weight})
    axes[1, 0].imshow(feature_map, cmap=colors, vmin=-color_limit, vmax=color_limit)
    title(axes[1, 0], "whole_map", {"height": 26, "width": 26})
    shown_so_far = np.full((26, 26), np.nan)
    for step, (row, column) in enumerate(positions, start=1):
        value = float(feature_map[row, column])
        shown_so_far[row, column] = value
        top, bottom = axes[0, step], axes[1, step]
        top.imshow(image, cmap="gray", vmin=0, vmax=1)
        top.add_patch(Rectangle((column - 0.5, row - 0.5), 3, 3, fill=False,
                                ec=ORANGE, lw=3))
        title(top, "frame", {"step": step, "row": row, "column": column})
        bottom.imshow(shown_so_far.copy(), cmap=colors, vmin=-color_limit,
                      vmax=color_limit)
        bottom.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False,
                                   ec=ORANGE, lw=3))
        title(bottom, "frame_sum", {"value": value})
        away = (6 if column < 13 else -6, 5 if row < 13 else -5)  # toward the middle
        bottom.annotate(label("frame_value", {"value": value}), (column, row),
                        (column + away[0], row + away[1]), fontsize=TEXT_SIZE,
                        ha="center", va="center", fontweight="bold", gid="frame_value",
                        bbox={"fc": "white", "ec": ORANGE, "pad": 2},
                        arrowprops={"arrowstyle": "-", "color": ORANGE, "lw": 2})
    plt.show()


def most_varied_patch(feature_map):
    """(top, left) of the 4 × 4 patch at even rows and columns whose values differ
    most."""
    height, width = feature_map.shape
    places = [(top, left) for top in range(0, height - 3, 2)
              for left in range(0, width - 3, 2)]
    return max(places, key=lambda place: feature_map[place[0]:place[0] + 4,
                                                     place[1]:place[1] + 4].std())


def draw_max_pooling(feature_map, top=None, left=None):
    """Max pooling with 2 × 2 blocks on the 4 × 4 patch of `feature_map` at (top, left).

    `feature_map` is one map of a layer's output (2-D). The result comes from a real
    MaxPooling2D(2) layer. With even `top` and `left`, the patch lines up with the
    blocks of the whole map. By default, the figure shows the patch whose values
    differ most.
    """
    feature_map = np.asarray(feature_map, dtype="float32").squeeze()
    if top is None or left is None:
        top, left = most_varied_patch(feature_map)
    patch = feature_map[top:top + 4, left:left + 4]
    if top < 0 or left < 0 or patch.shape != (4, 4):
        height, width = feature_map.shape[:2]
        raise ValueError(_("A 4 × 4 patch at ({top}, {left}) does not fit in a map of "
                           "{height} × {width}.").format(top=top, left=left,
                                                         height=height, width=width))
    pooling = keras.layers.MaxPooling2D(2)
    pooled = as_numpy(pooling(patch.reshape(1, 4, 4, 1)))[0, :, :, 0]
    low, high = float(patch.min()), float(patch.max())

    def shade(value):  # larger is lighter, as in every image; never dark, so that
        # black numbers stay readable
        return plt.get_cmap("gray")(0.55 + 0.45 * (value - low) / ((high - low) or 1))

    figure = plt.figure(figsize=(14, 5.6))
    figure_title(figure, "pooling_title")
    map_axis = figure.add_axes((0.2 / 14, 0.6 / 5.6, 3.2 / 14, 3.2 / 5.6))
    map_axis.imshow(feature_map, cmap="gray")
    map_axis.add_patch(Rectangle((left - 0.5, top - 0.5), 4, 4, fill=False, ec=ORANGE,
                                 lw=3))
    frame_only(map_axis)
    title(map_axis, "pooling_map", dict(zip(["height", "width"], feature_map.shape,
                                            strict=True)))
    grid_axis = inch_axes(figure, 4.0, 0.1, 4.6, 4.8)
    arrow_axis = inch_axes(figure, 8.7, 0.1, 2.2, 4.8)
    result_axis = inch_axes(figure, 11.0, 0.1, 2.8, 4.8)
    result_axis.set_label("result")
    cell, bottom = 1.0, 0.2  # inches
    for (row, column), value in np.ndenumerate(patch):
        x, y = 0.3 + column * cell, bottom + (3 - row) * cell
        grid_axis.add_patch(Rectangle((x, y), cell, cell, fc=shade(value), ec="white"))
        largest = value == pooled[row // 2, column // 2]
        write(grid_axis, x + cell / 2, y + cell / 2, "pooling_value", {"value": value},
              fontweight="bold" if largest else "normal")
    for block, color in enumerate(BLOCK_COLORS):
        row, column = divmod(block, 2)
        grid_axis.add_patch(Rectangle(
            (0.36 + 2 * column * cell, bottom + 0.06 + 2 * (1 - row) * cell),
            2 * cell - 0.12, 2 * cell - 0.12, fill=False, ec=color, lw=4))
        x, y = 0.5 + column * cell, bottom + cell + (1 - row) * cell
        result_axis.add_patch(Rectangle((x, y), cell, cell, ec=color, lw=4,
                                        fc=shade(pooled[row, column])))
        write(result_axis, x + cell / 2, y + cell / 2, "pooling_value",
              {"value": pooled[row, column]}, fontweight="bold")
    write(grid_axis, 2.3, bottom + 4 * cell + 0.15, "pooling_patch", {
        "top": top, "bottom": top + 3, "left": left, "right": left + 3}, va="bottom")
    write(result_axis, 1.5, bottom + 3 * cell + 0.15, "pooling_result", va="bottom")
    arrow(arrow_axis, (0.1, bottom + 2 * cell), (2.1, bottom + 2 * cell), width=3)
    write(arrow_axis, 1.1, bottom + 2 * cell + 0.25, "pooling_arrow", va="bottom")
    plt.show()


def draw_dropout(rate=0.5, units=8, steps=3, seed=5):
    """A real Dropout layer switching units off at each training step (1 to 6 steps),
    and none when predicting. Every value that comes in is 1, so each output shows
    the layer's scaling."""
    if not (2 <= units <= 12 and 1 <= steps <= 6):
        raise ValueError(_("Draw 2 to 12 units and 1 to 6 steps, so that each one is "
                           "easy to read."))
    layer = keras.layers.Dropout(rate, seed=seed)
    ones = np.ones((1, units), dtype="float32")
    outputs = [as_numpy(layer(ones, training=True))[0] for _step in range(steps)]
    outputs.append(as_numpy(layer(ones, training=False))[0])

    spacing, radius = 0.66, 0.3  # inches
    column_height = spacing * units + 1.75
    column_width = min(3.0, 13.4 / (steps + 1))
    middle = column_width / 2
    figure = plt.figure(figsize=(14, column_height + 1.4))
    figure_title(figure, "dropout_title", {"rate": rate})
    write(figure, 0.5, 1 - 0.6 / figure.get_figheight(), "dropout_scaling",
          {"rate": rate, "scale": 1 / (1 - rate)}, va="top")
    left = (14 - column_width * (steps + 1)) / 2
    for step, values in enumerate(outputs, start=1):
        axis = inch_axes(figure, left + (step - 1) * column_width, 0.1, column_width,
                         column_height)
        top = column_height - 0.05
        if step > steps:  # predicting, set apart by a dashed line
            axis.axvline(0, 0.05, 0.92, color="gray", linestyle="--", lw=2)
            write(axis, middle, top, "dropout_predict", va="top")
        else:
            write(axis, middle, top, "dropout_step", {"step": step}, va="top")
        for unit, value in enumerate(values):
            y, kept = top - 0.8 - spacing * (unit + 0.5), value != 0
            axis.add_patch(Circle((middle, y), radius, lw=2, fc=BLUE if kept
                                  else LIGHT_GRAY, ec=BLUE if kept else "gray"))
            if kept:
                write(axis, middle, y, "dropout_value", {"value": value},
                      color="white", fontweight="bold")
                continue
            cross = radius * 0.6
            for sign in (1, -1):
                axis.plot([middle - cross, middle + cross],
                          [y - sign * cross, y + sign * cross], color="dimgray", lw=3)
        write(axis, middle, 0.05, "dropout_kept", {"kept": int(np.sum(values != 0)),
              "units": units, "total": float(values.sum())}, va="bottom")
    plt.show()


def short_name(name):
    """A long class name in two lines, so that it fits above its block."""
    return re.sub(r"(?<=[a-z])(?=Pooling|Normalization)", "\n", name)


def shape_label(shape, layer):
    """The LABELS key and the fields that describe an output shape (None, ...)."""
    if len(shape) == 4:
        fields = {"height": shape[1], "width": shape[2]}
        if layer is None and shape[3] == 1:
            return "image_shape", fields
        return "maps_shape", {"maps": shape[3], **fields}
    if len(shape) == 2:
        dense = isinstance(layer, keras.layers.Dense)
        return "units_shape" if dense else "numbers_shape", {"units": shape[1]}
    message = _("draw_model draws outputs with 2 or 4 axes, not {shape}.")
    raise ValueError(message.format(shape=shape))


def draw_model(model):
    """A Sequential model from left to right: its input, then each layer's output
    (maps as stacks of squares, units as bars) and its number of parameters.

    The model starts with keras.Input. Up to 9 layers fit without overlapping text.
    """
    blocks = [(None, tuple(model.inputs[0].shape))]
    blocks += [(layer, tuple(layer.output.shape)) for layer in model.layers]
    largest_map = max([shape[1] for _layer, shape in blocks if len(shape) == 4] + [1])
    most_units = max([shape[1] for _layer, shape in blocks if len(shape) == 2] + [10])

    width, height = 14, 6.4
    figure = plt.figure(figsize=(width, height))
    figure_title(figure, "model_title", {"model": model.name, "layers": len(
        model.layers), "parameters": model.count_params()})
    write(figure, 0.5, 1 - 0.6 / height, "model_colors", va="top")
    axis = inch_axes(figure, 0.2, 0.1, width - 0.4, 5.1)
    slot = (width - 0.4) / len(blocks)
    largest_side, middle, previous_right = min(1.15, 0.6 * slot), 3.05, None
    for number, (layer, shape) in enumerate(blocks):
        center = slot * (number + 0.5)
        learns = layer is not None and layer.count_params() > 0
        face, edge = (LIGHT_BLUE, BLUE) if learns else (LIGHT_GRAY, "dimgray")
        if len(shape) == 4:  # maps: a stack of squares, larger for larger maps
            side = largest_side * (0.25 + 0.75 * shape[1] / largest_map)
            squares, offset = min(shape[3], 3), 0.1
            left = center - (side + offset * (squares - 1)) / 2
            for square in reversed(range(squares)):
                axis.add_patch(Rectangle(
                    (left + square * offset, middle - side / 2 + square * offset),
                    side, side, fc=face, ec=edge, lw=2))
            right = left + side + offset * (squares - 1)
        else:  # units: a bar, taller for more units (on a log scale)
            share = math.log10(shape[1] + 1) / math.log10(most_units + 1)
            bar = 2.3 * (0.25 + 0.75 * share)
            left, right = center - 0.15, center + 0.15
            axis.add_patch(Rectangle((left, middle - bar / 2), 0.3, bar, fc=face,
                                     ec=edge, lw=2))
        if previous_right is not None:
            arrow(axis, (previous_right, middle), (left, middle), gap=(0.06, 0.06))
        previous_right = right
        if layer is None:
            write(axis, center, 4.45, "model_input", va="bottom")
        else:
            write(axis, center, 4.45, "layer_name",
                  {"layer": short_name(type(layer).__name__)}, va="bottom")
            write(axis, center, 0.85, "parameters",
                  {"parameters": layer.count_params()}, va="top")
        write(axis, center, 1.65, *shape_label(shape, layer), va="top")
    plt.show()
