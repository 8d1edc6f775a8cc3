"""A Sphinx extension for the course's website (website/conf.py loads it).

- Links between the course's files: a link to a page of the site leads to that page, in
  this language; a link to the other language's edition (README.zh-CN.md, a
  .zh-CN.ipynb) leads to the same page of the other site; a link to any other file of
  the project (a module, LICENSE, a folder) leads to it on GitHub.
- Pictures from another host (the "Open in Colab" badge) become their text, still a
  link: a page must not load anything from the internet.
- Every page knows the address of the same page in the other language, for the switch
  in the sidebar (_templates/language_switch.html).
"""

import posixpath
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

OTHER = {"en": "zh-CN", "zh-CN": "en"}
NAMES = {"en": "English", "zh-CN": "中文"}
EDITION = re.compile(r"\.zh-CN(?=\.(ipynb|md)$)")


def language_of(config):
    return config.html_context["site_language"]


def page_of(path):
    """(language, page name) of a course file that is a page of the site, else None.
    A page has the name of its file without the suffix; README.md and README.zh-CN.md
    are the home page of their site, index."""
    language = "zh-CN" if EDITION.search(path) else "en"
    english = EDITION.sub("", path)
    name, suffix = posixpath.splitext(path)
    if english == "README.md":
        return language, "index"
    lesson = re.fullmatch(r"notebooks/\d\d_\w+", EDITION.sub("", name))
    if suffix == ".ipynb" and lesson:
        return language, name
    if english in (
        "notebooks/instructor_guide.md",
        "data/README.md",
        "data/samples/README.md",
    ):
        return language, name
    return None


def counterpart(page, language):
    """The name of the same page in the other language's site."""
    if page in ("index", "search", "genindex"):
        return page
    if language == "en":
        return f"{page}.zh-CN"
    return page.removesuffix(".zh-CN")


def relative_address(from_page, to_page, to_language=None):
    """The address of `to_page` seen from `from_page`, in the same site or the other."""
    up = "../" * from_page.count("/")
    if to_language:
        up += f"../{to_language}/"
    return f"{up}{to_page}.html"


class CourseLinks(SphinxTransform):
    """Links to the course's files that are not pages under their own name here: see
    the module's docstring."""

    default_priority = 300  # before the links are resolved

    def apply(self):
        language = language_of(self.config)
        page = self.env.docname
        repository = self.config.html_context["repository"]
        for link in list(self.document.findall(addnodes.pending_xref)):
            if link.get("reftype") != "myst" or link.get("refdomain") == "doc":
                continue  # not a link to a file, or to a page found under its name
            target, _hash, anchor = link["reftarget"].partition("#")
            if re.match(r"^[a-z]+:", target) or not target:
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
            if page == "index":  # the home page is README.md or README.zh-CN.md
                path = posixpath.normpath(target)
            found = page_of(path)
            if found and found[0] == language:
                link["refdomain"], link["reftarget"] = "doc", found[1]
                link["reftargetid"] = anchor or None
                continue
            if found:
                address = relative_address(page, found[1], found[0])
            else:
                kind = "tree" if target.endswith("/") else "blob"
                address = f"{repository.format(kind=kind)}/{path}"
            address += f"#{anchor}" if anchor else ""
            new = nodes.reference("", "", refuri=address)
            new.extend(child.deepcopy() for child in link.children)
            link.replace_self(new)


class PicturesFromOtherHosts(SphinxTransform):
    """A picture from the internet (the Colab badge) becomes its alt text."""

    default_priority = 400

    def apply(self):
        for image in list(self.document.findall(nodes.image)):
            if re.match(r"^https?://", image.get("uri", "")):
                # The badge is followed by the link to the other edition: a dot between
                image.replace_self(nodes.inline(text=image.get("alt", "") + " ·"))


def add_other_language(app, pagename, templatename, context, doctree):
    """The same page in the other language, for the switch."""
    language = language_of(app.config)
    other = OTHER[language]
    context["other_language"] = other
    context["other_language_name"] = NAMES[other]
    context["other_language_url"] = relative_address(
        pagename, counterpart(pagename, language), other
    )


def chinese_search_fix(app):
    """Sphinx 9.0 names a JavaScript stemmer for Chinese that it does not ship
    (sphinx-doc/sphinx#14229, fixed after 9.0.4): every Chinese search failed with
    "ChineseStemmer is not defined". Chinese search stems Latin words in English, so
    the English stemmer's name is the right one."""
    from sphinx.search.zh import SearchChinese

    if SearchChinese.language_name == "English":
        return

    class ChineseWithEnglishStemmer(SearchChinese):
        language_name = "English"  # names the JavaScript stemmer, nothing else

    app.add_search_language(ChineseWithEnglishStemmer)


def setup(app):
    import sphinx

    if sphinx.version_info[:2] == (9, 0):
        chinese_search_fix(app)
    app.add_transform(CourseLinks)
    app.add_transform(PicturesFromOtherHosts)
    app.connect("html-page-context", add_other_language)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
