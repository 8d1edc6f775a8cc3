"""Build the font the course ships for Chinese text in figures (course/chinese_font.py).

It is Noto Sans CJK SC (SIL Open Font License 1.1), cut down to the characters a
figure needs: the 3,755 common characters of GB 2312's first level, GB 2312's
punctuation and symbols, and every character of the course's own Chinese (its message
catalog and translation files). Renamed, as the licence asks of a changed font:
"Course Sans SC". Build it again when the course's Chinese uses a new rare character
(tests/course/test_chinese_font.py says so):

    python -m tools.chinese_font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

The source is Debian's fonts-noto-cjk package (apt-get install fonts-noto-cjk) or
NotoSansCJKsc-Regular.otf from github.com/notofonts/noto-cjk.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from .project import NOTEBOOKS

FONT_FOLDER = NOTEBOOKS / "course" / "fonts"
FONT_FILE = FONT_FOLDER / "CourseSansSC-Regular.otf"
FAMILY = "Course Sans SC"
SOURCE_NAME = "Noto Sans CJK SC"
# GB 2312's rows: 1-9 hold punctuation, full-width forms and symbols; 16-55 the first
# level of characters (the common ones), 94 to a row except the last.
SYMBOL_ROWS = range(1, 10)
COMMON_ROWS = range(16, 56)


def gb2312_characters(rows):
    """The characters of some rows of GB 2312, decoded from their two bytes."""
    found = []
    for row in rows:
        for cell in range(1, 95):
            try:
                found.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # an empty place in the table
    return found


def course_characters():
    """Every character of the course's own Chinese: the catalog and translations."""
    texts = [NOTEBOOKS / "locale" / "zh_CN" / "LC_MESSAGES" / "course.po"]
    texts += sorted((NOTEBOOKS / "translations" / "zh-CN").glob("*.md"))
    text = "".join(path.read_text(encoding="utf-8") for path in texts)
    return {character for character in text if ord(character) > 127}


def wanted_characters():
    """What the font must hold, beside the printable ASCII that the subset keeps."""
    return sorted(
        set(gb2312_characters(SYMBOL_ROWS))
        | set(gb2312_characters(COMMON_ROWS))
        | course_characters()
    )


def source_font(path):
    """Noto Sans CJK SC from an .otf file, or from Debian's collection (.ttc)."""
    if Path(path).suffix == ".ttc":
        for font in TTCollection(path).fonts:
            if font["name"].getDebugName(1) == SOURCE_NAME:
                return font
        raise SystemExit(f"{path} holds no {SOURCE_NAME}.")
    return TTFont(path)


def rename(font):
    """Give the cut-down font its own name, keeping the copyright and licence."""
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    for name_id, text in {
        1: FAMILY,
        3: f"{FAMILY}; a subset of {SOURCE_NAME} {font['head'].fontRevision:.3f}",
        4: FAMILY,
        6: FAMILY.replace(" ", "") + "-Regular",
    }.items():
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    if "CFF " in font:
        font["CFF "].cff.fontNames = [FAMILY.replace(" ", "") + "-Regular"]


def build(source_path, target=FONT_FILE):
    font = source_font(source_path)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False  # figures are drawn at sizes where hints add little
    subsetter = subset.Subsetter(options)
    characters = wanted_characters()
    ascii_text = "".join(chr(code) for code in range(32, 127))
    subsetter.populate(text=ascii_text + "".join(characters))
    subsetter.subset(font)
    rename(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return len(characters), target.stat().st_size


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    count, size = build(sys.argv[1])
    where = FONT_FILE.relative_to(NOTEBOOKS.parent)
    print(f"{where}: {count} characters, {size:,} bytes")


if __name__ == "__main__":
    main()
