"""The Chinese edition (中文版): complete, built by the run script, never behind the
English without saying so, with the same code as the English.

Each English notebook or document has a translation file in
notebooks/translations/zh-CN/; `python run_series.py` builds the Chinese edition from
the two. A test that fails here names the entries to fix in that file.
"""

import re
import shutil
import sys
import unicodedata
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import run_series  # noqa: E402

ORIGINALS = run_series.english_originals()
NOTEBOOKS = [path for path in ORIGINALS if path.suffix == ".ipynb"]
RESULTS = run_series.load_results()
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Half-width punctuation right after a Chinese character: Chinese text uses ，。：；？！
HALF_WIDTH_AFTER_CHINESE = re.compile(r"[\u4e00-\u9fff][,.;:?!](?!\w)")
CODE = re.compile(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|<[^>\n]*>|https?://\S+", re.DOTALL)


def label(path):
    return str(path.relative_to(ROOT))


def built(path):
    """(Chinese text or notebook, what is behind) as the run script builds it."""
    if path.suffix == ".ipynb":
        return run_series.build_chinese_notebook(path, RESULTS)
    return run_series.build_chinese_document(path, RESULTS)


def translated_pairs(path):
    """(where, English, Chinese) for each entry of the translation that matches the
    English as it is now."""
    entries = run_series.read_translation(run_series.translation_path(path))
    pairs = []
    for header, english in run_series.english_entries(path):
        if header == "<!-- comment -->":
            if english in entries["comment"]:
                pairs.append((english, english, entries["comment"][english]))
            continue
        kind, key = run_series.ENTRY_LINE.match(header).group(1, 2)
        if key in entries[kind]:
            pairs.append((f"{kind} {key}", english, entries[kind][key][1]))
    return pairs


def prose(text):
    """Markdown without code, links' targets, tags and addresses."""
    return CODE.sub(" ", text)


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_the_chinese_edition_is_not_behind_the_english(path):
    _, stale = built(path)
    where = run_series.translation_path(path).relative_to(ROOT)
    assert not stale, (
        f"The Chinese edition of {path.name} is behind the English in {len(stale)} "
        f"place(s), marked in it; update {where}. `python run_series.py --stale` "
        "prints what to translate:\n"
        + "\n".join(f"  {key}: {english[:70]}" for key, english in stale)
    )


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_no_translation_is_left_over_from_deleted_english(path):
    entries = run_series.read_translation(run_series.translation_path(path))
    wanted = {
        run_series.ENTRY_LINE.match(header).group(2)
        for header, _ in run_series.english_entries(path)
        if header != "<!-- comment -->"
    }
    comments = {
        english
        for header, english in run_series.english_entries(path)
        if header == "<!-- comment -->"
    }
    left_over = [
        key for key in {**entries["cell"], **entries["section"]} if key not in wanted
    ]
    left_over += [english for english in entries["comment"] if english not in comments]
    assert not left_over, f"translations of English that is gone: {left_over}"


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_the_committed_chinese_edition_is_what_the_run_script_builds(path):
    chinese = run_series.chinese_path(path)
    assert chinese.exists(), "run python run_series.py --no-run"
    content, _ = built(path)
    if path.suffix == ".ipynb":
        content = run_series.notebook_text(content)
        nbformat.validate(
            nbformat.reads(chinese.read_text(encoding="utf-8"), as_version=4)
        )
    assert chinese.read_text(encoding="utf-8") == content, (
        f"{chinese.name} is not what the run script builds: it is never edited by "
        "hand. Run python run_series.py --no-run."
    )


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
    text = run_series.GUIDE.read_text(encoding="utf-8")
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
    as in 损失函数（loss function）; after that, the Chinese alone."""
    chinese, _ = built(path)
    if path.suffix == ".ipynb":
        chinese = "\n".join(
            cell.source for cell in chinese.cells if cell.cell_type == "markdown"
        )
    # The time line is written by the run script, from the results. In the guide,
    # the glossary gives every term beside its English: the rule holds up to it.
    text = re.sub(r"(?m)^\*\*计算时间：\*\*.*$", "", prose(chinese))
    text = text.split("| English | 中文 |")[0]
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=label)
def test_the_code_is_the_english_code(path):
    """Only comments differ, so the Chinese notebooks run exactly what the English ones
    run (nbval runs the English ones): same cells, tags, outputs and code."""
    english = nbformat.read(path, as_version=4)
    chinese = nbformat.read(run_series.chinese_path(path), as_version=4)
    assert [cell.id for cell in chinese.cells] == [cell.id for cell in english.cells]
    for mine, theirs in zip(chinese.cells, english.cells, strict=True):
        assert mine.metadata == theirs.metadata
        if theirs.cell_type == "code":
            assert run_series.code_without_comments(
                mine.source
            ) == run_series.code_without_comments(theirs.source), mine.id
            assert mine.outputs == theirs.outputs, mine.id
            compile(re.sub(r"(?m)^(\s*)!.*$", r"\1pass", mine.source), mine.id, "exec")


def width(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=label)
def test_chinese_comments_keep_lines_within_88_columns(path):
    """A Chinese character takes two columns on screen (as ruff counts)."""
    chinese = nbformat.read(run_series.chinese_path(path), as_version=4)
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
    chinese = run_series.chinese_path(path)
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


def test_a_changed_english_sentence_is_marked_and_listed(tmp_path):
    """The drift guard at work: one sentence changed in a copy of an English notebook
    marks that cell in the Chinese build, and only that cell."""
    path = NOTEBOOKS[0]
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    notebook = nbformat.read(copy, as_version=4)
    cell = next(cell for cell in notebook.cells[1:] if cell.cell_type == "markdown")
    cell.source = cell.source.replace(".", ", we hope.", 1)
    nbformat.write(notebook, copy)
    chinese, stale = run_series.build_chinese_notebook(copy, RESULTS)
    assert [key for key, _ in stale] == [cell.id]
    marked = next(mine for mine in chinese.cells if mine.id == cell.id)
    assert marked.source.startswith(run_series.STALE_NOTE)
    assert ", we hope." in marked.source


def test_a_changed_comment_is_marked_and_the_code_stays_the_same(tmp_path):
    path = NOTEBOOKS[0]
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    notebook = nbformat.read(copy, as_version=4)
    cell, english = next(
        (cell, block[3])
        for cell in notebook.cells
        if cell.cell_type == "code" and not run_series.is_colab_cell(cell)
        for block in run_series.comment_blocks(cell.source)
        if "\n" not in block[3]
    )
    cell.source = cell.source.replace(english, english + " (changed)", 1)
    nbformat.write(notebook, copy)
    chinese, stale = run_series.build_chinese_notebook(copy, RESULTS)
    assert stale == [("comment", english + " (changed)")]
    mine = next(mine for mine in chinese.cells if mine.id == cell.id)
    assert "(changed)" in mine.source
    assert run_series.code_without_comments(
        mine.source
    ) == run_series.code_without_comments(cell.source)


def chinese_markdown(path):
    """The markdown of the committed Chinese edition of `path`."""
    chinese = run_series.chinese_path(path)
    if path.suffix == ".md":
        return chinese.read_text(encoding="utf-8")
    notebook = nbformat.read(chinese, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", ORIGINALS, ids=label)
def test_links_resolve_and_stay_in_chinese(path):
    """A link from the Chinese edition to another text of the course leads to that
    text's Chinese edition (except the link back to the English original)."""
    chinese = run_series.chinese_path(path)
    text = chinese_markdown(path)
    for target in re.findall(r"\]\((?!https?:|mailto:)([^)#\s]+)", text):
        assert (chinese.parent / target).exists(), f"broken link to {target}"
        english = (chinese.parent / target).resolve()
        if english in ORIGINALS and english != path.resolve():
            raise AssertionError(f"link to the English {target}: use the Chinese one")


def test_the_chinese_readme_gives_the_same_commands_opening_the_chinese_notebook():
    def blocks(text):
        return re.findall(r"```\w*\n(.*?)```", text, re.DOTALL)

    english = blocks(run_series.README.read_text(encoding="utf-8"))
    chinese = blocks(
        run_series.chinese_path(run_series.README).read_text(encoding="utf-8")
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
    """The guide's optional sections, named in Chinese, are headings of the Chinese
    notebooks: each is written Chinese（English）, after the English guide's name."""
    english_rows = {
        row.split("|")[1].strip(): re.findall(r'"([^"]+)"', row)
        for row in run_series.GUIDE.read_text(encoding="utf-8").splitlines()
        if re.match(r"\| \d\d \| \"", row)
    }
    chinese_guide = run_series.chinese_path(run_series.GUIDE).read_text(
        encoding="utf-8"
    )
    assert english_rows
    for number, sections in english_rows.items():
        english_path = next(p for p in NOTEBOOKS if p.stem[:2] == number)
        english = nbformat.read(english_path, as_version=4)
        chinese = nbformat.read(run_series.chinese_path(english_path), as_version=4)
        for section in sections:
            found = re.search(
                rf"(?m)^\| {number} \|.*?([^|；]+)（{re.escape(section)}）",
                chinese_guide,
            )
            assert found, f"the Chinese guide does not name {section!r} of {number}"
            cell = next(
                c
                for c in english.cells
                if c.cell_type == "markdown"
                and any(
                    line.lstrip("#").strip() == section
                    for line in c.source.splitlines()
                )
            )
            mine = next(c for c in chinese.cells if c.id == cell.id)
            headings = [
                line.lstrip("#").strip()
                for line in mine.source.splitlines()
                if line.startswith("#")
            ]
            assert found.group(1).strip() in headings, (
                number,
                found.group(1),
                headings,
            )
