"""tools/lesson_plan.py: the instructor guide's lesson plan is made of the class times,
fits its sessions, and names the lessons' optional sections as their headings do."""

import re

import nbformat

from tools import benchmark, class_time, lesson_plan, project, results_text

GUIDE = project.GUIDE


def region(text, start, end):
    return text.split(start, 1)[1].split(end, 1)[0]


def table_rows(text):
    """The cells of each row of the markdown tables in `text`, header rows left out."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]
    headers = {"Session", "Notebook"}
    return [row for row in rows if not set(row[0]) <= {"-"} and row[0] not in headers]


def plan_rows():
    text = region(GUIDE.read_text(encoding="utf-8"), *lesson_plan.LESSON_PLAN)
    return [row for row in table_rows(text) if len(row) == 4]


def test_the_guide_holds_what_the_run_script_writes():
    results = benchmark.load_results()
    text = GUIDE.read_text(encoding="utf-8")
    for (start, end), expected in [
        (lesson_plan.CLASS_TIMES, lesson_plan.class_times_markdown(results)),
        (lesson_plan.LESSON_PLAN, lesson_plan.lesson_plan_markdown(results)),
    ]:
        assert region(text, start, end).strip() == expected.strip(), (
            "run python run_series.py --no-run"
        )
    assert results_text.WRITTEN_REGION.search(text)


def test_the_lesson_plan_fits_its_sessions_and_the_measured_times():
    """Each session of the plan adds up to at most 90 minutes, and each block in which
    students run a whole notebook lasts longer than its measured full-mode time."""
    results = benchmark.load_results()
    rows = plan_rows()
    assert rows, "the lesson plan has no table"
    sessions = {}
    for session, minutes, what, runs in rows:
        sessions[int(session)] = sessions.get(int(session), 0) + int(minutes)
        if runs == "–":
            continue
        stem = next(
            path.stem for path in project.series_notebooks() if path.stem[:2] == runs
        )
        measured = results["notebooks"].get(stem, {}).get("full", {}).get("seconds")
        assert measured, f"{stem} has no full-mode time: run run_series.py"
        assert int(minutes) * 60 > measured, (
            f"session {session}: '{what}' gives {minutes} min to notebook {runs}, "
            f"which takes {measured / 60:.1f} min in full mode"
        )
    assert sorted(sessions) == list(range(1, len(sessions) + 1))
    assert all(total <= lesson_plan.SESSION_MINUTES for total in sessions.values())


def test_every_lesson_gets_its_whole_class_time_and_a_wait_for_each_run_again():
    results = benchmark.load_results()
    given, blocks = {}, {}
    for _, minutes, _, runs in plan_rows():
        if runs != "–":
            given[runs] = given.get(runs, 0) + int(minutes)
            blocks[runs] = blocks.get(runs, 0) + 1
    for path in project.series_notebooks():
        parts = class_time.minutes_of(path, results)
        number = path.stem[:2]
        reruns = (blocks[number] - 1) * lesson_plan.rerun_minutes(parts)
        assert given.get(number) == parts["core"] + reruns, path.stem


def test_the_optional_sections_named_in_the_plan_are_headings_of_the_lessons():
    text = region(GUIDE.read_text(encoding="utf-8"), *lesson_plan.LESSON_PLAN)
    rows = [row for row in table_rows(text) if len(row) == 2]
    named = {number: re.findall(r'"([^"]+)"', sections) for number, sections in rows}
    for path in project.series_notebooks():
        notebook = nbformat.read(path, as_version=4)
        optional = [
            class_time.OPTIONAL_HEADING.sub("", line)
            for cell in notebook.cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if class_time.OPTIONAL_HEADING.match(line)
        ]
        assert named.get(path.stem[:2], []) == optional, path.stem
