"""JupyterLab's own menus in Chinese: the language pack in requirements.txt works with
the pinned JupyterLab, served for real on 127.0.0.1 and chosen in the settings, as a
learner chooses it (Settings > Language)."""

import json
import urllib.request

import pytest

from tools.project import ROOT

LANGUAGE_PACK = "jupyterlab-language-pack-zh-CN"


def pinned(package):
    """The version requirements.txt pins for a package."""
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        name, _, version = line.split("#")[0].strip().partition("==")
        if name.lower() == package.lower():
            return version.split(";")[0].strip()
    raise AssertionError(f"{package} is not pinned in requirements.txt")


def test_the_pack_is_the_one_made_for_the_nearest_jupyterlab():
    lab, pack = pinned("jupyterlab"), pinned(LANGUAGE_PACK)
    assert pack.split(".")[0] == lab.split(".")[0]  # the same major version
    assert pack.split(".post")[0] <= lab  # made for this minor version or an older one


@pytest.fixture(scope="module")
def jupyterlab_in_chinese(tmp_path_factory, serve_jupyterlab):
    """JupyterLab with its language set to Chinese in the user's settings."""
    root = tmp_path_factory.mktemp("lab")
    settings = root / "settings" / "@jupyterlab" / "translation-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text('{"locale": "zh_CN"}')
    return serve_jupyterlab(root)


def read_json(address):
    with urllib.request.urlopen(address, timeout=30) as response:
        return json.load(response)


def test_jupyterlab_offers_chinese(jupyterlab_in_chinese):
    offered = read_json(f"{jupyterlab_in_chinese}/lab/api/translations/")["data"]
    assert offered["zh_CN"]["nativeName"].startswith("中文")


def test_the_readme_names_the_language_as_the_english_menu_does():
    from jupyterlab_server.translation_utils import get_language_packs

    packs, _messages = get_language_packs("en")  # what JupyterLab lists, in English
    name = packs["zh_CN"]["displayName"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Settings → Language → {name}" in readme


def test_its_words_come_in_chinese(jupyterlab_in_chinese):
    pack = read_json(f"{jupyterlab_in_chinese}/lab/api/translations/zh_CN")["data"]
    menus = pack["jupyterlab"]
    assert menus["File Browser"] == ["文件管理器"] and menus["Settings"] == ["设置"]
    settings = read_json(
        f"{jupyterlab_in_chinese}/lab/api/settings/@jupyterlab/translation-extension:plugin"
    )
    assert settings["settings"]["locale"] == "zh_CN"
