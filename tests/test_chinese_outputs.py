"""The Chinese notebooks show what their own code printed, in Chinese, in one full-mode
run of the Chinese edition (python run_series.py --chinese --solutions), and that run
found what the English run found: every number of a Chinese output is the English
output's, times excepted.
"""

import re
from collections import Counter

import nbformat
import pytest

from tools import benchmark, chinese_edition, colab, execute, project

ROOT = project.ROOT
ENGLISH = project.series_notebooks() + project.solution_notebooks()
RESULTS = benchmark.load_results()
# A number as printed: 60,000 · 0.9954 · 99.54% · -0.23 · 1e-05.
NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?(?:e-?\d+)?")
# Times, which change from run to run: a number of seconds, minutes or milliseconds,
# in either language (Keras's own lines too: "3s - ", "2ms/step"; 09's table: "123s" at
# a column's end), and a ratio of times. "nine 0s" and "real 9s:" are not times.
ENGLISH_TIME = re.compile(
    r"\d[\d,.]* (?:ms|s|sec|seconds?|min|minutes?|hours?)\b"
    r"|\d+(?:ms|s)(?= -|/step|$|  )"
    r"|\d[\d,.]*(?:seconds?|min|minutes?)\b|[\d.]+ times as long"
    r"|[\d.]+(?= to [\d.]+ s\b)",
    re.MULTILINE,
)
CHINESE_TIME = re.compile(
    r"\d[\d,.]* ?(?:(?:ms|s)\b|毫秒|秒|分钟|小时)|[=>] [\d.]+ ×"
    r"|[\d.]+(?= 到 [\d.]+ ?秒)"
)
# After 用时 (time taken) in a Chinese line, a ratio ("1.4 倍") is a ratio of times.
TIME_RATIO = re.compile(r"[\d.]+(?= ?倍)")
# Three English words in a row: a sentence, not a name.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2}")


def label(path):
    return path.stem


def printed(cell):
    """What a code cell showed as text: its printed lines and its results."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            text = output.get("data", {}).get("text/plain", "")
            if not text.startswith("<Figure size"):
                parts.append(text)
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
    return "\n".join(parts)


def without_time_ratio(line):
    """The line without the ratio after 用时 (time taken), if it has one."""
    before, taken, after = line.partition("用时")
    return before + taken + TIME_RATIO.sub(" ", after)


def numbers(text, times):
    if times is CHINESE_TIME:
        lines = text.split("\n")
        text = "\n".join(without_time_ratio(line) for line in lines)
    return Counter(NUMBER.findall(times.sub(" ", text)))


def pairs(path):
    english = nbformat.read(path, as_version=4)
    chinese = nbformat.read(project.chinese_path(path), as_version=4)
    return [
        (mine, theirs)
        for mine, theirs in zip(chinese.cells, english.cells, strict=True)
        if theirs.cell_type == "code" and not colab.is_colab_cell(theirs)
    ]


@pytest.mark.parametrize("path", ENGLISH, ids=label)
def test_the_chinese_outputs_come_from_a_full_run_of_the_chinese_code(path):
    chinese = project.chinese_path(path)
    recorded = RESULTS["outputs"].get(chinese.stem)
    assert recorded, "run python run_series.py --chinese --solutions"
    assert recorded["mode"] == "full", "commit the outputs of a full-mode run"
    notebook = nbformat.read(chinese, as_version=4)
    assert recorded["code_sha256"] == execute.code_hash(notebook), (
        "the Chinese code changed after the run that made its outputs: run "
        f"python run_series.py --chinese {path.stem}"
    )
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    for cell in cells:
        for output in cell.outputs:
            assert not (output.output_type == "stream" and output.name == "stderr")


@pytest.mark.parametrize("path", ENGLISH, ids=label)
def test_every_number_of_a_chinese_output_is_the_english_one(path):
    for mine, theirs in pairs(path):
        chinese = numbers(printed(mine), CHINESE_TIME)
        english = numbers(printed(theirs), ENGLISH_TIME)
        assert chinese == english, (
            f"cell {mine.id}: only in Chinese {dict(chinese - english)}, "
            f"only in English {dict(english - chinese)}"
        )


@pytest.mark.parametrize("path", ENGLISH, ids=label)
def test_the_course_speaks_chinese_in_the_chinese_outputs(path):
    """A line of English words in a Chinese output is one that the English run printed
    too, word for word: Python's or Keras's own, never the course's."""
    for mine, theirs in pairs(path):
        english_lines = set(printed(theirs).splitlines())
        for line in printed(mine).splitlines():
            if ENGLISH_WORDS.search(line):
                assert line in english_lines, f"cell {mine.id}: {line}"


def test_a_cell_whose_code_changed_shows_the_english_outputs_until_the_next_run(
    tmp_path,
):
    """The Chinese build keeps a cell's Chinese outputs only while the cell's code is
    the code that printed them."""
    path = ENGLISH[0]
    notebook = nbformat.read(path, as_version=4)
    committed = {
        cell.id: cell
        for cell in nbformat.read(project.chinese_path(path), as_version=4).cells
    }
    cells = [
        cell
        for cell in notebook.cells
        if cell.cell_type == "code"
        and not colab.is_colab_cell(cell)
        and cell.outputs != committed[cell.id].outputs  # printed in Chinese
    ]
    changed, kept = cells[0], cells[1]
    changed.source += "\nlen([])"
    copy = tmp_path / path.name
    nbformat.write(notebook, copy)
    # The copy's Chinese edition, as committed, sits beside it.
    (tmp_path / project.chinese_path(path).name).write_bytes(
        project.chinese_path(path).read_bytes()
    )
    built, _ = chinese_edition.build_chinese_notebook(copy, RESULTS)
    by_id = {cell.id: cell for cell in built.cells}
    assert by_id[changed.id].outputs == changed.outputs  # the English ones
    assert by_id[kept.id].outputs == committed[kept.id].outputs  # the Chinese ones
    assert by_id[kept.id].outputs != kept.outputs
