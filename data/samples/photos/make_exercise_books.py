"""Make the photo-like samples of digits in Chinese exercise books (田字格, 米字格).

Chinese pupils write in books of square cells: 田字格 has a dashed cross in each cell,
米字格 has its two diagonals too; the lines are green or red. A photo of a digit
written there shows the cell's lines through the digit, the neighboring cells, and
often the characters or digits written in them. This program draws such photos, from
MNIST's validation digits as make_photos.py does, into two sets:

- exercise_books/: the set that notebook 08's cleaning steps may be tuned on, with two
  more hard cases seen on exercise-book paper: a digit in a thick marker (strokes far
  wider than MNIST's) and a small, faint pencil digit in a shadow;
- held_out/exercise_books/: the same kinds of scene, drawn with other digits and another
  seed, committed with its checksums (SHA256SUMS) before any step or model read it.

The tuning set has two draws of the scenes. The second was the first frozen set: read
once (16 of 20), then tuned on, so it joined the tuning set (its names end in _2), and
a new frozen set was drawn.

SCENES fixes every sample's conditions. The random numbers are seeded, so running this
again writes the same files:

    .venv/bin/python data/samples/photos/make_exercise_books.py
"""

from pathlib import Path

import numpy as np
from make_photos import (
    HELD_OUT_FOLDER,
    INK,
    ink_alpha,
    lighting,
    tilt,
    validation_digits,
)
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from scipy import ndimage

HERE = Path(__file__).resolve().parent
TUNING_FOLDER = HERE.parent / "exercise_books"
FROZEN_FOLDER = HELD_OUT_FOLDER / "exercise_books"
# Each draw: (random seed, first digit, neighbors' digit, end of the file names). The
# digits come from the validation split, after those the other photo sets use (the 1st
# to the 6th of each label): the 7th to the 10th for the tuning set (two per draw), the
# 13th and 14th for the frozen one; the digits in the cells beside them are the 11th
# and 12th (tuning) and the 15th (frozen) of each label.
TUNING_DRAWS = [(1958, 6, 10, ""), (2027, 8, 11, "_2")]
FROZEN_DRAWS = [(2031, 12, 14, "")]
FONT = HERE.parent.parent.parent / "notebooks" / "course" / "fonts"
# One row per sample: the grid (tianzige 田字格 or mizige 米字格) and its line color,
# the ink, what the neighboring cells hold, then other conditions.
SCENES = [
    "tianzige green black characters", "mizige red blue digits",
    "tianzige red pencil characters side-light", "mizige green black characters tilted",
    "tianzige green blue empty shadow", "mizige red pencil characters blurred",
    "tianzige red black digits jpeg", "mizige green blue characters small",
    "tianzige green marker characters", "mizige red faint small shadow",
    "tianzige red blue characters tilted", "mizige green black digits side-light",
    "tianzige green pencil digits", "mizige red marker empty",
    "tianzige red faint small shadow", "mizige green blue characters jpeg",
    "tianzige green black characters blurred", "mizige red black characters",
    "tianzige red marker digits side-light", "mizige green faint small shadow",
]
LINE_COLORS = {"green": (120, 185, 140), "red": (225, 120, 120)}
# Characters a pupil writes in the cells beside a digit (common ones: the course's font
# has them).
CHARACTERS = "大小上下中人口日月山水火木土天地"


def exercise_book(width, height, grid, color, cell, origin):
    """The page: off-white paper with square cells, each with its dashed cross (and
    diagonals for 米字格), drawn from the top-left corner `origin` of one cell."""
    sheet = Image.new("RGB", (width, height), (246, 243, 232))
    draw = ImageDraw.Draw(sheet)
    solid = max(2, round(cell / 45))
    dashed = max(1, round(cell / 90))
    dash = cell / 16
    left = origin[0] - cell * np.ceil(origin[0] / cell)
    top = origin[1] - cell * np.ceil(origin[1] / cell)
    for x in np.arange(left, width + cell, cell):
        for y in np.arange(top, height + cell, cell):
            draw.rectangle([x, y, x + cell, y + cell], outline=color, width=solid)
            lines = [((x + cell / 2, y), (x + cell / 2, y + cell)),
                     ((x, y + cell / 2), (x + cell, y + cell / 2))]
            if grid == "mizige":
                lines += [((x, y), (x + cell, y + cell)),
                          ((x + cell, y), (x, y + cell))]
            for start, end in lines:
                dashed_line(draw, start, end, dash, color, dashed)
    return sheet


def dashed_line(draw, start, end, dash, color, width):
    length = float(np.hypot(end[0] - start[0], end[1] - start[1]))
    steps = int(length // (2 * dash))
    for step in range(steps + 1):
        a = min(1.0, 2 * step * dash / length)
        b = min(1.0, (2 * step + 1) * dash / length)
        draw.line([along(start, end, a), along(start, end, b)], fill=color, width=width)


def along(start, end, share):
    """The point `share` of the way from `start` to `end`."""
    (x, y), (to_x, to_y) = start, end
    return (x + share * (to_x - x), y + share * (to_y - y))


def character_alpha(character, size, rng):
    """How much ink covers each pixel for a written character, drawn with the course's
    font a little turned, as a pupil's character in a neighboring cell."""
    font = ImageFont.truetype(str(FONT / "CourseSansSC-Regular.otf"), int(size))
    canvas = Image.new("L", (int(size * 1.4), int(size * 1.4)), 0)
    corner = (size * 0.2, size * 0.05)
    ImageDraw.Draw(canvas).text(corner, character, fill=255, font=font)
    canvas = canvas.rotate(rng.uniform(-8, 8), resample=Image.Resampling.BICUBIC)
    return np.asarray(canvas, dtype=float) / 255


def place(cover, alpha, center):
    """Add `alpha` into `cover`, centered on `center` (cut at the edges)."""
    height, width = alpha.shape
    top, left = int(center[1] - height / 2), int(center[0] - width / 2)
    rows = slice(max(0, top), min(cover.shape[0], top + height))
    columns = slice(max(0, left), min(cover.shape[1], left + width))
    if rows.stop <= rows.start or columns.stop <= columns.start:
        return  # outside the photo
    piece = alpha[rows.start - top : rows.stop - top,
                  columns.start - left : columns.stop - left]
    cover[rows, columns] = np.maximum(cover[rows, columns], piece)


def make(label, digit, neighbors, scene, rng):
    """One photo of a digit in an exercise book."""
    words = scene.split()
    grid = words[0]
    color = LINE_COLORS[words[1]]
    ink = words[2]
    small = "small" in words
    width, height = (1600, 1200) if small else (900, 675)
    if small:
        cell = rng.uniform(170, 220)
    else:
        cell = rng.uniform(0.42, 0.52) * min(width, height)
    center = (width * rng.uniform(0.45, 0.55), height * rng.uniform(0.45, 0.55))
    if small:  # a small digit away from the middle of a large photo
        center = (width * rng.uniform(0.3, 0.7), height * rng.uniform(0.3, 0.7))
    origin = (center[0] - cell / 2, center[1] - cell / 2)
    sheet = np.asarray(exercise_book(width, height, grid, color, cell, origin), float)
    digit_height = cell * rng.uniform(0.55, 0.7)
    pen = {"faint": "pencil", "marker": "black"}.get(ink, ink)  # the ink's color
    alpha = ink_alpha(digit, digit_height, pen, rng)
    if ink == "marker":  # strokes far wider than MNIST's
        alpha = ndimage.grey_dilation(alpha, size=int(digit_height * 0.09))
    if ink == "faint":  # a small, faint pencil digit
        alpha = alpha * 0.55
    cover = np.zeros((height, width))
    place(cover, alpha, (center[0] + rng.uniform(-0.05, 0.05) * cell, center[1]))
    what = next((w for w in ("characters", "digits", "empty") if w in words), "empty")
    if what != "empty":
        for step, (dx, dy) in enumerate([(-1, 0), (1, 0), (0, -1), (0, 1), (2, 0)]):
            if rng.random() < 0.25:
                continue  # an empty cell
            where = (center[0] + dx * cell, center[1] + dy * cell)
            if what == "characters":
                mark = character_alpha(rng.choice(list(CHARACTERS)), cell * 0.62, rng)
            else:
                other = neighbors[step % len(neighbors)]
                mark = ink_alpha(other, digit_height, pen, rng)
            place(cover, mark * (0.55 if ink == "faint" else 1.0), where)
    color = np.array(INK[pen], float)
    photo = sheet * (1 - cover[..., None]) + color * cover[..., None]
    kind = next((w for w in ("side-light", "shadow") if w in words), "even")
    photo = photo * lighting(width, height, kind, center, rng)[..., None]
    photo = photo + rng.normal(0, 4, photo.shape)
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    if "tilted" in words:
        image = tilt(image, rng)
    if "blurred" in words:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(2, 3.5)))
    return image


def write_set(folder, draws):
    """Draw every scene into `folder`, once for each of `draws` (see TUNING_DRAWS)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jpg"):
        old.unlink()
    for seed, first, neighbors_from, ending in draws:
        rng = np.random.default_rng(seed)
        chosen = validation_digits(first, count=len(SCENES))
        others = [pair[1] for pair in validation_digits(neighbors_from, count=10)]
        for (label, digit), scene in zip(chosen, SCENES, strict=True):
            neighbors = [other for index, other in enumerate(others) if index != label]
            image = make(label, digit, neighbors, scene, rng)
            quality = 20 if "jpeg" in scene.split() else 82
            name = f"{label}_{scene.replace(' ', '_')}{ending}.jpg"
            image.save(folder / name, quality=quality)
            print(folder.relative_to(HERE.parent), name)


def main():
    write_set(TUNING_FOLDER, TUNING_DRAWS)
    write_set(FROZEN_FOLDER, FROZEN_DRAWS)


if __name__ == "__main__":
    main()
