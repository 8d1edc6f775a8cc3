"""course/chinese_font.py: figures draw Chinese with the font the course ships, every
glyph from a font that has it, offline."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from course import chinese_font  # noqa: E402
from tools import chinese_font as font_build  # noqa: E402
from tools import message_catalog  # noqa: E402

FONT_CHARACTERS = set(map(chr, TTFont(chinese_font.FONT_FILE).getBestCmap()))
CATALOG = message_catalog.read_catalog()


def test_every_character_of_the_course_s_chinese_has_a_font():
    """Each is in the course's font, or in DejaVu Sans (which has ✗, ₁ and ⁰)."""
    dejavu = font_manager.findfont("DejaVu Sans", fallback_to_default=False)
    in_dejavu = set(map(chr, FT2Font(dejavu).get_charmap()))
    missing = sorted(font_build.course_characters() - FONT_CHARACTERS - in_dejavu)
    assert missing == [], (
        "Build the font again: python -m tools.chinese_font "
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    )


def test_the_font_has_the_common_characters_for_learners_own_labels():
    common = font_build.gb2312_characters(font_build.COMMON_ROWS)
    assert len(common) == 3755
    assert set(common) <= FONT_CHARACTERS


def test_the_font_is_small_named_and_licensed():
    font = TTFont(chinese_font.FONT_FILE)
    assert font["name"].getDebugName(1) == chinese_font.FAMILY
    assert "SIL Open Font License" in font["name"].getDebugName(13)
    licence = (chinese_font.FONT_FILE.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert chinese_font.FONT_FILE.stat().st_size < 2_000_000


def fonts_of_each_character(text):
    """For each character, the first font in matplotlib's list of families that has
    it: the font that draws it."""
    prop = font_manager.FontProperties(family=matplotlib.rcParams["font.family"])
    paths = font_manager.fontManager._find_fonts_by_props(prop)
    codes = [(path, FT2Font(path).get_charmap()) for path in paths]
    return {
        character: next((path for path, has in codes if ord(character) in has), None)
        for character in set(text) - {" "}
    }


@pytest.fixture
def chinese_figure_text(monkeypatch):
    monkeypatch.setitem(matplotlib.rcParams, "font.family", ["sans-serif"])
    chinese_font.use_chinese_font()
    said = [m.string for m in CATALOG if m.id and m.string][:20]
    return ["验证准确率（%）：第 3 轮，学习率 0.001", "训练集与验证集 (Adam)", *said]


def test_a_figure_with_chinese_labels_draws_every_glyph(chinese_figure_text):
    title, legend, *more = chinese_figure_text
    figure, axis = plt.subplots()
    axis.plot([1, 2, 3], label=legend)
    axis.set(title=title, xlabel="轮（epoch）", ylabel="损失")
    axis.legend()
    for row, text in enumerate(more):
        figure.text(0, row / len(more), text.replace("$", ""), fontsize=6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" fails here
        figure.canvas.draw()
    plt.close(figure)
    drawn_by = fonts_of_each_character("".join(chinese_figure_text))
    assert None not in drawn_by.values()
    assert str(chinese_font.FONT_FILE) in drawn_by.values()
    assert drawn_by["A"] != str(chinese_font.FONT_FILE)  # Latin stays DejaVu Sans


def test_using_the_font_twice_changes_nothing(chinese_figure_text):
    families = list(matplotlib.rcParams["font.family"])
    chinese_font.use_chinese_font()
    assert list(matplotlib.rcParams["font.family"]) == families
    assert families == ["sans-serif", chinese_font.FAMILY]
