"""Where the series' files lie, which notebooks it has, and its settings."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
RESULTS = NOTEBOOKS / "benchmark.json"
README = ROOT / "README.md"
GUIDE = NOTEBOOKS / "instructor_guide.md"
DATA_CARD = ROOT / "data" / "README.md"
SAMPLES_CARD = ROOT / "data" / "samples" / "README.md"
CHINESE = "zh-CN"  # the language of the Chinese edition, in file names
# The English documents translated section by section, and their Chinese editions.
DOCUMENTS = {
    README: ROOT / "README.zh-CN.md",
    GUIDE: NOTEBOOKS / "instructor_guide.zh-CN.md",
    DATA_CARD: DATA_CARD.with_name("README.zh-CN.md"),
    SAMPLES_CARD: SAMPLES_CARD.with_name("README.zh-CN.md"),
}
# [tool.mnist-series] in pyproject.toml: the repository's address and branch.
SETTINGS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "mnist-series"
]


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



def english_originals():
    """Every English text that has a Chinese edition."""
    return series_notebooks() + solution_notebooks() + list(DOCUMENTS)



def chinese_path(path):
    """Where the Chinese edition of an English notebook or document lies."""
    path = Path(path)
    return DOCUMENTS.get(path, path.with_name(f"{path.stem}.{CHINESE}{path.suffix}"))

