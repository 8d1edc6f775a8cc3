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
