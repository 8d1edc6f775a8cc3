"""The course's website (tools/website.py), built and opened in a real browser.

The site is built once, then every page of both languages is opened in Chromium twice:
served on 127.0.0.1, and straight from the folder (file://). Every request to another
host is blocked and counted: a page must work with no internet.
"""

import functools
import http.server
import threading
from urllib.parse import urlparse

import pytest

from tools import website
from tools.project import ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built site's folder."""
    output = tmp_path_factory.mktemp("website")
    website.build(output)
    return output


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        """No line per request in the test's output."""


@pytest.fixture(scope="module")
def served(site):
    """The site's address on 127.0.0.1."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


class Visit:
    """A browser tab that blocks and records requests to other hosts, and records the
    console's errors."""

    def __init__(self, browser, width=1280):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.blocked, self.errors = [], []
        self.page.route("**/*", self.route)
        self.page.on("console", self.console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def route(self, route):
        address = urlparse(route.request.url)
        if address.scheme in ("file", "data") or address.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def console(self, message):
        if message.type == "error":
            self.errors.append(message.text)

    def open(self, address):
        response = self.page.goto(address)
        self.page.wait_for_load_state("load")
        return response


def page_addresses(base):
    """Every page of both sites, as addresses under `base`."""
    return [
        f"{base}/{language}/{page}.html"
        for language in website.LANGUAGES
        for page, _source in website.pages(language)
    ]


def base_addresses(site, served):
    return {"served": served, "file": site.as_uri()}


BROKEN_IMAGES = """() => [...document.images]
  .filter((image) => !image.complete || image.naturalWidth === 0 || !image.alt)
  .map((image) => image.getAttribute("src"))"""


@pytest.mark.parametrize("mode", ["served", "file"])
def test_every_page_loads_with_its_images_and_no_request_elsewhere(
    site, served, browser, mode
):
    base = base_addresses(site, served)[mode]
    visit = Visit(browser)
    problems = []
    for address in page_addresses(base):
        response = visit.open(address)
        if mode == "served" and response.status != 200:
            problems.append(f"{address}: status {response.status}")
        broken = visit.page.evaluate(BROKEN_IMAGES)
        if broken:
            problems.append(f"{address}: images not loaded or without alt: {broken}")
    assert visit.page.evaluate("document.images.length") >= 0
    assert not problems and not visit.errors and not visit.blocked, (
        problems,
        visit.errors,
        visit.blocked,
    )


@pytest.mark.parametrize("mode", ["served", "file"])
def test_the_language_switch_leads_to_the_same_page(site, served, browser, mode):
    base = base_addresses(site, served)[mode]
    visit = Visit(browser)
    pairs = [
        ("en/notebooks/04_first_cnn.html", "zh-CN/notebooks/04_first_cnn.zh-CN.html"),
        ("en/index.html", "zh-CN/index.html"),
        (
            "en/notebooks/instructor_guide.html",
            "zh-CN/notebooks/instructor_guide.zh-CN.html",
        ),
    ]
    for english, chinese in pairs:
        for start, end in ((english, chinese), (chinese, english)):
            visit.open(f"{base}/{start}")
            visit.page.click(".language-switch a")
            visit.page.wait_for_load_state("load")
            assert visit.page.url == f"{base}/{end}"
    assert not visit.errors and not visit.blocked


@pytest.mark.parametrize("mode", ["served", "file"])
@pytest.mark.parametrize(
    ("language", "word"),
    [("en", "convolution"), ("zh-CN", "卷积"), ("zh-CN", "损失函数")],
)
def test_search_finds_the_lesson(site, served, browser, mode, language, word):
    base = base_addresses(site, served)[mode]
    visit = Visit(browser)
    visit.open(f"{base}/{language}/search.html?q={word}")
    visit.page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    found = visit.page.eval_on_selector_all(
        "#search-results ul.search li a", "links => links.map((link) => link.href)"
    )
    lesson = {
        "convolution": "04_first_cnn",
        "卷积": "04_first_cnn",
        "损失函数": "03_dense_baseline",
    }[word]
    assert any(lesson in address for address in found[:5]), found[:5]
    assert not visit.errors and not visit.blocked


def links_box(page):
    """The HTML of the box under a lesson's title, up to the end of its list."""
    box = page[page.index('class="lesson-links') :]
    return box[: box.index("</ul>")]


def test_a_lesson_page_says_what_to_do_next(site):
    notebooks = site / "en" / "notebooks"
    box = links_box((notebooks / "04_first_cnn.html").read_text(encoding="utf-8"))
    assert 'href="05_lenet.html"' in box and 'href="04_first_cnn_solutions.html"' in box
    assert "colab.research.google.com/github/" in box and "requirements.txt" in box
    assert "04_first_cnn.ipynb" in box and "download" in box
    chinese = site / "zh-CN" / "notebooks" / "04_first_cnn.zh-CN.html"
    box = links_box(chinese.read_text(encoding="utf-8"))
    assert 'href="05_lenet.zh-CN.html"' in box and "下一课" in box
    last = links_box((notebooks / "09_recipes_from_the_web.html").read_text("utf-8"))
    assert "last lesson" in last
    answers = notebooks / "04_first_cnn_solutions.html"
    assert 'href="04_first_cnn.html"' in links_box(answers.read_text(encoding="utf-8"))


def test_every_page_states_the_licences(site):
    for page in site.glob("*/**/*.html"):
        assert "CC BY-SA 3.0" in page.read_text(encoding="utf-8"), page


def test_the_drawing_pad_is_shown_as_a_picture(site):
    """In each language, the pad as it looks in that language's notebook."""
    for language, name, picture in (
        ("en", "08_predictions_and_your_own_digit", "drawing_pad.png"),
        ("zh-CN", "08_predictions_and_your_own_digit.zh-CN", "drawing_pad.zh-CN.png"),
    ):
        page = site / language / "notebooks" / f"{name}.html"
        assert picture in page.read_text(encoding="utf-8")


def test_the_site_names_no_resource_on_another_host(site):
    """No page, script or style sheet loads from the internet: only links may point
    there."""
    import re

    loads = re.compile(r"""(?:src=|@import\s+|url\()["']?(https?:)?//""")
    found = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.suffix in (".html", ".css", ".js")
        and loads.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not found


def test_the_build_command_is_named_and_both_readmes_point_to_the_site():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "python -m tools.website" in contributing
    owner, name = website.SETTINGS["repository"].split("/")[-2:]
    address = f"https://{owner}.github.io/{name}/"
    for readme in ("README.md", "README.zh-CN.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        assert address in text and "site/index.html" in text


def test_the_chinese_site_speaks_chinese(site):
    """The theme's words (website/locale/) and the site's own (the course's catalog)."""
    page = site / "zh-CN" / "notebooks" / "04_first_cnn.zh-CN.html"
    text = page.read_text(encoding="utf-8")
    for chinese in ("回到顶部", "下一页", "本页内容", "运行这一课", "下载这个笔记本"):
        assert chinese in text
    for english in ("Back to top", "On this page", "Run this lesson", "Skip to"):
        assert english not in text
