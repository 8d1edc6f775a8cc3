"""course/errors.py: messages wrapped to fit a screen of 88 columns, in English and in
Chinese, where a Chinese character takes two columns."""

import re

import pytest

from course.errors import LINE_LENGTH, NO_LINE_START, columns, wrap

CHINESE = (
    "✗ 练习 2：形状应该是 (28, 28, 1)，而你的答案是 (24, 5, 28)。"
    "提示：通道轴要加在最后，用 reshape 或者 np.expand_dims 都可以；"
    "再看看图像的数量是不是 60,000，然后重新运行。"
)
ENGLISH = "✗ Exercise 2: " + "the shape should be (28, 28, 1), not (24, 5, 28). " * 4


@pytest.mark.parametrize("width", [LINE_LENGTH, 40, 21])
def test_chinese_lines_fit_and_lose_nothing(width):
    lines = wrap(CHINESE, width, subsequent_indent="  ").split("\n")
    assert len(lines) > 1
    assert all(columns(line) <= width for line in lines), lines
    assert "".join(line.strip() for line in lines).replace(" ", "") == CHINESE.replace(
        " ", ""
    )
    assert all(line.startswith("  ") for line in lines[1:])
    assert not any(line.strip()[0] in NO_LINE_START for line in lines[1:])


def test_chinese_lines_break_between_words_never_inside_one():
    lines = wrap(CHINESE, 40).split("\n")
    for word in ["reshape", "np.expand_dims", "60,000", "(28,", "28,", "1)"]:
        assert any(re.search(rf"(^|\s|[^\x00-\x7f]){re.escape(word)}", line)
                   for line in lines), (word, lines)


def test_english_is_wrapped_at_spaces_as_textwrap_does():
    lines = wrap(ENGLISH, subsequent_indent="  ").split("\n")
    assert all(len(line) <= LINE_LENGTH for line in lines)
    assert " ".join(line.strip() for line in lines) == ENGLISH.strip()


def test_a_chinese_character_takes_two_columns():
    assert columns("练习 2：") == 8 and columns("Exercise 2:") == 11
