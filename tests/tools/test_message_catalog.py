"""tools/message_catalog.py: the catalog of the course's messages holds every message
in the code, each with its Chinese, and a changed English message shows as behind.

A test that fails here names the messages: add or check their Chinese in
notebooks/locale/zh_CN/LC_MESSAGES/course.po, then run
`python -m tools.message_catalog`.
"""

import re

from babel.messages.catalog import Catalog

from tools import cell_strings, message_catalog

CATALOG = message_catalog.read_catalog()
HOW_TO_FIX = (
    "Run `python -m tools.message_catalog`, translate what it lists in "
    "notebooks/locale/zh_CN/LC_MESSAGES/course.po, and run it again."
)


def ids(catalog):
    return {message.id for message in catalog if message.id}


def test_the_catalog_holds_every_message_in_the_code_and_no_other():
    in_code, in_catalog = ids(message_catalog.messages_in_code()), ids(CATALOG)
    assert in_code, "no message found in the code: is the extraction broken?"
    assert sorted(in_code - in_catalog) == [], HOW_TO_FIX
    assert sorted(in_catalog - in_code) == [], HOW_TO_FIX


def test_every_message_has_its_chinese():
    behind = message_catalog.behind(CATALOG)
    assert behind == [], HOW_TO_FIX + "\n" + "\n".join(
        f"- {message.id!r}" + (" (English changed)" if message.fuzzy else "")
        for message in behind
    )


def in_lessons(message):
    """A string of a lesson's code: the catalog says which notebooks have it."""
    return any(where.endswith(".ipynb") for where, _line in message.locations)


def test_the_chinese_keeps_every_value_of_the_english():
    """A module's message keeps the names str.format fills; a string of a lesson
    keeps every {field} of its f-string as written (its code), and every digit."""
    for message in CATALOG:
        if not (message.id and message.string):
            continue
        if in_lessons(message):
            english, chinese = message.id, message.string
            assert sorted(fields(chinese)) == sorted(fields(english)), message.id
            assert digits(chinese) == digits(english), message.id
        else:
            english = message_catalog.placeholders(message.id)
            chinese = message_catalog.placeholders(message.string)
            assert chinese == english, (message.id, message.string)


def fields(text):
    return cell_strings.fields(text)


def digits(text):
    return sorted(re.findall(r"\d+(?:\.\d+)?", cell_strings.FIELD.sub(" ", text)))


def test_the_catalog_tells_the_translator_what_a_lesson_s_string_is():
    lessons = [message for message in CATALOG if in_lessons(message)]
    assert len(lessons) > 300
    for message in lessons:
        note = " ".join(message.auto_comments)
        assert note == message_catalog.LESSON_NOTE or message.auto_comments == [], (
            message.id
        )


def test_the_committed_compiled_catalog_is_the_catalog_compiled():
    compiled = message_catalog.COMPILED_CATALOG.read_bytes()
    assert compiled == message_catalog.compiled_bytes(CATALOG), HOW_TO_FIX


def test_the_committed_catalog_is_as_the_script_writes_it():
    written = message_catalog.CHINESE_CATALOG.read_bytes()
    assert written == message_catalog.catalog_bytes(CATALOG), HOW_TO_FIX


def test_a_changed_english_message_is_marked_behind_and_a_new_one_listed():
    translated = Catalog(locale="zh_CN", fuzzy=False)
    translated.add("{count} images read right", "认对了 {count} 张图像")
    in_code = Catalog(fuzzy=False)
    in_code.add("{count} images read right, of 10,000")  # the English changed
    in_code.add("a new message")
    translated.update(in_code, update_creation_date=False)
    behind = {message.id: message for message in message_catalog.behind(translated)}
    assert set(behind) == {"{count} images read right, of 10,000", "a new message"}
    changed = behind["{count} images read right, of 10,000"]
    assert changed.fuzzy and changed.string == "认对了 {count} 张图像"
    assert not behind["a new message"].string
    compiled = message_catalog.compiled_bytes(translated)
    assert "认对了".encode() not in compiled  # behind: shown in English until checked


def test_placeholders_are_the_names_that_format_fills():
    assert message_catalog.placeholders("{rate} is {share:.0%}, {{not}} one") == {
        "rate",
        "share",
    }
