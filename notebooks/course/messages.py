"""What the course says to a learner, in the learner's language, from one catalog.

Each message is written in English in the code, inside `_(...)`:

    print(_("{count} images read right").format(count=count))

Its Chinese is in the catalog, `notebooks/locale/zh_CN/LC_MESSAGES/course.po`, the
usual file of GNU gettext that translators edit, next to `course.mo`, the same compiled
for Python's gettext module. `python -m tools.message_catalog` updates both from the
code (CONTRIBUTING.md, "Messages in two languages").

The language is read each time a message is shown, from the environment variable
MNIST_LANGUAGE. Each notebook's first cell sets it: "en" in the English edition,
"zh-CN" in the Chinese one. Anything else, or nothing, means English.
"""

import functools
import gettext
import os
from pathlib import Path

LANGUAGE_VARIABLE = "MNIST_LANGUAGE"
ENGLISH, CHINESE = "en", "zh-CN"
CATALOG_FOLDER = Path(__file__).resolve().parent.parent / "locale"
CATALOG_NAME = "course"
# The name of each language in gettext's folders (locale/zh_CN/LC_MESSAGES/).
GETTEXT_NAMES = {CHINESE: "zh_CN"}


def language():
    """The learner's language: "zh-CN" if MNIST_LANGUAGE says Chinese, else "en"."""
    setting = os.environ.get(LANGUAGE_VARIABLE, "").strip().replace("_", "-").lower()
    return CHINESE if setting in ("zh", "zh-cn", "zh-hans") else ENGLISH


@functools.cache
def translations(name):
    """The compiled catalog of one language (an empty one if its file is missing)."""
    return gettext.translation(
        CATALOG_NAME, CATALOG_FOLDER, languages=[name], fallback=True
    )


def translate(message, into):
    """`message` in the language `into` ("en" or "zh-CN"): its translation, or the
    English if it has none."""
    name = GETTEXT_NAMES.get(into)
    return message if name is None else translations(name).gettext(message)


def _(message):
    """The message in the learner's language: its translation, or the English."""
    return translate(message, language())


def N_(message):
    """Mark a message for the catalog where it is defined; `_` translates it where it
    is shown (gettext's name for this)."""
    return message
