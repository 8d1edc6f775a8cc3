"""digit_image: from a photo of a handwritten digit to a 28 × 28 MNIST-style input, step
by step.

Every picture here is a real file written to tmp_path and read back, as a reader's photo
would be.
"""

import hashlib
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

import digit_image
from digit_image import DigitImageError

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
PICTURE_TYPES = {".png", ".jpg", ".jpeg"}
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in PICTURE_TYPES)
PHOTO_FILES = sorted(
    p for p in (SAMPLES / "photos").iterdir() if p.suffix.lower() in PICTURE_TYPES
)
# The 28 × 28 input of every committed sample, keyed by its path under data/samples/.
PREPARED_SAMPLES = Path(__file__).resolve().parent / "data" / "prepared_samples.npz"


def seven(width, height, left=0.3, top=0.2, size=0.6):
    """An "L" image of a handwritten-ish 7: 255 where the ink is, 0 elsewhere."""
    mask = Image.new("L", (width, height), 0)
    pen = max(2, int(size * height / 7))
    x0, y0, side = left * width, top * height, size * height
    stroke = [(x0, y0), (x0 + 0.7 * side, y0), (x0 + 0.25 * side, y0 + side)]
    ImageDraw.Draw(mask).line(stroke, fill=255, width=pen, joint="curve")
    return mask


def on_paper(mask, paper=(238, 235, 228), ink=(25, 25, 35)):
    """The mask as dark ink on light paper, an RGB image."""
    return Image.composite(
        Image.new("RGB", mask.size, ink), Image.new("RGB", mask.size, paper), mask
    )


def save(image, folder, name, **options):
    path = folder / name
    image.save(path, **options)
    return path


def correlation(a, b):
    return np.corrcoef(a.ravel(), b.ravel())[0, 1]


def check_is_model_input(unit):
    assert unit.shape == (28, 28)
    assert unit.dtype == np.float32
    assert unit.min() >= 0 and unit.max() <= 1
    assert unit.max() > 0.5  # bright ink, even from a thin pen


# --------------------------------------------------------------------------------------
# Pictures that cannot be a digit: a clear error that says what is wrong and what to do
# --------------------------------------------------------------------------------------


def test_a_missing_file_is_reported_with_its_path(tmp_path):
    path = tmp_path / "my_digit.png"
    with pytest.raises(DigitImageError, match="There is no file at") as caught:
        digit_image.prepare_digit(path)
    assert str(path) in str(caught.value)


def test_a_file_that_is_not_a_picture_is_reported(tmp_path):
    path = tmp_path / "digit.png"
    path.write_text("these are words, not pixels")
    with pytest.raises(DigitImageError, match="not a picture") as caught:
        digit_image.read_image(path)
    assert str(path) in str(caught.value) and "PNG or JPEG" in str(caught.value)


def test_a_cut_off_picture_is_reported(tmp_path):
    whole = save(on_paper(seven(200, 200)), tmp_path, "whole.jpg")
    cut_off = tmp_path / "cut_off.jpg"
    cut_off.write_bytes(whole.read_bytes()[:300])
    with pytest.raises(DigitImageError, match="not a picture"):
        digit_image.read_image(cut_off)


@pytest.mark.parametrize("gray", [255, 128, 0])
def test_a_picture_of_one_color_has_no_ink(tmp_path, gray):
    path = save(Image.new("RGB", (120, 90), (gray, gray, gray)), tmp_path, "blank.png")
    with pytest.raises(DigitImageError, match="no ink found"):
        digit_image.prepare_digit(path)


def test_paper_with_only_grain_has_no_ink(tmp_path):
    grain = np.random.default_rng(0).normal(225, 3, size=(150, 200, 3))
    path = save(
        Image.fromarray(np.clip(grain, 0, 255).astype(np.uint8)), tmp_path, "grain.png"
    )
    with pytest.raises(DigitImageError, match="no ink found"):
        digit_image.prepare_digit(path)


def test_a_tiny_picture_is_reported_with_its_size(tmp_path):
    path = save(on_paper(seven(8, 8)), tmp_path, "tiny.png")
    with pytest.raises(DigitImageError, match="only 8 × 8 pixels") as caught:
        digit_image.read_image(path)
    assert f"at least {digit_image.SMALLEST_SIDE} × {digit_image.SMALLEST_SIDE}" in str(
        caught.value
    )


# --------------------------------------------------------------------------------------
# Pictures that are a digit, in the many ways a reader may bring one
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P"])
def test_a_transparent_background_counts_as_white_paper(tmp_path, mode):
    """The pixels under the transparency are black: read naively, the background would
    be black ink.
    """
    mask = seven(200, 200)
    if mode == "P":
        transparent = Image.new("P", mask.size, 0)
        transparent.putpalette(
            [0, 0, 0, 25, 25, 35]
        )  # color 0 black (made transparent), color 1 dark ink
        transparent.paste(1, mask=mask.point(lambda value: 255 if value > 127 else 0))
        path = save(transparent, tmp_path, "digit.png", transparency=0)
    else:
        transparent = Image.new(mode, mask.size, (25, 25, 35) if mode == "RGBA" else 25)
        transparent.putalpha(mask)
        path = save(transparent, tmp_path, "digit.png")
    on_white = save(on_paper(mask, paper=(255, 255, 255)), tmp_path, "on_white.png")
    unit = digit_image.prepare_digit(path)["input"]
    check_is_model_input(unit)
    assert correlation(unit, digit_image.prepare_digit(on_white)["input"]) > 0.95


def test_a_large_photo_is_quick_and_gives_the_same_digit(tmp_path):
    mask = seven(3000, 2000, left=0.45, top=0.4, size=0.25)
    large = save(on_paper(mask), tmp_path, "large.jpg", quality=90)
    small = save(on_paper(seven(300, 300)), tmp_path, "small.png")
    started = time.perf_counter()
    steps = digit_image.prepare_digit(large)
    seconds = time.perf_counter() - started
    assert seconds < 3, f"a 3000 × 2000 photo took {seconds:.1f} s"
    assert max(steps["original"].size) == digit_image.LARGEST_SIDE
    check_is_model_input(steps["input"])
    assert correlation(steps["input"], digit_image.prepare_digit(small)["input"]) > 0.9


def test_a_digit_already_white_on_black_is_not_inverted(tmp_path):
    mask = seven(84, 84)
    white_on_black = digit_image.prepare_digit(save(mask, tmp_path, "mnist_like.png"))
    assert np.array_equal(white_on_black["inverted"], white_on_black["grayscale"])
    check_is_model_input(white_on_black["input"])
    dark_on_light = digit_image.prepare_digit(
        save(on_paper(mask), tmp_path, "on_paper.png")
    )
    assert correlation(white_on_black["input"], dark_on_light["input"]) > 0.95


def test_a_photo_stored_sideways_is_turned_upright(tmp_path):
    upright = on_paper(seven(240, 180))
    exif = Image.Exif()
    exif[0x0112] = (
        6  # EXIF Orientation 6: turn the stored pixels 90° clockwise to show them
    )
    sideways = save(
        upright.transpose(Image.Transpose.ROTATE_90),
        tmp_path,
        "sideways.jpg",
        exif=exif,
    )
    with Image.open(sideways) as stored:
        assert stored.size == (180, 240)
    assert digit_image.read_image(sideways).size == (240, 180)
    expected = digit_image.prepare_digit(save(upright, tmp_path, "upright.jpg"))[
        "input"
    ]
    assert correlation(digit_image.prepare_digit(sideways)["input"], expected) > 0.95


def test_uneven_light_and_faint_pencil_still_give_the_digit(tmp_path):
    mask = np.asarray(seven(200, 200), dtype=float) / 255
    light = np.linspace(1.0, 0.6, 200)[None, :, None]  # the right side is in shade
    paper, pencil = np.array([235.0, 232, 225]), np.array([150.0, 150, 155])
    page = (paper * (1 - mask[..., None]) + pencil * mask[..., None]) * light
    path = save(Image.fromarray(page.astype(np.uint8)), tmp_path, "shaded_pencil.png")
    reference = digit_image.prepare_digit(
        save(on_paper(seven(200, 200)), tmp_path, "clear.png")
    )["input"]
    assert correlation(digit_image.prepare_digit(path)["input"], reference) > 0.95


def test_prepare_digit_gives_every_step_in_order():
    steps = digit_image.prepare_digit(SAMPLES / "3_slanted.png")
    assert list(steps) == [
        "original",
        "grayscale",
        "inverted",
        "ink",
        "digit",
        "clean",
        "cropped",
        "boxed",
        "padded",
        "centered",
        "input",
    ]
    assert digit_image.as_model_input(steps["input"]).shape == (1, 28, 28, 1)
    assert digit_image.as_model_input(steps["input"]).dtype == np.float32


# --------------------------------------------------------------------------------------
# Each step keeps its promise
# --------------------------------------------------------------------------------------


def test_read_image_gives_rgb_of_at_most_largest_side_pixels(tmp_path):
    path = save(on_paper(seven(2500, 1000)).convert("L"), tmp_path, "wide.png")
    image = digit_image.read_image(path)
    side = digit_image.LARGEST_SIDE
    assert image.mode == "RGB" and image.size == (side, round(side * 1000 / 2500))


def test_a_dark_table_at_the_border_does_not_stop_the_inversion():
    page = np.full((60, 80), 235.0)  # light paper...
    page[:, :12] = 60  # ...with a dark table along one edge, as in a tilted photo
    assert np.array_equal(digit_image.invert_if_light_background(page), 255 - page)


def test_invert_only_when_most_pixels_are_light():
    light_border = np.full((30, 30), 230.0)
    light_border[10:20, 10:20] = 20
    assert np.array_equal(
        digit_image.invert_if_light_background(light_border), 255 - light_border
    )
    dark_border = 255 - light_border
    assert np.array_equal(
        digit_image.invert_if_light_background(dark_border), dark_border
    )


def test_remove_background_makes_the_background_black_and_the_ink_even():
    gray = np.tile(
        np.linspace(20, 110, 100), (100, 1)
    )  # already inverted: dark background, brighter on the right (a shade)
    gray[30:70, 25:32] += 0.6 * (255 - gray[30:70, 25:32])  # a stroke in full light
    gray[30:70, 75:82] += 0.6 * (255 - gray[30:70, 75:82])  # the same ink in the shade
    ink = digit_image.remove_background(gray)
    assert ink[:, :18].max() < digit_image.MARK_CONTRAST
    assert ink[:, 40:65].max() < digit_image.MARK_CONTRAST
    left, right = ink[35:65, 27:30].mean(), ink[35:65, 77:80].mean()
    assert left > 100 and abs(left - right) < 0.1 * left  # as strong in the shade


def test_full_strength_makes_faint_ink_black_and_strong_ink_white():
    digit = np.zeros((20, 20))
    digit[5:15, 8:12] = 90  # a stroke
    digit[2, 2] = 20  # a faint speck
    clean = digit_image.full_strength(digit)
    assert clean[5:15, 8:12].min() == 255 and clean[2, 2] == 0


def lined_page(mask, spacing=40, line=3):
    """The mask as ink on paper with ruled lines, and a dark table along one edge."""
    page = np.array(on_paper(mask), dtype=float)
    page[spacing // 2 :: spacing, :] = [165, 188, 228]  # ruled lines, one pixel...
    for offset in range(1, line):  # ...made `line` pixels thick
        page[spacing // 2 + offset :: spacing, :] = [165, 188, 228]
    ink = np.asarray(mask, dtype=float)[..., None] / 255
    page = page * (1 - ink) + np.array([25, 25, 35]) * ink  # the ink over the lines
    page[:, :15] = [90, 80, 70]  # the table
    return Image.fromarray(page.astype(np.uint8))


def test_ruled_lines_and_the_table_are_taken_away(tmp_path):
    mask = seven(300, 300)
    lined = save(lined_page(mask), tmp_path, "lined.png")
    steps = digit_image.prepare_digit(lined)
    clear = digit_image.prepare_digit(save(on_paper(mask), tmp_path, "clear.png"))
    assert correlation(steps["input"], clear["input"]) > 0.95
    assert steps["digit"][:, :20].max() == 0  # nothing of the table is kept


def test_a_sharp_shadow_across_the_page_is_not_a_stroke(tmp_path):
    mask = seven(300, 300, left=0.35)
    page = np.array(on_paper(mask), dtype=float)
    rows, columns = np.mgrid[0:300, 0:300]
    page[columns + 0.5 * rows < 150] *= 0.6  # a hand's shadow, sharp-edged
    path = save(Image.fromarray(page.astype(np.uint8)), tmp_path, "shadow.png")
    clear = save(on_paper(mask), tmp_path, "clear.png")
    reference = digit_image.prepare_digit(clear)["input"]
    assert correlation(digit_image.prepare_digit(path)["input"], reference) > 0.95


def test_keep_the_digit_keeps_nearby_marks_and_drops_far_ones():
    ink = np.zeros((200, 200))
    ink[60:140, 95:105] = 200  # the digit: a stem...
    ink[45:55, 80:120] = 200  # ...and a top stroke that does not touch it, like a 5's
    ink[170:180, 20:30] = 200  # a blot far away
    ink[0:200, 190:193] = 200  # a line along the border
    digit = digit_image.keep_the_digit(ink)
    assert digit[60:140, 95:105].min() > 0 and digit[45:55, 80:120].min() > 0
    assert digit[170:180, 20:30].max() == 0 and digit[:, 185:].max() == 0


def test_a_digit_touching_the_border_is_still_kept():
    ink = np.zeros((100, 100))
    ink[0:70, 45:55] = 200  # a stroke that runs off the top of the picture
    assert digit_image.keep_the_digit(ink)[10:60, 47:53].min() > 0


def test_clean_photo_runs_the_three_parts_of_step_4():
    steps = digit_image.prepare_digit(SAMPLES / "photos" / "4_lined_black_shadow.jpg")
    clean = digit_image.clean_photo(steps["inverted"])
    assert np.array_equal(clean, steps["clean"])


def test_crop_to_ink_keeps_the_tight_box():
    clean = np.zeros((40, 30))
    clean[5:9, 3:12] = 200
    clean[20, 25] = 1
    cropped = digit_image.crop_to_ink(clean)
    assert cropped.shape == (16, 23)
    assert (
        cropped[0].max() > 0
        and cropped[-1].max() > 0
        and cropped[:, 0].max() > 0
        and cropped[:, -1].max() > 0
    )


@pytest.mark.parametrize(
    "shape, expected",
    [
        ((40, 10), (20, 5)),
        ((10, 40), (5, 20)),
        ((3, 2), (20, 13)),
        ((100, 1), (20, 1)),
        ((60, 60), (20, 20)),
    ],
)
def test_fit_into_box_makes_the_longer_side_20_and_keeps_the_proportions(
    shape, expected
):
    boxed = digit_image.fit_into_box(np.full(shape, 255.0))
    assert boxed.shape == expected
    assert boxed.min() >= 0 and boxed.max() <= 255


def test_pad_to_28_puts_the_digit_in_the_middle():
    canvas = digit_image.pad_to_28(np.full((20, 10), 255.0))
    assert canvas.shape == (28, 28)
    assert canvas[4:24, 9:19].min() == 255
    assert canvas.sum() == 20 * 10 * 255


@pytest.mark.parametrize("top, left", [(0, 0), (8, 3), (3, 9), (7, 7)])
def test_center_by_mass_moves_the_center_of_mass_to_row_14_column_14(top, left):
    canvas = np.zeros((28, 28))
    canvas[top : top + 12, left : left + 5] = 255
    canvas[top, left : left + 15] = 255  # a heavy top, like a 7
    centered = digit_image.center_by_mass(canvas)
    row, column = digit_image.center_of_mass(centered)
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5
    assert centered.sum() == canvas.sum()


def test_center_by_mass_drops_ink_moved_past_the_edge_instead_of_wrapping_it_round():
    canvas = np.zeros((28, 28))
    canvas[10:18, 20:28] = (
        255  # a heavy block on the right: the digit must move about 10 pixels left
    )
    canvas[2, 0] = 255  # a speck on the left edge, which falls off
    centered = digit_image.center_by_mass(canvas)
    assert (
        centered.sum() == 8 * 8 * 255
    )  # the block alone: np.roll would have brought the speck back in on the right
    assert centered[:, -6:].max() == 0


def test_scale_to_unit_gives_float32_from_0_to_1():
    unit = digit_image.scale_to_unit(np.array([[-3.0, 0, 127.5], [255, 300, 51]]))
    assert unit.dtype == np.float32
    assert np.allclose(unit, [[0, 0, 0.5], [1, 1, 0.2]])


# --------------------------------------------------------------------------------------
# The project's own samples
# --------------------------------------------------------------------------------------


HELD_OUT = SAMPLES / "held_out"


@pytest.mark.parametrize(
    ("folder", "count"),
    [(HELD_OUT, 30), (HELD_OUT / "exercise_books", 20)],
    ids=["photos", "exercise books"],
)
def test_the_held_out_photos_are_the_ones_frozen_before_their_first_reading(
    folder, count
):
    """data/samples/held_out/ and its exercise_books/ were committed with their
    checksums before any model or preparation step read them: the files must still be
    exactly those."""
    frozen = {}
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        frozen[name] = digest
    present = {p.name for p in folder.iterdir() if p.suffix.lower() in PICTURE_TYPES}
    assert present == set(frozen) and len(frozen) == count
    for name, digest in frozen.items():
        found = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert found == digest, name


def test_there_are_samples_and_photos_of_every_digit():
    assert len(SAMPLE_FILES) >= 20 and len(PHOTO_FILES) >= 20
    assert {path.name[0] for path in SAMPLE_FILES} == set("0123456789")
    assert {path.name[0] for path in PHOTO_FILES} == set("0123456789")


@pytest.mark.parametrize(
    "path", SAMPLE_FILES + PHOTO_FILES, ids=lambda path: path.name
)
def test_every_sample_becomes_an_mnist_style_input(path):
    assert path.name[0] in "0123456789", (
        "a sample's file name starts with the digit it shows"
    )
    unit = digit_image.prepare_digit(path)["input"]
    check_is_model_input(unit)
    assert 0.05 <= np.mean(unit > 0) <= 0.6


def committed_sample_names():
    """The paths under data/samples/ of the sample pictures that git tracks (an empty
    list outside a git checkout)."""
    listed = subprocess.run(
        ["git", "-C", str(SAMPLES), "ls-files"], capture_output=True, text=True
    ).stdout.splitlines()
    return sorted(name for name in listed if Path(name).suffix.lower() in PICTURE_TYPES)


def write_prepared_samples():
    """Write PREPARED_SAMPLES from the code as it is now."""
    names = committed_sample_names()
    inputs = {
        name: digit_image.prepare_digit(SAMPLES / name)["input"] for name in names
    }
    np.savez_compressed(PREPARED_SAMPLES, **inputs)
    print(f"wrote the inputs of {len(inputs)} samples to {PREPARED_SAMPLES}")


def test_every_committed_sample_gives_exactly_the_input_it_gave_before():
    """Moving code between notebook 08 and digit_image.py must not change what a model
    reads.

    tests/data/prepared_samples.npz holds the 28 × 28 float32 input that
    digit_image.prepare_digit gave for every committed sample with the code of commit
    360d740, before the cleanup of a photo (background, ruled lines, other marks, ink
    strength) moved from the lesson into the hand-written part of digit_image.py.
    Regenerate it only when the steps are changed on purpose, or a sample is added or
    redrawn, and say why in a sentence of the commit message:
    PYTHONPATH=notebooks .venv/bin/python tests/test_digit_image.py
    """
    reference = np.load(PREPARED_SAMPLES)
    names = committed_sample_names() or sorted(reference)
    assert sorted(reference) == names, "samples added or removed: regenerate the file"
    changed = []
    for name in names:
        prepared = digit_image.prepare_digit(SAMPLES / name)["input"]
        same = np.array_equal(prepared, reference[name])
        if prepared.dtype != np.float32 or not same:
            changed.append(name)
    assert not changed, f"inputs that changed: {changed}"


if __name__ == "__main__":
    write_prepared_samples()
