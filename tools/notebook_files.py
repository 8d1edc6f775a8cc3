"""How this project reads and saves a notebook: ipykernel's kernel, no widget state."""

from pathlib import Path

import nbformat

# What ipykernel installs: a notebook that names another kernel display name is marked
# modified as soon as JupyterLab opens it, and autosave rewrites the tracked file.
KERNELSPEC = {
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "name": "python3",
}


def read(path):
    return nbformat.read(path, as_version=4)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def without_widgets(notebook):
    """The notebook without live widgets: a widget needs its kernel, so a committed
    notebook, reopened, would show an error in its place. What stays is the widget's
    plain-text form, which says how to get it back (drawing_pad.NOT_RUNNING)."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return notebook


def notebook_text(notebook):
    """A notebook as this project saves it: ipykernel's kernelspec, no widget state."""
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    return nbformat.writes(without_widgets(notebook)) + "\n"


def write(notebook, path):
    Path(path).write_text(notebook_text(notebook), encoding="utf-8")

