"""Draw the sample digit images in this folder: handwriting-like pen strokes on
imperfect paper.

Each digit is a few pen strokes through points in a unit square. Every sample moves
those points a little at random, slants, stretches and turns the digit, draws it with a
pen of some width, and puts it on paper with a tint, grain, uneven light and a little
blur, as a phone photo or a scan would. The random numbers are seeded, so running this
again writes the same images:

.venv/bin/python data/samples/make_samples.py
"""

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
SEED = 2024
SUPERSAMPLE = (
    4  # strokes are drawn 4 times larger, then shrunk: smooth, anti-aliased edges
)


def arc(center_x, center_y, radius_x, radius_y, start_degrees, end_degrees, count):
    """Points along an ellipse; 0 degrees is to the right and angles grow clockwise (y
    points down).
    """
    angles = np.radians(np.linspace(start_degrees, end_degrees, count))
    return [
        (center_x + radius_x * np.cos(a), center_y + radius_y * np.sin(a))
        for a in angles
    ]


# Each digit is a list of strokes; each stroke is a list of (x, y) points in a unit
# square, y pointing down. A smooth curve is drawn through the points of a stroke; a
# sharp corner is where one stroke ends and the next begins.
DIGIT_STROKES = {
    "0": [arc(0.5, 0.5, 0.27, 0.4, -80, 285, 10)],
    "1": [[(0.42, 0.24), (0.56, 0.1)], [(0.56, 0.1), (0.54, 0.5), (0.52, 0.9)]],
    "1 with base and flag": [
        [(0.28, 0.32), (0.55, 0.1)],
        [(0.55, 0.1), (0.55, 0.9)],
        [(0.3, 0.9), (0.8, 0.9)],
    ],
    "2": [
        [
            (0.24, 0.3),
            (0.34, 0.15),
            (0.52, 0.1),
            (0.7, 0.18),
            (0.72, 0.36),
            (0.58, 0.56),
            (0.4, 0.72),
            (0.22, 0.88),
        ],
        [(0.22, 0.88), (0.5, 0.87), (0.8, 0.88)],
    ],
    "3": [
        [
            (0.26, 0.2),
            (0.44, 0.1),
            (0.64, 0.12),
            (0.7, 0.28),
            (0.6, 0.42),
            (0.44, 0.48),
        ],
        [
            (0.44, 0.48),
            (0.64, 0.54),
            (0.74, 0.7),
            (0.66, 0.86),
            (0.46, 0.91),
            (0.25, 0.82),
        ],
    ],
    "4": [
        [(0.58, 0.1), (0.2, 0.64)],
        [(0.2, 0.64), (0.82, 0.64)],
        [(0.6, 0.34), (0.6, 0.92)],
    ],
    "4 with open top": [
        [(0.3, 0.1), (0.26, 0.56)],
        [(0.26, 0.56), (0.8, 0.55)],
        [(0.66, 0.12), (0.63, 0.92)],
    ],
    "5": [
        [(0.76, 0.11), (0.52, 0.12), (0.34, 0.12)],
        [(0.34, 0.12), (0.3, 0.46)],
        [
            (0.3, 0.46),
            (0.5, 0.4),
            (0.68, 0.48),
            (0.74, 0.66),
            (0.64, 0.84),
            (0.45, 0.91),
            (0.26, 0.83),
        ],
    ],
    "6": [
        [
            (0.68, 0.1),
            (0.46, 0.22),
            (0.32, 0.44),
            (0.28, 0.66),
            (0.36, 0.86),
            (0.52, 0.91),
            (0.68, 0.8),
            (0.68, 0.62),
            (0.52, 0.53),
            (0.36, 0.6),
        ]
    ],
    "7": [
        [(0.22, 0.14), (0.5, 0.12), (0.78, 0.12)],
        [(0.78, 0.12), (0.6, 0.44), (0.47, 0.9)],
    ],
    "7 with crossbar": [
        [(0.22, 0.14), (0.5, 0.12), (0.78, 0.12)],
        [(0.78, 0.12), (0.6, 0.44), (0.47, 0.9)],
        [(0.42, 0.5), (0.56, 0.49), (0.74, 0.48)],
    ],
    "8": [
        [
            (0.66, 0.18),
            (0.5, 0.09),
            (0.33, 0.16),
            (0.34, 0.33),
            (0.5, 0.46),
            (0.68, 0.6),
            (0.7, 0.8),
            (0.5, 0.92),
            (0.3, 0.8),
            (0.32, 0.6),
            (0.5, 0.46),
            (0.64, 0.34),
            (0.67, 0.2),
        ]
    ],
    "9": [
        arc(0.48, 0.3, 0.22, 0.2, 10, 375, 9),
        [(0.7, 0.32), (0.67, 0.6), (0.58, 0.91)],
    ],
    "9 like a q": [
        arc(0.47, 0.3, 0.23, 0.2, 0, 370, 9),
        [(0.7, 0.22), (0.7, 0.6), (0.7, 0.95)],
    ],
}

INK_COLOURS = {
    "black pen": (25, 25, 35),
    "blue ballpoint": (25, 45, 140),
    "black marker": (10, 10, 10),
    "pencil": (80, 80, 88),
}


def smooth_curve(points, samples_per_segment=16):
    """A Catmull-Rom spline: a smooth curve that passes through every point of the
    stroke.
    """
    points = np.asarray(points, dtype=float)
    padded = np.vstack([points[0], points, points[-1]])
    t = np.linspace(0, 1, samples_per_segment, endpoint=False)[:, None]
    pieces = []
    for p0, p1, p2, p3 in zip(
        padded[:-3], padded[1:-2], padded[2:-1], padded[3:], strict=True
    ):
        pieces.append(
            0.5
            * (
                2 * p1
                + (p2 - p0) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                + (3 * p1 - p0 - 3 * p2 + p3) * t**3
            )
        )
    return np.vstack(pieces + [points[-1:]])


def handwritten_strokes(shape, rng, slant, rotation_degrees, aspect, wobble):
    """The digit's strokes as one person might write them: every point moved a little,
    the whole digit slanted, turned and stretched. Returns smooth curves with points
    in the unit square (roughly).
    """
    angle = np.radians(rotation_degrees)
    rotation = np.array(
        [[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]]
    )
    curves = []
    for stroke in DIGIT_STROKES[shape]:
        points = np.asarray(stroke, dtype=float) + rng.normal(
            0, wobble, size=(len(stroke), 2)
        )
        points += rng.normal(
            0, wobble / 2, size=2
        )  # the pen, lifted and put down again, misses a little
        x, y = points[:, 0] - 0.5, points[:, 1] - 0.5
        x = (x - slant * y) * aspect  # slant: the top of the digit leans to the right
        curves.append(smooth_curve(np.column_stack([x, y]) @ rotation.T + 0.5))
    return curves


def ink_mask(curves, height_px, pen_px, rng, pressure=0.25):
    """Draw the curves as pen strokes on a square patch: 0 = no ink, 1 = full ink. The
    patch is height_px * 1.5 on a side, the digit's unit square in its middle; the
    pen's width varies a little along a stroke.
    """
    side = int(height_px * 1.5)
    big = side * SUPERSAMPLE
    patch = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(patch)
    for curve in curves:
        points = (curve - 0.5) * height_px * SUPERSAMPLE + big / 2
        lengths = np.hypot(*np.diff(points, axis=0).T)
        distance = np.concatenate([[0], np.cumsum(lengths)])
        steps = np.arange(
            0, distance[-1] + 1, max(0.5, pen_px * SUPERSAMPLE / 8)
        )  # dots close enough to overlap
        xs, ys = (
            np.interp(steps, distance, points[:, 0]),
            np.interp(steps, distance, points[:, 1]),
        )
        phase = rng.uniform(0, 2 * np.pi)
        widths = (
            pen_px * SUPERSAMPLE * (1 + pressure * np.sin(phase + steps / (big / 3)))
        )
        for x, y, width in zip(xs, ys, widths, strict=True):
            draw.ellipse(
                [x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=255
            )
    return np.asarray(patch.reduce(SUPERSAMPLE), dtype=float) / 255


def place(mask, width, height, center):
    """Put the ink patch on a page of width × height pixels, its middle at `center`
    (fractions of the page).
    """
    page = np.zeros((height, width))
    top = int(round(center[1] * height - mask.shape[0] / 2))
    left = int(round(center[0] * width - mask.shape[1] / 2))
    rows = slice(max(top, 0), min(top + mask.shape[0], height))
    cols = slice(max(left, 0), min(left + mask.shape[1], width))
    page[rows, cols] = mask[
        rows.start - top : rows.stop - top, cols.start - left : cols.stop - left
    ]
    return page


def lighting(width, height, rng, kind, strength):
    """How brightly each part of the page is lit: 1 = fully, smaller = in shade."""
    y, x = np.mgrid[0:height, 0:width]
    x, y = x / width - 0.5, y / height - 0.5
    if kind == "gradient":  # light from one side
        direction = rng.uniform(0, 2 * np.pi)
        ramp = x * np.cos(direction) + y * np.sin(direction)
        return 1 - strength * (ramp - ramp.min()) / (ramp.max() - ramp.min())
    if kind == "vignette":  # a phone's lens is darker at the corners
        return 1 - strength * (x**2 + y**2) / 0.5
    return np.ones((height, width))


def paper(width, height, rng, tint, grain):
    """The page: a tint, soft blotches, and a fine grain."""
    coarse = Image.fromarray(rng.normal(0, 1, size=(6, 8)).astype(np.float32))
    blotches = np.asarray(coarse.resize((width, height), Image.Resampling.BICUBIC))
    page = np.asarray(tint, dtype=float) + 4 * blotches[..., None]
    return page + rng.normal(0, grain, size=(height, width, 1))


def photo(
    shape,
    rng,
    size=(200, 200),
    digit_px=140,
    center=(0.5, 0.5),
    pen_px=8,
    ink="black pen",
    slant=0.1,
    rotation=0.0,
    aspect=0.9,
    wobble=0.015,
    tint=(236, 232, 222),
    grain=3.0,
    light="none",
    light_strength=0.0,
    blur=0.7,
    opacity=0.92,
):
    """A photo of one handwritten digit on paper, as an RGB Pillow image."""
    width, height = size
    mask = ink_mask(
        handwritten_strokes(shape, rng, slant, rotation, aspect, wobble),
        digit_px,
        pen_px,
        rng,
    )
    if ink == "pencil":  # graphite leaves grainy, uneven marks
        mask = mask * np.clip(rng.normal(0.75, 0.2, size=mask.shape), 0, 1)
    ink_amount = opacity * place(mask, width, height, center)[..., None]
    page = paper(width, height, rng, tint, grain)
    page = (
        page * (1 - ink_amount) + np.asarray(INK_COLOURS[ink], dtype=float) * ink_amount
    )
    page = page * lighting(width, height, rng, light, light_strength)[..., None]
    image = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8))
    return image.filter(ImageFilter.GaussianBlur(blur)) if blur else image


def white_on_black(shape, rng, side, digit_px, pen_px):
    """A digit already like MNIST: white ink on black, no paper."""
    mask = ink_mask(
        handwritten_strokes(
            shape, rng, slant=0.15, rotation_degrees=0, aspect=0.85, wobble=0.015
        ),
        digit_px,
        pen_px,
        rng,
        pressure=0.1,
    )
    return Image.fromarray((255 * place(mask, side, side, (0.5, 0.5))).astype(np.uint8))


def transparent(shape, rng, side, digit_px, pen_px):
    """A dark digit on a transparent background, as drawing programs save it."""
    mask = ink_mask(
        handwritten_strokes(
            shape, rng, slant=0.05, rotation_degrees=-4, aspect=0.9, wobble=0.015
        ),
        digit_px,
        pen_px,
        rng,
    )
    alpha = Image.fromarray(
        (255 * place(mask, side, side, (0.5, 0.5))).astype(np.uint8)
    )
    image = Image.new("RGBA", (side, side), (20, 20, 30, 0))
    image.putalpha(alpha)
    return image


def rotated_by_the_phone(image):
    """Store the photo turned on its side with an EXIF note "turn 90° clockwise to
    show", as phones do.
    """
    exif = Image.Exif()
    exif[0x0112] = (
        6  # EXIF Orientation 6: the viewer must turn the stored pixels 90° clockwise
    )
    return image.transpose(Image.Transpose.ROTATE_90), exif


def make_samples(folder=HERE):
    """Write every sample image into `folder`; return their paths."""
    rng = np.random.default_rng(SEED)
    samples = {
        "0_ballpoint.png": photo(
            "0", rng, size=(200, 200), digit_px=130, pen_px=6, ink="blue ballpoint"
        ),
        "0_vignette.jpg": photo(
            "0",
            rng,
            size=(360, 270),
            digit_px=150,
            pen_px=10,
            aspect=0.75,
            slant=0.2,
            light="vignette",
            light_strength=0.45,
            tint=(225, 228, 232),
        ),
        "1_plain.jpg": photo(
            "1", rng, size=(150, 200), digit_px=140, pen_px=9, slant=0.15
        ),
        "1_base_and_flag.png": photo(
            "1 with base and flag",
            rng,
            size=(120, 120),
            digit_px=85,
            pen_px=6,
            slant=0.05,
        ).convert("L"),
        "2_thick_marker.png": photo(
            "2", rng, size=(220, 220), digit_px=150, pen_px=20, ink="black marker"
        ),
        "2_phone_photo_rotated.jpg": photo(
            "2",
            rng,
            size=(640, 480),
            digit_px=240,
            pen_px=12,
            center=(0.45, 0.55),
            light="gradient",
            light_strength=0.3,
            grain=5,
            blur=1.2,
        ),
        "3_slanted.png": photo(
            "3", rng, size=(180, 180), digit_px=120, pen_px=8, slant=0.5
        ),
        "3_thin_pen.jpg": photo(
            "3", rng, size=(320, 240), digit_px=170, pen_px=3, center=(0.55, 0.5)
        ),
        "4_open_top.png": photo(
            "4 with open top", rng, size=(200, 200), digit_px=140, pen_px=9, slant=0.08
        ),
        "4_tiny_image.png": photo(
            "4", rng, size=(60, 60), digit_px=44, pen_px=4, blur=0.4
        ),
        "5_pencil_low_contrast.png": photo(
            "5",
            rng,
            size=(240, 240),
            digit_px=160,
            pen_px=5,
            ink="pencil",
            opacity=0.45,
            tint=(228, 226, 220),
            grain=4,
        ).convert("L"),
        "5_uneven_light.jpg": photo(
            "5",
            rng,
            size=(400, 300),
            digit_px=190,
            pen_px=11,
            light="gradient",
            light_strength=0.55,
            tint=(245, 242, 235),
        ),
        "6_transparent.png": transparent("6", rng, side=200, digit_px=140, pen_px=10),
        "6_wide_tilted.jpg": photo(
            "6",
            rng,
            size=(260, 200),
            digit_px=140,
            pen_px=9,
            rotation=-18,
            aspect=1.15,
            ink="blue ballpoint",
        ),
        "7_crossbar.png": photo(
            "7 with crossbar", rng, size=(200, 200), digit_px=140, pen_px=9
        ),
        "7_small_off_center.jpg": photo(
            "7",
            rng,
            size=(400, 300),
            digit_px=55,
            pen_px=5,
            center=(0.25, 0.3),
            grain=4,
        ),
        "8_white_on_black.png": white_on_black(
            "8", rng, side=84, digit_px=64, pen_px=7
        ),
        "8_large_photo.jpg": photo(
            "8",
            rng,
            size=(1600, 1200),
            digit_px=200,
            pen_px=14,
            center=(0.58, 0.45),
            light="vignette",
            light_strength=0.35,
            grain=6,
            blur=1.5,
        ),
        "9_looped.png": photo(
            "9",
            rng,
            size=(180, 220),
            digit_px=150,
            pen_px=8,
            ink="blue ballpoint",
            slant=0.15,
        ),
        "9_straight_stem_like_q.png": photo(
            "9 like a q", rng, size=(200, 200), digit_px=140, pen_px=9, slant=0.0
        ),
    }
    paths = []
    for name, image in samples.items():
        path = Path(folder) / name
        if name.endswith(".jpg"):
            exif = Image.Exif()
            if "rotated" in name:
                image, exif = rotated_by_the_phone(image)
            image.save(path, quality=80, exif=exif)
        else:
            image.save(path, optimize=True)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in make_samples():
        with Image.open(written) as image:
            size = f"{image.width} x {image.height}"
            file_size = f"{written.stat().st_size:>7} bytes"
            print(f"{written.name:30} {size:12} {image.mode:5} {file_size}")
