"""Copy the code the lessons teach, in cells marked #@save, into the modules they fill.

Later notebooks and the tests import those modules, so a lesson and its module are the
same code. (D2L's tools call this the library; the mark is theirs.) The Chinese
edition's lessons import the same modules from notebooks/chinese/, written from its own
cells: the same code, with its words in Chinese (the first cell of a Chinese notebook
puts that folder first in Python's path).
"""

import re

from .notebook_files import read
from .project import NOTEBOOKS, chinese_path, series_notebooks

# Where the code cells marked #@save go: the module, and the lessons whose cells fill
# it.
SAVE_MARK = "#@save"
SAVED_CODE = {
    "mnist_helpers.py": ("02", "03", "04", "05", "06", "07"),
    "digit_image.py": ("08",),
}
# Where the Chinese edition's copies of these modules are.
CHINESE_MODULES = NOTEBOOKS / "chinese"
# Each of these modules is written by hand down to a notice that starts with this line,
# and the rule under it; the saved cells follow.
SAVED_REGION = "# Code taught in the lessons, copied from their cells marked #@save"


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


def fixed_part(module):
    """The hand-written part of notebooks/<module>, down to the rule under its
    notice."""
    text = (NOTEBOOKS / module).read_text(encoding="utf-8")
    if SAVED_REGION not in text:
        raise ValueError(f"notebooks/{module} has no line {SAVED_REGION!r}")
    rule = text.index("# ---", text.index(SAVED_REGION))  # the line under the notice
    return text[: text.index("\n", rule) + 1]


def saved_module_text(module, chinese=False):
    """What notebooks/<module> must contain: its fixed part, then the saved cells; or,
    with `chinese`, what notebooks/chinese/<module> must contain: the same fixed part,
    then the saved cells of the Chinese edition."""
    numbers = SAVED_CODE[module]
    lessons = [path for path in series_notebooks() if path.name[:2] in numbers]
    if chinese:
        lessons = [chinese_path(path) for path in lessons]
    sources = [source for path in lessons for source in saved_cells(path)]
    code = sources[0] if sources else ""
    for before, source in zip(sources, sources[1:], strict=False):
        # Two blank lines between cells, as between functions; one after the imports
        # where no function follows, as isort wants.
        imports_end = before.splitlines()[-1].startswith(("import ", "from "))
        definition = source.startswith(("def ", "class ", "@"))
        code += ("\n\n" if imports_end and not definition else "\n\n\n") + source
    return f"{fixed_part(module)}\n\n{code}\n"


def update_saved_code():
    for module in SAVED_CODE:
        text = saved_module_text(module)
        if (NOTEBOOKS / module).read_text(encoding="utf-8") != text:
            (NOTEBOOKS / module).write_text(text, encoding="utf-8")
            print(f"wrote notebooks/{module} from the cells marked {SAVE_MARK}")



def update_chinese_modules():
    """Write notebooks/chinese/<module> from the Chinese edition's cells marked #@save
    (run after the Chinese notebooks are built)."""
    CHINESE_MODULES.mkdir(exist_ok=True)
    for module in SAVED_CODE:
        text = saved_module_text(module, chinese=True)
        target = CHINESE_MODULES / module
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
