"""The lines under each notebook's title and its first code cell, from pyproject.toml.

Under the title: the "Open in Colab" badge and the link to the other language. The first
code cell sets the language of the course's messages (MNIST_LANGUAGE: "en" here,
"zh-CN" in the Chinese edition), and on Colab it fetches the course's files. `--pin`
points both at a tag, so that a class gets the same course all term.
"""

import re

from .notebook_files import KERNELSPEC, read, write
from .project import ROOT, SETTINGS, chinese_path, series_notebooks, solution_notebooks

GITHUB_REPOSITORY = re.compile(r"https://github\.com/[\w.-]+/[\w-]+")
COLAB_BADGE = re.compile(r"^\[!\[Open in Colab\]\(.*$", re.MULTILINE)
LANGUAGE_LINE = re.compile(r"^\[(中文版|English version)\]\(.*\n?", re.MULTILINE)

# The first code cell of every notebook. Everywhere, it sets the language of the
# course's messages (course/messages.py reads it); the Chinese edition's says "zh-CN".
# On Colab only, it also fetches the project (helper modules, sample images,
# requirements.txt) and moves into its notebooks folder. It is collapsed in JupyterLab
# and VS Code (jupyter.source_hidden) and shown as a form on Colab (#@title and
# cellView "form"). `!` runs a shell command and shows its messages, so a failed
# download says why, and os.chdir then stops the cell.
COLAB_CELL = """\
#@title First: the course's language, and on Colab its files (click to see the code)
import os
import sys

os.environ["MNIST_LANGUAGE"] = "{language}"  # the course's messages: "en" or "zh-CN"

REPOSITORY_URL = "{repository}"
BRANCH = "{branch}"  # where the course is online: both set in pyproject.toml
if "google.colab" in sys.modules and not os.path.exists("mnist_helpers.py"):
    folder = REPOSITORY_URL.split("/")[-1]  # the repository's name
    if not os.path.exists(f"{{folder}}/notebooks/mnist_helpers.py"):  # not fetched yet
        !git clone --quiet --depth=1 --branch={{BRANCH}} {{REPOSITORY_URL}} {{folder}}
    os.chdir(f"{{folder}}/notebooks")  # where mnist_helpers.py and the notebooks are
    print("{colab_print}", os.getcwd())"""
COLAB_CELL_METADATA = {"cellView": "form", "jupyter": {"source_hidden": True}}


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


def colab_cell(language="en"):
    """The first code cell of a notebook in `language` ("en" or "zh-CN")."""
    return COLAB_CELL.format(
        repository=checked_repository(),
        branch=SETTINGS["branch"],
        language=language,
        colab_print=COLAB_PRINTS[language],
    )


# The Chinese edition's first cell also puts the folder of its modules first in
# Python's path: there, mnist_helpers.py and digit_image.py are the same code as the
# English ones, with the words of the Chinese lessons (tools/saved_code.py).
CHINESE_MODULES_LINE = (
    'sys.path.insert(0, "chinese")  # 中文版的模块：代码与英文版相同，文字是中文'
)
# What the first cell prints on Colab, in each language.
COLAB_PRINTS = {
    "en": "On Colab: the course's files are here. Working in",
    "zh-CN": "在 Colab 上：课程的文件已经取到。当前文件夹：",
}


def in_language(colab_source, language):
    """A notebook's first code cell, set to show the course's messages in `language`:
    the differences between an English first cell and its Chinese edition that are not
    comments."""
    source = re.sub(
        r'^os\.environ\["MNIST_LANGUAGE"\] = "[^"]*"',
        f'os.environ["MNIST_LANGUAGE"] = "{language}"',
        colab_source,
        count=1,
        flags=re.MULTILINE,
    )
    english, spoken = COLAB_PRINTS["en"], COLAB_PRINTS[language]
    source = source.replace(f'print("{english}"', f'print("{spoken}"')
    if language == "en" or CHINESE_MODULES_LINE in source:
        return source
    first, _, rest = source.partition("\n\nREPOSITORY_URL")
    return f"{first}\n{CHINESE_MODULES_LINE}\n\nREPOSITORY_URL{rest}"


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

