"""README's package mirror, set once: the command it gives makes pip use the mirror in
every later command, from a new process, with nothing set in the terminal.

A package index served on 127.0.0.1 plays the mirror; a home folder of the test's own
holds the user settings that the command writes.
"""

import http.server
import os
import re
import subprocess
import sys
import threading
import zipfile

import pytest

from tools.project import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PROBE = "probe_package-1.0-py3-none-any.whl"  # a package only the stand-in mirror has


def readme_mirror_command():
    """The mirror in README's command for Linux and macOS."""
    command = r"`python3 -m pip config --user set global\.index-url (\S+)`"
    found = re.search(command, README)
    assert found, "README gives no `pip config --user set global.index-url` command"
    return found.group(1)


def make_wheel(path):
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("probe_package/__init__.py", "")
        info = "probe_package-1.0.dist-info"
        metadata = "Metadata-Version: 2.1\nName: probe-package\nVersion: 1.0\n"
        wheel.writestr(f"{info}/METADATA", metadata)
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\n"
                       "Root-Is-Purelib: true\nTag: py3-none-any\n")
        wheel.writestr(f"{info}/RECORD", "")


@pytest.fixture
def mirror(tmp_path):
    """A package index on 127.0.0.1 with one package; yields (address, requests)."""
    served = tmp_path / "mirror"
    (served / "simple" / "probe-package").mkdir(parents=True)
    make_wheel(served / PROBE)
    (served / "simple" / "probe-package" / "index.html").write_text(
        f'<a href="/{PROBE}">{PROBE}</a>'
    )
    requests = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *arguments, **options):
            super().__init__(*arguments, directory=str(served), **options)

        def log_message(self, *arguments):
            requests.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/simple/", requests
    server.shutdown()


def pip(arguments, home):
    """Run pip as a new terminal would, with the test's home folder and no PIP_
    settings in the environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    environment |= {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    return subprocess.run(
        [sys.executable, "-m", "pip", *arguments],
        env=environment, capture_output=True, text=True, timeout=120,
    )


def test_the_readme_names_two_mirrors_in_mainland_china():
    assert readme_mirror_command() == "https://pypi.tuna.tsinghua.edu.cn/simple"
    assert "https://mirrors.aliyun.com/pypi/simple/" in README


def test_the_mirror_set_once_serves_every_later_install(mirror, tmp_path):
    address, requests = mirror
    home = tmp_path / "home"
    home.mkdir()
    set_once = pip(["config", "--user", "set", "global.index-url", address], home)
    assert set_once.returncode == 0, set_once.stderr
    download = pip(
        ["download", "--no-deps", "--no-cache-dir", "-d", str(tmp_path / "got"),
         "probe-package==1.0"],
        home,
    )
    assert download.returncode == 0, download.stderr[-2000:]
    assert (tmp_path / "got" / PROBE).exists()
    assert "/simple/probe-package/" in requests and f"/{PROBE}" in requests
    unset = pip(["config", "--user", "unset", "global.index-url"], home)
    assert unset.returncode == 0, unset.stderr
    assert address not in pip(["config", "list"], home).stdout
