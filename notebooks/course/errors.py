"""The course's errors: a message that says what to do, and no stack of helper code."""

import re
import textwrap
import unicodedata

LINE_LENGTH = 88  # the longest line this course prints or writes in code
# One Chinese character or full-width mark, which takes two columns on screen.
WIDE = "[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"
# Marks that Chinese typesetting never puts at the start of a line.
NO_LINE_START = set("，。、：；？！）》”’")


def columns(text):
    """The columns a text takes on screen: two for each wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_chinese(paragraph, width, subsequent_indent):
    """Break a paragraph with Chinese in it by columns: between any two Chinese
    characters, never inside an English word or number, never before a closing mark."""
    pieces = re.findall(rf"\s+|{WIDE}|(?:(?!{WIDE})\S)+", paragraph)
    lines, line = [], []
    for piece in pieces:
        so_far = "".join(line)
        if columns(so_far + piece.rstrip()) <= width or not so_far.strip():
            line.append(piece)
            continue
        lines.append("".join(line).rstrip())
        line = [subsequent_indent]
        if piece.isspace():
            continue
        if piece in NO_LINE_START and len(lines[-1]) > 1:
            carried = re.findall(rf"{WIDE}|(?:(?!{WIDE})\S)+", lines[-1])[-1]
            lines[-1] = lines[-1][: -len(carried)].rstrip()  # down with the mark
            line.append(carried)
        line.append(piece)
    return "\n".join([*lines, "".join(line).rstrip()])


def wrap(text, width=LINE_LENGTH, subsequent_indent=""):
    """The text with each paragraph broken into lines of at most `width` columns (a
    Chinese character takes two); lines after a paragraph's first start with
    `subsequent_indent`."""
    lines = []
    for paragraph in text.split("\n"):
        if re.search(WIDE, paragraph):
            lines.append(wrap_chinese(paragraph, width, subsequent_indent))
        else:
            lines.append(
                textwrap.fill(paragraph, width, subsequent_indent=subsequent_indent)
            )
    return "\n".join(lines)


class CourseError(Exception):
    """An error whose message says what to do. In a notebook it shows as that message
    alone, wrapped to fit the screen, without the lines of helper code that raised it
    (IPython shows what `_render_traceback_` returns instead of the usual traceback)."""

    def _render_traceback_(self):
        return [wrap(f"{type(self).__name__}: {self}")]
