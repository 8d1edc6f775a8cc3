"""tools/chinese_edition.py: the Chinese edition is what the run script builds, never
behind the English without saying so, with the same code as the English.
"""

import shutil

import nbformat
import pytest

from tools import (
    benchmark,
    chinese_edition,
    code_comments,
    colab,
    notebook_files,
    project,
    saved_code,
    translation_files,
)

ROOT = project.ROOT
ORIGINALS = project.english_originals()
NOTEBOOKS = [path for path in ORIGINALS if path.suffix == ".ipynb"]
RESULTS = benchmark.load_results()


def label(path):
    return str(path.relative_to(ROOT))


def built(path):
    """(Chinese text or notebook, what is behind) as the run script builds it."""
    return chinese_edition.build_chinese(path, RESULTS)


def test_each_text_has_a_translation_file_of_its_own():
    """Two READMEs never share one: a text outside the root folder and notebooks/ is
    named by its path."""
    files = [translation_files.translation_path(path) for path in ORIGINALS]
    assert len(set(files)) == len(files)
    assert all(file.exists() for file in files)
    pairs = zip(ORIGINALS, files, strict=True)
    names = {label(path): file.name for path, file in pairs}
    assert names["README.md"] == "README.md"
    assert names["notebooks/instructor_guide.md"] == "instructor_guide.md"
    assert names["data/README.md"] == "data_README.md"
    assert names["data/samples/README.md"] == "data_samples_README.md"


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_the_chinese_edition_is_not_behind_the_english(path):
    _, stale = built(path)
    where = translation_files.translation_path(path).relative_to(ROOT)
    assert not stale, (
        f"The Chinese edition of {path.name} is behind the English in {len(stale)} "
        f"place(s), marked in it; update {where}. `python run_series.py --stale` "
        "prints what to translate:\n"
        + "\n".join(f"  {key}: {english[:70]}" for key, english in stale)
    )


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_the_committed_chinese_edition_is_what_the_run_script_builds(path):
    chinese = project.chinese_path(path)
    assert chinese.exists(), "run python run_series.py --no-run"
    content, _ = built(path)
    if path.suffix == ".ipynb":
        content = notebook_files.notebook_text(content)
        nbformat.validate(
            nbformat.reads(chinese.read_text(encoding="utf-8"), as_version=4)
        )
    assert chinese.read_text(encoding="utf-8") == content, (
        f"{chinese.name} is not what the run script builds: it is never edited by "
        "hand. Run python run_series.py --no-run."
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=label)
def test_the_code_is_the_english_code(path):
    """The Chinese notebooks run what the English ones run (nbval runs the English
    ones): same cells and tags, and code that differs in comments, docstrings and the
    words of strings only, compared on syntax trees. (The first cell differs as
    test_the_chinese_first_cell_sets_the_course_to_chinese says.)"""
    english = nbformat.read(path, as_version=4)
    chinese = nbformat.read(project.chinese_path(path), as_version=4)
    assert [cell.id for cell in chinese.cells] == [cell.id for cell in english.cells]
    for mine, theirs in zip(chinese.cells, english.cells, strict=True):
        assert mine.metadata == theirs.metadata
        if theirs.cell_type == "code" and not colab.is_colab_cell(theirs):
            assert code_comments.code_without_words(
                mine.source
            ) == code_comments.code_without_words(theirs.source), mine.id


@pytest.mark.parametrize("module", list(saved_code.SAVED_CODE), ids=str)
def test_the_chinese_modules_are_the_english_code_with_chinese_words(module):
    """notebooks/chinese/ holds what the Chinese lessons' cells marked #@save build:
    the English module's code, its words in Chinese."""
    english = (project.NOTEBOOKS / module).read_text(encoding="utf-8")
    chinese = (saved_code.CHINESE_MODULES / module).read_text(encoding="utf-8")
    assert chinese == saved_code.saved_module_text(module, chinese=True), (
        "run python run_series.py --no-run"
    )
    same = code_comments.code_without_words
    assert same(chinese) == same(english)


def test_strings_may_differ_and_code_may_not():
    english = 'print("3 images")  # three\n!ls data\ndef f():\n    """Docs."""'
    chinese = 'print("3 张图像")  # 三张\n!ls data\ndef f():\n    """说明。"""'
    same = code_comments.code_without_words
    assert same(chinese) == same(english)
    assert same(chinese.replace("print", "len")) != same(english)
    assert same(chinese.replace("!ls data", "!rm data")) != same(english)
    assert same(chinese.replace('"3 张图像"', "3")) != same(english)
    # An f-string may put its fields in another order, but keeps every one.
    english = 'print(f"{count} of {total} read right")'
    chinese = 'print(f"共 {total} 张，认对 {count} 张")'
    assert same(chinese) == same(english)
    assert same(chinese.replace("{count}", "{count + 1}")) != same(english)
    assert same(chinese.replace("{count} ", "")) != same(english)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=label)
def test_the_chinese_first_cell_sets_the_course_to_chinese(path):
    english, chinese = (
        next(cell for cell in notebook.cells if colab.is_colab_cell(cell))
        for notebook in (
            nbformat.read(path, as_version=4),
            nbformat.read(project.chinese_path(path), as_version=4),
        )
    )
    assert 'os.environ["MNIST_LANGUAGE"] = "en"' in english.source
    assert 'os.environ["MNIST_LANGUAGE"] = "zh-CN"' in chinese.source
    assert colab.CHINESE_MODULES_LINE not in english.source
    assert colab.CHINESE_MODULES_LINE in chinese.source.split("\n")
    # Beyond these two lines, the first cells differ in comments and words only.
    chinese_only = chinese.source.replace(colab.CHINESE_MODULES_LINE + "\n", "")
    same = code_comments.code_without_words
    assert same(colab.in_language(chinese_only, "en")) == same(english.source)
    assert colab.COLAB_PRINTS["zh-CN"] in chinese.source


def test_a_changed_english_sentence_is_marked_and_listed(tmp_path):
    """The drift guard at work: one sentence changed in a copy of an English notebook
    marks that cell in the Chinese build, and only that cell."""
    path = NOTEBOOKS[0]
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    notebook = nbformat.read(copy, as_version=4)
    cell = next(cell for cell in notebook.cells[1:] if cell.cell_type == "markdown")
    cell.source = cell.source.replace(".", ", we hope.", 1)
    nbformat.write(notebook, copy)
    chinese, stale = chinese_edition.build_chinese_notebook(copy, RESULTS)
    assert [key for key, _ in stale] == [cell.id]
    marked = next(mine for mine in chinese.cells if mine.id == cell.id)
    assert marked.source.startswith(chinese_edition.STALE_NOTE)
    assert ", we hope." in marked.source


def test_a_changed_comment_is_marked_and_the_code_stays_the_same(tmp_path):
    path = NOTEBOOKS[0]
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    notebook = nbformat.read(copy, as_version=4)
    cell, english = next(
        (cell, block[3])
        for cell in notebook.cells
        if cell.cell_type == "code" and not colab.is_colab_cell(cell)
        for block in code_comments.comment_blocks(cell.source)
        if "\n" not in block[3]
    )
    cell.source = cell.source.replace(english, english + " (changed)", 1)
    nbformat.write(notebook, copy)
    chinese, stale = chinese_edition.build_chinese_notebook(copy, RESULTS)
    assert stale == [("comment", english + " (changed)")]
    mine = next(mine for mine in chinese.cells if mine.id == cell.id)
    assert "(changed)" in mine.source
    assert code_comments.code_without_comments(
        mine.source
    ) == code_comments.code_without_comments(cell.source)
