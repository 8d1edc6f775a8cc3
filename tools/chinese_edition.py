"""Build the Chinese edition (中文版) from each English text and its translation file.

Markdown cells and sections are replaced by their translations, code comments by
theirs, the strings of words in the code by the catalog's Chinese (tools/
cell_strings.py), and the first code cell sets the course's messages to Chinese; the
rest of the code, the tags and the metadata stay the English ones. Where a translation
is missing or behind the English, the English stays, under a visible note, and the
place is listed.

A code cell's outputs are those of the last run of the Chinese notebook
(`python run_series.py --chinese`) where the cell's code is still the code that ran;
elsewhere they are the English outputs, until the next Chinese run.
"""

import re

from . import message_catalog, saved_code
from .cell_strings import translate_strings
from .class_time import class_time_line
from .code_comments import comment_blocks
from .colab import colab_badge, in_language, is_colab_cell
from .lesson_plan import class_times_markdown, lesson_plan_markdown, optional_headings
from .notebook_files import notebook_text, read
from .project import CHINESE, README, chinese_path, english_originals, series_notebooks
from .results_text import other_versions_markdown, results_markdown, time_line
from .translation_files import (
    COMMON_TRANSLATIONS,
    PLACEHOLDER,
    document_sections,
    english_hash,
    read_translation,
    translation_path,
    with_placeholders,
)

STALE_NOTE = (
    "> **中文译文待更新**：这一段的英文原文改过了，中文还没有跟上。"
    "下面先给出英文原文。\n"
    "> *(The Chinese translation of this cell is behind the English, shown here.)*"
)
STALE_COMMENT = "# （中文注释待更新，下面是英文原文）"


def translate_code(source, comments, stale):
    """The code with each comment in Chinese; an untranslated one stays in English
    under a note, and is listed in `stale`."""
    lines = source.split("\n")
    for first, last, column, english, whole_line in reversed(comment_blocks(source)):
        chinese = comments.get(english)
        if chinese is None:
            stale.append(("comment", english.split("\n")[0]))
            if whole_line:
                lines.insert(first, " " * column + STALE_COMMENT)
            else:
                lines[first] += "（中文待更新）"
        elif whole_line:
            lines[first : last + 1] = [
                " " * column + line for line in chinese.split("\n")
            ]
        else:
            lines[first] = lines[first][:column] + chinese
    return "\n".join(lines)



def chinese_badges(path):
    """The Chinese notebook's badge line and its link back to the English."""
    english = path.name
    badge = colab_badge(chinese_path(path)).replace(
        "[![Open in Colab]", "[![在 Colab 中打开]"
    )
    return (
        f"{badge}\n[English version]({english}) · "
        "在中国大陆打不开 Colab？请看 [README 中文版](../README.zh-CN.md)"
        "里的“在中国大陆使用”。"
    )


# Where a line of Markdown starts a block of its own, and is not the next line of a
# paragraph.
BLOCK_START = re.compile(r"^\s*([-*+] |\d+\. |#|\||>|```|<|!\[|\{\{|\$\$)|^\s*$")
# A line after which the next one starts anew (a list item's first line does not).
PARAGRAPH_END = re.compile(r"^\s*(#|\||>|```|<|!\[|\{\{|\$\$)|^\s*$")
CHINESE_END = re.compile(r"[\u2018-\u201d\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]$")


def joined_paragraphs(text):
    """Chinese Markdown with each paragraph's lines joined. The translations keep one
    sentence per line, as the English does; Markdown shows a line break as a space,
    which Chinese text does not have between sentences."""
    lines, fenced = [], False
    for line in text.split("\n"):
        previous = lines[-1] if lines else ""
        if (
            not fenced
            and lines
            and CHINESE_END.search(previous)
            and not BLOCK_START.match(line)
            and not PARAGRAPH_END.match(previous)
        ):
            following = line.strip()
            chinese_next = re.match(
                r"[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]", following
            )
            ends_in_punctuation = re.search(
                r"[\u2018-\u201d\u3000-\u303f\uff00-\uffef]$", previous
            )
            space = "" if chinese_next or ends_in_punctuation else " "
            lines[-1] = previous + space + following
            continue
        if line.lstrip().startswith("```"):
            fenced = not fenced
        lines.append(line)
    return "\n".join(lines)


def fill_placeholders(text, values, stale, where):
    def value(found):
        name = found.group(1)
        if name not in values:
            stale.append((where, "{{" + name + "}}"))
            return found.group(0)
        return values[name]

    return PLACEHOLDER.sub(value, text)


def translated(entries, key, english, stale):
    """The Chinese of one markdown cell or section, its lines joined; where the entry
    is missing or translated English that has since changed, the English under a
    note, listed in `stale`."""
    english = with_placeholders(english)
    recorded, chinese = entries.get(key, (None, None))
    if recorded != english_hash(english):
        stale.append((key, english.split("\n")[0]))
        chinese = f"{STALE_NOTE}\n\n{english}"
    return joined_paragraphs(chinese)


def chinese_outputs(path):
    """{cell id: (its code, its outputs, its execution count)} of the Chinese notebook
    of the English one at `path`, as committed: what its last run printed."""
    target = chinese_path(path)
    if not target.exists():
        return {}
    return {
        cell.id: (cell.source, cell.outputs, cell.execution_count)
        for cell in read(target).cells
        if cell.cell_type == "code"
    }


def build_chinese_notebook(path, results, strings=None):
    """The Chinese edition of the English notebook at `path`, with its outputs, and
    the list of what in it is still English because the translation is behind."""
    notebook = read(path)
    entries = read_translation(translation_path(path))
    comments = {
        **read_translation(COMMON_TRANSLATIONS)["comment"],
        **entries["comment"],
    }
    strings = message_catalog.translations() if strings is None else strings
    last_run = chinese_outputs(path)
    values = {
        "computer time": time_line(results, path.stem, CHINESE),
        "class time": class_time_line(path, results, CHINESE),
        "badges": chinese_badges(path),
    }
    stale = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            if not is_colab_cell(cell):
                cell.source = translate_strings(cell.source, strings, stale)
            cell.source = translate_code(cell.source, comments, stale)
            if is_colab_cell(cell):
                cell.source = in_language(cell.source, CHINESE)
            code, outputs, count = last_run.get(cell.id, (None, None, None))
            if code == cell.source:
                cell.outputs, cell.execution_count = outputs, count
            continue
        chinese = translated(entries["cell"], cell.id, cell.source, stale)
        cell.source = fill_placeholders(chinese, values, stale, cell.id)
    return notebook, stale



def first_heading(markdown):
    """The words of the first heading line of a markdown text, or None."""
    for line in markdown.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return None


def chinese_lesson_plan(results):
    """The guide's lesson plan in Chinese, with the lessons' titles and optional
    headings as their translations give them."""
    titles, headings = {}, {}
    for path in series_notebooks():
        cells = read_translation(translation_path(path))["cell"]
        first_cell = read(path).cells[0].id
        titles[path] = first_heading(cells.get(first_cell, (None, ""))[1])
        for cell_id, _ in optional_headings(path):
            headings[(path, cell_id)] = first_heading(cells.get(cell_id, (None, ""))[1])
    return lesson_plan_markdown(results, CHINESE, titles, headings)


def build_chinese_document(path, results):
    """The Chinese edition of README.md or of the instructor guide, and what in it is
    still English because the translation is behind."""
    entries = read_translation(translation_path(path))
    prefix = "notebooks/" if path == README else ""
    values = {
        name: f"<!-- {name}: written by run_series.py -->\n{content}\n"
        f"<!-- end of {name} -->"
        for name, content in [
            ("results", results_markdown(results, prefix, CHINESE)),
            ("other versions", other_versions_markdown(results, CHINESE)),
            ("class times", class_times_markdown(results, CHINESE)),
            ("lesson plan", chinese_lesson_plan(results)),
        ]
    }
    stale, parts = [], []
    for key, english in document_sections(path.read_text(encoding="utf-8")):
        chinese = translated(entries["section"], key, english, stale)
        parts.append(fill_placeholders(chinese, values, stale, key))
    return "\n\n".join(parts) + "\n", stale



def build_chinese(path, results):
    """The Chinese edition of the English notebook or document at `path` (a notebook,
    or a document's text), and what in it is still English."""
    if path.suffix == ".ipynb":
        return build_chinese_notebook(path, results)
    return build_chinese_document(path, results)


def update_chinese_edition(results):
    """Build every Chinese notebook and document from its English and translation;
    return how many places in them are still English."""
    behind = 0
    for path in english_originals():
        chinese, stale = build_chinese(path, results)
        text = notebook_text(chinese) if path.suffix == ".ipynb" else chinese
        target = chinese_path(path)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        behind += len(stale)
    saved_code.update_chinese_modules()
    return behind

