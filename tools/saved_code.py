"""Copy the code the lessons teach, in cells marked #@save, into the modules they fill.

Later notebooks and the tests import those modules, so a lesson and its module are the
same code. (D2L's tools call this the library; the mark is theirs.)
"""

import re

from .notebook_files import read
from .project import NOTEBOOKS, series_notebooks

# Where the code cells marked #@save go: the module, and the lessons whose cells fill
# it.
SAVE_MARK = "#@save"
SAVED_CODE = {
    "mnist_helpers.py": ("02", "03", "04", "05", "06"),
    "digit_image.py": ("08",),
}
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

