"""course/messages.py: the course speaks the language that the notebook's first cell
sets, with the Chinese from the catalog, in real Jupyter kernels."""

import nbformat
import pytest
from nbclient import NotebookClient

from checks import NOT_ANSWERED
from course import messages
from tools import colab, message_catalog, project

CATALOG = message_catalog.read_catalog()
TRANSLATED = {m.id: m.string for m in CATALOG if m.id and m.string and not m.fuzzy}


@pytest.mark.parametrize("setting", [None, "", "en", "fr", "zh-TW "])
def test_english_unless_the_setting_says_chinese(setting, monkeypatch):
    if setting is None:
        monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(messages.LANGUAGE_VARIABLE, setting)
    assert messages.language() == messages.ENGLISH
    assert messages._(NOT_ANSWERED) == NOT_ANSWERED


@pytest.mark.parametrize("setting", ["zh-CN", "zh_CN", "zh", "ZH-cn", "zh-Hans"])
def test_the_ways_to_say_chinese(setting, monkeypatch):
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, setting)
    assert messages.language() == messages.CHINESE


def test_in_chinese_every_translated_message_comes_from_the_catalog(monkeypatch):
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, messages.CHINESE)
    assert TRANSLATED, "the catalog has no Chinese"
    for english, chinese in TRANSLATED.items():
        assert messages._(english) == chinese


def test_the_language_is_read_each_time_a_message_is_shown(monkeypatch):
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, messages.CHINESE)
    chinese = messages._(NOT_ANSWERED)
    monkeypatch.setenv(messages.LANGUAGE_VARIABLE, messages.ENGLISH)
    assert chinese == TRANSLATED[NOT_ANSWERED] != messages._(NOT_ANSWERED)


def first_cell(path):
    notebook = nbformat.read(path, as_version=4)
    return next(cell.source for cell in notebook.cells if colab.is_colab_cell(cell))


def printed_in_a_kernel(sources):
    """What each cell printed, run in order in a fresh Jupyter kernel started in the
    notebooks' folder, as JupyterLab starts one."""
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in sources]
    )
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(project.NOTEBOOKS)}},
    ).execute()
    return ["".join(o.get("text", "") for o in cell.outputs) for cell in notebook.cells]


CHECK_UNANSWERED = "from checks import notebook_03 as check\ncheck.exercise_1(None)"


def test_each_edition_s_first_cell_sets_the_language_of_the_checks(monkeypatch):
    monkeypatch.delenv(messages.LANGUAGE_VARIABLE, raising=False)
    english = project.series_notebooks()[2]  # 03: its exercise 1 is unanswered
    chinese = project.chinese_path(english)
    _, in_english = printed_in_a_kernel([first_cell(english), CHECK_UNANSWERED])
    _, in_chinese = printed_in_a_kernel([first_cell(chinese), CHECK_UNANSWERED])
    assert NOT_ANSWERED in in_english
    assert TRANSLATED[NOT_ANSWERED] in in_chinese and NOT_ANSWERED not in in_chinese
    said = TRANSLATED["Exercise {number}: {message}"]
    assert in_chinese.startswith("✗ " + said.split("{message}")[0].format(number=1))
