"""How long a beginner needs in class for each lesson, counted by one stated rule.

The rule (the instructor guide states it too, in its section "Time"):
- reading: the words of the lesson's text at WORDS_PER_MINUTE, a second-language
  reader's pace, about half a native reader's NATIVE_WORDS_PER_MINUTE (Brysbaert 2019,
  "How many words do we read per minute?", Journal of Memory and Language 109);
- running: MINUTES_PER_CODE_CELL for each code cell (read it, run it, see its output);
- the exercises: MINUTES_PER_EXERCISE each;
- waiting: the notebook's full-mode computer time, as run_series.py measured it.
A section whose heading starts with "Optional:" is counted apart: a class may skip it.
"""

import math
import re

from .notebook_files import read
from .project import CHINESE

WORDS_PER_MINUTE = 100
NATIVE_WORDS_PER_MINUTE = 238  # Brysbaert 2019; WORDS_PER_MINUTE is about half
MINUTES_PER_CODE_CELL = 1
MINUTES_PER_EXERCISE = 10
OPTIONAL_HEADING = re.compile(r"^(#{2,3}) Optional: ")
HEADING = re.compile(r"^(#{1,3}) ")
# The lines run_series.py writes under a notebook's title: they are not read in class.
WRITTEN_LINE = re.compile(
    r"^(\*\*Computer time:\*\*|\*\*Class time:\*\*|\[!\[|\[中文版\])"
)
EXERCISE_ITEM = re.compile(r"^\d\. \*\*", re.MULTILINE)
CLASS_TIME_LINE = re.compile(r"^\*\*Class time:\*\*.*$", re.MULTILINE)
CLASS_TIME_WORDS = {
    "en": {
        "line": "**Class time:** about {core} minutes: reading, running the cells, the "
        "exercises and the computer's own time ([how it is counted]"
        "(instructor_guide.md#time)).",
        "optional": " The optional sections add about {optional} minutes.",
        "unmeasured": "**Class time:** not counted yet (run `python run_series.py`).",
    },
    CHINESE: {
        "line": "**课堂时间：** 约 {core} 分钟，包括阅读、运行单元格、做练习"
        "和等待计算机运行（[计算方法](instructor_guide.zh-CN.md#时间)）。",
        "optional": "选学部分另需约 {optional} 分钟。",
        "unmeasured": "**课堂时间：** 尚未计算（请运行 `python run_series.py`）。",
    },
}


def optional_cells(notebook):
    """For each cell, whether it lies in an optional section: from a heading that
    starts with "Optional:" down to the next heading of the same or a higher level."""
    flags, level = [], None  # level: of the optional heading we are under
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                heading = HEADING.match(line)
                if heading and (level is None or len(heading.group(1)) <= level):
                    optional = OPTIONAL_HEADING.match(line)
                    level = len(optional.group(1)) if optional else None
                    break
        flags.append(level is not None)
    return flags


def words(markdown):
    """The words of a markdown cell that a learner reads, without the written lines."""
    lines = [line for line in markdown.splitlines() if not WRITTEN_LINE.match(line)]
    return len(" ".join(lines).split())


def minutes_of(path, results):
    """The rule's parts for the lesson at `path`, in minutes (not rounded), and the
    core and optional totals, rounded up to whole minutes (core: to 5 minutes)."""
    notebook = read(path)
    parts = {"reading": 0.0, "code": 0.0, "optional reading": 0.0, "optional code": 0}
    for cell, optional in zip(notebook.cells, optional_cells(notebook), strict=True):
        prefix = "optional " if optional else ""
        if cell.cell_type == "markdown":
            parts[prefix + "reading"] += words(cell.source) / WORDS_PER_MINUTE
        elif "google.colab" not in cell.source:  # the Colab cell does nothing here
            parts[prefix + "code"] += MINUTES_PER_CODE_CELL
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    exercises = text.split("## Exercises", 1)[-1].split("## Check your", 1)[0]
    parts["exercises"] = len(EXERCISE_ITEM.findall(exercises)) * MINUTES_PER_EXERCISE
    seconds = results["notebooks"].get(path.stem, {}).get("full", {}).get("seconds")
    parts["computer"] = seconds / 60 if seconds is not None else None
    if seconds is None:
        return parts
    core = parts["reading"] + parts["code"] + parts["exercises"] + parts["computer"]
    parts["core"] = 5 * math.ceil(core / 5)
    parts["optional"] = math.ceil(parts["optional reading"] + parts["optional code"])
    return parts


def class_time_line(path, results, language="en"):
    """The "Class time" line under a lesson's title."""
    parts, words_of = minutes_of(path, results), CLASS_TIME_WORDS[language]
    if "core" not in parts:
        return words_of["unmeasured"]
    line = words_of["line"].format(core=parts["core"])
    if parts["optional"]:
        line += words_of["optional"].format(optional=parts["optional"])
    return line
