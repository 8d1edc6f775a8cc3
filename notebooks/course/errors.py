"""The course's errors: a message that says what to do, and no stack of helper code."""

import re
import textwrap

LINE_LENGTH = 88  # the longest line this course prints or writes in code


def wrap(text, width=LINE_LENGTH):
    """The text with each paragraph broken into lines of at most `width` columns (a
    Chinese character takes two)."""
    lines = []
    for paragraph in text.split("\n"):
        chinese = re.search(r"[\u4e00-\u9fff]", paragraph)
        lines.append(textwrap.fill(paragraph, width // 2 if chinese else width))
    return "\n".join(lines)


class CourseError(Exception):
    """An error whose message says what to do. In a notebook it shows as that message
    alone, wrapped to fit the screen, without the lines of helper code that raised it
    (IPython shows what `_render_traceback_` returns instead of the usual traceback)."""

    def _render_traceback_(self):
        return [wrap(f"{type(self).__name__}: {self}")]
