"""The course as a website, in English and 中文, that works with no internet:

    python -m tools.website    # writes dist/website/: open dist/website/index.html

One page per lesson with the outputs it was committed with (nothing is run again), its
solutions, the README as the home page, the instructor guide and the data cards. The
English site is in en/, the Chinese one in zh-CN/, under the same page names, so the
language switch of every page leads to the same page in the other language. Search
works in both (Chinese words are found with jieba, and the course's terms from the
guide's glossary are words of their own). The pages work from a web server and
opened straight from the folder, with no request to another host.

For each language, this script copies the pages into a scratch folder (a Chinese page
under its English name) and prepares the notebooks' copies: a box under the title with
what to do next (download, Colab, the command to run it, the next lesson), the hidden
setup cell folded, each figure's alt text from the text before it, and a picture of
the drawing pad, which cannot run on a static page. Then Sphinx builds it, with the
settings in website/conf.py. .github/workflows/website.yml publishes it to GitHub Pages.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .project import (
    CHINESE,
    DOCUMENTS,
    GUIDE,
    NOTEBOOKS,
    README,
    ROOT,
    SETTINGS,
    chinese_path,
    series_notebooks,
    solution_notebooks,
)

if str(NOTEBOOKS) not in sys.path:  # the course's message catalog
    sys.path.insert(0, str(NOTEBOOKS))
from course.messages import N_, translate  # noqa: E402

ENGLISH = "en"
LANGUAGES = (ENGLISH, CHINESE)
CONFIGURATION = ROOT / "website"
OUTPUT = ROOT / "dist" / "website"
# The drawing pad with a 7 drawn, in each language (README's picture too).
PAD_PICTURES = {
    ENGLISH: NOTEBOOKS / "drawing_pad.png",
    CHINESE: NOTEBOOKS / "drawing_pad.zh-CN.png",
}

MESSAGES = {
    "heading": N_("Run this lesson"),
    "solutions_heading": N_("Run these solutions"),
    "download": N_("Download the notebook"),
    "colab": N_("Open it in Colab"),
    "local": N_(
        "On your own computer, in the course's folder ({home} says how to get "
        "it), this command sets up and opens it:"
    ),
    "home": N_("the home page"),
    "next": N_("Next lesson: {title}"),
    "last": N_("This is the last lesson. The home page says where to go next."),
    "solutions": N_("Solutions to this lesson's exercises"),
    "lesson": N_("Back to the lesson"),
    "pad": N_(
        "The drawing pad cannot run on this web page. Here is how it looks in "
        "JupyterLab: download the notebook or open it in Colab to draw your own "
        "digit."
    ),
    "pad_alt": N_(
        "The drawing pad of notebook 08 in JupyterLab: a 7 drawn on the white "
        "square, the 28 × 28 input beside it, and the ten probabilities as "
        "bars"
    ),
    "figure": N_("A figure made by the code above"),
}


def say(key, language, **fields):
    """A message of the site in `language`, from the course's catalog."""
    return translate(MESSAGES[key], language).format(**fields)


def pages(language):
    """(page name, source) of every page of a language, in the order of the site. A
    page has the name of its file without the suffix, but for the README: index."""
    found = [("index", source_of(README, language))]
    for english in (
        series_notebooks()
        + solution_notebooks()
        + [GUIDE]
        + [path for path in DOCUMENTS if path not in (README, GUIDE)]
    ):
        source = source_of(english, language)
        found.append((source.relative_to(ROOT).with_suffix("").as_posix(), source))
    return found


def source_of(english, language):
    """The file of an English notebook or document in `language`."""
    return english if language == ENGLISH else chinese_path(english)


def colab_url(path):
    repository = SETTINGS["repository"].removeprefix("https://github.com/")
    return (
        f"https://colab.research.google.com/github/{repository}/blob/"
        f"{SETTINGS['branch']}/{path.relative_to(ROOT).as_posix()}"
    )


def first_command(language):
    """The README's first command, which sets up and opens notebook 01."""
    readme = source_of(README, language).read_text(encoding="utf-8")
    return re.search(r"```bash\n(.*?)\n```", readme, re.DOTALL)[1]


def plain_text(markdown):
    """The first sentence of a markdown text, without its markup (for alt text)."""
    lines = [line for line in markdown.splitlines() if line.strip()]
    body = [line for line in lines if not line.startswith("#")] or lines
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(body))
    text = re.sub(r"[`*_]", "", text).strip()
    sentence = re.match(r"(.+?[.!?。！？])(\s|$)", text)
    return (sentence[1] if sentence else text)[:300]


def links_box(english, language, lessons):
    """The markdown of the box under a lesson's title: what a learner does next."""
    solutions = english.stem.endswith("_solutions")
    lesson = english.with_name(english.stem.removesuffix("_solutions") + ".ipynb")
    download = f"downloads/{source_of(english, language).name}"
    command = (
        first_command(language)
        .replace("notebooks/01_load_and_explore", f"notebooks/{english.stem}")
        .replace(f"{english.stem}.ipynb", source_of(english, language).name)
    )
    home = f"[{say('home', language)}](../index.md)"
    lines = [
        f"**{say('solutions_heading' if solutions else 'heading', language)}**",
        "",
        f"- {{download}}`{say('download', language)} <{download}>`",
        f"- [{say('colab', language)}]({colab_url(source_of(english, language))})",
        f"- {say('local', language, home=home)}",
        "",
        "  ```bash",
        f"  {command}",
        "  ```",
    ]
    if solutions:
        lines.append(
            f"- [{say('lesson', language)}]({source_of(lesson, language).name})"
        )
    else:
        answers = english.with_name(f"{english.stem}_solutions.ipynb")
        lines.append(
            f"- [{say('solutions', language)}]({source_of(answers, language).name})"
        )
        later = lessons[lessons.index(english) + 1 :]
        if later:
            title = lesson_title(source_of(later[0], language))
            name = source_of(later[0], language).name
            lines.append(f"- [{say('next', language, title=title)}]({name})")
        else:
            lines.append(f"- {say('last', language)}")
    # Four backticks: the box holds a code block, fenced with three.
    return "````{container} lesson-links\n" + "\n".join(lines) + "\n````"


def lesson_title(path):
    first = nbformat.read(path, as_version=4).cells[0].source
    return first.splitlines()[0].lstrip("# ").strip()


def prepared_notebook(english, language, lessons):
    """The notebook's copy for the site: the links box under the title, the hidden
    setup cell folded, alt text for every figure, the drawing pad as a picture."""
    notebook = nbformat.read(source_of(english, language), as_version=4)
    cells = notebook.cells
    box = nbformat.v4.new_markdown_cell(links_box(english, language, lessons))
    box.pop("id", None)
    cells.insert(1, box)
    text_before = ""
    for cell in list(cells):
        if cell.cell_type == "markdown":
            text_before = plain_text(cell.source) or text_before
            continue
        if cell.metadata.get("jupyter", {}).get("source_hidden"):
            cell.metadata.setdefault("tags", []).append("hide-input")
        if any("image/png" in output.get("data", {}) for output in cell.outputs):
            alt = text_before or say("figure", language)
            cell.metadata["mystnb"] = {"image": {"alt": alt}}
        if "DrawingPad(" in cell.source:
            cell.outputs = []  # its text asks to run it: the picture below says more
            name = PAD_PICTURES[language].name
            shown = f"![{say('pad_alt', language)}]({name})"
            note = say("pad", language)
            picture = nbformat.v4.new_markdown_cell(f"{note}\n\n{shown}")
            picture.pop("id", None)
            cells.insert(cells.index(cell) + 1, picture)
    for index, cell in enumerate(cells):
        cell["id"] = f"site-{index}"
    return notebook


def glossary_words(language):
    """The course's Chinese terms, from the guide's glossary (second column)."""
    guide = source_of(GUIDE, language).read_text(encoding="utf-8")
    words = set()
    for row in re.findall(r"^\| *[^|]+\| *([^|]+?) *\|", guide, re.MULTILINE):
        for word in re.split(r"[、，,/（）() ]+", row):
            if re.fullmatch(r"[\u4e00-\u9fff]{2,}", word):
                words.add(word)
    return sorted(words)


def stage(language, folder):
    """Copy the pages of `language` into `folder`, each under its page name."""
    lessons = series_notebooks()
    english_of = {
        source_of(english, language): english
        for english in series_notebooks() + solution_notebooks()
    }
    for page, source in pages(language):
        target = folder / f"{page}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".ipynb":
            notebook = prepared_notebook(english_of[source], language, lessons)
            nbformat.write(notebook, target)
            download = folder / "notebooks" / "downloads" / source.name
            download.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, download)
        else:
            text = source.read_text(encoding="utf-8")
            if page == "index":
                text += contents(language)
            target.write_text(text, encoding="utf-8")
    picture = PAD_PICTURES[language]  # README and 08 show it
    shutil.copyfile(picture, folder / "notebooks" / picture.name)


def contents(language):
    """The site's table of contents, hidden in the home page (the sidebar shows it)."""
    names = [page for page, _source in pages(language)[1:]]
    lessons = [
        name
        for name in names
        if re.fullmatch(r"notebooks/\d\d_\w+?(\.zh-CN)?", name)
        and "_solutions" not in name
    ]
    solutions = [name for name in names if "_solutions" in name]
    others = [name for name in names if name not in lessons + solutions]
    captions = {
        "lessons": N_("Lessons"),
        "solutions": N_("Solutions"),
        "teachers": N_("For teachers, and the data"),
    }
    text = ""
    for key, group in (
        ("lessons", lessons),
        ("solutions", solutions),
        ("teachers", others),
    ):
        caption = translate(captions[key], language)
        text += f"\n\n```{{toctree}}\n:hidden:\n:caption: {caption}\n\n"
        text += "\n".join(group) + "\n```\n"
    return text


def compiled_theme_words(scratch):
    """website/locale/ with its catalogs compiled (.po to .mo) in `scratch`: the words
    of the theme's pages, for the Chinese site."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = Path(scratch) / "locale"
    for po in (CONFIGURATION / "locale").rglob("*.po"):
        target = folder / po.relative_to(CONFIGURATION / "locale").with_suffix(".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as source, target.open("wb") as compiled:
            write_mo(compiled, read_po(source))
    return folder


def build(output=OUTPUT, quiet=True):
    """Build both sites into `output` (en/, zh-CN/ and an index.html that opens the
    English one); return the seconds it took."""
    started = time.perf_counter()
    output = Path(output)
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="website-") as scratch:
        for language in LANGUAGES:
            source = Path(scratch) / language
            stage(language, source)
            words = Path(scratch) / f"words-{language}.txt"
            words.write_text(
                "".join(f"{word} 1000 n\n" for word in glossary_words(language)),
                encoding="utf-8",
            )
            built = Path(scratch) / "built" / language  # myst-nb writes beside it
            # Each language in a Sphinx of its own: Sphinx keeps the words of its pages
            # (Search, Next) in one language per process.
            command = [
                sys.executable,
                "-W",
                "ignore::DeprecationWarning",
                "-m",
                "sphinx",
                "-b",
                "html",
                "-E",
                "-W",
                "--keep-going",
                "-c",
                str(CONFIGURATION),
                "-d",
                str(Path(scratch) / f"doctrees-{language}"),
                str(source),
                str(built),
            ] + (["-q"] if quiet else [])
            environment = dict(
                os.environ,
                WEBSITE_LANGUAGE=language,
                WEBSITE_SEARCH_WORDS=str(words),
                WEBSITE_LOCALE=str(compiled_theme_words(scratch)),
            )
            if subprocess.run(command, env=environment).returncode != 0:
                raise RuntimeError(f"the {language} site did not build: see above")
            (built / ".buildinfo").unlink()  # Sphinx's own notes, with scratch paths
            shutil.copytree(built, output / language)
    (output / "index.html").write_text(REDIRECT, encoding="utf-8")
    return time.perf_counter() - started


REDIRECT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=en/index.html">
<title>Deep learning on MNIST</title></head>
<body><p><a href="en/index.html">English</a> ·
<a href="zh-CN/index.html" lang="zh-CN">中文</a></p></body></html>
"""


def size_of(folder):
    return sum(
        path.stat().st_size for path in Path(folder).rglob("*") if path.is_file()
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output", default=str(OUTPUT), help="where to write")
    arguments = parser.parse_args()
    seconds = build(arguments.output, quiet=False)
    megabytes = size_of(arguments.output) / 2**20
    print(
        f"{arguments.output}: built in {seconds:.0f} s, {megabytes:.0f} MB. "
        f"Open {Path(arguments.output) / 'index.html'} in a browser."
    )


if __name__ == "__main__":
    main()
