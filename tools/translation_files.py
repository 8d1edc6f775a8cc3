"""The Chinese edition's translation files: their entries, and what they lack.

Each English notebook or document has one in notebooks/translations/zh-CN/, and
common.md holds the comments every notebook shares. Each entry records the hash of the
English it translates, so that a change to the English shows.
"""

import hashlib
import re
from pathlib import Path

from .class_time import CLASS_TIME_LINE
from .code_comments import comment_blocks
from .colab import COLAB_BADGE, LANGUAGE_LINE, is_colab_cell
from .notebook_files import read
from .project import CHINESE, NOTEBOOKS, ROOT
from .results_text import TIME_LINE, WRITTEN_REGION

TRANSLATIONS = NOTEBOOKS / "translations" / CHINESE
# Shared by every notebook: the translations of the Colab cell's comments.
COMMON_TRANSLATIONS = TRANSLATIONS / "common.md"
# A translation file is a list of entries, each opened by one of these lines:
#   <!-- cell 441e883b, from English 3c9d0a7b1f2e -->   a markdown cell (its id)
#   <!-- section Get started, from English 3c9d0a7b1f2e -->   a document's section
#   <!-- comment -->   a code comment: the English lines, <!-- 中文 -->, the Chinese
# The hash is that of the English the entry translates (see english_hash).
ENTRY_LINE = re.compile(
    r"^<!-- (?:(cell|section) (.+), from English ([0-9a-f]{12})|(comment)) -->$"
)
CHINESE_LINE = "<!-- 中文 -->"
# The lines the run script writes stand in the English, and in its translation, as
# {{placeholders}}: they change with every benchmark, and are written in each language.
PLACEHOLDER = re.compile(r"\{\{([\w ]+)\}\}")


def translation_path(path):
    """The translation file of an English text. A text in the root folder or in
    notebooks/ gives its stem (README.md, instructor_guide.md, NN_name.md); a text in
    another folder of the project gives its path from the root, its folders joined by
    _ (data/samples/README.md: data_samples_README.md), so that no two share a file."""
    path = Path(path).resolve()
    if path.parent in (ROOT, NOTEBOOKS) or not path.is_relative_to(ROOT):
        return TRANSLATIONS / f"{path.stem}.md"
    name = "_".join(path.relative_to(ROOT).with_suffix("").parts)
    return TRANSLATIONS / f"{name}.md"


def english_hash(text):
    """The first 12 hex digits of the English text's SHA-256: what a translation
    entry records, so that a change to the English shows."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:12]


def with_placeholders(text):
    """The English with what the run script writes replaced by {{placeholders}}."""
    text = TIME_LINE.sub("{{computer time}}", text)
    text = CLASS_TIME_LINE.sub("{{class time}}", text)
    text = COLAB_BADGE.sub("{{badges}}", text)
    text = LANGUAGE_LINE.sub("", text)
    return WRITTEN_REGION.sub(lambda found: "{{" + found.group(1) + "}}", text)


def read_translation(path):
    """{"cell"/"section": {key: (hash, Chinese)}, "comment": {English: Chinese}}."""
    entries = {"cell": {}, "section": {}, "comment": {}}
    if not path.exists():
        return entries
    kind = key = None
    body = []

    def close():
        if kind in ("cell", "section"):
            entries[kind][key[0]] = (key[1], "\n".join(body).strip("\n"))
        elif kind == "comment":
            text = "\n".join(body)
            english, _, chinese = text.partition(f"\n{CHINESE_LINE}\n")
            entries["comment"][english.strip("\n")] = chinese.strip("\n")

    for line in path.read_text(encoding="utf-8").splitlines():
        found = ENTRY_LINE.match(line)
        if found:
            close()
            kind = found.group(1) or found.group(4)
            key = (found.group(2), found.group(3))
            body = []
        else:
            body.append(line)
    close()
    return entries



def document_sections(text):
    """A Markdown document cut before each heading: [(key, section text)], where the
    key is the heading's words (numbered when a heading repeats)."""
    sections, fenced = [["(start)", []]], False
    for line in text.split("\n"):
        fenced ^= line.startswith("```")
        if not fenced and re.match(r"#{1,6} ", line):
            sections.append([line.lstrip("#").strip(), []])
        sections[-1][1].append(line)
    keys, result = {}, []
    for key, lines in sections:
        body = "\n".join(lines).strip("\n")
        if not body:
            continue
        keys[key] = keys.get(key, 0) + 1
        result.append((key if keys[key] == 1 else f"{key} ({keys[key]})", body))
    return result


def english_entries(path):
    """The entries a full translation of the English notebook or document at `path`
    has: [(header line, English)], in order; code comments once each."""
    entries, seen = [], set()
    if path.suffix == ".md":
        for key, english in document_sections(path.read_text(encoding="utf-8")):
            english = with_placeholders(english)
            header = f"<!-- section {key}, from English {english_hash(english)} -->"
            entries.append((header, english))
        return entries
    for cell in read(path).cells:
        if cell.cell_type == "markdown":
            english = with_placeholders(cell.source)
            header = f"<!-- cell {cell.id}, from English {english_hash(english)} -->"
            entries.append((header, english))
        elif not is_colab_cell(cell):
            for block in comment_blocks(cell.source):
                if block[3] not in seen:
                    seen.add(block[3])
                    entries.append(("<!-- comment -->", block[3]))
    return entries


def missing_entries(path):
    """The entries of `path`'s translation that are missing or behind the English,
    in the translation file's format, the English standing where the Chinese goes."""
    translated = read_translation(translation_path(path))
    if path.suffix == ".ipynb":
        common = read_translation(COMMON_TRANSLATIONS)["comment"]
        translated["comment"] = {**common, **translated["comment"]}
    missing = []
    for header, english in english_entries(path):
        if header == "<!-- comment -->":
            if english not in translated["comment"]:
                missing.append(f"{header}\n{english}\n{CHINESE_LINE}\n{english}")
            continue
        kind, key, recorded = ENTRY_LINE.match(header).group(1, 2, 3)
        if translated[kind].get(key, (None,))[0] != recorded:
            missing.append(f"{header}\n{english}")
    return missing

