"""The instructor guide's class times and lesson plan, written from the class-time rule.

Each lesson's core sections, with its exercises and its computer time, go into
sessions of SESSION_MINUTES in order; a lesson longer than the time left goes on in
the next session. The optional sections are listed apart.
"""

import math

from . import class_time
from .notebook_files import read
from .project import CHINESE, GUIDE, chinese_path, series_notebooks
from .results_text import replace_region

SESSION_MINUTES = 90
SETUP_MINUTES = 10  # the first session: everyone starts JupyterLab
SHORTEST_BLOCK = 15  # no lesson starts in the last minutes of a session
CLASS_TIMES = ("<!-- class times: written by run_series.py -->",
               "<!-- end of class times -->")
LESSON_PLAN = ("<!-- lesson plan: written by run_series.py -->",
               "<!-- end of lesson plan -->")
WORDS = {
    "en": {
        "rule": "Each lesson's class time is counted by one rule: its text read at "
        "{words} words a minute (a second-language reader's pace, about half the "
        "{native} words a minute of a native reader: Brysbaert 2019, \"How many words "
        "do we read per minute?\"), {code} minute for each code cell (read it, run it, "
        "look at the output), {exercise} minutes for each exercise, and the "
        "computer's full-mode time. Sections whose heading starts with \"Optional:\" "
        "are counted apart. `tools/class_time.py` applies the rule.",
        "times header": "| Notebook | Reading | Code cells | Exercises | Computer "
        "| Class time (core) | Optional sections |",
        "minutes": "{:.0f} min",
        "sessions": "{sessions} sessions of {minutes} minutes.",
        "plan header": "| Session | Minutes | What happens | Students run |",
        "setup": "Everyone starts JupyterLab (see *Before the first class*) and opens "
        "notebook 01.",
        "lesson": "{link}: the core sections and the exercises",
        "part": ", part {part} of {parts}",
        "optional header": "| Notebook | Optional in class |",
        "separator": ", ",
        "none": "–",
    },
    CHINESE: {
        "rule": "每课的课堂时间按同一条规则计算：正文按每分钟 {words} 个词阅读"
        "（以英语为第二语言的读者的速度，约为母语读者每分钟 {native} 个词的一半："
        "Brysbaert 2019，“How many words do we read per minute?”），"
        "每个代码单元格 {code} 分钟（读代码、运行、看输出），"
        "每道练习 {exercise} 分钟，再加上计算机在完整模式下的运行时间。"
        "标题以“选学：”开头的部分单独计算。"
        "`tools/class_time.py` 负责按这条规则计算。",
        "times header": "| 笔记本 | 阅读 | 代码单元格 | 练习 | 计算机 "
        "| 课堂时间（核心部分） | 选学部分 |",
        "minutes": "{:.0f} 分钟",
        "sessions": "共 {sessions} 次课，每次 {minutes} 分钟。",
        "plan header": "| 课次 | 分钟 | 内容 | 学生运行 |",
        "setup": "每个人启动 JupyterLab（见“第一次上课之前”），打开笔记本 01。",
        "lesson": "{link}：核心部分和练习",
        "part": "，第 {part} 部分（共 {parts} 部分）",
        "optional header": "| 笔记本 | 课堂上可以跳过的选学部分"
        "（括号里是英文版中的标题） |",
        "separator": "；",
        "none": "–",
    },
}


def title_of(path):
    """A lesson's title, from the first line of its first cell: "01 · Load ..."."""
    return read(path).cells[0].source.splitlines()[0].lstrip("# ").strip()


def optional_headings(path):
    """[(cell id, heading)] of the sections of a lesson that are optional."""
    found = []
    for cell in read(path).cells:
        for line in cell.source.splitlines() if cell.cell_type == "markdown" else []:
            if class_time.OPTIONAL_HEADING.match(line):
                found.append((cell.id, line.lstrip("#").strip()))
    return found


def rerun_minutes(parts):
    """The wait for a run of the lesson from the top, in whole minutes."""
    return math.ceil(parts["computer"])


def sessions(results):
    """[(session, minutes, lesson path or None, part, parts)]: the plan's blocks. In
    each block students first run the lesson from the top: a lesson that goes on in
    a new session is run again there, as the kernel forgot it."""
    rows = [(1, SETUP_MINUTES, None, 1, 1)]
    session, left = 1, SESSION_MINUTES - SETUP_MINUTES
    for path in series_notebooks():
        parts = class_time.minutes_of(path, results)
        if "core" not in parts:
            continue
        minutes = parts["core"]
        # A block must hold a run of the lesson from the top, and some teaching.
        smallest = max(SHORTEST_BLOCK, 5 * math.ceil((parts["computer"] + 1) / 5))
        blocks = []
        while minutes > 0:
            block = min(minutes, left)
            if 0 < minutes - block < smallest:  # leave enough for the next part
                block = minutes - smallest
            if block < min(smallest, minutes):  # too short: go on next session
                session, left = session + 1, SESSION_MINUTES
                continue
            blocks.append((session, block))
            minutes, left = minutes - block, left - block
            if left < SHORTEST_BLOCK:
                session, left = session + 1, SESSION_MINUTES
            if minutes > 0:  # the next part runs the lesson again: the kernel forgot
                minutes += rerun_minutes(parts)
        for number, (in_session, block) in enumerate(blocks, start=1):
            rows.append((in_session, block, path, number, len(blocks)))
    return rows


def class_times_markdown(results, language="en"):
    words = WORDS[language]
    rule = words["rule"].format(
        words=class_time.WORDS_PER_MINUTE, native=class_time.NATIVE_WORDS_PER_MINUTE,
        code=class_time.MINUTES_PER_CODE_CELL,
        exercise=class_time.MINUTES_PER_EXERCISE)
    lines = [rule, "", words["times header"], "|---|---|---|---|---|---|---|"]
    for path in series_notebooks():
        parts = class_time.minutes_of(path, results)
        if "core" not in parts:
            continue
        shown = path if language == "en" else chinese_path(path)
        cells = [parts["reading"], parts["code"], parts["exercises"],
                 parts["computer"], parts["core"], parts["optional"]]
        lines.append(f"| [{path.stem[:2]}]({shown.name}) | "
                     + " | ".join(words["minutes"].format(m) for m in cells) + " |")
    return "\n".join(lines)


def lesson_plan_markdown(results, language="en", titles=None, headings=None):
    """The plan's tables. `titles` {path: title} and `headings` {(path, cell id):
    heading} give the lessons' words in `language` (English: read from the lessons)."""
    words = WORDS[language]
    rows = sessions(results)
    count = rows[-1][0]
    lines = [words["sessions"].format(sessions=count, minutes=SESSION_MINUTES), "",
             words["plan header"], "|---|---|---|---|"]
    for session, minutes, path, part, parts in rows:
        if path is None:
            setup = f"| {session} | {minutes} | {words['setup']} | {words['none']} |"
            lines.append(setup)
            continue
        shown = path if language == "en" else chinese_path(path)
        title = (titles or {}).get(path) or title_of(path)
        what = words["lesson"].format(link=f"[{title}]({shown.name})")
        if parts > 1:
            what += words["part"].format(part=part, parts=parts)
        lines.append(f"| {session} | {minutes} | {what} | {path.stem[:2]} |")
    lines += ["", words["optional header"], "|---|---|"]
    for path in series_notebooks():
        named = []
        for cell_id, english in optional_headings(path):
            english = english.removeprefix("Optional: ")
            if language == "en":
                named.append(f'"{english}"')
            else:  # the Chinese heading, then the English one, as a term's first use
                chinese = (headings or {}).get((path, cell_id)) or english
                named.append(f"{chinese.removeprefix('选学：')}（{english}）")
        if named:
            lines.append(f"| {path.stem[:2]} | {words['separator'].join(named)} |")
    return "\n".join(lines)


def update_guide(results):
    """Write the class times and the lesson plan into the English instructor guide."""
    text = GUIDE.read_text(encoding="utf-8")
    updated = replace_region(text, *CLASS_TIMES, class_times_markdown(results))
    updated = replace_region(updated, *LESSON_PLAN, lesson_plan_markdown(results))
    if updated != text:
        GUIDE.write_text(updated, encoding="utf-8")

