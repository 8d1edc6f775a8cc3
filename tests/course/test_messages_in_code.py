"""The modules that speak to a learner take every sentence they say from the catalog.

In the modules listed here, a sentence written straight into a `print`, a check's
`require` or `Wrong`, an error, or a check's success line would reach a Chinese learner
in English. Each must go through `_()` (course/messages.py). A module joins the list
when its messages have all moved into the catalog.
"""

import ast
import re

import pytest

from tools import project

NOTEBOOKS = project.NOTEBOOKS
SPEAKING_MODULES = [
    *sorted((NOTEBOOKS / "checks").glob("*.py")),
    NOTEBOOKS / "course" / "mnist_download.py",
    NOTEBOOKS / "course" / "mnist_file.py",
    NOTEBOOKS / "course" / "saved_runs.py",
    NOTEBOOKS / "course" / "diagrams.py",
    NOTEBOOKS / "course" / "training_curves.py",
    NOTEBOOKS / "course" / "setup_report.py",
    NOTEBOOKS / "course" / "measured_times.py",
    NOTEBOOKS / "drawing_pad.py",
    project.ROOT / "grade.py",
    project.ROOT / "tools" / "grading.py",
]
# Calls whose text arguments a learner reads.
SPEAKING_CALLS = {"print", "require", "Wrong", "warn"}


def called_name(call):
    function = call.func
    return getattr(function, "id", None) or getattr(function, "attr", None)


def is_words(node):
    """A literal with words in it: a string or f-string with two letters in a row."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value for part in node.values if isinstance(part, ast.Constant)
        )
    else:
        return False
    return re.search(r"[^\W\d_]{2}", text) is not None


def literal_words(expression):
    """The literals with words in an expression, outside any `_()` call."""
    if isinstance(expression, ast.Call) and called_name(expression) in ("_", "N_"):
        return []
    if is_words(expression):
        return [expression]
    found = []
    for child in ast.iter_child_nodes(expression):
        if not isinstance(child, ast.JoinedStr | ast.Constant) or is_words(child):
            found += literal_words(child)
    return found


def untranslated(tree):
    """(line, text) of each sentence said to a learner without the catalog."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = called_name(node) or ""
            if name in SPEAKING_CALLS or name.endswith("Error"):
                said = [*node.args, *(k.value for k in node.keywords)]
                if name == "require":  # require(condition, message)
                    said = said[1:]
                for argument in said:
                    found += literal_words(argument)
        if isinstance(node, ast.FunctionDef) and any(
            called_name(d) == "exercise"
            for d in node.decorator_list
            if isinstance(d, ast.Call)
        ):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    found += literal_words(inner.value)
    return sorted({(n.lineno, ast.unparse(n)[:70]) for n in found})


@pytest.mark.parametrize("path", SPEAKING_MODULES, ids=lambda p: p.name)
def test_every_sentence_comes_from_the_catalog(path):
    assert untranslated(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_a_sentence_outside_the_catalog_is_found():
    code = (
        "require(x, f'{x} is not it.')\n"
        "require(x, _('{x} is not it.').format(x=x))\n"
        "raise CourseError('no MNIST here')\n"
        "print('  ' + name)\n"
        "@exercise(1, 'answer')\n"
        "def exercise_1(answer):\n"
        "    return 'right: ' + _('well done')\n"
    )
    lines = [line for line, _text in untranslated(ast.parse(code))]
    assert lines == [1, 3, 7]
