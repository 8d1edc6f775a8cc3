"""Turn a photo of one handwritten digit into a 28 x 28 input like MNIST's.

Notebook 08 teaches these steps, one per cell; run_series.py copies its cells marked
#@save into this file, so the lesson and this module are the same code. Do not edit it
here: edit the cell in notebook 08, then run `python run_series.py --no-run`.
tests/test_digit_image.py checks every step.
"""

from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

# The settings of the steps
SMALLEST_SIDE = 16  # pixels: a smaller picture cannot show a digit's shape
LARGEST_SIDE = 256  # pixels: enough for a 20-pixel digit; larger photos are shrunk
MNIST_BOX = 20  # MNIST fitted each digit into a 20 × 20 box...
MNIST_SIDE = 28  # ...in the middle of a 28 × 28 image...
MNIST_CENTER = 14.0  # ...with its center of mass at row 14, column 14
LEAST_INK_CONTRAST = 30  # gray levels: ink must stand out from the paper this much
FAINT_INK_FRACTION = 0.35  # ink below 35% of the strongest ink is noise, or a smudge
FULL_INK_FRACTION = 0.75  # ink above 75% of the strongest is full ink, like MNIST's


class DigitImageError(ValueError):
    """The picture cannot be made into a digit. The message says what is wrong."""


def open_picture(path):
    """The image in the file at `path`, or a DigitImageError that says why not."""
    path = Path(path)
    if not path.is_file():
        raise DigitImageError(f"There is no file at {path}. Check its name and folder.")
    try:
        with Image.open(path) as image:
            image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise DigitImageError(f"{path} is not a picture Pillow can read ({error}). "
                              "Save it as PNG or JPEG.") from None
    return image


def on_white_paper(image):
    """An RGB copy of the image, with any transparent parts made white."""
    if image.has_transparency_data:
        image = image.convert("RGBA")
        paper = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(paper, image)
    return image.convert("RGB")


def read_image(path):
    """Step 1: the picture upright, on white paper, no side over LARGEST_SIDE pixels."""
    image = ImageOps.exif_transpose(open_picture(path))
    if min(image.size) < SMALLEST_SIDE:
        raise DigitImageError(
            f"{path} is only {image.width} × {image.height} pixels; a digit needs at "
            f"least {SMALLEST_SIDE} × {SMALLEST_SIDE}. Use a larger photo of it.")
    image = on_white_paper(image)
    image.thumbnail((LARGEST_SIDE, LARGEST_SIDE))  # shrinks, keeping the proportions
    return image


def to_grayscale(image):
    """Step 2: one gray value per pixel, 0 (black) to 255 (white), as a float array."""
    return np.asarray(image.convert("L"), dtype=float)


def invert_if_light_background(gray):
    """Step 3: white ink on black. Swap dark and light if the border is mostly light."""
    border = np.concatenate([gray[0, :], gray[-1, :], gray[:, 0], gray[:, -1]])
    if np.median(border) > 127:
        return 255 - gray
    return gray.copy()


def estimate_background(gray):
    """The background's brightness at every pixel, as if there were no ink."""
    image = Image.fromarray(gray.astype(np.uint8))
    shrink_by = max(1, max(image.size) // 32)  # a copy 32 to 63 pixels wide
    small = image.reduce(shrink_by).filter(ImageFilter.MinFilter(7))  # > a stroke
    background = small.resize(image.size, Image.Resampling.BILINEAR)
    smooth = background.filter(ImageFilter.GaussianBlur(shrink_by))
    return np.asarray(smooth, dtype=float)


def remove_background(gray):
    """Step 4: the background made pure black, the ink bright, whatever the light."""
    ink = np.clip(gray - estimate_background(gray), 0, 255)
    ink = Image.fromarray(ink.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1))
    ink = np.asarray(ink, dtype=float)
    strongest = ink.max()
    if strongest < LEAST_INK_CONTRAST:
        raise DigitImageError("blank image: no ink found. Photograph a digit written "
                              "in dark ink on light paper, filling a good part of "
                              "the picture.")
    faint, full = FAINT_INK_FRACTION * strongest, FULL_INK_FRACTION * strongest
    return np.clip((ink - faint) / (full - faint), 0, 1) * 255


def crop_to_ink(clean):
    """Step 5: the smallest rectangle that holds every pixel with ink (above 0)."""
    rows_with_ink = np.flatnonzero(clean.max(axis=1) > 0)
    columns_with_ink = np.flatnonzero(clean.max(axis=0) > 0)
    if rows_with_ink.size == 0:
        raise DigitImageError("blank image: no ink found. Photograph a digit written "
                              "in dark ink on light paper.")
    top, bottom = rows_with_ink[0], rows_with_ink[-1] + 1
    left, right = columns_with_ink[0], columns_with_ink[-1] + 1
    return clean[top:bottom, left:right]


def fit_into_box(cropped, box=MNIST_BOX):
    """Step 6: resize so that the longer side is `box` pixels, keeping the shape."""
    height, width = cropped.shape
    scale = box / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image = Image.fromarray(cropped.astype(np.float32))
    resized = image.resize(size, Image.Resampling.LANCZOS)
    return np.clip(np.asarray(resized, dtype=float), 0, 255)  # LANCZOS can overshoot


def pad_to_28(boxed):
    """Step 7: the digit in the middle of a black 28 × 28 image."""
    height, width = boxed.shape
    canvas = np.zeros((MNIST_SIDE, MNIST_SIDE))
    top, left = (MNIST_SIDE - height) // 2, (MNIST_SIDE - width) // 2
    canvas[top:top + height, left:left + width] = boxed
    return canvas


def center_of_mass(image):
    """The (row, column) where the ink balances."""
    rows, columns = np.indices(image.shape)
    total = image.sum()
    return (rows * image).sum() / total, (columns * image).sum() / total


def center_by_mass(canvas):
    """Step 8: move the digit so that its center of mass is at row 14, column 14."""
    row, column = center_of_mass(canvas)
    down, right = round(MNIST_CENTER - row), round(MNIST_CENTER - column)
    padded = np.pad(canvas, MNIST_SIDE)  # black all around
    top, left = MNIST_SIDE - down, MNIST_SIDE - right
    return padded[top:top + MNIST_SIDE, left:left + MNIST_SIDE]


def scale_to_unit(centered):
    """Step 9: float32 values from 0 to 1, like the images the models trained on."""
    return (np.clip(centered, 0, 255) / 255).astype(np.float32)


def prepare_digit(path):
    """Every step's result for the picture at `path`, in order; "input" is the last."""
    steps = {"original": read_image(path)}
    steps["grayscale"] = to_grayscale(steps["original"])
    steps["inverted"] = invert_if_light_background(steps["grayscale"])
    steps["clean"] = remove_background(steps["inverted"])
    steps["cropped"] = crop_to_ink(steps["clean"])
    steps["boxed"] = fit_into_box(steps["cropped"])
    steps["padded"] = pad_to_28(steps["boxed"])
    steps["centered"] = center_by_mass(steps["padded"])
    steps["input"] = scale_to_unit(steps["centered"])
    return steps


def as_model_input(unit):
    """A batch of one image with one channel, shape (1, 28, 28, 1), for predict."""
    return np.asarray(unit, dtype=np.float32).reshape(1, MNIST_SIDE, MNIST_SIDE, 1)
