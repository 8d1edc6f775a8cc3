"""Colab, simulated on this machine: the badges, the Colab cell and the version note.

Nothing here can reach Colab, so these tests play its part. A notebook opened from its
badge on Colab starts in an empty folder (/content), without the project's files, in a
kernel that has imported `google.colab`. The tests build a stand-in for the GitHub
repository (a local git repository of the files git tracks here), start a real Jupyter
kernel in an empty folder with a stand-in `google.colab` module, and run there each
notebook's Colab cell, with only its address pointed at the stand-in, then the
notebook's own setup cells. What this cannot show: that Colab's machine, network, Drive
and TensorFlow behave as simulated (README.md, "What has been tested").
"""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import run_series  # noqa: E402

ALL_NOTEBOOKS = run_series.series_notebooks() + run_series.solution_notebooks()
PROJECT_NAME = run_series.SETTINGS["repository"].rsplit("/", 1)[-1]
FAKE_COLAB = (  # a kernel that has imported google.colab, as on Colab
    'import sys, types\nsys.modules["google.colab"] = types.ModuleType("google.colab")'
)
PRINT_FOLDER = 'import os\nprint("folder:", os.getcwd())'
COUNT_SAMPLES = (
    'samples = helpers.PROJECT_ROOT / "data" / "samples"\n'
    'pictures = [p for p in samples.iterdir() if p.suffix in (".png", ".jpg")]\n'
    "print(helpers.PROJECT_ROOT.name, len(pictures))"
)
GIT_USER = ["-c", "user.name=test", "-c", "user.email=test@example.org"]


def read(path):
    return nbformat.read(path, as_version=4)


def code_of(path, index):
    return [cell.source for cell in read(path).cells if cell.cell_type == "code"][index]


def run_in_kernel(folder, sources):
    """Run code cells in a fresh Jupyter kernel started in `folder`, going on after
    errors.

    Returns each cell's printed text, and the name of the error it raised ("" if none).
    """
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in sources]
    )
    in_folder = {"metadata": {"path": str(folder)}}
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        resources=in_folder,
    ).execute()
    printed = [
        "".join(output.get("text", "") for output in cell.outputs)
        for cell in notebook.cells
    ]
    errors = [
        "".join(
            output.ename for output in cell.outputs if output.output_type == "error"
        )
        for cell in notebook.cells
    ]
    return printed, errors


@pytest.fixture(scope="module")
def stand_in_repository(tmp_path_factory, helpers):
    """A git repository of the files git tracks here, as GitHub would serve them,
    pinning another TensorFlow.
    """
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip(
            "needs git and a git checkout of the project (CI has both; Colab has git)"
        )
    repository = tmp_path_factory.mktemp("github") / PROJECT_NAME
    tracked = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    ).stdout
    for name in tracked.decode().split("\0"):
        if (
            name and (ROOT / name).is_file()
        ):  # a tracked file deleted in the working tree is not there to copy
            (repository / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, repository / name)
    requirements = repository / "requirements.txt"
    requirements.write_text(
        requirements.read_text().replace(
            f"=={helpers.pinned_versions()['tensorflow']}", "==9.9.9"
        )
    )
    for command in (
        ["init", "--quiet", f"--initial-branch={run_series.SETTINGS['branch']}"],
        ["add", "."],
        ["commit", "--quiet", "--message", "stand-in"],
    ):
        subprocess.run(["git", "-C", str(repository), *GIT_USER, *command], check=True)
    return repository


def colab_cell_for(repository):
    cell = run_series.colab_cell()
    assert cell.count(run_series.SETTINGS["repository"]) == 1
    return cell.replace(run_series.SETTINGS["repository"], repository.as_uri())


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_every_notebook_has_its_badge_under_the_title_and_the_colab_cell_first(path):
    opening = read(path).cells[0].source.splitlines()
    assert (
        opening[0].startswith("# ")
        and opening[1] == ""
        and opening[2] == run_series.colab_badge(path)
    )
    assert code_of(path, 0) == run_series.colab_cell(), (
        "run python run_series.py --no-run to rewrite it"
    )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_the_colab_cell_stays_out_of_the_reading_path(path):
    """Collapsed in JupyterLab and VS Code, a form with a title on Colab."""
    cell = next(cell for cell in read(path).cells if cell.cell_type == "code")
    assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
    assert cell.metadata.get("cellView") == "form"
    assert cell.source.startswith("#@title ")
    assert all(len(line) <= 88 for line in cell.source.splitlines())


def test_the_address_is_set_in_one_place_and_rewritten_everywhere(
    tmp_path, monkeypatch
):
    for path in ALL_NOTEBOOKS:
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(run_series, "NOTEBOOKS", tmp_path)
    monkeypatch.setitem(
        run_series.SETTINGS, "repository", "https://github.com/someone/a-fork"
    )
    monkeypatch.setitem(run_series.SETTINGS, "branch", "teaching")
    run_series.update_colab_parts()
    for path in ALL_NOTEBOOKS:
        original, rewritten = read(path), read(tmp_path / path.name)
        badge = (
            "(https://colab.research.google.com/github/someone/a-fork/blob/teaching/"
            f"notebooks/{path.name})"
        )
        assert rewritten.cells[0].source.splitlines()[2].endswith(badge)
        cell = code_of(tmp_path / path.name, 0)
        assert 'REPOSITORY_URL = "https://github.com/someone/a-fork"' in cell
        assert 'BRANCH = "teaching"' in cell
        changed = [
            number
            for number, (old, new) in enumerate(
                zip(original.cells, rewritten.cells, strict=True)
            )
            if old.source != new.source
        ]
        assert len(changed) == 2 and changed[0] == 0, (
            "only the badge and the Colab cell change"
        )


def test_an_address_colab_cannot_use_is_refused(monkeypatch):
    for address in (
        "https://gitlab.com/someone/a-fork",
        "https://github.com/someone/a-fork/",
        "github.com/a/b",
    ):
        monkeypatch.setitem(run_series.SETTINGS, "repository", address)
        with pytest.raises(SystemExit, match="https://github.com/owner/name"):
            run_series.colab_cell()


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_on_colab_the_cell_fetches_the_project_and_the_setup_cells_run(
    path, stand_in_repository, tmp_path
):
    content = tmp_path / "content"  # Colab's starting folder, empty
    content.mkdir()
    cells = [FAKE_COLAB, colab_cell_for(stand_in_repository), PRINT_FOLDER]
    cells += [code_of(path, 1), code_of(path, 2)]  # the notebook's own setup cells
    cells += [COUNT_SAMPLES, colab_cell_for(stand_in_repository)]  # again: no-op
    printed, errors = run_in_kernel(content, cells)
    assert errors == [""] * 7
    project = content / PROJECT_NAME
    folder = project / "notebooks"
    working_in = f"On Colab: the course's files are here. Working in {folder}"
    assert printed[1] == working_in + "\n"
    assert printed[2] == f"folder: {project / 'notebooks'}\n"
    assert (
        "Note: this course was tested with TensorFlow 9.9.9 and Keras" in printed[4]
        and "Mode:" in printed[4]
    )
    samples = len(
        [
            path
            for path in (ROOT / "data" / "samples").iterdir()
            if path.suffix in (".png", ".jpg")
        ]
    )
    assert printed[5] == f"{PROJECT_NAME} {samples}\n" and samples > 0
    assert printed[6] == ""


def test_after_a_restart_on_colab_the_cell_reuses_the_copy(
    stand_in_repository, tmp_path
):
    content = tmp_path / "content"
    content.mkdir()
    run_in_kernel(content, [FAKE_COLAB, colab_cell_for(stand_in_repository)])
    # A second download would fail: there is nothing there.
    unreachable = tmp_path / "nowhere" / PROJECT_NAME
    printed, errors = run_in_kernel(
        content, [FAKE_COLAB, colab_cell_for(unreachable), PRINT_FOLDER]
    )
    assert (
        errors == ["", "", ""]
        and printed[2] == f"folder: {content / PROJECT_NAME / 'notebooks'}\n"
    )


def test_a_failed_download_on_colab_shows_git_s_message_and_stops(
    stand_in_repository, tmp_path
):
    missing = tmp_path / "missing" / PROJECT_NAME
    printed, errors = run_in_kernel(
        tmp_path, [FAKE_COLAB, colab_cell_for(missing), PRINT_FOLDER]
    )
    assert "fatal:" in printed[1] and str(missing) in printed[1], (
        "git's own message is shown in the notebook"
    )
    assert errors[1] == "FileNotFoundError" and printed[2] == f"folder: {tmp_path}\n"
    assert not (tmp_path / PROJECT_NAME).exists(), (
        "a failed download leaves nothing behind"
    )
    printed, errors = run_in_kernel(
        tmp_path, [FAKE_COLAB, colab_cell_for(stand_in_repository)]
    )
    assert errors == ["", ""] and "Working in" in printed[1], (
        "running it again once the address works"
    )


def test_off_colab_the_cell_does_nothing(stand_in_repository, tmp_path):
    printed, errors = run_in_kernel(
        tmp_path, [colab_cell_for(stand_in_repository), PRINT_FOLDER]
    )
    assert printed == ["", f"folder: {tmp_path}\n"] and errors == ["", ""]
    assert list(tmp_path.iterdir()) == []


def test_pinned_versions_are_read_from_requirements(helpers, tmp_path):
    pinned = helpers.pinned_versions()
    requirements = (ROOT / "requirements.txt").read_text()
    assert (
        set(pinned) == {"tensorflow", "keras"}
        and f"keras=={pinned['keras']}\n" in requirements
    )
    assert requirements.count(f"tensorflow-cpu=={pinned['tensorflow']};") == 1
    assert requirements.count(f"tensorflow=={pinned['tensorflow']};") == 1, (
        "both TensorFlow lines pin one version"
    )
    assert helpers.pinned_versions(tmp_path / "requirements.txt") == {}, (
        "only the notebooks copied: no note"
    )


def test_a_version_note_only_where_versions_differ(helpers):
    pinned = {"tensorflow": "2.21.0", "keras": "3.15.1"}
    assert (
        helpers.version_note(pinned, pinned) is None
        and helpers.version_note(pinned, {}) is None
    )
    note = helpers.version_note({"tensorflow": "2.19.0", "keras": "3.15.1"}, pinned)
    expected = (
        "tested with TensorFlow 2.21.0 and Keras 3.15.1; this computer has TensorFlow "
        "2.19.0 and Keras 3.15.1"
    )
    assert expected in " ".join(note.split())  # the note is wrapped to fit the screen
    assert all(len(line) <= 88 for line in note.splitlines())


COLAB_WITH_OUTPUT = FAKE_COLAB + (  # and its output module, which records the call
    '\nsys.modules["google"] = types.ModuleType("google")'
    '\noutput = types.ModuleType("google.colab.output")'
    "\noutput.calls = []"
    '\noutput.enable_custom_widget_manager = lambda: output.calls.append("enabled")'
    '\nsys.modules["google.colab"].output = output'
    '\nsys.modules["google.colab.output"] = output'
)


def test_on_colab_the_drawing_pad_lets_colab_load_its_code(tmp_path):
    shutil.copy(ROOT / "notebooks" / "drawing_pad.py", tmp_path)
    shutil.copy(ROOT / "notebooks" / "drawing_pad.js", tmp_path)
    printed, errors = run_in_kernel(
        tmp_path,
        [COLAB_WITH_OUTPUT, "import drawing_pad", "print(output.calls)"],
    )
    assert errors == ["", "", ""] and printed[2] == "['enabled']\n"


def test_the_drawing_pad_installs_the_anywidget_of_requirements_on_colab():
    import drawing_pad

    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert any(line.split("#")[0].strip() == drawing_pad.ANYWIDGET
               for line in requirements)
