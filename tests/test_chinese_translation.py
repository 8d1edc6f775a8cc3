"""The Chinese edition (中文版) as a reader meets it: every entry in Chinese, no number
of its own, Chinese punctuation, terms with their English at first use, links that stay
in Chinese, the same commands in the README.

Each English notebook or document has a translation file in
notebooks/translations/zh-CN/; `python run_series.py` builds the Chinese edition from
the two (tests/tools/test_chinese_edition.py checks the build). A test that fails here
names the entries to fix in that file.
"""

import re
import unicodedata

import nbformat
import pytest

from tools import benchmark, chinese_edition, project, translation_files

ROOT = project.ROOT
ORIGINALS = project.english_originals()
NOTEBOOKS = [path for path in ORIGINALS if path.suffix == ".ipynb"]
RESULTS = benchmark.load_results()
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Half-width punctuation right after a Chinese character: Chinese text uses ，。：；？！
HALF_WIDTH_AFTER_CHINESE = re.compile(r"[\u4e00-\u9fff][,.;:?!](?!\w)")
CODE = re.compile(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|<[^>\n]*>|https?://\S+", re.DOTALL)


def label(path):
    return str(path.relative_to(ROOT))


def built(path):
    """(Chinese text or notebook, what is behind) as the run script builds it."""
    return chinese_edition.build_chinese(path, RESULTS)


def translation_of(path):
    """The entries of the translation file of the English text at `path`."""
    return translation_files.read_translation(translation_files.translation_path(path))


def translated_pairs(path):
    """(where, English, Chinese) for each entry of the translation that matches the
    English as it is now."""
    entries = translation_of(path)
    pairs = []
    for header, english in translation_files.english_entries(path):
        if header == "<!-- comment -->":
            if english in entries["comment"]:
                pairs.append((english, english, entries["comment"][english]))
            continue
        kind, key = translation_files.ENTRY_LINE.match(header).group(1, 2)
        if key in entries[kind]:
            pairs.append((f"{kind} {key}", english, entries[kind][key][1]))
    return pairs


def prose(text):
    """Markdown without code, links' targets, tags and addresses."""
    return CODE.sub(" ", text)


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_no_translation_is_left_over_from_deleted_english(path):
    entries = translation_of(path)
    wanted = {
        translation_files.ENTRY_LINE.match(header).group(2)
        for header, _ in translation_files.english_entries(path)
        if header != "<!-- comment -->"
    }
    comments = {
        english
        for header, english in translation_files.english_entries(path)
        if header == "<!-- comment -->"
    }
    left_over = [
        key for key in {**entries["cell"], **entries["section"]} if key not in wanted
    ]
    left_over += [english for english in entries["comment"] if english not in comments]
    assert not left_over, f"translations of English that is gone: {left_over}"


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_every_entry_is_in_chinese(path):
    english_only = [
        where
        for where, english, chinese in translated_pairs(path)
        if len(re.findall(r"[A-Za-z]{2,}", prose(english))) >= 3
        and not CJK.search(chinese)
    ]
    assert not english_only, f"not translated yet: {english_only}"


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_every_number_in_the_chinese_is_in_the_english(path):
    """A translation adds no figure of its own: each number comes from the English,
    where it is printed by code or written by the run script."""
    wrong = []
    for where, english, chinese in translated_pairs(path):
        extra = set(NUMBER.findall(chinese)) - set(NUMBER.findall(english))
        if extra:
            wrong.append(f"{where}: {sorted(extra)}")
    assert not wrong, "numbers that the English does not have:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_chinese_sentences_use_chinese_punctuation(path):
    wrong = [
        f"{where}: …{found.group(0)}…"
        for where, _, chinese in translated_pairs(path)
        for found in HALF_WIDTH_AFTER_CHINESE.finditer(prose(chinese))
    ]
    assert not wrong, "use ，。：；？！ after Chinese words:\n" + "\n".join(wrong)


# Everyday words that contain a glossary term: 单元格 (a notebook's cell) is not 单元
# (a layer's unit).
EVERYDAY_WORDS = ["单元格"]


def glossary():
    """(Chinese, English) for each term of the instructor guide's glossary whose
    Chinese name is a word of two characters or more."""
    text = project.GUIDE.read_text(encoding="utf-8")
    table = text.split("| English | 中文 |", 1)[1].split("\n\n", 1)[0]
    terms = []
    for row in table.splitlines()[2:]:
        english, chinese = [cell.strip() for cell in row.strip("|").split("|")[:2]]
        for word in re.split(r" · |：|、", chinese):
            word = re.sub(r"（.*?）", "", word).strip()
            if len(word) >= 2 and CJK.search(word) and word not in terms:
                terms.append(word)
    return terms


def test_the_glossary_is_read_from_the_guide():
    terms = glossary()
    assert "损失函数" in terms and "学习率" in terms and "混淆矩阵" in terms


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_each_term_first_appears_with_its_english(path):
    """At its first use in a notebook or document, a term is followed by its English,
    as in 损失函数（loss function）; after that, the Chinese alone. Headings do not
    count: a heading never carries the English (the next test)."""
    chinese, _ = built(path)
    if path.suffix == ".ipynb":
        chinese = "\n".join(
            cell.source for cell in chinese.cells if cell.cell_type == "markdown"
        )
    # The time line is written by the run script, from the results. In the guide,
    # the glossary gives every term beside its English: the rule holds up to it.
    text = re.sub(r"(?m)^\*\*计算时间：\*\*.*$", "", prose(chinese))
    text = text.split("| English | 中文 |")[0]
    text = re.sub(r"(?m)^#{1,6} .*$", "", text)
    terms = glossary()
    missing = []
    for term in terms:
        longer = [
            other for other in terms + EVERYDAY_WORDS if term in other and other != term
        ]
        for found in re.finditer(re.escape(term), text):
            inside = any(
                text[
                    max(0, found.start() - len(other)) : found.end() + len(other)
                ].find(other)
                >= 0
                for other in longer
            )
            if inside:
                continue
            after = text[found.end() : found.end() + 3]
            if not re.match(r"（[A-Za-z]| \([A-Za-z]", after):
                missing.append(
                    f"{term}: …{text[found.start() - 10 : found.end() + 12]}…"
                )
            break
    assert not missing, "first use without the English term:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_headings_carry_no_english_in_brackets_and_chinese_is_never_italic(path):
    """A term's English goes with its first use in the text, not in a heading, and
    Chinese characters have no italic form (a browser slants them, or fakes it)."""
    text = chinese_markdown(path)
    headings = [
        line
        for line in prose(text).splitlines()
        if re.match(r"#{1,6} ", line) and re.search(r"（[A-Za-z]| \([A-Za-z]", line)
    ]
    assert not headings, "headings with English in brackets:\n" + "\n".join(headings)
    italic = re.findall(
        r"(?<![*\w])[*_](?![*_\s])[^*_\n]*[\u4e00-\u9fff][^*_\n]*(?<![*_\s])[*_](?![*\w])",
        prose(text),
    )
    assert not italic, "Chinese in italics:\n" + "\n".join(italic)


DROPOUT_FIRST = "Dropout（暂退法，又称随机失活）"


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_dropout_is_named_once_in_chinese_then_dropout(path):
    """Dropout has two Chinese names (d2l-zh's 暂退法, and 随机失活): a text gives both
    at its first mention of Dropout outside headings, then says Dropout."""
    text = re.sub(r"(?m)^#{1,6} .*$", "", prose(chinese_markdown(path)))
    text = text.split("| English | 中文 |")[0]  # the guide's glossary says it too
    names = re.finditer(r"Dropout|暂退法|随机失活", text)
    mentions = [found.start() for found in names]
    if not mentions:
        return
    assert text.startswith(DROPOUT_FIRST, mentions[0]), (
        f"first mention: …{text[mentions[0] - 10 : mentions[0] + 20]}…"
    )
    rest = text[mentions[0] + len(DROPOUT_FIRST) :]
    assert "暂退法" not in rest and "随机失活" not in rest


def width(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=label)
def test_chinese_comments_keep_lines_within_88_columns(path):
    """A Chinese character takes two columns on screen (as ruff counts)."""
    chinese = nbformat.read(project.chinese_path(path), as_version=4)
    long = [
        line
        for cell in chinese.cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if width(line) > 88
    ]
    assert not long, "shorten these comments:\n" + "\n".join(long)


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_both_editions_link_to_each_other_on_their_first_screen(path):
    chinese = project.chinese_path(path)
    if path.suffix == ".ipynb":
        english_opening = nbformat.read(path, as_version=4).cells[0].source
        chinese_opening = nbformat.read(chinese, as_version=4).cells[0].source
    else:
        english_opening = "\n".join(path.read_text(encoding="utf-8").splitlines()[:12])
        chinese_opening = "\n".join(
            chinese.read_text(encoding="utf-8").splitlines()[:12]
        )
    assert f"]({chinese.name})" in english_opening
    assert f"]({path.name})" in chinese_opening


def chinese_markdown(path):
    """The markdown of the committed Chinese edition of `path`."""
    chinese = project.chinese_path(path)
    if path.suffix == ".md":
        return chinese.read_text(encoding="utf-8")
    notebook = nbformat.read(chinese, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_links_resolve_and_stay_in_chinese(path):
    """A link from the Chinese edition to another text of the course leads to that
    text's Chinese edition (except the link back to the English original)."""
    chinese = project.chinese_path(path)
    text = chinese_markdown(path)
    for target in re.findall(r"\]\((?!https?:|mailto:)([^)#\s]+)", text):
        assert (chinese.parent / target).exists(), f"broken link to {target}"
        english = (chinese.parent / target).resolve()
        if english in ORIGINALS and english != path.resolve():
            raise AssertionError(f"link to the English {target}: use the Chinese one")


def test_the_chinese_readme_gives_the_same_commands_opening_the_chinese_notebook():
    def blocks(text):
        return re.findall(r"```\w*\n(.*?)```", text, re.DOTALL)

    english = blocks(project.README.read_text(encoding="utf-8"))
    chinese = blocks(
        project.chinese_path(project.README).read_text(encoding="utf-8")
    )
    first = "01_load_and_explore.ipynb"
    assert chinese == [
        block.replace(first, first[:-6] + ".zh-CN.ipynb") for block in english
    ]


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_bold_and_italics_render(path):
    """CommonMark ends **bold** only where the closing stars are followed by a space
    or punctuation, or preceded by a letter: in Chinese, **模型（model）**的 stays as
    stars. Rendered, no stars may be left."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark").enable("table")
    html = renderer.render(chinese_markdown(path))
    html = re.sub(r"<code>.*?</code>|<pre>.*?</pre>", "", html, flags=re.DOTALL)
    left = [line for line in html.splitlines() if "**" in line]
    assert not left, "stars left after rendering:\n" + "\n".join(left)


def test_the_chinese_guide_names_the_sections_as_the_chinese_notebooks_do():
    """The guide's optional sections, named in Chinese, are the headings of the Chinese
    notebooks, and each starts with 选学：, as the English ones start with Optional:."""
    from tools import lesson_plan

    chinese_guide = project.chinese_path(project.GUIDE).read_text(encoding="utf-8")
    start, end = lesson_plan.LESSON_PLAN
    chinese_guide = chinese_guide.split(start, 1)[1].split(end, 1)[0]
    # | 06 | 中文（English）；中文（English） |: the last brackets hold the English.
    rows = {
        found.group(1): [
            re.sub(r"（[^（）]*）$", "", part) for part in found.group(2).split("；")
        ]
        for found in re.finditer(r"(?m)^\| (\d\d) \| (.*（.*）) \|$", chinese_guide)
    }
    for english_path in project.series_notebooks():
        optional = lesson_plan.optional_headings(english_path)
        chinese = nbformat.read(project.chinese_path(english_path), as_version=4)
        headings = []
        for cell_id, _ in optional:
            cell = next(c for c in chinese.cells if c.id == cell_id)
            lines = [line for line in cell.source.splitlines() if line.startswith("#")]
            headings.append(lines[0].lstrip("#").strip())
        assert all(heading.startswith("选学：") for heading in headings), headings
        names = [heading.removeprefix("选学：") for heading in headings]
        assert rows.get(english_path.stem[:2], []) == names, english_path.stem


# The series' fixed phrases: one Chinese for each, everywhere (a pattern, where a
# first use may add the English), and the other spellings they replaced.
FIXED_PHRASES = {
    "Success:": r"成功标准：",
    "Prerequisites:": r"预备知识",
    "Predict, then check": r"先预测(（predict）)?，再验证",
}
OTHER_SPELLINGS = [
    "成功的标准", "完成标准", "前置知识", "先预测，再检查", "先预测，再检验"
]


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_fixed_phrases_read_the_same_everywhere(path):
    for where, english, chinese in translated_pairs(path):
        for phrase, fixed in FIXED_PHRASES.items():
            wanted = english.count(phrase)
            found = len(re.findall(fixed, chinese))
            assert found >= wanted, (where, phrase, fixed, chinese[:200])
        for other in OTHER_SPELLINGS:
            assert other not in chinese, (where, other)
