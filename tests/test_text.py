"""The words of the series: no result typed by hand, one spelling, working links."""

import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from tools import project, results_text

ROOT = project.ROOT
ALL_NOTEBOOKS = project.series_notebooks() + project.solution_notebooks()
DOCUMENTS = [
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    ROOT / "notebooks" / "instructor_guide.md",
    ROOT / "data" / "README.md",
    ROOT / "data" / "samples" / "README.md",
]

# What states a result: a percentage, a time, a comparison or a verdict. In hand-written
# text such a statement goes stale when a re-run changes the result, so results are
# printed by code, or written into the text by run_series.py from benchmark.json.
RESULT_LIKE = re.compile(
    r"\d+(\.\d+)?\s?%"
    r"|\b\d+(\.\d+)? (s|seconds?|min|minutes?|hours?)\b"
    r"|\b\d+(\.\d+)?(min|minutes?|hours?)\b"
    r"|\b(faster|slower|quicker|better|worse|worst|beats?|won|wins|outperforms?"
    r"|hardly|much (shorter|longer|higher|lower|larger|smaller)|more accurate"
    r"|less accurate|times as (fast|slow|long)|improv\w*)\b",
    re.IGNORECASE,
)
# Lines that state no result of a run: the lines run_series.py writes (the computer
# and class times, the badge), and the links to the previous and next notebooks.
NOT_RESULTS = re.compile(
    r"^(\*\*Computer time:\*\*|\[!\[Open in Colab\]|\*\*Class time:\*\*"
    r"|\*\*Previous:\*\*|\*\*Next:\*\*|\*\*Back to the lesson:\*\*)"
)
# A name is not a verdict: "the better CNN" is what notebook 06 calls its model, and a
# "95% interval" is the name of what notebook 05 computes.
NAMES = re.compile(r"better CNN|better_cnn|95% interval")
# Sections that are a plan, in minutes of class time, not a result of any run.
PLANS = {("instructor_guide.md", "## A lesson plan")}
# The justified exceptions: (file, words), each with its reason. Keep this list short.
JUSTIFIED = {
    ("README.md", "flags percentages, times and words"): "names what this test flags",
    ("instructor_guide.md", "0.95% (0.8%"): "quoted from the 1998 paper",
    ("01_load_and_explore.ipynb", "(0.089 becomes 8.9%)"): "shows a format, no result",
    ("05_lenet.ipynb", "(99.0% and 98.0% differ by 1 point"): "defines a point",
    ("03_dense_baseline.ipynb", "more than 10% higher than the lowest"): (
        "states the rule that report_overfitting applies (rise > 0.1), not a result"
    ),
}

ISE = r"is(e|es|ed|ing|ation|ations)"  # -ise where US English writes -ize
BRITISH = re.compile(
    rf"\b(centre[sd]?|centring|colour\w*|normal{ISE}|recogn{ISE}|recognisable|labell\w*"
    rf"|behaviour|organ{ISE}|greyscale|grey|summar{ISE}|favour\w*|neighbour\w*"
    rf"|general{ISE}|optim{ISE}|analys(e|ed|ing)|modell\w*|travell\w*|judgement)\b"
)


def markdown_lines(path):
    """(where, line) for each hand-written line of a notebook's markdown or a text."""
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        for number, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown":
                for line in cell.source.splitlines():
                    if "`" in line:  # code such as `:.1%` is not a claim
                        line = re.sub(r"`[^`]*`", "", line)
                    yield f"{path.name} cell {number}", line
        return
    text = path.read_text()
    text = results_text.WRITTEN_REGION.sub("", text)  # what run_series.py writes
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # commands, not claims
    for line in text.splitlines():
        yield path.name, line


@pytest.mark.parametrize(
    "path", ALL_NOTEBOOKS + DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT))
)
def test_no_result_is_typed_by_hand(path):
    found, in_plan = [], False
    for where, line in markdown_lines(path):
        if line.startswith("## "):
            in_plan = any(
                path.name == name and line.startswith(start) for name, start in PLANS
            )
        if in_plan or NOT_RESULTS.match(line.strip()):
            continue
        if any(path.name == name and words in line for name, words in JUSTIFIED):
            continue
        for match in RESULT_LIKE.finditer(NAMES.sub("", line)):
            found.append(f"{where}: {match.group(0)!r} in: {line.strip()}")
    assert not found, (
        "print it from code, or have run_series.py write it:\n" + "\n".join(found)
    )


# A finding is a sentence made from the results, not a pointer to where they are.
POINTER = re.compile(
    r"\b(printed|shown|lines|counts|numbers|outputs?|results?) above\b|\bsee above\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.name)
def test_no_finding_is_left_to_a_pointer(path):
    found = [f"{where}: {line.strip()}" for where, line in markdown_lines(path)
             if POINTER.search(line)]
    assert not found, (
        "say the finding in a sentence printed by code:\n" + "\n".join(found)
    )


def test_the_pointer_check_catches_what_it_is_for():
    for sentence in ("As printed above, Adam wins.", "The counts above show it.",
                     "See above."):
        assert POINTER.search(sentence), sentence
    assert not POINTER.search("It gives exactly the arrays of the two steps above:")


def test_the_flagging_catches_what_it_is_for():
    for sentence in (
        "Batch 128 matters so much: epochs are much shorter.",
        "The model reaches 99.38% on the test set.",
        "It took 3.1 s per epoch.",
        "So here the change hardly matters.",
        "Adam beats SGD.",
    ):
        assert RESULT_LIKE.search(sentence), sentence
    assert not RESULT_LIKE.search(
        "Dropout sets each input to zero with probability 0.2."
    )


def tracked_text_files():
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True
    ).stdout.split()
    if not listed:
        pytest.skip("needs a git checkout of the project")
    suffixes = {".py", ".md", ".ipynb", ".toml", ".txt", ".yml"}
    return [ROOT / name for name in listed if Path(name).suffix in suffixes]


def test_one_spelling_throughout_us_english():
    """The code says `center` and `color`, so the text does too."""
    found = []
    for path in tracked_text_files():
        if not path.exists() or path == Path(__file__).resolve():
            continue  # this file names the spellings it looks for
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for match in BRITISH.finditer(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT))
)
def test_links_in_the_documents_resolve(document):
    text = document.read_text()
    for target in re.findall(r"\]\((?!https?:|mailto:)([^)#\s]+)", text):
        assert (document.parent / target).exists(), f"broken link to {target}"
