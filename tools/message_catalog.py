"""Keep the catalog of the course's messages in step with the code (Babel).

The English of every message is in the code: inside `_(...)` in the course's modules
(notebooks/course/messages.py), and in the strings of words in the lessons' code cells,
which the Chinese edition writes in Chinese (tools/cell_strings.py). This script finds
them all, and brings the Chinese catalog up to date:

- a new message joins it with no translation yet;
- a message whose English changed keeps its old Chinese, marked "fuzzy": behind the
  English until a translator checks it;
- a message no longer in the code leaves it.

Then it compiles the catalog for Python's gettext (course.mo), without the messages
that are behind: those show in English until they are translated. run_series.py runs
it; so can a translator, after editing course.po: `python -m tools.message_catalog`.
"""

import io
import string

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .cell_strings import word_strings
from .colab import is_colab_cell
from .notebook_files import read
from .project import NOTEBOOKS, ROOT, SETTINGS, english_originals

CATALOG_FOLDER = NOTEBOOKS / "locale"
CHINESE_CATALOG = CATALOG_FOLDER / "zh_CN" / "LC_MESSAGES" / "course.po"
COMPILED_CATALOG = CHINESE_CATALOG.with_suffix(".mo")
# The code that speaks to a learner or a teacher: the course's modules, and grade.py
# with the grading it does (the report a teacher reads).
SOURCES = [
    "notebooks/course/*.py",
    "notebooks/checks/*.py",
    "notebooks/*.py",
    "grade.py",
    "tools/grading.py",
    "tools/website.py",
    "website/*.py",
]
# The names that mark a message in the code (course/messages.py).
KEYWORDS = {"_": None, "N_": None}
HEADER_COMMENT = (
    "# The course's messages in Chinese (Simplified): each msgid is the English\n"
    "# in the code, each msgstr its Chinese. Edit the msgstr lines, remove the\n"
    "# fuzzy mark of a message you have checked, then run\n"
    "# `python -m tools.message_catalog`.\n"
    "#"
)
# What the catalog tells a translator about a string of a lesson's code.
LESSON_NOTE = (
    "A string in a lesson's code, as written between its quotes: keep its {fields} and"
    " escapes, and its line within 88 columns (a Chinese character counts 2). The same"
    " English as the msgstr keeps the English (a name, or a key other code reads)."
)
# A comment on the line before a message, starting so, reaches the translator.
TRANSLATOR_NOTE = "Translators:"


def source_files():
    """The Python files whose messages the catalog holds, in a fixed order."""
    return sorted(path for pattern in SOURCES for path in ROOT.glob(pattern))


def strings_in_lessons():
    """[(notebook, cell number, text)] for each string of words in the code cells of
    the English notebooks (the first cell, written by tools/colab.py, aside)."""
    found = []
    for path in english_originals():
        if path.suffix != ".ipynb":
            continue
        for number, cell in enumerate(read(path).cells, start=1):
            if cell.cell_type == "code" and not is_colab_cell(cell):
                for *_position, text in word_strings(cell.source):
                    found.append((path.relative_to(ROOT).as_posix(), number, text))
    return found


def messages_in_code():
    """A catalog of every message in the code, with where each one is (for a lesson's
    string, its notebook and cell number)."""
    found = Catalog(project="deep-learning-on-mnist", fuzzy=False)
    for path in source_files():
        where = path.relative_to(ROOT).as_posix()
        for line, message, notes, _context in extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=[TRANSLATOR_NOTE]
        ):
            found.add(message, locations=[(where, line)], auto_comments=notes)
    for where, cell_number, text in strings_in_lessons():
        if text in found:
            found[text].locations.append((where, cell_number))
        else:
            location = [(where, cell_number)]
            found.add(text, locations=location, auto_comments=[LESSON_NOTE])
    return found


def translations():
    """{English: Chinese} for every message of the catalog whose Chinese is up to
    date (a message behind the English is left out, and shows in English)."""
    return {
        message.id: message.string
        for message in read_catalog()
        if message.id and message.string and not message.fuzzy
    }


def read_catalog(path=CHINESE_CATALOG):
    """The Chinese catalog as it is on disk (an empty one if there is none yet)."""
    if not path.exists():
        return Catalog(locale="zh_CN", project="deep-learning-on-mnist", fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale="zh_CN")


def catalog_bytes(catalog):
    """The text of course.po for a catalog, as it is written to disk."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=88, ignore_obsolete=True, include_lineno=False)
    return buffer.getvalue()


def compiled_bytes(catalog):
    """course.mo for a catalog: the translated messages that are not behind."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def updated_catalog():
    """The Chinese catalog brought up to date with the messages in the code."""
    catalog = read_catalog()
    catalog.update(messages_in_code(), update_creation_date=False)
    catalog.obsolete.clear()
    catalog.header_comment = HEADER_COMMENT
    catalog.version = "messages"
    catalog.msgid_bugs_address = f"{SETTINGS['repository']}/issues"
    catalog.last_translator = "the course's translators (see the file's history)"
    catalog.language_team = "the Chinese edition (notebooks/translations/zh-CN/)"
    return catalog


def behind(catalog):
    """The messages whose Chinese is missing or marked fuzzy (the English changed)."""
    return [
        message
        for message in catalog
        if message.id and (not message.string or message.fuzzy)
    ]


def placeholders(text):
    """The names in {braces} that str.format fills in a message."""
    parts = string.Formatter().parse(text)
    return {name for _text, name, _spec, _conversion in parts if name is not None}


def update():
    """Write course.po and course.mo from the code; return the messages behind."""
    catalog = updated_catalog()
    CHINESE_CATALOG.parent.mkdir(parents=True, exist_ok=True)
    CHINESE_CATALOG.write_bytes(catalog_bytes(catalog))
    COMPILED_CATALOG.write_bytes(compiled_bytes(catalog))
    return behind(catalog)


def main():
    late = update()
    print(f"{CHINESE_CATALOG.relative_to(ROOT)}: {len(late)} message(s) to translate.")
    for message in late:
        print(f"- {message.id!r}" + (" (English changed)" if message.fuzzy else ""))


if __name__ == "__main__":
    main()
