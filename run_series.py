"""Run the notebooks in order, headlessly and in place, and record what each one cost.

    python run_series.py              # full mode, what a learner runs; commit this
    python run_series.py --quick      # quick mode: fewer epochs, less data
    python run_series.py 03 04        # only the notebooks whose names start with 03, 04
    python run_series.py --solutions  # the solution notebooks too (run, not timed)
    python run_series.py --no-run     # run nothing; rewrite what comes from results

Each notebook's wall time and the peak memory of its kernel go into
notebooks/benchmark.json, with the machine they were measured on (CPU model, instruction
set) and a hash of the notebook's code, so a test can tell when committed outputs no
longer come from the code beside them. The metrics files the notebooks save are
collected there too. From that file the script rewrites the results sections of
README.md and of the instructor guide and the "Computer time" line of every notebook:
no figure in the text is typed by hand. It also writes, from pyproject.toml, every
notebook's Colab badge and Colab cell, and, from the lessons' cells marked #@save, the
code they taught into notebooks/mnist_helpers.py and notebooks/digit_image.py.
"""

import argparse
import datetime
import hashlib
import io
import json
import os
import platform
import re
import subprocess
import sys
import time
import tokenize
import tomllib
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent
NOTEBOOKS = ROOT / "notebooks"
RESULTS = NOTEBOOKS / "benchmark.json"
README = ROOT / "README.md"
GUIDE = NOTEBOOKS / "instructor_guide.md"
CHINESE = "zh-CN"  # the language of the Chinese edition, in file names
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
SETTINGS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "mnist-series"
]
GITHUB_REPOSITORY = re.compile(r"https://github\.com/[\w.-]+/[\w-]+")
COLAB_BADGE = re.compile(r"^\[!\[Open in Colab\]\(.*$", re.MULTILINE)
# What ipykernel installs: a notebook that names another kernel display name is marked
# modified as soon as JupyterLab opens it, and autosave rewrites the tracked file.
KERNELSPEC = {
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "name": "python3",
}

# The first code cell of every notebook. On Colab only, it fetches the project (helper
# modules, sample images, requirements.txt) and moves into its notebooks folder; on any
# other machine it does nothing. It is collapsed in JupyterLab and VS Code
# (jupyter.source_hidden) and shown as a form on Colab (#@title and cellView "form").
# `!` runs a shell command and shows its messages, so a failed download says why, and
# os.chdir then stops the cell.
COLAB_CELL = """\
#@title On Colab only: fetch this course's files (click to see the code)
import os
import sys

# Where the course is stored online (set in pyproject.toml):
REPOSITORY_URL = "{repository}"
BRANCH = "{branch}"
if "google.colab" in sys.modules and not os.path.exists("mnist_helpers.py"):
    folder = REPOSITORY_URL.split("/")[-1]  # the repository's name
    if not os.path.exists(f"{{folder}}/notebooks/mnist_helpers.py"):  # not fetched yet
        !git clone --quiet --depth=1 --branch={{BRANCH}} {{REPOSITORY_URL}} {{folder}}
    os.chdir(f"{{folder}}/notebooks")  # where mnist_helpers.py and the notebooks are
    print("On Colab: the course's files are here. Working in", os.getcwd())"""
COLAB_CELL_METADATA = {"cellView": "form", "jupyter": {"source_hidden": True}}

# Where the code cells marked #@save go: the module, and the lessons whose cells fill
# it.
SAVE_MARK = "#@save"
SAVED_CODE = {"mnist_helpers.py": ("02", "03", "04", "06"), "digit_image.py": ("08",)}
# mnist_helpers.py is written by hand down to this line; the saved cells follow it.
HELPERS_REGION = "# Code taught in the lessons, copied from their cells marked #@save"
DIGIT_IMAGE_HEADER = '''\
"""Turn a photo of one handwritten digit into a 28 x 28 input like MNIST's.

Notebook 08 teaches these steps, one per cell; run_series.py copies its cells marked
#@save into this file, so the lesson and this module are the same code. Do not edit it
here: edit the cell in notebook 08, then run `python run_series.py --no-run`.
tests/test_digit_image.py checks every step.
"""
'''

# Run in the kernel after the last cell, then removed: peak memory and what it ran on.
PROBE = """\
import json, platform, sys
import mnist_helpers as _helpers
import tensorflow as _tf
try:
    import resource
    _peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _peak *= 1 if sys.platform == "darwin" else 1024
except ImportError:  # Windows has no resource module
    _peak = None
_gpus = [gpu.name for gpu in _tf.config.list_physical_devices("GPU")]
print(json.dumps({"peak_memory_bytes": _peak, "gpus": _gpus, "onednn": _helpers.ONEDNN,
                  "tensorflow": _tf.__version__, "python": platform.python_version()}))
"""

sys.path.insert(0, str(NOTEBOOKS))
from mnist_helpers import describe_time  # noqa: E402


def series_notebooks():
    """The lesson notebooks, in order: notebooks/NN_name.ipynb (in English)."""
    lessons = NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")
    return sorted(
        path
        for path in lessons
        if not path.stem.endswith("solutions") and not is_chinese_edition(path)
    )


def solution_notebooks():
    """The solution notebooks, in order: notebooks/NN_name_solutions.ipynb."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*_solutions.ipynb"))


def is_chinese_edition(path):
    """notebooks/NN_name.zh-CN.ipynb, built from notebooks/NN_name.ipynb."""
    return Path(path).stem.endswith(f".{CHINESE}")


def read(path):
    return nbformat.read(path, as_version=4)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def without_widgets(notebook):
    """The notebook without live widgets: a widget needs its kernel, so a committed
    notebook, reopened, would show an error in its place. What stays is the widget's
    plain-text form, which says how to get it back (drawing_pad.NOT_RUNNING)."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return notebook


def notebook_text(notebook):
    """A notebook as this project saves it: ipykernel's kernelspec, no widget state."""
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    return nbformat.writes(without_widgets(notebook)) + "\n"


def write(notebook, path):
    Path(path).write_text(notebook_text(notebook), encoding="utf-8")


# --------------------------------------------------------------------------------------
# Colab: the badge under each title and the first code cell
# --------------------------------------------------------------------------------------


def checked_repository():
    """The repository address from pyproject.toml, of the form Colab's links need."""
    if not GITHUB_REPOSITORY.fullmatch(SETTINGS["repository"]):
        raise SystemExit(
            f"pyproject.toml: repository = {SETTINGS['repository']!r} is not of the "
            "form https://github.com/owner/name, which Colab's links need."
        )
    return SETTINGS["repository"]


def colab_badge(path):
    """The "Open in Colab" badge of a notebook: a link to its copy in the repository."""
    repository = checked_repository().removeprefix("https://github.com/")
    link = (
        f"https://colab.research.google.com/github/{repository}/blob/"
        f"{SETTINGS['branch']}/notebooks/{path.name}"
    )
    image = "https://colab.research.google.com/assets/colab-badge.svg"
    return f"[![Open in Colab]({image})]({link})"


def chinese_link(path):
    """The line under an English notebook's badge: a link to its Chinese edition."""
    return f"[中文版]({chinese_path(path).name})"


def colab_cell():
    return COLAB_CELL.format(repository=checked_repository(), branch=SETTINGS["branch"])


def is_colab_cell(cell):
    return (
        cell.cell_type == "code"
        and "google.colab" in cell.source
        and ("REPOSITORY_URL" in cell.source)
    )


def pin(reference):
    """Point the Colab badges and cells at `reference`, a tag or a branch, so that a
    class gets the same course all term: written into pyproject.toml here, then into
    every notebook by update_colab_parts()."""
    if not re.fullmatch(r"\w[\w.-]*", reference):
        raise SystemExit(
            f"--pin {reference!r}: give a tag or branch name, like fall-2026"
        )
    settings = ROOT / "pyproject.toml"
    text, count = re.subn(
        r'^branch = ".*"$',
        f'branch = "{reference}"',
        settings.read_text(encoding="utf-8"),
        flags=re.M,
    )
    if count != 1:
        raise SystemExit(
            "pyproject.toml: no line `branch = ...` in [tool.mnist-series]"
        )
    settings.write_text(text, encoding="utf-8")
    SETTINGS["branch"] = reference


def update_colab_parts():
    """Write each notebook's badge and Colab cell from the address in pyproject.toml."""
    for path in series_notebooks() + solution_notebooks():
        notebook = read(path)
        opening = notebook.cells[0]
        colab = next((cell for cell in notebook.cells if is_colab_cell(cell)), None)
        if colab is None or not COLAB_BADGE.search(opening.source):
            raise SystemExit(
                f"{path.name}: copy the Colab badge (under the title) and the Colab "
                "cell (the first code cell) from another notebook; this script keeps "
                "them up to date."
            )
        before = (opening.source, colab.source, dict(colab.metadata))
        opening.source = LANGUAGE_LINE.sub("", opening.source)
        opening.source = COLAB_BADGE.sub(
            f"{colab_badge(path)}\n{chinese_link(path)}", opening.source
        )
        colab.source = colab_cell()
        colab.metadata.update(COLAB_CELL_METADATA)
        after = (opening.source, colab.source, dict(colab.metadata))
        if after != before or notebook.metadata.get("kernelspec") != KERNELSPEC:
            write(notebook, path)


# --------------------------------------------------------------------------------------
# The code the lessons taught, kept in the modules the later notebooks and the tests
# import
# --------------------------------------------------------------------------------------


def saved_cells(path):
    """The code of the cells marked #@save (on their first line), without the mark."""
    sources = []
    for cell in read(path).cells:
        first_line = cell.source.split("\n", 1)[0]
        if cell.cell_type == "code" and first_line.rstrip().endswith(SAVE_MARK):
            sources.append(
                re.sub(r"\s*#@save\s*$", "", first_line, count=1)
                + cell.source[len(first_line) :]
            )
    return sources


def saved_module_text(module):
    """What notebooks/<module> must contain: its fixed part, then the saved cells."""
    numbers = SAVED_CODE[module]
    lessons = [path for path in series_notebooks() if path.name[:2] in numbers]
    sources = [source for path in lessons for source in saved_cells(path)]
    code = sources[0] if sources else ""
    for before, source in zip(sources, sources[1:], strict=False):
        # Two blank lines between cells, as between functions; one after the imports
        # where no function follows, as isort wants.
        imports_end = before.splitlines()[-1].startswith(("import ", "from "))
        definition = source.startswith(("def ", "class ", "@"))
        code += ("\n\n" if imports_end and not definition else "\n\n\n") + source
    if module == "digit_image.py":
        return f"{DIGIT_IMAGE_HEADER}\n{code}\n"
    text = (NOTEBOOKS / module).read_text(encoding="utf-8")
    rule = text.index("# ---", text.index(HELPERS_REGION))  # the line under the notice
    end_of_fixed_part = text.index("\n", rule) + 1
    return f"{text[:end_of_fixed_part]}\n\n{code}\n"


def update_saved_code():
    for module in SAVED_CODE:
        text = saved_module_text(module)
        if (NOTEBOOKS / module).read_text(encoding="utf-8") != text:
            (NOTEBOOKS / module).write_text(text, encoding="utf-8")
            print(f"wrote notebooks/{module} from the cells marked {SAVE_MARK}")


# --------------------------------------------------------------------------------------
# Running the notebooks
# --------------------------------------------------------------------------------------


def code_hash(notebook):
    """A hash of the code a notebook runs, without the Colab cell (which does nothing
    off Colab and is rewritten from pyproject.toml). Outputs recorded with this hash
    came from this code."""
    code = [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and not is_colab_cell(cell)
    ]
    return hashlib.sha256("\n# cell\n".join(code).encode()).hexdigest()


def execute(path):
    """Execute a notebook in place; return its seconds and what the probe reported."""
    notebook = read(path)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(
        notebook,
        timeout=None,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        # The kernel's own start-up warnings (such as one about talking to Jupyter over
        # local TCP, which is how Jupyter runs kernels) say nothing about the notebook.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    probe = notebook.cells.pop()
    write(notebook, path)  # without the widgets' state: see without_widgets
    return seconds, json.loads(probe.outputs[-1]["text"])


def cpu_model():
    """The processor's name and its widest vector instructions, which change float
    rounding (and so the last digits of some results) from one machine to another."""
    name, flags = platform.processor() or platform.machine(), set()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        text = cpuinfo.read_text(encoding="utf-8")
        found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
        name = found.group(1).strip() if found else name
        found = re.search(r"^flags\s*:\s*(.+)$", text, re.MULTILINE)
        flags = set(found.group(1).split()) if found else set()
    elif sys.platform == "darwin":
        name = (
            subprocess.run(
                ["sysctl", "-n", "machdep.cpu.brand_string"],
                capture_output=True,
                text=True,
            ).stdout.strip()
            or name
        )
    widest = next(
        (
            label
            for flag, label in [
                ("avx512f", "AVX-512"),
                ("avx2", "AVX2"),
                ("avx", "AVX"),
                ("sse4_2", "SSE4.2"),
            ]
            if flag in flags
        ),
        None,
    )
    return f"{name}, {widest}" if widest else name


def load_results():
    if RESULTS.exists():
        return json.loads(RESULTS.read_text(encoding="utf-8"))
    return {"notebooks": {}, "machines": {}, "models": {}, "outputs": {}}


def saving_notebooks():
    """{model name: number of the lesson that saves it}, from save_run("name") calls."""
    saved_by = {}
    for path in series_notebooks():
        code = "\n".join(cell.source for cell in read(path).cells)
        for name in re.findall(r'save_run\(\s*"(\w+)"', code):
            saved_by.setdefault(name, path.name[:2])
    return saved_by


def collect_model_metrics(mode):
    """The metrics files the notebooks saved in a mode, keyed by "model (notebook)"."""
    folder = NOTEBOOKS / "saved" / mode
    names = [
        path.name.removesuffix("_metrics.json")
        for path in folder.glob("*_metrics.json")
    ]
    saved_by = saving_notebooks()
    notebook_of = {name: saved_by.get(name, "??") for name in names}
    return {
        f"{name} ({notebook_of[name]})": json.loads(
            (folder / f"{name}_metrics.json").read_text(encoding="utf-8")
        )
        for name in sorted(names, key=notebook_of.get)
    }


# --------------------------------------------------------------------------------------
# Writing the results into the texts
# --------------------------------------------------------------------------------------


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
    duration = describe_time if language == "en" else chinese_describe_time
    return TIME_LINE_WORDS[language].format(
        full=duration(full), quick=duration(quick), machine=machine
    )


def update_time_lines(results):
    for path in series_notebooks():
        notebook = read(path)
        first = notebook.cells[0]
        updated = TIME_LINE.sub(time_line(results, path.stem), first.source)
        if updated != first.source:
            first.source = updated
            write(notebook, path)


# The words of the results sections, in English and in Chinese.
RESULTS_WORDS = {
    "en": {
        "notebooks": "| Notebook | Full mode | Quick mode | Peak memory (full) |",
        "models": "| Model (full mode) | Test accuracy | Parameters | Training time "
        "| Epochs | Median epoch |",
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
        "models": "| 模型（完整模式） | 测试集准确率 | 参数个数 | 训练时间 | 轮数 "
        "| 每轮时间（中位数） |",
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
    duration = describe_time if language == "en" else chinese_describe_time
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
            lines.append(
                f"| {name} | {metrics['test_accuracy']:.2%} | "
                f"{metrics['parameters']:,} | "
                f"{duration(metrics['training_seconds'])} | {metrics['epochs']} | "
                f"{words['seconds'].format(median) if median else '–'} |"
            )
    lines.append("")
    for mode, machine in sorted(results["machines"].items()):
        lines.append(
            words["machine"].format(
                mode=words[mode],
                **{**machine, "onednn": words["onednn"].get(machine.get("onednn"), "")},
            )
        )
    return "\n".join(lines)


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


# --------------------------------------------------------------------------------------
# The Chinese edition (中文版): built from each English text and its translation file
# --------------------------------------------------------------------------------------

TRANSLATIONS = NOTEBOOKS / "translations" / CHINESE
# Shared by every notebook: the translations of the Colab cell's comments.
COMMON_TRANSLATIONS = TRANSLATIONS / "common.md"
# The English documents translated section by section, and their Chinese editions.
DOCUMENTS = {
    README: ROOT / "README.zh-CN.md",
    GUIDE: NOTEBOOKS / "instructor_guide.zh-CN.md",
}
# A translation file is a list of entries, each opened by one of these lines:
#   <!-- cell 441e883b, from English 3c9d0a7b1f2e -->   a markdown cell (its id)
#   <!-- section Get started, from English 3c9d0a7b1f2e -->   a document's section
#   <!-- comment -->   a code comment: the English lines, <!-- 中文 -->, the Chinese
# The hash is that of the English the entry translates (see english_hash).
ENTRY_LINE = re.compile(
    r"^<!-- (?:(cell|section) (.+), from English ([0-9a-f]{12})|(comment)) -->$"
)
CHINESE_LINE = "<!-- 中文 -->"
# The lines the run script writes stand in the English, and in its translation, as
# {{placeholders}}: they change with every benchmark, and are written in each language.
PLACEHOLDER = re.compile(r"\{\{([\w ]+)\}\}")
LANGUAGE_LINE = re.compile(r"^\[(中文版|English version)\]\(.*\n?", re.MULTILINE)
STALE_NOTE = (
    "> **中文译文待更新**：这一段的英文原文改过了，中文还没有跟上。"
    "下面先给出英文原文。\n"
    "> *(The Chinese translation of this cell is behind the English, shown here.)*"
)
STALE_COMMENT = "# （中文注释待更新，下面是英文原文）"
# Comments that are marks, not prose: they stay as they are.
MARK_COMMENT = re.compile(r"^#@save|^# noqa")


def chinese_path(path):
    """Where the Chinese edition of an English notebook or document lies."""
    path = Path(path)
    return DOCUMENTS.get(path, path.with_name(f"{path.stem}.{CHINESE}{path.suffix}"))


def translation_path(path):
    return TRANSLATIONS / f"{Path(path).stem}.md"


def english_hash(text):
    """The first 12 hex digits of the English text's SHA-256: what a translation
    entry records, so that a change to the English shows."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:12]


def with_placeholders(text):
    """The English with what the run script writes replaced by {{placeholders}}."""
    text = TIME_LINE.sub("{{computer time}}", text)
    text = COLAB_BADGE.sub("{{badges}}", text)
    text = LANGUAGE_LINE.sub("", text)
    return WRITTEN_REGION.sub(lambda found: "{{" + found.group(1) + "}}", text)


def read_translation(path):
    """{"cell"/"section": {key: (hash, Chinese)}, "comment": {English: Chinese}}."""
    entries = {"cell": {}, "section": {}, "comment": {}}
    if not path.exists():
        return entries
    kind = key = None
    body = []

    def close():
        if kind in ("cell", "section"):
            entries[kind][key[0]] = (key[1], "\n".join(body).strip("\n"))
        elif kind == "comment":
            text = "\n".join(body)
            english, _, chinese = text.partition(f"\n{CHINESE_LINE}\n")
            entries["comment"][english.strip("\n")] = chinese.strip("\n")

    for line in path.read_text(encoding="utf-8").splitlines():
        found = ENTRY_LINE.match(line)
        if found:
            close()
            kind = found.group(1) or found.group(4)
            key = (found.group(2), found.group(3))
            body = []
        else:
            body.append(line)
    close()
    return entries


def comment_blocks(source):
    """The comments of a cell's code: (first line, last line, column, English) for
    each run of whole-line comments and for each comment after code on its line."""
    lines = source.split("\n")
    # Shell (!) and magic (%) lines are not Python: tokenize sees blank lines there.
    python = "\n".join(
        "" if line.lstrip().startswith(("!", "%")) else line for line in lines
    )
    tokens = tokenize.generate_tokens(io.StringIO(python + "\n").readline)
    comments = [token for token in tokens if token.type == tokenize.COMMENT]
    blocks = []
    for token in comments:
        row, column = token.start[0] - 1, token.start[1]
        if MARK_COMMENT.match(token.string):
            continue
        whole_line = not lines[row][:column].strip()
        previous = blocks[-1] if blocks else None
        if (
            whole_line
            and previous
            and previous[4]
            and previous[1] == row - 1
            and previous[2] == column
        ):
            blocks[-1] = (
                previous[0],
                row,
                column,
                f"{previous[3]}\n{token.string}",
                True,
            )
        else:
            blocks.append((row, row, column, token.string, whole_line))
    return blocks


def code_without_comments(source):
    """A cell's code with its comments and blank lines taken out: what must be the
    same in both editions."""
    lines = source.split("\n")
    for first, last, column, _, whole_line in reversed(comment_blocks(source)):
        if whole_line:
            lines[first : last + 1] = []
        else:
            lines[first] = lines[first][:column]
    kept = [line.rstrip() for line in lines]
    return "\n".join(line for line in kept if line.strip())


def translate_code(source, comments, stale):
    """The code with each comment in Chinese; an untranslated one stays in English
    under a note, and is listed in `stale`."""
    lines = source.split("\n")
    for first, last, column, english, whole_line in reversed(comment_blocks(source)):
        chinese = comments.get(english)
        if chinese is None:
            stale.append(("comment", english.split("\n")[0]))
            if whole_line:
                lines.insert(first, " " * column + STALE_COMMENT)
            else:
                lines[first] += "（中文待更新）"
        elif whole_line:
            lines[first : last + 1] = [
                " " * column + line for line in chinese.split("\n")
            ]
        else:
            lines[first] = lines[first][:column] + chinese
    return "\n".join(lines)


def chinese_describe_time(seconds):
    if seconds is None:
        return "尚未测量"
    if seconds < 90:
        return f"约 {round(seconds)} 秒"
    return f"约 {seconds / 60:.0f} 分钟"


def chinese_badges(path):
    """The Chinese notebook's badge line and its link back to the English."""
    english = path.name
    badge = colab_badge(chinese_path(path)).replace(
        "[![Open in Colab]", "[![在 Colab 中打开]"
    )
    return (
        f"{badge}\n[English version]({english}) · "
        "在中国大陆打不开 Colab？请看 [README 中文版](../README.zh-CN.md)"
        "里的“在中国大陆使用”。"
    )


# Where a line of Markdown starts a block of its own, and is not the next line of a
# paragraph.
BLOCK_START = re.compile(r"^\s*([-*+] |\d+\. |#|\||>|```|<|!\[|\{\{|\$\$)|^\s*$")
# A line after which the next one starts anew (a list item's first line does not).
PARAGRAPH_END = re.compile(r"^\s*(#|\||>|```|<|!\[|\{\{|\$\$)|^\s*$")
CHINESE_END = re.compile(r"[\u2018-\u201d\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]$")


def joined_paragraphs(text):
    """Chinese Markdown with each paragraph's lines joined. The translations keep one
    sentence per line, as the English does; Markdown shows a line break as a space,
    which Chinese text does not have between sentences."""
    lines, fenced = [], False
    for line in text.split("\n"):
        previous = lines[-1] if lines else ""
        if (
            not fenced
            and lines
            and CHINESE_END.search(previous)
            and not BLOCK_START.match(line)
            and not PARAGRAPH_END.match(previous)
        ):
            following = line.strip()
            chinese_next = re.match(
                r"[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]", following
            )
            ends_in_punctuation = re.search(
                r"[\u2018-\u201d\u3000-\u303f\uff00-\uffef]$", previous
            )
            space = "" if chinese_next or ends_in_punctuation else " "
            lines[-1] = previous + space + following
            continue
        if line.lstrip().startswith("```"):
            fenced = not fenced
        lines.append(line)
    return "\n".join(lines)


def fill_placeholders(text, values, stale, where):
    def value(found):
        name = found.group(1)
        if name not in values:
            stale.append((where, "{{" + name + "}}"))
            return found.group(0)
        return values[name]

    return PLACEHOLDER.sub(value, text)


def translated(entries, key, english, stale):
    """The Chinese of one markdown cell or section, its lines joined; where the entry
    is missing or translated English that has since changed, the English under a
    note, listed in `stale`."""
    english = with_placeholders(english)
    recorded, chinese = entries.get(key, (None, None))
    if recorded != english_hash(english):
        stale.append((key, english.split("\n")[0]))
        chinese = f"{STALE_NOTE}\n\n{english}"
    return joined_paragraphs(chinese)


def build_chinese_notebook(path, results):
    """The Chinese edition of the English notebook at `path`, with its outputs, and
    the list of what in it is still English because the translation is behind."""
    notebook = read(path)
    entries = read_translation(translation_path(path))
    comments = {
        **read_translation(COMMON_TRANSLATIONS)["comment"],
        **entries["comment"],
    }
    values = {
        "computer time": time_line(results, path.stem, CHINESE),
        "badges": chinese_badges(path),
    }
    stale = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = translate_code(cell.source, comments, stale)
            continue
        chinese = translated(entries["cell"], cell.id, cell.source, stale)
        cell.source = fill_placeholders(chinese, values, stale, cell.id)
    return notebook, stale


def document_sections(text):
    """A Markdown document cut before each heading: [(key, section text)], where the
    key is the heading's words (numbered when a heading repeats)."""
    sections, fenced = [["(start)", []]], False
    for line in text.split("\n"):
        fenced ^= line.startswith("```")
        if not fenced and re.match(r"#{1,6} ", line):
            sections.append([line.lstrip("#").strip(), []])
        sections[-1][1].append(line)
    keys, result = {}, []
    for key, lines in sections:
        body = "\n".join(lines).strip("\n")
        if not body:
            continue
        keys[key] = keys.get(key, 0) + 1
        result.append((key if keys[key] == 1 else f"{key} ({keys[key]})", body))
    return result


def build_chinese_document(path, results):
    """The Chinese edition of README.md or of the instructor guide, and what in it is
    still English because the translation is behind."""
    entries = read_translation(translation_path(path))
    prefix = "notebooks/" if path == README else ""
    values = {
        name: f"<!-- {name}: written by run_series.py -->\n{content}\n"
        f"<!-- end of {name} -->"
        for name, content in [
            ("results", results_markdown(results, prefix, CHINESE)),
            ("other versions", other_versions_markdown(results, CHINESE)),
        ]
    }
    stale, parts = [], []
    for key, english in document_sections(path.read_text(encoding="utf-8")):
        chinese = translated(entries["section"], key, english, stale)
        parts.append(fill_placeholders(chinese, values, stale, key))
    return "\n\n".join(parts) + "\n", stale


def english_entries(path):
    """The entries a full translation of the English notebook or document at `path`
    has: [(header line, English)], in order; code comments once each."""
    entries, seen = [], set()
    if path.suffix == ".md":
        for key, english in document_sections(path.read_text(encoding="utf-8")):
            english = with_placeholders(english)
            header = f"<!-- section {key}, from English {english_hash(english)} -->"
            entries.append((header, english))
        return entries
    for cell in read(path).cells:
        if cell.cell_type == "markdown":
            english = with_placeholders(cell.source)
            header = f"<!-- cell {cell.id}, from English {english_hash(english)} -->"
            entries.append((header, english))
        elif not is_colab_cell(cell):
            for block in comment_blocks(cell.source):
                if block[3] not in seen:
                    seen.add(block[3])
                    entries.append(("<!-- comment -->", block[3]))
    return entries


def missing_entries(path):
    """The entries of `path`'s translation that are missing or behind the English,
    in the translation file's format, the English standing where the Chinese goes."""
    translated = read_translation(translation_path(path))
    if path.suffix == ".ipynb":
        common = read_translation(COMMON_TRANSLATIONS)["comment"]
        translated["comment"] = {**common, **translated["comment"]}
    missing = []
    for header, english in english_entries(path):
        if header == "<!-- comment -->":
            if english not in translated["comment"]:
                missing.append(f"{header}\n{english}\n{CHINESE_LINE}\n{english}")
            continue
        kind, key, recorded = ENTRY_LINE.match(header).group(1, 2, 3)
        if translated[kind].get(key, (None,))[0] != recorded:
            missing.append(f"{header}\n{english}")
    return missing


def english_originals():
    """Every English text that has a Chinese edition."""
    return series_notebooks() + solution_notebooks() + list(DOCUMENTS)


def update_chinese_edition(results):
    """Build every Chinese notebook and document from its English and translation;
    return how many places in them are still English."""
    behind = 0
    for path in english_originals():
        if path.suffix == ".ipynb":
            notebook, stale = build_chinese_notebook(path, results)
            text = notebook_text(notebook)
        else:
            text, stale = build_chinese_document(path, results)
        target = chinese_path(path)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        behind += len(stale)
    return behind


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="quick mode (MNIST_QUICK=1): fewer epochs, less data",
    )
    parser.add_argument(
        "--no-run",
        action="store_true",
        help="run nothing: only rewrite what is written from the results",
    )
    parser.add_argument(
        "--pin",
        metavar="TAG",
        help="point the Colab badges and cells at this tag or branch, then stop",
    )
    parser.add_argument(
        "--solutions",
        action="store_true",
        help="also execute the solution notebooks (not timed)",
    )
    parser.add_argument(
        "--stale",
        action="store_true",
        help="list what the Chinese edition lacks, in its translation files' format",
    )
    parser.add_argument(
        "only",
        nargs="*",
        help="run only the notebooks whose names start with these prefixes",
    )
    arguments = parser.parse_args()
    mode = "quick" if arguments.quick else "full"
    os.environ["MNIST_QUICK"] = "1" if arguments.quick else "0"  # kernels inherit it

    update_saved_code()  # before any run: the notebooks import what their lessons saved
    if arguments.stale:
        for path in english_originals():
            if not arguments.only or path.stem.startswith(tuple(arguments.only)):
                entries = missing_entries(path)
                if entries:
                    print(f"<!-- {len(entries)} for {translation_path(path)} -->")
                    print("\n\n".join(entries), end="\n\n")
        return 0
    if arguments.pin:
        pin(arguments.pin)
        update_colab_parts()
        update_chinese_edition(load_results())
        print(f"The Colab badges and cells now point at {arguments.pin!r}.")
        return 0
    update_colab_parts()
    results = load_results()
    results.setdefault("outputs", {})
    solutions = solution_notebooks() if arguments.solutions else []
    chosen = [
        path
        for path in series_notebooks() + solutions
        if not arguments.only or path.stem.startswith(tuple(arguments.only))
    ]
    for path in [] if arguments.no_run else chosen:
        print(f"{path.name} ({mode} mode) ...", end=" ", flush=True)
        try:
            seconds, probe = execute(path)
        except CellExecutionError as error:
            print(f"FAILED; the notebook was left as it was.\n{error}")
            return 1
        print(f"{seconds:.0f} s")
        results["outputs"][path.stem] = {
            "mode": mode,
            "code_sha256": code_hash(read(path)),
            "date": datetime.date.today().isoformat(),
        }
        if (
            path not in solutions
        ):  # solutions are run so their outputs are real, not timed
            results["notebooks"].setdefault(path.stem, {})[mode] = {
                "seconds": round(seconds, 1),
                "peak_memory_bytes": probe["peak_memory_bytes"],
            }
            device = f"GPU ({', '.join(probe['gpus'])})" if probe["gpus"] else "CPU"
            results["machines"][mode] = {
                "description": f"{os.cpu_count()}-core {cpu_model()} {device}",
                "onednn": probe["onednn"],
                "tensorflow": probe["tensorflow"],
                "python": probe["python"],
                "date": datetime.date.today().isoformat(),
            }
        # After each notebook, in case a later one fails.
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    if mode == "full" and not arguments.no_run:
        results["models"] = collect_model_metrics("full")
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    update_time_lines(results)
    update_results_sections(results)
    behind = update_chinese_edition(results)
    if behind:
        print(
            f"The Chinese edition is behind the English in {behind} place(s), marked "
            "in it: `python run_series.py --stale` lists them."
        )
    print(
        "Results written to notebooks/benchmark.json, README.md, the instructor guide "
        "and "
        "the time lines."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
