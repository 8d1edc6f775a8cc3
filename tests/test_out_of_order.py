"""Notebooks run before the notebooks whose models they need, in real Jupyter kernels.

A learner who opens 05, 07 or 08 first and chooses Run All must see, at once and on the
screen, which notebooks to run first and how long they take; 08 must still run its
first part, which needs no model.
"""

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from course.measured_times import notebook_times
from tools import project

LESSONS = {path.name[:2]: path for path in project.series_notebooks()}


def run_all(path, models_folder, monkeypatch):
    """Run the notebook from the top as Run All does, stopping at the first error.

    Returns the notebook as it is then, and the index of the cell that failed.
    """
    monkeypatch.setenv("MNIST_MODELS_FOLDER", str(models_folder))  # empty: no models
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError:
        pass
    failed = [
        number
        for number, cell in enumerate(notebook.cells)
        if any(output.output_type == "error" for output in cell.get("outputs", []))
    ]
    return notebook, failed[0] if failed else None


def first_code_cell_after_setup(notebook):
    numbers = [n for n, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    setup = next(
        n for n in numbers if "helpers.describe_setup()" in notebook.cells[n].source
    )
    return next(n for n in numbers if n > setup)


def shown_error(cell):
    error = next(output for output in cell.outputs if output.output_type == "error")
    return error, "\n".join(error.traceback)


@pytest.mark.parametrize(
    "number, needs", [("05", ["03", "04"]), ("07", ["03", "06"]), ("09", ["03", "06"])]
)
def test_a_notebook_run_too_early_stops_first_with_a_short_message(
    number, needs, tmp_path, monkeypatch
):
    notebook, failed = run_all(LESSONS[number], tmp_path, monkeypatch)
    assert failed == first_code_cell_after_setup(notebook), "the check comes first"
    error, shown = shown_error(notebook.cells[failed])
    assert error.ename == "NotTrainedYet"
    assert "Traceback" not in shown and "saved_runs.py" not in shown, (
        "no helper frames"
    )
    assert len(shown.splitlines()) <= 8
    assert all(len(line) <= 88 for line in shown.splitlines())
    for earlier in needs:
        assert (
            f"Notebook {earlier} takes {notebook_times(earlier)}."
            in " ".join(shown.split())
        )


def test_notebook_08_runs_its_photo_part_without_a_model(tmp_path, monkeypatch):
    notebook, failed = run_all(LESSONS["08"], tmp_path, monkeypatch)
    cells = notebook.cells
    part_2 = next(
        n for n, cell in enumerate(cells) if cell.source.startswith("## Part 2")
    )
    assert failed is not None and failed > part_2, (
        "it stops only where the model is needed"
    )
    assert cells[failed].source.startswith("model = helpers.load_runs(")
    printed = "".join(
        output.get("text", "")
        for cell in cells[:failed]
        for output in cell.get("outputs", [])
    )
    assert "the better CNN of notebook 06 is trained: False" in printed
    assert "Not trained yet" in printed and "Notebook 06 takes" in printed
    assert "blank image: no ink found" in printed, "Part 1 ran to its last cell"
