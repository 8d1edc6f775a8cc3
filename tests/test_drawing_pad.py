"""The drawing pad of notebook 08.

First its Python side, on real stroke images: `read_drawing` (taught in notebook 08,
copied into digit_image.py) and `DrawingPad.answer`. Then the whole pad in a real
browser: JupyterLab started from this environment, headless Chromium driven by
Playwright, notebook 08 run from the top, digits drawn with the mouse (and one with
touch-type pointer events), and the top guess read off the page.
"""

import base64
import io
import os
import shutil

import mnist_helpers as helpers

import nbformat
import numpy as np
import pytest
from PIL import Image, ImageDraw

import digit_image
from digit_image import DigitImageError
from drawing_pad import NOT_RUNNING, START, DrawingPad
from tools import notebook_files
from tools.project import ROOT

NOTEBOOK = "08_predictions_and_your_own_digit.ipynb"
SIDE, PEN = 280, 18  # the pad's canvas and pen, as in drawing_pad.js
# Strokes of three digits in the canvas's pixels, each a list of polylines.
ZERO = [
    [(140 + 60 * np.sin(a), 140 - 95 * np.cos(a)) for a in np.linspace(0, 6.4, 40)]
]
STROKES = {
    1: [[(140, 40), (140, 245)]],
    7: [[(70, 50), (210, 50), (120, 245)]],
    0: ZERO,
}


def canvas_png(strokes, side=SIDE, pen=PEN):
    """The PNG bytes of strokes drawn as the pad draws them: black on white."""
    canvas = Image.new("RGB", (side, side), "white")
    draw = ImageDraw.Draw(canvas)
    for line in strokes:
        draw.line(line, fill="black", width=pen, joint="curve")
        for x, y in (line[0], line[-1]):  # round caps
            draw.ellipse([x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2], "black")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def as_data_url(png):
    return "data:image/png;base64," + base64.b64encode(png).decode()


# --------------------------------------------------------------------------------------
# The Python side
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("digit", sorted(STROKES))
def test_read_drawing_gives_an_mnist_like_input(digit):
    image = digit_image.read_drawing(canvas_png(STROKES[digit]))
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert image.min() >= 0 and image.max() == 1
    row, column = digit_image.center_of_mass(image)
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5
    rows = np.flatnonzero(image.max(axis=1) > 0)
    assert 18 <= rows[-1] - rows[0] + 1 <= 21  # the digit fills MNIST's 20-pixel box


def test_read_drawing_of_a_small_digit_in_a_corner_is_the_same_digit():
    large = digit_image.read_drawing(canvas_png(STROKES[7]))
    small_strokes = [[(x / 3 + 10, y / 3 + 10) for x, y in STROKES[7][0]]]
    small = digit_image.read_drawing(canvas_png(small_strokes, pen=PEN // 3))
    assert np.corrcoef(large.ravel(), small.ravel())[0, 1] > 0.8


def test_an_empty_pad_is_a_clear_error():
    with pytest.raises(DigitImageError, match="no ink found"):
        digit_image.read_drawing(canvas_png([]))


def test_the_pad_shows_the_input_and_a_note_without_a_model():
    pad = DrawingPad(digit_image.read_drawing, None, note="not trained yet")
    assert pad.message == START and repr(pad) == NOT_RUNNING
    pad.png = as_data_url(canvas_png(STROKES[1]))  # what the browser sends
    expected = digit_image.read_drawing(canvas_png(STROKES[1]))
    assert np.allclose(np.reshape(pad.preview, (28, 28)), expected, atol=0.001)
    assert pad.probabilities == [] and pad.message == "not trained yet"
    pad.png = as_data_url(canvas_png([]))
    assert pad.preview == [] and "no ink found" in pad.message
    pad.png = ""  # Clear
    assert pad.preview == [] and pad.message == START


def test_the_committed_notebook_says_how_to_get_the_pad_and_holds_no_dead_widget():
    """A widget saved in a notebook needs the kernel that made it: opened later, or on
    nbviewer, it would show an error. The run script leaves its plain-text form."""
    notebook = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4)
    cell = next(c for c in notebook.cells if "DrawingPad(" in c.source)
    shown = [output.get("data", {}) for output in cell.outputs]
    assert shown == [{"text/plain": NOT_RUNNING}]
    assert "widgets" not in notebook.metadata
    assert notebook_files.WIDGET_VIEW not in nbformat.writes(notebook)


def test_the_run_script_removes_widgets_and_keeps_their_text():
    notebook = nbformat.v4.new_notebook(metadata={"widgets": {"state": {}}})
    widget = {"text/plain": NOT_RUNNING, notebook_files.WIDGET_VIEW: {"model_id": "1"}}
    notebook.cells = [nbformat.v4.new_code_cell("pad", outputs=[
        nbformat.v4.new_output("display_data", data=widget)
    ])]
    cleaned = notebook_files.without_widgets(notebook)
    assert cleaned.cells[0].outputs[0].data == {"text/plain": NOT_RUNNING}
    assert "widgets" not in cleaned.metadata


# --------------------------------------------------------------------------------------
# In a real browser
# --------------------------------------------------------------------------------------


def train_small_cnn(folder):
    """A small CNN, trained in about half a minute, saved as notebook 06's model in the
    quick-mode folder under `folder`: tests run before the notebooks, so no saved model
    exists yet in a clean clone."""
    import keras
    from keras import layers

    os.environ["MNIST_MODELS_FOLDER"] = str(folder)
    try:
        (x_train, y_train), _ = helpers.load_mnist()
        images, labels = helpers.prepare_images(x_train[:20000]), y_train[:20000]
        keras.utils.set_random_seed(42)
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(64, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dropout(0.3),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
        history = model.fit(images, labels, epochs=2, batch_size=128, verbose=0)
        helpers.save_run("better_cnn", model, history, {"test_accuracy": 0})
    finally:
        os.environ.pop("MNIST_MODELS_FOLDER")


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, serve_jupyterlab, chromium_path):
    """JupyterLab serving a copy of the course, with a model trained for the test."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(
        ROOT / "notebooks", root / "notebooks",
        ignore=shutil.ignore_patterns("saved", "__pycache__", ".ipynb_checkpoints"),
    )
    shutil.copytree(ROOT / "data" / "samples", root / "data" / "samples")
    train_small_cnn(root / "models")
    # A fresh JupyterLab may ask which kernel to start; start the notebook's own.
    tracker = root / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    settings = '{"autoStartDefaultKernel": true}'
    (tracker / "tracker.jupyterlab-settings").write_text(settings)
    return serve_jupyterlab(
        root, MNIST_QUICK="1", MNIST_MODELS_FOLDER=str(root / "models")
    )


def draw(page, canvas, strokes):
    """Draw polylines on the canvas with the mouse, as a person would."""
    box = canvas.bounding_box()
    scale = box["width"] / SIDE
    for line in strokes:
        points = [(box["x"] + x * scale, box["y"] + y * scale) for x, y in line]
        page.mouse.move(*points[0])
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*point, steps=8)
        page.mouse.up()


TOUCH = """([points, kind]) => {
  const canvas = document.querySelector(".drawing-pad-canvas");
  const box = canvas.getBoundingClientRect();
  const send = (type, [x, y]) => canvas.dispatchEvent(new PointerEvent(type, {
    pointerId: 7, pointerType: kind, isPrimary: true, bubbles: true,
    clientX: box.left + x * box.width / 280, clientY: box.top + y * box.height / 280,
  }));
  send("pointerdown", points[0]);
  points.slice(1).forEach((point) => send("pointermove", point));
  send("pointerup", points[points.length - 1]);
}"""


def test_digits_drawn_in_the_browser_are_read(jupyterlab, tmp_path, chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900}, has_touch=True)
        try:
            draw_digits_in_notebook_08(page, jupyterlab, tmp_path)
        except Exception:
            page.screenshot(path=tmp_path / "failed.png")  # what the page showed
            raise
        finally:
            browser.close()


def draw_digits_in_notebook_08(page, jupyterlab, tmp_path):
    """Run notebook 08 from the top, then draw each digit and read the top guess."""
    from playwright.sync_api import expect

    page.goto(f"{jupyterlab}/lab/tree/notebooks/{NOTEBOOK}")
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    # Run All before the kernel is connected runs nothing: wait for its name and idle.
    expect(page.locator(".jp-Toolbar-kernelName")).to_have_text(
        "Python 3 (ipykernel)", timeout=60_000
    )
    expect(page.locator(".jp-StatusBar-TextItem", has_text="| Idle")).to_have_count(
        1, timeout=60_000
    )
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_text("Run All Cells", exact=True).click()
    kernel_dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    if kernel_dialog.count():  # asked anyway: the notebook's kernel is preselected
        kernel_dialog.get_by_role("button", name="Select").click()
    canvas = page.locator(".drawing-pad-canvas")
    canvas.wait_for(state="attached", timeout=180_000)  # the cell ran
    expect(page.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute(
        "data-status", "idle", timeout=180_000
    )  # and every cell after it
    canvas.scroll_into_view_if_needed()
    canvas.wait_for(timeout=30_000)
    guess = page.locator(".drawing-pad-guess")
    for digit, strokes in STROKES.items():
        page.locator(".drawing-pad-clear").click()
        expect(guess).to_have_attribute("data-digit", "", timeout=30_000)
        draw(page, canvas, strokes)
        expect(guess).to_have_attribute("data-digit", str(digit), timeout=30_000)
        expect(guess).to_contain_text(f"Top guess: {digit}")
        # README's figure is the one of the 7 (notebooks/drawing_pad.png).
        page.locator(".drawing-pad").screenshot(path=tmp_path / f"pad_{digit}.png")
    # A finger on a tablet: the same pointer events, of the type "touch".
    page.locator(".drawing-pad-clear").click()
    expect(guess).to_have_attribute("data-digit", "", timeout=30_000)
    page.evaluate(TOUCH, [STROKES[1][0], "touch"])
    expect(guess).to_have_attribute("data-digit", "1", timeout=30_000)
