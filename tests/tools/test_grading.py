"""grade.py and tools/grading.py on a folder of real submitted notebooks, each run in a
real Jupyter kernel.

The submissions are notebook 02 as a student might hand it in: answered, half answered,
stuck in a loop, broken, printing a fake success line, deleting a file; and one file
that is not a notebook at all.
"""

import csv
import os
import re
import subprocess
import sys

import nbformat
import pytest

from checks import NOT_ANSWERED
from tools import grading, message_catalog, project
from tools.project import ROOT

LESSON = ROOT / "notebooks" / "02_prepare_the_data.ipynb"
ANSWERS = {  # what a student writes in each answer cell of notebook 02
    1: "predicted_shape = (10000, 28, 28, 1)\npredicted_one_hot = [1] + [0] * 9",
    2: "x_train_expanded = np.expand_dims(x_train, axis=-1)",
    3: "loss_099, loss_001 = -np.log(0.99), -np.log(0.01)",
}


def answered(notebook, exercises):
    """The lesson with the answers of `exercises` filled in, the rest still None."""
    for cell in notebook.cells:
        for number in exercises:
            if cell.cell_type == "code" and f"check.exercise_{number}(" in cell.source:
                call = cell.source.splitlines()[-1]
                cell.source = f"{ANSWERS[number]}\n{call}"
    return notebook


def with_cell(notebook, source, position):
    notebook.cells.insert(position, nbformat.v4.new_code_cell(source))
    return notebook


def first_code(notebook):
    return next(n for n, cell in enumerate(notebook.cells) if cell.cell_type == "code")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    lesson = lambda: nbformat.read(LESSON, as_version=4)  # noqa: E731  (a fresh copy)
    submissions = {
        "complete": answered(lesson(), [1, 2, 3]),
        "half_done": answered(lesson(), [1]),
        "endless": with_cell(answered(lesson(), [1]), "while True:\n    pass", -3),
        "raises_first": with_cell(lesson(), "raise ValueError('boom')", 0),
        "fakes_success": with_cell(lesson(), "print('✓ Exercise 1: right')", -1),
        "deletes": with_cell(
            answered(lesson(), [2]), "import os\nos.remove('mnist_helpers.py')", -1
        ),
    }
    for name, notebook in submissions.items():
        nbformat.write(notebook, folder / f"{name}.ipynb")
    # A learning platform's download puts each student's file in a folder of its own.
    (folder / "student_b").mkdir()
    (folder / "half_done.ipynb").rename(folder / "student_b" / "half_done.ipynb")
    (folder / "not_json.ipynb").write_text("{ this is not JSON")
    return graded(folder, folder / "grades.csv", "--time-limit", "45")


def graded(folder, csv_path, *options):
    """Run grade.py on a folder as a teacher does: (the report's rows, what it
    printed)."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "grade.py"), str(folder), "--report", str(csv_path)]
        + list(options),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    with open(csv_path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    return rows, run.stdout


def results(rows, student):
    """{exercise: result} for one student file; "" holds the notebook's status."""
    return {row[2]: row[3] for row in rows[1:] if row[0] == f"{student}.ipynb"}


STUDENT_B = "student_b/half_done"  # in a subfolder


def test_the_report_has_its_header_and_every_file(report):
    rows, printed = report
    assert rows[0] == ["student file", "notebook", "exercise", "result"]
    files = {row[0] for row in rows[1:]}
    assert files == {
        f"{name}.ipynb"
        for name in (
            "complete",
            STUDENT_B,
            "endless",
            "raises_first",
            "fakes_success",
            "deletes",
            "not_json",
        )
    }
    assert "notebook 02, exercise 1:" in printed


def test_a_complete_notebook_passes_every_exercise(report):
    assert results(report[0], "complete") == {
        "": "ran to the end",
        "1": "passed",
        "2": "passed",
        "3": "passed",
    }


def test_a_half_done_notebook_passes_what_it_answered(report):
    graded = results(report[0], STUDENT_B)
    assert graded["1"] == "passed"
    assert graded["2"].startswith("not answered yet")
    assert graded["3"].startswith("not answered yet")


def test_an_endless_notebook_is_stopped_at_its_time_limit(report):
    assert results(report[0], "endless") == {"": "ran past its time limit of 45 s"}


def test_a_notebook_that_raises_is_reported_and_still_checked(report):
    graded = results(report[0], "raises_first")
    assert graded[""] == "stopped at cell 0 with ValueError"
    assert graded["1"].startswith("not answered yet")


def test_a_printed_success_line_counts_for_nothing(report):
    graded = results(report[0], "fakes_success")
    assert graded["1"].startswith("not answered yet")


def test_deleting_a_file_of_its_folder_is_reported(report):
    graded = results(report[0], "deletes")
    assert graded[""] == "deleted files of its folder: notebooks/mnist_helpers.py"
    assert graded["2"] == "passed"


def test_a_file_that_is_not_a_notebook_is_reported(report):
    status = results(report[0], "not_json")[""]
    assert status.startswith("not a notebook file")


def test_a_report_in_chinese_takes_the_checks_words_from_the_catalog(tmp_path):
    """`--language zh-CN`: the report, and the checks' messages in it, in the Chinese
    of the catalog, although the notebook's first cell sets English."""
    catalog = message_catalog.read_catalog()

    def chinese(english):
        message = catalog.get(english)
        assert message is not None and message.string, f"no Chinese for {english!r}"
        return message.string

    folder = tmp_path / "submissions"
    folder.mkdir()
    half_done = answered(nbformat.read(LESSON, as_version=4), [1])
    nbformat.write(half_done, folder / "half_done.ipynb")
    rows, printed = graded(folder, tmp_path / "grades.csv", "--language", "zh-CN")
    assert rows[0] == [chinese(name) for name in grading.HEADER]
    assert results(rows, "half_done") == {
        "": chinese("ran to the end"),
        "1": chinese("passed"),
        "2": chinese(NOT_ANSWERED),  # a check's message
        "3": chinese(NOT_ANSWERED),
    }
    summary = chinese("notebook {lesson}, exercise {exercise}: {passed} of {total}")
    assert summary.format(lesson="02", exercise="2", passed=0, total=1) in printed


def test_train_models_runs_a_lesson_in_a_scratch_copy(tmp_path):
    """`--train-models 03` saves the dense model in the quick-mode folder, and leaves
    the course's notebook as it was."""
    lesson = ROOT / "notebooks" / "03_dense_baseline.ipynb"
    before = lesson.read_bytes()
    environment = {**os.environ, "MNIST_MODELS_FOLDER": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, str(ROOT / "grade.py"), "--train-models", "03"],
        capture_output=True, text=True, timeout=600, env=environment,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    saved = {path.name for path in (tmp_path / "quick").iterdir()}
    assert {"dense.keras", "dense_history.json", "dense_metrics.json"} <= saved
    assert lesson.read_bytes() == before


def test_the_scratch_copy_holds_every_course_module_a_notebook_imports(tmp_path):
    """A submission runs in a scratch copy of the course's notebooks folder. A course
    module that a lesson imports and the copy lacks stops the run at that import (the
    drawing pad of notebook 08 was missing)."""
    folders = project.NOTEBOOKS.iterdir()
    course_modules = {path.stem for path in project.NOTEBOOKS.glob("*.py")}
    course_modules |= {path.name for path in folders if (path / "__init__.py").exists()}
    imported = set()
    for path in project.series_notebooks() + project.solution_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                names = re.findall(r"^(?:import|from) (\w+)", cell.source, re.MULTILINE)
                imported |= set(names) & course_modules
    assert {"mnist_helpers", "checks", "digit_image", "drawing_pad"} <= imported
    folder = grading.prepare_scratch(LESSON, tmp_path, with_models=False).parent
    for module in sorted(imported):
        assert (folder / f"{module}.py").exists() or (folder / module).is_dir(), module
    assert (folder / "course" / "mnist_data.py").exists(), "what mnist_helpers imports"
    assert (folder / "drawing_pad.js").exists(), "the drawing pad's browser side"
