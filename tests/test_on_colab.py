"""Colab, simulated on this machine: the Colab cell, the setup cells, the drawing pad.

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

import nbformat
import pytest
from nbclient import NotebookClient

from course.setup_report import pinned_versions
from tools import colab, project

ROOT = project.ROOT
ALL_NOTEBOOKS = project.series_notebooks() + project.solution_notebooks()
PROJECT_NAME = project.SETTINGS["repository"].rsplit("/", 1)[-1]
FAKE_COLAB = (  # a kernel that has imported google.colab, as on Colab
    'import sys, types\nsys.modules["google.colab"] = types.ModuleType("google.colab")'
)
PRINT_FOLDER = 'import os\nprint("folder:", os.getcwd())'
COUNT_SAMPLES = (
    "from course.paths import PROJECT_ROOT\n"
    'samples = PROJECT_ROOT / "data" / "samples"\n'
    'pictures = [p for p in samples.iterdir() if p.suffix in (".png", ".jpg")]\n'
    "print(PROJECT_ROOT.name, len(pictures))"
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
def stand_in_repository(tmp_path_factory):
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
            f"=={pinned_versions()['tensorflow']}", "==9.9.9"
        )
    )
    for command in (
        ["init", "--quiet", f"--initial-branch={project.SETTINGS['branch']}"],
        ["add", "."],
        ["commit", "--quiet", "--message", "stand-in"],
    ):
        subprocess.run(["git", "-C", str(repository), *GIT_USER, *command], check=True)
    return repository


def colab_cell_for(repository):
    cell = colab.colab_cell()
    assert cell.count(project.SETTINGS["repository"]) == 1
    return cell.replace(project.SETTINGS["repository"], repository.as_uri())


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
    shutil.copytree(ROOT / "notebooks" / "course", tmp_path / "course")  # its messages
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
