"""tools/results_text.py: every figure in the texts is written from benchmark.json."""

import nbformat
import pytest

from tools import benchmark, project, results_text

NOTEBOOKS = project.series_notebooks()


def read(path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_time_line_is_written_from_the_results_file(path):
    results = benchmark.load_results()
    expected = results_text.time_line(results, path.stem)
    assert expected in read(path).cells[0].source.splitlines()
    assert path.stem in results["notebooks"], (
        "run run_series.py (full and --quick) to measure this notebook"
    )


@pytest.mark.parametrize("document", ["README.md", "notebooks/instructor_guide.md"])
def test_results_sections_are_written_from_the_results_file(document):
    text = (project.ROOT / document).read_text()
    section = text.split(results_text.RESULTS_START, 1)[1].split(
        results_text.RESULTS_END, 1
    )[0]
    prefix = "" if document.startswith("notebooks/") else "notebooks/"
    expected = results_text.results_markdown(benchmark.load_results(), prefix)
    assert section.strip() == expected.strip()
    assert "Test accuracy" in section, (
        "run python run_series.py in full mode to measure the models"
    )


def test_goal_rows_put_each_goal_beside_what_was_measured():
    words = results_text.RESULTS_WORDS["en"]
    model = {"test_accuracy": 0.9958, "median_epoch_seconds": 20.0, "epochs": 20}
    goal = {"test_accuracy_goal": 0.996, "test_accuracy_floor": 0.995,
            "training_minutes_at_most": 6}
    results = {
        "models": {"m (06)": model},
        "notebooks": {"06_x": {"full": {"seconds": 1320.0}, "quick": {"seconds": 95}}},
        "goals": {"models": {"m (06)": goal}, "notebooks": {
            "06_x": {"full_minutes_at_most": 25, "quick_seconds_at_most": 90}}},
    }
    rows = results_text.goal_rows(results, words)
    assert rows == [
        "| m (06): test accuracy at least | 99.6% | 99.58% | no |",
        "| m (06): test accuracy at least (the floor) | 99.5% | 99.58% | yes |",
        "| m (06): minutes of training (median epoch × epochs) at most | 6 | 6.7 "
        "| no |",
        "| 06_x: the whole notebook, minutes at most | 25 | 22.0 | yes |",
        "| 06_x in quick mode: seconds at most | 90 | 95 | no |",
    ]


def test_the_committed_models_hold_their_floors():
    """The floor is the least a full-mode run may commit; the goal is what it aims for
    (README's goals table says whether it was met)."""
    results = benchmark.load_results()
    for model, goal in results["goals"]["models"].items():
        measured = results["models"][model]["test_accuracy"]
        assert measured >= goal["test_accuracy_floor"], (model, measured)
