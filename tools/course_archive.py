"""The course archive: one zip of the whole course with MNIST inside, for a classroom
with no internet (or only a slow one). A teacher downloads it once, copies it to USB
sticks, and every laptop has the notebooks, both editions, the guide and the data.

    python -m tools.course_archive    # writes dist/<name>.zip and its SHA256SUMS

It holds every file git tracks, as they are in this folder, data/mnist.npz, the
copy of MNIST the loader finds (MNIST_PATH, data/mnist.npz, Keras's copy or a
download), checked before it goes in, and the website (tools/website.py) in site/: a
teacher opens site/index.html in a browser, with no internet and nothing installed.
It holds no Python packages: TensorFlow alone is a download of several hundred MB for
each kind of machine (operating system, processor, Python version). The instructor
guide's classroom runbook says how a school makes those once (`pip download`) and
installs them offline. The workflow .github/workflows/archive.yml builds the archive
for every tag and attaches it to the tag's release on GitHub.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from . import website
from .project import NOTEBOOKS, ROOT, SETTINGS

NAME = SETTINGS["repository"].rsplit("/", 1)[-1]  # the folder the zip unpacks to
DATASET = "data/mnist.npz"
SITE = "site"  # the website's folder in the archive
# Every file in the zip gets this time, so that building the same course twice gives
# the same bytes (and the same SHA-256): the time of the commit, or else this one.
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def tracked_files(root=ROOT):
    """The project's files that git tracks, as paths relative to `root`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode()
    return sorted(path for path in listed.split("\0") if path)


def commit_time(root=ROOT):
    """The time of the commit checked out, as a zip file records times."""
    found = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=format:%Y %m %d %H %M %S"],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.split()
    return tuple(int(part) for part in found) if len(found) == 6 else FIXED_TIME


def add_file(archive, source, name, when):
    info = zipfile.ZipInfo(f"{NAME}/{name}", date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o755 if os.access(source, os.X_OK) else 0o644) << 16
    archive.writestr(info, Path(source).read_bytes())


def build_archive(output, mnist=None, root=ROOT, site=None):
    """Write the course archive into the folder `output`; return its path.

    `mnist` is the copy of MNIST to include (else the loader finds one). It is checked
    first: a file that is not MNIST stops the build with the loader's message. `site`
    is the built website's folder (else it is built now)."""
    if str(NOTEBOOKS) not in sys.path:  # the course's loader, as the notebooks use it
        sys.path.insert(0, str(NOTEBOOKS))
    from course.mnist_data import find_mnist_file
    from course.mnist_file import read_verified_mnist

    mnist = Path(mnist) if mnist else find_mnist_file()
    read_verified_mnist(mnist)  # raises MnistDataError, which says what is wrong
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="archive-site-") as scratch:
        if site is None:
            site = Path(scratch) / SITE
            website.build(site)
        output.mkdir(parents=True, exist_ok=True)
        target = output / f"{NAME}.zip"
        when = commit_time(root)
        with zipfile.ZipFile(target, "w", compresslevel=6) as archive:
            for name in tracked_files(root):
                if (root / name).is_file():  # a deleted file is listed until commit
                    add_file(archive, root / name, name, when)
            add_file(archive, mnist, DATASET, when)
            for path in sorted(Path(site).rglob("*")):
                if path.is_file():
                    name = f"{SITE}/{path.relative_to(site).as_posix()}"
                    add_file(archive, path, name, when)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    (output / "SHA256SUMS").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    return target


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output", default=str(ROOT / "dist"), help="where to write")
    parser.add_argument("--mnist", help="the copy of MNIST to include")
    arguments = parser.parse_args()
    target = build_archive(arguments.output, arguments.mnist)
    size = target.stat().st_size / 2**20
    print(f"{target}: {size:.0f} MB; its SHA-256 is in SHA256SUMS beside it")


if __name__ == "__main__":
    main()
