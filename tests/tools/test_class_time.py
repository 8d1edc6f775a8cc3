"""tools/class_time.py: the class time of a lesson, counted by its stated rule, stands
under the lesson's title."""

import nbformat
import pytest

from tools import benchmark, class_time, project


def lesson(tmp_path, cells, name="99_a_lesson.ipynb"):
    """A lesson notebook made of `cells` ("markdown text" or ("code", "source"))."""
    notebook = nbformat.v4.new_notebook()
    for cell in cells:
        if isinstance(cell, tuple):
            notebook.cells.append(nbformat.v4.new_code_cell(cell[1]))
        else:
            notebook.cells.append(nbformat.v4.new_markdown_cell(cell))
    path = tmp_path / name
    nbformat.write(notebook, path)
    return path


def test_the_rule_counts_words_code_cells_exercises_and_the_computer(tmp_path):
    words = " ".join(["word"] * 250)
    path = lesson(tmp_path, [
        f"# 99 · A lesson\n\n**Computer time:** about 6 s\n\n{words}",
        ("code", "print(1)"),
        ("code", 'if "google.colab" in sys.modules: pass'),  # the Colab cell
        "## Optional: more\n\n" + " ".join(["extra"] * 93),
        ("code", "print(2)"),
        "### Still optional\n\ntext",
        "## Exercises\n\n1. **Predict.** one\n\n2. **Modify.** two",
        ("code", "print(3)"),
    ])
    results = {"notebooks": {path.stem: {"full": {"seconds": 150}}}}
    parts = class_time.minutes_of(path, results)
    # Words: "# 99 · A lesson" and the 250; the exercises' cell; not the time line.
    assert parts["reading"] == pytest.approx((5 + 250 + 8) / 100)
    assert parts["code"] == 2 and parts["optional code"] == 1
    assert parts["optional reading"] == pytest.approx((3 + 93 + 4) / 100)
    assert parts["exercises"] == 2 * class_time.MINUTES_PER_EXERCISE
    assert parts["computer"] == 2.5
    core = parts["reading"] + parts["code"] + parts["exercises"] + parts["computer"]
    assert parts["core"] % 5 == 0 and core <= parts["core"] < core + 5
    assert parts["optional"] == 2
    line = class_time.class_time_line(path, results)
    assert line.startswith(f"**Class time:** about {parts['core']} minutes")
    assert line.endswith("The optional sections add about 2 minutes.")


def test_an_optional_section_ends_at_the_next_heading_of_its_level(tmp_path):
    path = lesson(tmp_path, [
        "# 99 · A lesson", "## Core", "### Optional: a detail", "text",
        "#### deeper, still optional", "### Back in the core", "## Optional: a part",
        "### inside the part", "## Summary",
    ])
    flags = class_time.optional_cells(nbformat.read(path, as_version=4))
    assert flags == [False, False, True, True, True, False, True, True, False]


def test_an_unmeasured_lesson_says_so(tmp_path):
    path = lesson(tmp_path, ["# 99 · A lesson"])
    line = class_time.class_time_line(path, {"notebooks": {}})
    assert line == class_time.CLASS_TIME_WORDS["en"]["unmeasured"]


@pytest.mark.parametrize("path", project.series_notebooks(), ids=lambda p: p.stem)
def test_each_lesson_states_its_class_time_under_its_title(path):
    expected = class_time.class_time_line(path, benchmark.load_results())
    opening = nbformat.read(path, as_version=4).cells[0].source
    assert expected in opening.splitlines(), "run python run_series.py --no-run"
