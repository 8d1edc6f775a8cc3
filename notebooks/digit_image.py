"""Turn a photo of one handwritten digit into a 28 × 28 input like MNIST's, the way MNIST itself was prepared.

Notebook 08 teaches these steps one per cell; tests/test_digit_image.py checks each of them.
Every step takes and returns a numpy array of grey values from 0 (black) to 255 (white), except where it says.
"""

from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

SMALLEST_SIDE = 16  # pixels: a smaller picture cannot show a digit's shape
LARGEST_SIDE = 256  # pixels: plenty for a 20-pixel digit; bigger photos are shrunk first, so every step is quick
MNIST_BOX = 20  # MNIST fitted each digit into a 20 × 20 box...
MNIST_SIDE = 28  # ...in the middle of a 28 × 28 image...
MNIST_CENTRE = 14.0  # ...with its centre of mass at row 14, column 14 (on average 14.00 and 14.01 in MNIST)
LEAST_INK_CONTRAST = 30  # grey levels: ink must stand out from the paper by at least this much
FAINT_INK_FRACTION = 0.35  # ink fainter than 35% of the strongest ink is noise, or a smudge
FULL_INK_FRACTION = 0.75  # ink at 75% of the strongest or more counts as full ink, like MNIST's black-and-white scans


class DigitImageError(ValueError):
    """The picture cannot be made into a digit. The message says what is wrong and what to do."""


def read_image(path):
    """Open the picture as an RGB image the right way up, at most 256 pixels on a side, transparency made white paper.

    Phones store photos sideways with a note (EXIF) saying how to turn them; exif_transpose turns them upright.
    """
    path = Path(path)
    if not path.is_file():
        raise DigitImageError(f"There is no file at {path}. Check the file name and folder, then run the cell again.")
    try:
        with Image.open(path) as image:
            image.load()  # reads every pixel now, so a damaged file fails here, not in a later step
    except (UnidentifiedImageError, OSError) as error:
        raise DigitImageError(f"{path} is not a picture Pillow can read ({error}). Save it as PNG or JPEG.") from None
    image = ImageOps.exif_transpose(image)
    if min(image.size) < SMALLEST_SIDE:
        raise DigitImageError(f"{path} is only {image.width} × {image.height} pixels; a digit needs at least "
                              f"{SMALLEST_SIDE} × {SMALLEST_SIDE}. Use a larger photo of the digit.")
    image = on_white_paper(image)
    image.thumbnail((LARGEST_SIDE, LARGEST_SIDE))
    return image


def on_white_paper(image):
    """An RGB copy of the image, with any transparent parts made white: a drawing with a see-through background
    is dark ink on nothing, and nothing should count as paper, not as black ink."""
    if image.has_transparency_data:
        image = image.convert("RGBA")
        paper = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(paper, image)
    return image.convert("RGB")


def to_grayscale(image):
    """MNIST has no colour, only how dark each pixel is: one grey value per pixel, 0 (black) to 255 (white)."""
    return np.asarray(image.convert("L"), dtype=float)


def invert_if_light_background(gray):
    """MNIST is white ink on black. If the picture's edge is mostly light (paper), swap dark and light;
    a picture that is already white on black is left as it is."""
    edge = np.concatenate([gray[0, :], gray[-1, :], gray[:, 0], gray[:, -1]])
    if np.median(edge) > 127:
        return 255 - gray
    return gray.copy()


def estimate_background(gray):
    """The background's brightness at every pixel, as if the ink were not there. Ink strokes are thin and, once
    inverted, brighter than the paper, so the darkest pixel nearby is background: a minimum filter finds it."""
    image = Image.fromarray(gray.astype(np.uint8))
    shrink_by = max(1, max(image.size) // 32)  # a copy about 32 pixels wide is quick to filter
    small = image.reduce(shrink_by).filter(ImageFilter.MinFilter(7))  # 7 of 32 pixels: wider than any stroke
    background = small.resize(image.size, Image.Resampling.BILINEAR)
    return np.asarray(background.filter(ImageFilter.GaussianBlur(shrink_by)), dtype=float)  # smooth, not blocky


def remove_background(gray):
    """Make the background pure black and the ink bright, whatever the paper and light were like: subtract the
    background, blur a little to wash out specks, drop faint ink, and stretch the rest so strong ink is 255."""
    ink = np.clip(gray - estimate_background(gray), 0, 255)
    ink = np.asarray(Image.fromarray(ink.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1)), dtype=float)
    strongest = ink.max()
    if strongest < LEAST_INK_CONTRAST:
        raise DigitImageError("blank image: no ink found (nothing stands out from the background). Photograph a "
                              "digit written in dark ink on light paper, filling a good part of the picture.")
    faint, full = FAINT_INK_FRACTION * strongest, FULL_INK_FRACTION * strongest
    return np.clip((ink - faint) / (full - faint), 0, 1) * 255


def crop_to_ink(clean):
    """Cut away the empty border: keep the smallest rectangle that holds every pixel with ink (> 0)."""
    rows_with_ink = np.flatnonzero(clean.max(axis=1) > 0)
    columns_with_ink = np.flatnonzero(clean.max(axis=0) > 0)
    if rows_with_ink.size == 0:
        raise DigitImageError("blank image: no ink found. Photograph a digit written in dark ink on light paper.")
    top, bottom = rows_with_ink[0], rows_with_ink[-1] + 1
    left, right = columns_with_ink[0], columns_with_ink[-1] + 1
    return clean[top:bottom, left:right]


def fit_into_box(cropped, box=MNIST_BOX):
    """Resize so the longer side is `box` pixels (20, like MNIST), keeping the digit's proportions:
    a 1 stays thin. LANCZOS resampling averages the pixels it merges, so edges come out soft grey like MNIST's."""
    height, width = cropped.shape
    scale = box / max(height, width)
    new_width, new_height = max(1, round(width * scale)), max(1, round(height * scale))
    resized = Image.fromarray(cropped.astype(np.float32)).resize((new_width, new_height), Image.Resampling.LANCZOS)
    return np.clip(np.asarray(resized, dtype=float), 0, 255)  # LANCZOS can overshoot a little past 0 and 255


def pad_to_28(boxed):
    """Put the digit in the middle of a black 28 × 28 image, the size MNIST's images (and our models) have."""
    height, width = boxed.shape
    canvas = np.zeros((MNIST_SIDE, MNIST_SIDE))
    top, left = (MNIST_SIDE - height) // 2, (MNIST_SIDE - width) // 2
    canvas[top:top + height, left:left + width] = boxed
    return canvas


def centre_of_mass(image):
    """The (row, column) where the ink balances: the average position of the pixels, weighted by brightness."""
    rows, columns = np.indices(image.shape)
    total = image.sum()
    return (rows * image).sum() / total, (columns * image).sum() / total


def center_by_mass(canvas):
    """Move the digit so its centre of mass is at row 14, column 14 (counting from 0), as MNIST did: a 7's heavy
    top then sits where the model expects it. Moves whole pixels, so within half a pixel; ink pushed out is dropped."""
    row, column = centre_of_mass(canvas)
    down, right = round(MNIST_CENTRE - row), round(MNIST_CENTRE - column)
    margin = MNIST_SIDE
    padded = np.pad(canvas, margin)  # black all around, so nothing wraps round to the other side
    top, left = margin - down, margin - right
    return padded[top:top + MNIST_SIDE, left:left + MNIST_SIDE]


def scale_to_unit(centred):
    """The models were trained on pixel values from 0 to 1 as float32, so the new digit must be too."""
    return (np.clip(centred, 0, 255) / 255).astype(np.float32)


def prepare_digit(path):
    """Run every step on the picture at `path`; return each step's result, in order, so a notebook can show them.
    The last one, "input", is the 28 × 28 float32 array in [0, 1] a model reads."""
    steps = {"original": read_image(path)}
    steps["grayscale"] = to_grayscale(steps["original"])
    steps["inverted"] = invert_if_light_background(steps["grayscale"])
    steps["clean"] = remove_background(steps["inverted"])
    steps["cropped"] = crop_to_ink(steps["clean"])
    steps["boxed"] = fit_into_box(steps["cropped"])
    steps["padded"] = pad_to_28(steps["boxed"])
    steps["centred"] = center_by_mass(steps["padded"])
    steps["input"] = scale_to_unit(steps["centred"])
    return steps


def as_model_input(unit):
    """A batch of one image with one channel, shape (1, 28, 28, 1): the shape model.predict expects."""
    return np.asarray(unit, dtype=np.float32).reshape(1, MNIST_SIDE, MNIST_SIDE, 1)
