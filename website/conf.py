"""Sphinx settings of the course's website, for both of its languages.

tools/website.py builds the site: it copies the pages of one language into a scratch
folder under the same names for both (index is the README), sets WEBSITE_LANGUAGE to
"en" or "zh-CN", and runs Sphinx with this folder as its configuration. Nothing is
downloaded, while building or while reading: the theme (Furo) ships its own files,
the notebooks are shown with the outputs they were committed with (never run again),
and the pages hold no math, so no MathJax is loaded.
"""

import logging
import os
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "notebooks"))  # the course's message catalog
from course.messages import N_, translate  # noqa: E402

LANGUAGE = os.environ.get("WEBSITE_LANGUAGE", "en")
# Where a link to a file that is not a page leads: the file on GitHub.
SETTINGS = tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))
REPOSITORY = "{repository}/{{kind}}/{branch}".format(**SETTINGS["tool"]["mnist-series"])
CHINESE = LANGUAGE == "zh-CN"

project = translate(N_("Deep learning on MNIST"), LANGUAGE)
html_title = project
# The footer of every page: the licences (README.md, "License").
copyright = translate(
    N_(
        "the course's authors. Code and text: MIT License. MNIST, and the images of "
        "it in the notebooks' outputs: Creative Commons Attribution-Share Alike 3.0 "
        "(CC BY-SA 3.0)"
    ),
    LANGUAGE,
)
html_show_sphinx = False
language = "zh_CN" if CHINESE else "en"
# The theme's own words in Chinese (locale/zh_CN/LC_MESSAGES/sphinx.po, compiled by
# tools/website.py into this folder).
locale_dirs = [os.environ.get("WEBSITE_LOCALE", str(HERE / "locale"))]
root_doc = "index"
extensions = ["myst_nb", "course_site"]
exclude_patterns = ["**.ipynb_checkpoints", "**/downloads/**"]
templates_path = [str(HERE / "_templates")]
html_static_path = [str(HERE / "_static")]
html_css_files = ["site.css"]
html_js_files = ["file_mode.js"]

# The notebooks as committed: never executed while building.
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no widget code from a CDN: the drawing pad is a picture here
myst_heading_anchors = 3
mathjax_path = "mathjax/not-used.js"  # a CDN is never named, even if a page had math

html_theme = "furo"
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_context = {"site_language": LANGUAGE, "repository": REPOSITORY}
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "language_switch.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
if CHINESE:
    import jieba  # Sphinx's Chinese search splits Chinese text into words with it

    jieba.setLogLevel(logging.WARNING)  # no notes while it loads its dictionary
    nb_code_prompt_show = "显示代码"
    nb_code_prompt_hide = "隐藏代码"
    html_search_language = "zh"
    # The course's terms as words of their own (jieba alone splits 损失函数 in two):
    # tools/website.py writes them from the instructor guide's glossary.
    html_search_options = {"dict": os.environ["WEBSITE_SEARCH_WORDS"]}
