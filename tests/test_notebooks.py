"""The committed notebooks: their structure, and that their outputs come from one clean
full-mode run.

nbval (run by the same pytest command) re-executes every notebook; these tests read the
committed files.
"""

import importlib
import json
import re

import nbformat
import pytest

from checks import exercises
from tools import benchmark, execute, notebook_files, project

NOTEBOOKS = project.series_notebooks()
# The solution notebooks follow the same conventions (they are run, not benchmarked).
ALL_NOTEBOOKS = NOTEBOOKS + project.solution_notebooks()
# Counted without blank lines, and without the first cell's title line (#@title), which
# Colab shows as the title of a form and JupyterLab as the collapsed cell. The longest
# cell is the setup cell (two settings and up to ten imports, which the TensorFlow
# template keeps together); the lesson cells stay far shorter, mostly 1-8 lines.
MAX_CODE_LINES = 12
# The cell tags nbval understands: a tag keeps the marker out of the code learners read.
NBVAL_TAGS = {
    "nbval-check-output",
    "nbval-ignore-output",
    "nbval-skip",
    "raises-exception",
}
# A folder of this machine: a home, an environment's packages, a Windows drive.
MACHINE_PATH = re.compile(
    r"site-packages|\.venv|(?<![\w.])/(home|root|tmp|Users|work|usr|opt|var|mnt)/\w"
    r"|\b[A-Z]:\\\\"
)
KERAS_EPOCH_LINE = re.compile(r"^\d+/\d+ - \d+m?s - ")
OLD_KERAS = re.compile(
    r"[(,]\s*(lr|input_shape|input_dim)\s*=|predict_classes\("
    r"|from tensorflow import keras|keras\.wrappers"
)


def read(path):
    return nbformat.read(path, as_version=4)


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_the_series_is_numbered_in_order():
    numbers = [int(path.name[:2]) for path in NOTEBOOKS]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_opening_says_what_how_long_and_what_first(path):
    opening = read(path).cells[0]
    assert opening.cell_type == "markdown"
    assert opening.source.startswith(f"# {path.name[:2]} · ")
    for part in ("**What you will learn**", "**Prerequisites:**", "**Class time:**"):
        assert part in opening.source
    assert (
        sum(
            line.startswith("# ")
            for cell in read(path).cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
        )
        == 1
    ), "one H1 title per notebook"


def exercise_items(notebook):
    """The numbered exercises ("1. **Predict, then check.** ...") of a lesson."""
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    part = text.split("## Exercises", 1)[1].split("## Check your understanding", 1)[0]
    return re.findall(r"^\d\. \*\*", part, re.MULTILINE)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_ending_has_summary_exercises_and_navigation(path):
    notebook = read(path)
    headings = [
        c.source.split("\n", 1)[0] for c in notebook.cells if c.cell_type == "markdown"
    ]
    assert "## Summary" in headings and "## Exercises" in headings
    assert 2 <= len(exercise_items(notebook)) <= 4
    ending = notebook.cells[-1].source
    assert ending.startswith("## Check your understanding") and "**Next:**" in ending
    if path != NOTEBOOKS[0]:
        assert "**Previous:**" in ending


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_lesson_exercises_end_with_their_checks_not_yet_answered(path):
    """Each checked exercise has an answer cell that sets the names its check reads
    (the grader reads them too), and the committed run shows it not yet answered."""
    module = importlib.import_module(f"checks.notebook_{path.name[:2]}")
    for number, check in exercises(module).items():
        cell = next(
            c for c in code_cells(read(path)) if f"check.exercise_{number}(" in c.source
        )
        for name in check.answer_names:
            assert re.search(rf"^{name}\b.*= |, {name}\b.* = ", cell.source, re.M), name
        printed = "".join(output.get("text", "") for output in cell.outputs)
        assert printed.startswith(f"✗ Exercise {number}: not answered yet"), printed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_solutions_pass_every_check_of_their_lesson(path):
    solutions = read(path.with_name(f"{path.stem}_solutions.ipynb"))
    module = importlib.import_module(f"checks.notebook_{path.name[:2]}")
    printed = "".join(
        output.get("text", "")
        for cell in code_cells(solutions)
        for output in cell.outputs
    )
    for number in exercises(module):
        assert f"✓ Exercise {number}:" in printed, f"exercise {number} is not solved"
    assert "✗ Exercise" not in printed


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_links_between_notebooks_resolve(path):
    for cell in read(path).cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r"\]\((?!https?:)([^)#]+\.ipynb)", cell.source):
                assert (path.parent / target).exists(), f"broken link to {target}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_outputs_come_from_one_top_to_bottom_full_mode_run(path):
    cells = [cell for cell in code_cells(read(path)) if cell.source.strip()]
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    printed = "".join(
        output.get("text", "") for cell in cells for output in cell.outputs
    )
    assert "Mode: full" in printed, (
        "commit the outputs of a full-mode run (python run_series.py)"
    )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_no_noise_and_no_unexpected_errors_in_outputs(path):
    for number, cell in enumerate(read(path).cells):
        for output in cell.get("outputs", []):
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"cell {number}: stderr output"
            )
            if output.output_type == "error":
                assert "raises-exception" in cell.metadata.get("tags", []), (
                    f"cell {number}: untagged error"
                )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_cells_are_short_and_modern_keras(path):
    for number, cell in enumerate(code_cells(read(path))):
        lines = [
            line
            for line in cell.source.splitlines()
            if line.strip() and not line.startswith("#@title")  # a form's title
        ]
        assert len(lines) <= MAX_CODE_LINES, (
            f"code cell {number} has {len(lines)} lines"
        )
        for found in OLD_KERAS.finditer(cell.source):
            # Old code may be shown failing on purpose, caught by try and except.
            before, after = cell.source[: found.start()], cell.source[found.end() :]
            shown_failing = "try:" in before and "except" in after
            assert shown_failing, f"code cell {number}: {found.group(0)}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_every_code_cell_is_led_by_a_sentence(path):
    cells = read(path).cells
    for number, cell in enumerate(cells):
        if cell.cell_type == "code":
            assert number > 0 and cells[number - 1].cell_type == "markdown", (
                f"cell {number} follows no text"
            )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_setup_cells_fix_the_seed_and_report_device_and_mode(path):
    sources = [cell.source for cell in code_cells(read(path))]
    setup = "\n".join(sources[:3])
    helpers_import = setup.index("import mnist_helpers as helpers")
    assert helpers_import < setup.index("import keras"), "it starts TensorFlow quietly"
    assert helpers_import < setup.index("import tensorflow")
    for call in (
        "keras.utils.set_random_seed(42)",
        "tf.config.experimental.enable_op_determinism()",
        "helpers.describe_setup()",
    ):
        assert call in setup


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_the_kernel_is_named_as_ipykernel_installs_it(path):
    """Another display name makes JupyterLab mark the notebook modified on opening."""
    assert read(path).metadata.kernelspec == notebook_files.KERNELSPEC


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_test_markers_are_cell_tags_not_comments_a_learner_reads(path):
    for number, cell in enumerate(code_cells(read(path))):
        assert "NBVAL" not in cell.source, f"code cell {number}: use an nbval cell tag"
        for tag in cell.metadata.get("tags", []):
            assert tag in NBVAL_TAGS, f"code cell {number}: unknown tag {tag}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_committed_outputs_come_from_the_code_beside_them(path):
    """run_series.py records a hash of each notebook's code with the run that made its
    outputs: a change to the code after that run makes the outputs stale."""
    recorded = benchmark.load_results()["outputs"].get(path.stem)
    assert recorded, (
        "run python run_series.py (with --solutions for a solutions notebook)"
    )
    assert recorded["mode"] == "full", "commit the outputs of a full-mode run"
    assert recorded["code_sha256"] == execute.code_hash(read(path)), (
        "the code changed after the run that made these outputs: run it again"
    )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_printed_lines_fit_a_laptop_screen(path):
    """At 1280 px with the file browser open, JupyterLab shows about 88 characters.
    Keras's own epoch lines are longer, and stay as Keras prints them."""
    for number, cell in enumerate(code_cells(read(path))):
        for output in cell.outputs:
            if output.output_type != "stream" or output.name != "stdout":
                continue
            for line in output.text.splitlines():
                if not KERAS_EPOCH_LINE.match(line):
                    assert len(line) <= 88, f"code cell {number} printed: {line}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_is_small_and_holds_no_machine_paths(path):
    """No output names the machine that ran it: a traceback through an installed
    package prints the path of the virtual environment, which changes with every
    machine (the Chinese editions carry the same outputs, so they are checked too).
    The largest is 08, which shows 140 pictures and the photos its model misses."""
    for notebook in (path, path.with_name(f"{path.stem}.zh-CN.ipynb")):
        assert notebook.stat().st_size < 1_500_000
        text = json.dumps(
            [cell.get("outputs", []) for cell in read(notebook).cells
             if cell.get("outputs")]
        )
        found = MACHINE_PATH.search(text)
        assert not found, f"{notebook.name}: {found.group(0)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_lesson_has_a_solutions_notebook_that_links_back(path):
    solutions = path.with_name(f"{path.stem}_solutions.ipynb")
    assert solutions.exists(), f"missing {solutions.name}"
    notebook = read(solutions)
    assert notebook.cells[0].source.startswith(f"# {path.name[:2]} · Solutions")
    assert f"({path.name})" in notebook.cells[0].source, (
        "the solutions open with a link back to the lesson"
    )
    lesson_exercises = exercise_items(read(path))
    solved = [
        cell
        for cell in notebook.cells
        if cell.cell_type == "markdown" and cell.source.startswith("## Exercise")
    ]
    assert len(solved) == len(lesson_exercises), "one solution per exercise"
