"""Write the measured results into the texts, in English and in Chinese.

The time lines under each notebook's title, and the regions of README.md and of the
instructor guide that run_series.py writes: no figure in them is typed by hand.
"""

import re
import sys

from . import class_time
from .notebook_files import read, write
from .project import CHINESE, GUIDE, NOTEBOOKS, README, chinese_path, series_notebooks

# The duration a learner is told ("about 2 min"), in the words of the course's code.
sys.path.insert(0, str(NOTEBOOKS))
from course.measured_times import describe_time  # noqa: E402

TIME_LINE = re.compile(r"^\*\*Computer time:\*\*.*$", re.MULTILINE)
RESULTS_START = "<!-- results: written by run_series.py -->"
RESULTS_END = "<!-- end of results -->"
VERSIONS_START = "<!-- other versions: written by run_series.py -->"
VERSIONS_END = "<!-- end of other versions -->"
# Every region of a document that this script writes: <!-- NAME: written by ... -->
# up to <!-- end of NAME -->. Nothing between those markers is written by hand.
WRITTEN_REGION = re.compile(
    r"<!-- ([\w ]+): written by run_series\.py -->.*?<!-- end of \1 -->", re.DOTALL
)


def machine_line(results, mode):
    machine = results["machines"].get(mode, {})
    return machine.get("description", "unknown machine")


TIME_LINE_WORDS = {
    "en": "**Computer time:** {full} in full mode, {quick} in quick mode "
    "({machine}; measured by `run_series.py`).",
    CHINESE: "**计算时间：** 完整模式{full}，快速模式{quick}"
    "（{machine}；由 `run_series.py` 测量）。",
}


def time_line(results, name, language="en"):
    measured = results["notebooks"].get(name, {})
    full, quick = (measured.get(mode, {}).get("seconds") for mode in ("full", "quick"))
    if full is None and quick is None and language == "en":
        return "**Computer time:** not measured yet (run `python run_series.py`)."
    machine = machine_line(
        results, "full" if "full" in results["machines"] else "quick"
    )
    def duration(seconds):
        return describe_time(seconds, language)

    return TIME_LINE_WORDS[language].format(
        full=duration(full), quick=duration(quick), machine=machine
    )


def update_time_lines(results):
    """Write the "Computer time" and "Class time" lines under each lesson's title."""
    for path in series_notebooks():
        notebook = read(path)
        first = notebook.cells[0]
        updated = TIME_LINE.sub(time_line(results, path.stem), first.source)
        class_line = class_time.class_time_line(path, results)
        updated = class_time.CLASS_TIME_LINE.sub(class_line, updated)
        if updated != first.source:
            first.source = updated
            write(notebook, path)


# The words of the results sections, in English and in Chinese.
RESULTS_WORDS = {
    "en": {
        "notebooks": "| Notebook | Full mode | Quick mode | Peak memory (full) |",
        "models": "| Model (full mode) | Test accuracy (95% interval) | Parameters "
        "| Training time | Epochs | Median epoch |",
        "goals": "| Goal (full mode, this machine) | Goal | Measured | Met |",
        "goal rows": {
            "goal": "{model}: test accuracy at least",
            "floor": "{model}: test accuracy at least (the floor)",
            "minutes": "{model}: minutes of training (median epoch × epochs) at most",
            "notebook": "{notebook}: the whole notebook, minutes at most",
            "quick": "{notebook} in quick mode: seconds at most",
        },
        "met": {True: "yes", False: "no"},
        "seconds": "{:.0f} s",
        "machine": "- {mode} mode measured on {description}{onednn}, TensorFlow "
        "{tensorflow}, Python {python}, on {date}.",
        "full": "full",
        "quick": "quick",
        "onednn": {True: ", oneDNN on", False: ", oneDNN off"},
        "pinned": "- Python {version}, pinned versions: {counts}",
        "newest": "- Newest releases: TensorFlow {tensorflow} and Keras {keras}, "
        "Python {python}: {counts}",
        "counts": "{passed} passed, {failed} failed, {error} errors, on {date}.",
        "unchecked": "Not checked yet: run `.ci/other-versions`.",
    },
    CHINESE: {
        "notebooks": "| 笔记本 | 完整模式 | 快速模式 | 内存峰值（完整模式） |",
        "models": "| 模型（完整模式） | 测试集准确率（95% 区间） | 参数个数 | 训练时间 "
        "| 轮数 | 每轮时间（中位数） |",
        "goals": "| 目标（完整模式，这台机器） | 目标 | 测得 | 达到 |",
        "goal rows": {
            "goal": "{model}：测试准确率至少为",
            "floor": "{model}：测试准确率至少为（底线）",
            "minutes": "{model}：训练分钟数（每轮中位数 × 轮数）至多为",
            "notebook": "{notebook}：整个笔记本的分钟数至多为",
            "quick": "{notebook}（快速模式）：秒数至多为",
        },
        "met": {True: "是", False: "否"},
        "seconds": "{:.0f} 秒",
        "machine": "- {mode}的测量机器：{description}{onednn}，"
        "TensorFlow {tensorflow}，Python {python}，测于 {date}。",
        "full": "完整模式",
        "quick": "快速模式",
        "onednn": {True: "，oneDNN 开启", False: "，oneDNN 关闭"},
        "pinned": "- Python {version}，固定版本：{counts}",
        "newest": "- 最新版本：TensorFlow {tensorflow}、Keras {keras}，"
        "Python {python}：{counts}",
        "counts": "{passed} 项通过，{failed} 项失败，{error} 项出错，测于 {date}。",
        "unchecked": "尚未检查：请运行 `.ci/other-versions`。",
    },
}


def results_markdown(results, link_prefix="notebooks/", language="en"):
    words = RESULTS_WORDS[language]
    def duration(seconds):
        return describe_time(seconds, language)

    lines = [words["notebooks"], "|---|---|---|---|"]
    for path in series_notebooks():
        measured = results["notebooks"].get(path.stem, {})
        full, quick = measured.get("full", {}), measured.get("quick", {})
        memory = full.get("peak_memory_bytes")
        shown = path if language == "en" else chinese_path(path)
        lines.append(
            f"| [{path.stem}]({link_prefix}{shown.name}) | "
            f"{duration(full.get('seconds'))} "
            f"| {duration(quick.get('seconds'))} | "
            f"{f'{memory / 2**20:.0f} MiB' if memory else '–'} |"
        )
    if results["models"]:
        lines += ["", words["models"], "|---|---|---|---|---|---|"]
        for name, metrics in results["models"].items():
            median = metrics.get("median_epoch_seconds")
            low, high = accuracy_interval(metrics["test_accuracy"])
            training = median * metrics["epochs"] if median else None
            lines.append(
                f"| {name} | {metrics['test_accuracy']:.2%} ({low:.2%}–{high:.2%}) | "
                f"{metrics['parameters']:,} | "
                f"{duration(training)} | {metrics['epochs']} | "
                f"{words['seconds'].format(median) if median else '–'} |"
            )
    goals = goal_rows(results, words)
    if goals:
        lines += ["", words["goals"], "|---|---|---|---|", *goals]
    lines.append("")
    for mode, machine in sorted(results["machines"].items()):
        lines.append(
            words["machine"].format(
                mode=words[mode],
                **{**machine, "onednn": words["onednn"].get(machine.get("onednn"), "")},
            )
        )
    return "\n".join(lines)


def accuracy_interval(accuracy):
    """The 95% interval of a test accuracy on MNIST's 10,000 test images, by the helper
    that notebook 05 teaches (imported here, not above: the lessons' module starts
    TensorFlow, which the other tools that import this script do not need)."""
    from mnist_helpers import accuracy_interval as lessons_interval

    return lessons_interval(accuracy)


def goal_rows(results, words):
    """The table rows of the goals in benchmark.json, each beside what was measured."""
    rows, names = [], words["goal rows"]
    for model, goal in results.get("goals", {}).get("models", {}).items():
        metrics = results["models"].get(model)
        if not metrics:
            continue
        accuracy = metrics["test_accuracy"]
        minutes = metrics["median_epoch_seconds"] * metrics["epochs"] / 60
        for key in ("goal", "floor"):
            wanted = goal[f"test_accuracy_{key}"]
            rows.append(f"| {names[key].format(model=model)} | {wanted:.1%} "
                        f"| {accuracy:.2%} | {words['met'][accuracy >= wanted]} |")
        wanted = goal["training_minutes_at_most"]
        rows.append(f"| {names['minutes'].format(model=model)} | {wanted} "
                    f"| {minutes:.1f} | {words['met'][minutes <= wanted]} |")
    for notebook, goal in results.get("goals", {}).get("notebooks", {}).items():
        measured = results["notebooks"].get(notebook, {})
        full = measured.get("full", {}).get("seconds")
        quick = measured.get("quick", {}).get("seconds")
        if full is not None and "full_minutes_at_most" in goal:
            wanted = goal["full_minutes_at_most"]
            rows.append(f"| {names['notebook'].format(notebook=notebook)} | {wanted} "
                        f"| {full / 60:.1f} | {words['met'][full / 60 <= wanted]} |")
        if quick is not None and "quick_seconds_at_most" in goal:
            wanted = goal["quick_seconds_at_most"]
            rows.append(f"| {names['quick'].format(notebook=notebook)} | {wanted} "
                        f"| {quick:.0f} | {words['met'][quick <= wanted]} |")
    return rows


def other_versions_markdown(results, language="en"):
    """What `.ci/other-versions` found with other Pythons and with the newest
    TensorFlow and Keras, one line each."""
    words = RESULTS_WORDS[language]
    checks = results.get("other_pythons", {})
    lines = []
    for version in sorted(checks, key=lambda text: tuple(map(int, text.split(".")))):
        outcome = words["counts"].format(**checks[version])
        lines.append(words["pinned"].format(version=version, counts=outcome))
    newest = results.get("newest_versions")
    if newest:
        outcome = words["counts"].format(**newest)
        lines.append(words["newest"].format(**{**newest, "counts": outcome}))
    return "\n".join(lines) or words["unchecked"]


def replace_region(text, start, end, content):
    """The text with what lies between the markers `start` and `end` replaced."""
    if start not in text or end not in text:
        return text
    before, rest = text.split(start, 1)
    return f"{before}{start}\n{content}\n{end}{rest.split(end, 1)[1]}"


def update_results_sections(results):
    """Rewrite the marked regions of README.md and of the instructor guide."""
    for document, prefix in ((README, "notebooks/"), (GUIDE, "")):
        if not document.exists():
            continue
        text = document.read_text(encoding="utf-8")
        section = results_markdown(results, link_prefix=prefix)
        updated = replace_region(text, RESULTS_START, RESULTS_END, section)
        versions = other_versions_markdown(results)
        updated = replace_region(updated, VERSIONS_START, VERSIONS_END, versions)
        if updated != text:
            document.write_text(updated, encoding="utf-8")
