"""tools/saved_code.py: the code the lessons teach in cells marked #@save is the code
of the modules that later notebooks and the tests import."""

import ast

import pytest

from tools import project, saved_code


@pytest.mark.parametrize("module", sorted(saved_code.SAVED_CODE))
def test_taught_code_in_the_modules_is_the_lessons_code(module):
    """The functions the lessons define in cells marked #@save are the ones the later
    notebooks and the tests import: run_series.py copies them, and nothing else may
    change them."""
    expected = saved_code.saved_module_text(module)
    assert (project.NOTEBOOKS / module).read_text() == expected, (
        f"notebooks/{module} differs from the lessons' #@save cells: edit the lesson, "
        "then run python run_series.py --no-run"
    )


def test_every_saved_cell_is_in_its_module():
    for module, numbers in saved_code.SAVED_CODE.items():
        text = (project.NOTEBOOKS / module).read_text()
        lessons = [p for p in project.series_notebooks() if p.name[:2] in numbers]
        saved = [source for path in lessons for source in saved_code.saved_cells(path)]
        assert saved, f"no lesson saves code into {module}"
        for source in saved:
            assert source in text
            assert "#@save" not in source


def defined_names(code):
    """The names that a piece of code defines at its top level."""
    names = set()
    for node in ast.parse(code).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(
                target.id for target in node.targets if isinstance(target, ast.Name)
            )
    return names


@pytest.mark.parametrize("module", sorted(saved_code.SAVED_CODE))
def test_the_hand_written_part_and_the_lessons_code_define_different_names(module):
    """A name defined in both parts would be the lesson's in the module, and the
    hand-written one would be dead code that still looks in use."""
    fixed = saved_code.fixed_part(module)
    assert fixed.rstrip().splitlines()[-1].startswith("# ---"), "no rule ends it"
    lessons = [
        path
        for path in project.series_notebooks()
        if path.name[:2] in saved_code.SAVED_CODE[module]
    ]
    taught = set()
    for path in lessons:
        for source in saved_code.saved_cells(path):
            taught |= defined_names(source)
    both = defined_names(fixed) & taught
    assert not both, f"defined by hand and in a lesson: {sorted(both)}"
