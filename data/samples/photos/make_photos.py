"""Make the photo-like samples in this folder: digits in an exercise book, photographed
the way learners photograph them.

Each sample is a handwritten digit from MNIST's validation split (the last 5,000
training images, which no model of the series trains on, and never the test set),
enlarged into pen strokes and put on paper: plain, lined or squared; in black ink, blue
ballpoint or light pencil; under even light, light from one side, or a sharp shadow;
some small in a large photo, tilted, out of focus, compressed hard, or stored sideways
with a note (EXIF) that turns them upright. SCENES below fixes the conditions of every
sample before any preparation step was tuned on them. The random numbers are seeded, so
running this again writes the same files:

    .venv/bin/python data/samples/photos/make_photos.py
"""

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent.parent / "notebooks"))

import mnist_helpers as helpers  # noqa: E402

SEED = 1998
# The held-out set: the same scenes, drawn again with other digits (the 4th, 5th and 6th
# of each label) and another seed, into ../held_out/. It was made and committed before
# any model or preparation step read it, so that its result is one on photos that
# nothing was tuned on.
HELD_OUT_SEED = 2026
HELD_OUT_FOLDER = HERE.parent / "held_out"
# One row per sample: the digit's label, then its conditions. Sample i is the
# (i // 10 + 1)-th image of its digit in the validation split.
SCENES = [
    "lined blue shadow", "squared black tilted", "plain pencil side-light blurred",
    "lined black small", "squared blue shadow jpeg", "plain black shadow tilted",
    "lined pencil sideways", "squared pencil side-light", "plain blue small jpeg",
    "lined black shadow blurred", "squared black shadow small",
    "plain blue side-light tilted sideways", "lined blue jpeg",
    "squared pencil blurred",
    "plain pencil shadow", "lined black side-light tilted", "squared blue small",
    "plain black sideways blurred", "lined pencil shadow small",
    "squared black side-light jpeg", "plain blue shadow blurred",
    "lined blue side-light small tilted", "squared black sideways",
    "plain pencil tilted jpeg", "lined black shadow", "squared pencil shadow tilted",
    "plain black side-light small", "lined pencil blurred jpeg",
    "squared blue side-light sideways", "plain blue blurred small",
]
INK = {"black": (30, 30, 36), "blue": (35, 55, 165), "pencil": (92, 92, 98)}
TABLE = (92, 82, 72)  # what a tilted photo shows beyond the page


def validation_digits(first=0, count=None):
    """The digits each sample shows: the first, second and third of each label (or,
    from `first` on, the ones after them); `count` samples (one per scene unless
    given), the i-th of label i % 10."""
    (x_train, y_train), _ = helpers.load_mnist()
    _, (x_validation, y_validation) = helpers.split_validation(x_train, y_train)
    chosen = []
    for index in range(len(SCENES) if count is None else count):
        label, occurrence = index % 10, first + index // 10
        position = np.flatnonzero(y_validation == label)[occurrence]
        chosen.append((label, x_validation[position]))
    return chosen


def ink_alpha(digit, height, ink, rng):
    """How much ink covers each pixel (0 to 1): the digit enlarged into strokes."""
    side = round(height * 28 / 20)  # MNIST's digits fill 20 of its 28 pixels
    large = Image.fromarray(digit).resize((side, side), Image.Resampling.BICUBIC)
    values = np.asarray(large, dtype=float) / 255
    edge = rng.uniform(0.35, 0.6)  # a higher edge makes thinner strokes
    alpha = np.clip((values - edge) / 0.2, 0, 1)
    if ink == "pencil":  # light and grainy
        grain = rng.uniform(0.5, 1.0, alpha.shape)
        alpha = alpha * grain * rng.uniform(0.45, 0.6)
    return alpha


def paper(width, height, kind, spacing, rng):
    """Off-white paper, lined or squared, as an RGB float array."""
    tint = np.array(
        [rng.uniform(236, 250), rng.uniform(232, 245), rng.uniform(218, 236)]
    )
    sheet = Image.new("RGB", (width, height), tuple(int(v) for v in tint))
    draw = ImageDraw.Draw(sheet)
    line_width = max(1, round(spacing / 45))
    offset = rng.uniform(0, spacing)
    if kind == "lined":
        color = (165, 188, 228)
        for y in np.arange(offset, height, spacing):
            draw.line([(0, y), (width, y)], fill=color, width=line_width)
        margin = width * rng.uniform(0.08, 0.14)
        red = (226, 150, 150)
        draw.line([(margin, 0), (margin, height)], fill=red, width=line_width)
    elif kind == "squared":  # 方格纸, as in Chinese exercise books
        color = (178, 200, 186) if rng.random() < 0.5 else (170, 190, 225)
        for y in np.arange(offset, height, spacing):
            draw.line([(0, y), (width, y)], fill=color, width=line_width)
        for x in np.arange(offset, width, spacing):
            draw.line([(x, 0), (x, height)], fill=color, width=line_width)
    return np.asarray(sheet, dtype=float)


def lighting(width, height, kind, center, rng):
    """A brightness factor per pixel: even, from one side, or a sharp shadow."""
    rows, columns = np.mgrid[0:height, 0:width]
    angle = rng.uniform(0, 2 * np.pi)
    along = np.cos(angle) * (columns - width / 2) + np.sin(angle) * (rows - height / 2)
    along = along / max(width, height)
    if kind == "side-light":
        return 0.8 + 0.4 * along  # from 0.6 to 1.0 across the photo
    if kind == "shadow":  # the edge of a hand's or a phone's shadow, near the digit
        distance = (np.cos(angle) * (columns - center[0])
                    + np.sin(angle) * (rows - center[1]))
        distance = distance - rng.uniform(-0.3, 0.3) * min(width, height) * 0.3
        sharpness = rng.uniform(1.5, 4)  # pixels: a sharp edge
        dark = rng.uniform(0.55, 0.7)
        return dark + (1 - dark) / (1 + np.exp(-distance / sharpness))
    return 0.97 + 0.06 * along


def tilt(image, rng):
    """The photo as a camera held at a slant sees it, the table showing at the edges."""
    width, height = image.size
    corners = np.array([(0, 0), (width, 0), (width, height), (0, height)], dtype=float)
    moved = corners + rng.uniform(-0.09, 0.09, corners.shape) * (width, height)
    # The coefficients that map each output corner back to the paper's corner.
    rows = []
    for (x, y), (u, v) in zip(moved, corners, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coefficients = np.linalg.solve(np.array(rows), corners.flatten())
    return image.transform(image.size, Image.Transform.PERSPECTIVE, coefficients,
                           Image.Resampling.BICUBIC, fillcolor=TABLE)


def make(label, digit, scene, rng):
    """One photo-like sample, and the EXIF orientation to store it with (or None)."""
    words = scene.split()
    small = "small" in words
    width, height = (1600, 1200) if small else (900, 675)
    if rng.random() < 0.4 and not small:
        width, height = height, width  # portrait
    digit_height = rng.uniform(80, 110) if small else rng.uniform(0.3, 0.45) * min(
        width, height)
    kind = next(word for word in ("plain", "lined", "squared") if word in words)
    ink = next(word for word in INK if word in words)
    spacing = digit_height * (1.1 if kind == "squared" else 0.9)
    sheet = paper(width, height, kind, spacing, rng)
    alpha = ink_alpha(digit, digit_height, ink, rng)
    side = alpha.shape[0]
    if small:  # near a corner of a large page
        left = int(rng.uniform(0.05, 0.2) * width)
        top = int(rng.uniform(0.05, 0.2) * height)
        if rng.random() < 0.5:
            left = width - side - left
    else:
        left = int(rng.uniform(0.25, 0.75) * width - side / 2)
        top = int(rng.uniform(0.3, 0.7) * height - side / 2)
    left = int(np.clip(left, 0, width - side))
    top = int(np.clip(top, 0, height - side))
    cover = np.zeros((height, width))
    cover[top:top + side, left:left + side] = alpha
    color = np.array(INK[ink], dtype=float)
    photo = sheet * (1 - cover[..., None]) + color * cover[..., None]
    light = lighting(width, height, next(
        (word for word in ("side-light", "shadow") if word in words), "even"),
        (left + side / 2, top + side / 2), rng)
    photo = photo * light[..., None] + rng.normal(0, 4, photo.shape)
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    if "tilted" in words:
        image = tilt(image, rng)
    if "blurred" in words:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(2, 3.5)))
    orientation = None
    if "sideways" in words:  # stored turned; the EXIF note turns it upright
        orientation = 6 if rng.random() < 0.5 else 8
        turn = Image.Transpose.ROTATE_90
        if orientation == 8:
            turn = Image.Transpose.ROTATE_270
        image = image.transpose(turn)
    return image, orientation


def write_set(folder, seed, first):
    """Draw every scene with its digit into `folder`, from the random seed `seed`."""
    rng = np.random.default_rng(seed)
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.jpg"):
        old.unlink()
    for (label, digit), scene in zip(validation_digits(first), SCENES, strict=True):
        image, orientation = make(label, digit, scene, rng)
        exif = Image.Exif()
        if orientation:
            exif[0x0112] = orientation
        quality = 20 if "jpeg" in scene.split() else 82
        name = f"{label}_{scene.replace(' ', '_')}.jpg"
        image.save(folder / name, quality=quality, exif=exif)
        print(folder.name, name)


def main():
    write_set(HERE, SEED, first=0)
    write_set(HELD_OUT_FOLDER, HELD_OUT_SEED, first=3)


if __name__ == "__main__":
    main()
