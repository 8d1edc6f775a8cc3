"""tools/course_archive.py: the zip a teacher copies to USB sticks holds the whole
course and MNIST, and an unpacked copy loads MNIST with no network at all."""

import ast
import hashlib
import os
import re
import subprocess
import sys
import zipfile

import pytest

from tools import course_archive, project, website

ROOT = project.ROOT
MNIST = os.environ.get("MNIST_PATH") or str(ROOT / "data" / "mnist.npz")
needs_mnist = pytest.mark.skipif(
    not os.path.exists(MNIST), reason="no copy of MNIST here (set MNIST_PATH)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The website, built once for the archives of these tests."""
    folder = tmp_path_factory.mktemp("site")
    website.build(folder)
    return folder


@pytest.fixture(scope="module")
def archive(tmp_path_factory, site):
    output = tmp_path_factory.mktemp("dist")
    return course_archive.build_archive(output, mnist=MNIST, site=site)


@pytest.fixture(scope="module")
def unpacked(archive, tmp_path_factory):
    folder = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    return folder / course_archive.NAME


@needs_mnist
def test_it_holds_every_tracked_file_as_it_is_and_mnist(archive, unpacked):
    tracked = course_archive.tracked_files()
    for name in tracked:
        if (ROOT / name).is_file():
            assert (unpacked / name).read_bytes() == (ROOT / name).read_bytes(), name
    held = {
        path.relative_to(unpacked).as_posix()
        for path in unpacked.rglob("*")
        if path.is_file()
    }
    site = {name for name in held if name.startswith(f"{course_archive.SITE}/")}
    assert held - set(tracked) - site == {course_archive.DATASET}
    assert {"site/index.html", "site/en/index.html", "site/zh-CN/index.html"} <= site
    with open(MNIST, "rb") as original:
        assert (unpacked / course_archive.DATASET).read_bytes() == original.read()
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    sums = (archive.parent / "SHA256SUMS").read_text(encoding="utf-8")
    assert sums == f"{digest}  {archive.name}\n"
    assert archive.stat().st_size < 60 * 2**20  # no packages, no trained models


@needs_mnist
def test_an_unpacked_copy_loads_mnist_with_no_network(unpacked, tmp_path):
    """No MNIST_PATH, no Keras cache, and any download would go to a closed port: the
    loader must find data/mnist.npz inside the unpacked course."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MNIST_")
    }
    closed = "http://127.0.0.1:9"
    environment.update(
        HOME=str(tmp_path),
        KERAS_HOME=str(tmp_path / "keras"),
        http_proxy=closed,
        https_proxy=closed,
        HTTP_PROXY=closed,
        HTTPS_PROXY=closed,
    )
    code = (
        "from course.mnist_data import find_mnist_file, load_mnist\n"
        "print(find_mnist_file())\n"
        "(x_train, _), (x_test, _) = load_mnist()\n"
        "print(len(x_train), len(x_test))"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code],
        cwd=unpacked / "notebooks",
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    where, counts = finished.stdout.splitlines()
    assert where == str(unpacked / course_archive.DATASET)
    assert counts == "60000 10000"


@needs_mnist
def test_building_twice_gives_the_same_bytes(archive, tmp_path):
    """The second build builds its own website too."""
    again = course_archive.build_archive(tmp_path, mnist=MNIST)
    assert again.read_bytes() == archive.read_bytes()


def test_a_file_that_is_not_mnist_stops_the_build_and_writes_nothing(tmp_path):
    sys.path.insert(0, str(project.NOTEBOOKS))
    from course.mnist_file import MnistDataError

    fake = tmp_path / "mnist.npz"
    fake.write_bytes(b"these are words, not arrays")
    output = tmp_path / "dist"
    with pytest.raises(MnistDataError, match="mnist.npz"):
        course_archive.build_archive(output, mnist=fake, site=tmp_path)
    assert not output.exists() or not any(output.iterdir())


def test_the_release_workflow_installs_what_the_loader_imports():
    """.github/workflows/archive.yml installs only the loader's packages, pinned as in
    requirements.txt: those that course/mnist_*.py and what they import need."""
    course = project.NOTEBOOKS / "course"
    standard = set(sys.stdlib_module_names)
    needed, todo, seen = set(), ["mnist_data"], set()
    while todo:
        module = todo.pop()
        seen.add(module)
        tree = ast.parse((course / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                todo += [name for name in names if name not in seen]
            elif isinstance(node, ast.Import):
                needed |= {alias.name.split(".")[0] for alias in node.names} - standard
            elif isinstance(node, ast.ImportFrom):
                needed |= {node.module.split(".")[0]} - standard
    workflow = (ROOT / ".github" / "workflows" / "archive.yml").read_text()
    assert "python3 -m tools.course_archive" in workflow
    assert 'tags: ["*"]' in workflow
    installed = re.search(r"grep -E '\^\((.*?)\)==' requirements.txt", workflow)
    assert installed and set(installed.group(1).split("|")) == needed
    pinned = (ROOT / "requirements.txt").read_text()
    assert all(re.search(rf"^{name}==", pinned, re.M) for name in needed)


def test_the_release_workflow_installs_what_the_website_needs():
    """The archive holds the website: the workflow installs its packages as pinned in
    tests/requirements.txt (Sphinx and the others) and requirements.txt (nbformat)."""
    workflow = (ROOT / ".github" / "workflows" / "archive.yml").read_text()
    tests = (ROOT / "tests" / "requirements.txt").read_text()
    website_block = tests[tests.index("# The website"):]
    names = re.findall(r"^([\w-]+)==", website_block, re.M)
    installed = re.search(r"grep -E '\^\((.*?)\)==' tests/requirements.txt", workflow)
    assert installed and installed.group(1).split("|") == names
    assert "grep -E '^nbformat==' requirements.txt" in workflow
