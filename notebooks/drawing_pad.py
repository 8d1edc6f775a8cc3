"""The drawing pad of notebook 08: draw a digit with the mouse (or a pen, or a finger),
and see the 28 × 28 input the model gets and its ten probabilities, after every stroke.

It is an anywidget (https://anywidget.dev): a small Jupyter widget whose browser side is
one JavaScript file, drawing_pad.js. It runs in JupyterLab, Jupyter Notebook, VS Code
and Colab. The browser sends the canvas as a PNG picture after each stroke; Python
prepares it with the steps that notebook 08 teaches (`read_drawing`, passed in) and asks
the model. Plumbing, not a lesson: notebook 08 only creates one and shows it. Its words
are in the learner's language (course/messages.py); Python sends the pad's labels too.
"""

import base64
import subprocess
import sys
from pathlib import Path

import traitlets

from course.messages import N_, _

ANYWIDGET = "anywidget==0.11.0"  # as in requirements.txt
try:
    import anywidget
except ModuleNotFoundError:
    if "google.colab" not in sys.modules:
        raise ModuleNotFoundError(
            _(
                "The drawing pad needs {package}: run pip install -r requirements.txt"
            ).format(package=ANYWIDGET)
        ) from None
    # Colab has not installed it: install it, as its own "!pip install" would.
    pip = [sys.executable, "-m", "pip", "install", "--quiet", ANYWIDGET]
    subprocess.run(pip, check=True)
    import anywidget

if "google.colab" in sys.modules:
    # Colab shows its own widgets only, until it is told to load others' code too.
    from google.colab import output

    output.enable_custom_widget_manager()

# What a notebook shows where the widget cannot run: a static page (nbviewer, GitHub),
# or a notebook reopened without its kernel, whose widget run_series.py removed.
NOT_RUNNING = N_(
    "The drawing pad appears here when this cell runs in JupyterLab, Jupyter Notebook, "
    "VS Code or Colab. Run the notebook's cells from the top to draw a digit."
)
START = N_("Draw one digit, large, in the white square.")
# The words on the pad itself: the widget sends them, in the learner's language, to
# drawing_pad.js, which shows them.
LABELS = {
    # Translators: the drawing pad's canvas, as a screen reader names it.
    "canvas": N_("Draw one digit here"),
    # Translators: the drawing pad's button that empties the canvas.
    "clear": N_("Clear"),
    # Translators: under the 28 × 28 input of the drawing pad.
    "caption": N_("what the model sees"),
    # Translators: drawing_pad.js fills in {digit} and {percent}.
    "top_guess": N_("Top guess: {digit} ({percent}%)"),
}
CSS = """
.drawing-pad-row { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
.drawing-pad-side { display: flex; flex-direction: column; align-items: center;
                    gap: 6px; }
.drawing-pad-canvas { border: 2px solid #555; touch-action: none; cursor: crosshair; }
.drawing-pad-input { width: 140px; height: 140px; image-rendering: pixelated;
                     border: 2px solid #555; }
.drawing-pad-bars { display: flex; align-items: flex-end; gap: 4px; height: 124px; }
.drawing-pad-column { display: flex; flex-direction: column; align-items: center; }
.drawing-pad-bar { width: 18px; background: #9bb7d4; }
.drawing-pad-bar.top { background: #1f4e79; }
.drawing-pad-label { font-size: 14px; }
.drawing-pad-label.top { font-weight: bold; text-decoration: underline; }
.drawing-pad-guess { font-size: 18px; font-weight: bold; min-height: 1.4em; }
.drawing-pad-message { margin-top: 8px; font-size: 14px; }
.drawing-pad-clear { font-size: 14px; padding: 2px 16px; }
"""


class DrawingPad(anywidget.AnyWidget):
    """A canvas to draw a digit on; after each stroke, the model's input and answer.

    `read_drawing(png_bytes)` turns the canvas into a 28 × 28 input (or raises an error
    whose message is shown); `model` predicts it. With `model=None` the pad still shows
    the input, and `note` says why there is no answer.
    """

    _esm = Path(__file__).with_name("drawing_pad.js")
    _css = CSS
    png = traitlets.Unicode("").tag(sync=True)  # the canvas, as a data: URL
    preview = traitlets.List([]).tag(sync=True)  # the 784 values of the input, 0 to 1
    probabilities = traitlets.List([]).tag(sync=True)  # the model's ten
    message = traitlets.Unicode(START).tag(sync=True)
    labels = traitlets.Dict(LABELS).tag(sync=True)  # in the learner's language

    def __init__(self, read_drawing, model=None, note=""):
        super().__init__(
            message=_(START), labels={key: _(text) for key, text in LABELS.items()}
        )
        self.read_drawing, self.model, self.note = read_drawing, model, note
        self.observe(self.answer, names="png")

    def answer(self, change=None):
        """Prepare the drawing, and ask the model: called after each stroke."""
        if not self.png:
            self.preview, self.probabilities, self.message = [], [], _(START)
            return
        picture = base64.b64decode(self.png.split(",", 1)[1])
        try:
            image = self.read_drawing(picture)
        except ValueError as error:  # DigitImageError says what is wrong
            self.preview, self.probabilities, self.message = [], [], str(error)
            return
        self.preview = [round(float(value), 3) for value in image.ravel()]
        if self.model is None:
            self.probabilities, self.message = [], self.note
            return
        batch = image.reshape(1, 28, 28, 1)
        self.probabilities = [
            float(p) for p in self.model.predict(batch, verbose=0)[0]
        ]
        self.message = _("Draw more strokes, or Clear and draw another digit.")

    def __repr__(self):
        return _(NOT_RUNNING)
