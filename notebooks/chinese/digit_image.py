"""Turn a photo of one handwritten digit into a 28 × 28 input like MNIST's.

Notebook 08 imports this module as `digit_image`. It has two parts.

The first part is written here by hand, and notebook 08 does not teach it: reading a
picture file (`read_image`), and cleaning a photo (`clean_photo`). A photo is not a
scan: the cleaning removes its uneven light and shadows, the ruled lines of the paper
and other marks, and leaves the digit alone, white on black, its ink at full strength.
The lesson calls it in one line, and shows what it does in an optional part.

The second part is MNIST's own steps, which notebook 08 teaches one per cell:
grayscale, invert, crop to the ink, scale into a 20 × 20 box, pad to 28 × 28, center by
the center of mass, scale to [0, 1]. run_series.py copies the lesson's cells marked
#@save below the notice, so the lesson and this module are the same code: edit those
in notebook 08, then run `python run_series.py --no-run`.

tests/test_digit_image.py checks every step, and that every committed sample still
gives exactly the input it gave before.
"""

import io
import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from scipy import ndimage

from course.messages import _

# The lesson calls this module `digit_image`; code copied here from it says so too.
digit_image = sys.modules[__name__]

# The settings of reading and cleaning a photo
SMALLEST_SIDE = 16  # pixels: a smaller picture cannot show a digit's shape
LARGEST_SIDE = 1024  # pixels: larger photos are shrunk; a small digit keeps its shape
PAPER_WINDOW = 0.2  # of the shorter side: wider than the pen strokes of any digit
MARK_CONTRAST = 20  # gray levels: a mark differs from the paper at least this much
DIGIT_HEIGHT = 0.04  # of the shorter side: a mark at least this tall may be a digit
THICKEST_LINE = 0.02  # of the shorter side: the thickest line that is removed
HEAVY_ENOUGH = 0.1  # of the heaviest group's ink: a lighter group is not the digit
SMALLEST_PART = 0.25  # of a digit's larger side: a smaller mark is a dash or a speck
FAINT_INK_FRACTION = 0.35  # ink below 35% of the strongest ink is noise, or a smudge
FULL_INK_FRACTION = 0.75  # ink above 75% of the strongest is full ink, like MNIST's


class DigitImageError(ValueError):
    """The picture cannot be made into a digit. The message says what is wrong."""


# --------------------------------------------------------------------------------------
# Reading a picture file
# --------------------------------------------------------------------------------------


def open_picture(path):
    """The image in the file at `path`, or a DigitImageError that says why not.

    `image.load()` reads every pixel at once, so a damaged file fails here, and not in
    a later step.
    """
    path = Path(path)
    if not path.is_file():
        message = _("There is no file at {path}. Check its name and folder.")
        raise DigitImageError(message.format(path=path))
    try:
        with Image.open(path) as image:
            image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise DigitImageError(
            _("{path} is not a picture Pillow can read ({error}). "
              "Save it as PNG or JPEG.").format(path=path, error=error)
        ) from None
    return image


def on_white_paper(image):
    """An RGB copy of the image, with any transparent parts made white.

    A drawing can have a transparent background: dark ink on nothing. That nothing
    must count as white paper, not as black ink.
    """
    if image.has_transparency_data:
        image = image.convert("RGBA")
        paper = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(paper, image)
    return image.convert("RGB")


def read_image(path):
    """Step 1: the picture upright, on white paper, no side over LARGEST_SIDE pixels.

    Phones often store a photo sideways, with a note (EXIF) that says how to turn it;
    `ImageOps.exif_transpose` turns it upright. A very small picture is refused. A
    large one is shrunk so that every later step is quick, but no further: a small
    digit in a corner of a large photo must keep enough pixels to show its shape.
    """
    image = ImageOps.exif_transpose(open_picture(path))
    if min(image.size) < SMALLEST_SIDE:
        raise DigitImageError(
            _("{path} is only {width} × {height} pixels; a digit needs at least "
              "{smallest} × {smallest}. Use a larger photo of it.").format(
                path=path, width=image.width, height=image.height,
                smallest=SMALLEST_SIDE))
    image = on_white_paper(image)
    image.thumbnail((LARGEST_SIDE, LARGEST_SIDE))  # shrinks, keeping the proportions
    return image


# --------------------------------------------------------------------------------------
# Cleaning a photo, after the lesson's steps 2 and 3 (grayscale, inverted): the
# background, then the digit alone, then its ink at full strength. clean_photo runs all
# three; the lesson's STEPS run them one by one, to show each result.
# --------------------------------------------------------------------------------------


def estimate_background(gray):
    """The background's brightness at every pixel, as if there were no ink.

    An opening does it, in two passes: each pixel takes the darkest value in a square
    window around it, so every bright structure narrower than the window (the pen
    strokes, the ruled lines) disappears; then each pixel takes the brightest value in
    the same window, so wide regions (the paper, a shadow) get back their size and
    their sharp edges. The darkest value of a window is also its darkest speck of
    camera noise, so a slight blur first smooths the specks away.
    """
    window = max(3, round(PAPER_WINDOW * min(gray.shape)))
    smooth = ndimage.gaussian_filter(gray, sigma=2)  # without the specks of noise
    return ndimage.grey_opening(smooth, size=(window, window))


def remove_background(gray):
    """The ink alone on black, as strong in a shadow as in full light.

    A shadow also makes the ink less dark against the paper, in proportion to the
    light, so the difference from the background is divided by how bright the paper is
    there. A slight blur removes specks of camera noise.
    """
    background = estimate_background(gray)
    paper_brightness = np.maximum(255 - background, MARK_CONTRAST)  # we divide by it
    ink = np.clip((gray - background) / paper_brightness * 255, 0, 255)
    return ndimage.gaussian_filter(ink, sigma=1)


# A mark is a group of connected pixels brighter than MARK_CONTRAST (pixels that touch
# only at a corner count as connected). Ruled lines, a shadow's edge and the table run
# to the border of the picture; a digit does not. A free mark is one that does not
# touch the border.


def marks_inside(ink):
    """The numbered marks, and the numbers of those that do not touch the border."""
    labels, count = ndimage.label(ink > MARK_CONTRAST, structure=np.ones((3, 3)))
    border = np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])
    return labels, sorted(set(range(1, count + 1)) - set(border.tolist()))


def digit_sized(box, shape):
    """Is a mark's box as large as a digit, and not as thin as a line?

    The box is the smallest rectangle around the mark, as two slices (rows, columns).
    """
    height, width = box[0].stop - box[0].start, box[1].stop - box[1].start
    tall_enough = height >= DIGIT_HEIGHT * min(shape)
    return tall_enough and min(height, width) >= 0.08 * max(height, width)


def union(boxes):
    """The smallest box around all the boxes."""
    return tuple(slice(min(box[axis].start for box in boxes),
                       max(box[axis].stop for box in boxes)) for axis in (0, 1))


def the_digit(ink, labels, inside, candidates):
    """The free marks that make the digit, and their box: the group of a digit-sized
    mark and the free marks near it that are not dashes or specks (large_enough). Of
    the groups with at least HEAVY_ENOUGH of the heaviest group's ink (the sum of its
    pixel values), the one whose box's middle is nearest the picture's middle. A
    learner puts the digit in the middle; a 5's top stroke may be a mark of its own,
    near the rest; in an exercise book, the characters and digits of the cells beside
    it are farther away, at the sides, and they may have far more ink than a 1."""
    boxes = ndimage.find_objects(labels)
    groups = []
    for mark in candidates:
        group = [n for n in inside if close_to(boxes[n - 1], boxes[mark - 1])
                 and large_enough(boxes[n - 1], boxes[mark - 1])]
        weight = float(np.sum(ndimage.sum(ink, labels, group)))
        groups.append((group, union([boxes[n - 1] for n in group]), weight))
    heaviest = max(weight for _group, _box, weight in groups)

    def distance(group):
        rows, columns = group[1]
        height, width = labels.shape
        return math.hypot((rows.start + rows.stop - height) / height,
                          (columns.start + columns.stop - width) / width)

    return min((group for group in groups if group[2] >= HEAVY_ENOUGH * heaviest),
               key=distance)


def free_marks(ink, window):
    """After an opening with `window`: the weight and box of the digit's marks (see
    the_digit; 0 and None if no free mark is digit-sized), the ink left, the marks,
    the free ones. The opening removes what is thinner than `window` pixels."""
    opened = ndimage.grey_opening(ink, size=(window, window))
    labels, inside = marks_inside(opened)
    boxes = ndimage.find_objects(labels)
    digits = [n for n in inside if digit_sized(boxes[n - 1], ink.shape)]
    if not digits:
        return 0, None, opened, labels, inside
    _group, box, weight = the_digit(opened, labels, inside, digits)
    return weight, box, opened, labels, inside


def same_box(box, other):
    """Do two boxes differ by at most a twentieth of their size on every side?"""
    if box is None or other is None:
        return True  # nothing to compare with: stop here
    size = max(box[0].stop - box[0].start, box[1].stop - box[1].start)
    pairs = list(zip(box, other, strict=True))  # (rows, rows), (columns, columns)
    edges = [(mine.start, theirs.start) for mine, theirs in pairs]
    edges += [(mine.stop, theirs.stop) for mine, theirs in pairs]
    return all(abs(one - two) <= max(2, size / 20) for one, two in edges)


def free_the_digit(ink):
    """The try in which the digit stands free: (ink left, numbered marks, free ones).

    Where a ruled line crosses the digit, line and digit are one mark, which touches
    the border. But lines are thinner than pen strokes, so openings with wider and
    wider windows remove them, up to THICKEST_LINE of the shorter side. The try whose
    digit (the_digit) has the most ink comes first; while removing the next thicker
    lines still changes the digit's box, a piece of a line is still attached, so the
    next try is taken. If no mark is free in any try (a digit written up to the
    edge), every mark is kept.
    """
    windows = range(1, max(3, round(THICKEST_LINE * min(ink.shape))))
    tries = [free_marks(ink, window) for window in windows]
    best = int(np.argmax([weight for weight, *_rest in tries]))
    if tries[best][0] == 0:  # nothing was free: keep every mark
        labels, count = ndimage.label(ink > MARK_CONTRAST, structure=np.ones((3, 3)))
        return ink, labels, list(range(1, count + 1))
    while best + 1 < len(tries) and not same_box(tries[best][1], tries[best + 1][1]):
        best += 1  # a piece of a line is still attached: remove thicker lines
    return tries[best][2:]  # the ink left, the marks, the free ones


def size(box):
    """The larger side of a box."""
    return max(box[0].stop - box[0].start, box[1].stop - box[1].start)


def large_enough(box, digit):
    """Is a mark's box at least SMALLEST_PART of the digit's box?"""
    return size(box) >= SMALLEST_PART * size(digit)


def close_to(box, other):
    """Does `box` reach into `other`, widened by a quarter of its larger side?"""
    margin = 0.25 * max(other[0].stop - other[0].start, other[1].stop - other[1].start)
    return all(mine.start < theirs.stop + margin and mine.stop > theirs.start - margin
               for mine, theirs in zip(box, other, strict=True))


def keep_the_digit(ink):
    """The digit's marks (the_digit); the rest made black. If no free mark is
    digit-sized, the groups of all the free marks are weighed instead."""
    opened, labels, inside = free_the_digit(ink)
    if not inside:
        raise DigitImageError(_("blank image: no ink found. Photograph a digit written "
                                "in dark ink on light paper."))
    boxes = ndimage.find_objects(labels)
    digits = [n for n in inside if digit_sized(boxes[n - 1], labels.shape)] or inside
    group, _box, _weight = the_digit(opened, labels, inside, digits)
    return np.where(np.isin(labels, group), opened, 0)


def full_strength(digit):
    """Faint ink to black, strong ink to 255, the rest stretched between.

    MNIST's strokes are white in their middle; ours are as strong as the pen and the
    light made them.
    """
    strongest = np.percentile(digit[digit > 0], 99)
    faint, full = FAINT_INK_FRACTION * strongest, FULL_INK_FRACTION * strongest
    return np.clip((digit - faint) / (full - faint), 0, 1) * 255


def clean_photo(gray):
    """The digit alone, white on black, its ink at full strength: the photo's uneven
    light and shadows, ruled lines and other marks removed. `gray` is the picture in
    grayscale, inverted (white ink on black)."""
    return full_strength(keep_the_digit(remove_background(gray)))


# --------------------------------------------------------------------------------------
# Code taught in the lessons, copied from their cells marked #@save by run_series.py.
# Do not edit it here: edit the lesson's cell, then run python run_series.py --no-run.
# --------------------------------------------------------------------------------------


# 各个步骤的设置
MNIST_BOX = 20  # MNIST 把每个数字缩放进 20 × 20 的方框……
MNIST_SIDE = 28  # ……放在 28 × 28 图像的正中……
MNIST_CENTER = 14.0  # ……质心位于第 14 行、第 14 列


def to_grayscale(image):
    """第 2 步：每个像素一个灰度值，从 0（黑）到 255（白），存成浮点数组。"""
    return np.asarray(image.convert("L"), dtype=float)  # "L"：一个灰度值


def invert_if_light_background(gray):
    """第 3 步：黑底白字。如果大多数像素是浅色的，就把深浅对调。"""
    if np.median(gray) > 127:
        return 255 - gray
    return gray.copy()


def crop_to_ink(clean):
    """第 5 步：能装下所有带墨迹像素（值大于 0）的最小矩形。"""
    rows_with_ink = np.flatnonzero(clean.max(axis=1) > 0)
    columns_with_ink = np.flatnonzero(clean.max(axis=0) > 0)
    if rows_with_ink.size == 0:
        raise digit_image.DigitImageError(
            "空白图像：没有找到墨迹。"
            "请用深色的笔在浅色的纸上写一个数字，再把它拍下来。")
    top, bottom = rows_with_ink[0], rows_with_ink[-1] + 1
    left, right = columns_with_ink[0], columns_with_ink[-1] + 1
    return clean[top:bottom, left:right]


def fit_into_box(cropped, box=MNIST_BOX):
    """第 6 步：改变大小，使长边为 `box` 个像素，并保持形状不变。"""
    height, width = cropped.shape
    scale = box / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image = Image.fromarray(cropped.astype(np.float32))
    resized = image.resize(size, Image.Resampling.LANCZOS)
    return np.clip(np.asarray(resized, dtype=float), 0, 255)  # LANCZOS 可能超出范围


def pad_to_28(boxed):
    """第 7 步：把数字放在一张 28 × 28 黑色图像的正中。"""
    height, width = boxed.shape
    canvas = np.zeros((MNIST_SIDE, MNIST_SIDE))
    top, left = (MNIST_SIDE - height) // 2, (MNIST_SIDE - width) // 2
    canvas[top:top + height, left:left + width] = boxed
    return canvas


def center_of_mass(image):
    """墨迹平衡点的位置 (行, 列)。"""
    rows, columns = np.indices(image.shape)
    total = image.sum()
    return (rows * image).sum() / total, (columns * image).sum() / total


def center_by_mass(canvas):
    """第 8 步：移动数字，让它的质心位于第 14 行、第 14 列。"""
    row, column = center_of_mass(canvas)
    down, right = round(MNIST_CENTER - row), round(MNIST_CENTER - column)
    padded = np.pad(canvas, MNIST_SIDE)  # 四周补上黑色
    top, left = MNIST_SIDE - down, MNIST_SIDE - right
    return padded[top:top + MNIST_SIDE, left:left + MNIST_SIDE]


def scale_to_unit(centered):
    """第 9 步：0 到 1 之间的 float32 值，和训练模型用的图像一样。"""
    return (np.clip(centered, 0, 255) / 255).astype(np.float32)


STEPS = [
    ("grayscale", to_grayscale),
    ("inverted", invert_if_light_background),
    ("ink", digit_image.remove_background),  # 第 4 步：去除背景，
    ("digit", digit_image.keep_the_digit),  # 只留下数字，
    ("clean", digit_image.full_strength),  # 笔画调成纯白
    ("cropped", crop_to_ink),
    ("boxed", fit_into_box),
    ("padded", pad_to_28),
    ("centered", center_by_mass),
    ("input", scale_to_unit),
]


def prepare_picture(picture):
    """对一张摆正的彩色图片，按顺序给出每一步的结果；最后一个是 "input"。"""
    steps = {"original": picture}
    result = picture
    for name, step in STEPS:
        result = steps[name] = step(result)
    return steps


def prepare_digit(path):
    """对 `path` 处文件里的图片，给出每一步的结果。"""
    return prepare_picture(digit_image.read_image(path))


def as_model_input(unit):
    """给 predict 用的批量：一张图像，一个通道，形状为 (1, 28, 28, 1)。"""
    return np.asarray(unit, dtype=np.float32).reshape(1, MNIST_SIDE, MNIST_SIDE, 1)


def read_drawing(png_bytes):
    """画板上一幅画的 28 × 28 输入：把它的 PNG 走一遍第 2 到第 9 步。"""
    with Image.open(io.BytesIO(png_bytes)) as picture:
        return prepare_picture(picture.convert("RGB"))["input"]
