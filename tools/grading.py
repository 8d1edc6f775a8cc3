"""Grade submitted notebooks: run each in a kernel of its own, then the course's checks.

grade.py is the command (its docstring says how a teacher uses it); this module does
the work: a scratch copy of the course per notebook, a time limit per run, the checks
run inside the student's kernel, and the lessons trained once for the models that
notebooks 05, 07, 08 and 09 read.

The report speaks the language of MNIST_LANGUAGE (course/messages.py), which grade.py
sets; so do the checks, whatever language the notebook's first cell set.
"""

import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .project import NOTEBOOKS, ROOT

sys.path.insert(0, str(NOTEBOOKS))
from course.messages import (  # noqa: E402
    CHINESE,
    ENGLISH,
    LANGUAGE_VARIABLE,
    N_,
    _,
    language,
)

LANGUAGES = (ENGLISH, CHINESE)  # the languages of a report: "en" and "zh-CN"

# The command that runs one notebook in a process of its own (grade.py --one).
GRADE_COMMAND = ROOT / "grade.py"
CHECKS = NOTEBOOKS / "checks"
# What a scratch copy holds besides the notebook: the course's modules, the catalog of
# their messages, and sample images.
COURSE_FILES = [
    "mnist_helpers.py", "course", "digit_image.py", "drawing_pad.py", "drawing_pad.js",
    "checks", "benchmark.json", "locale",
]
# The report's header row.
# Translators: the columns of the grading report, a CSV file a teacher reads.
HEADER = [N_("student file"), N_("notebook"), N_("exercise"), N_("result")]

# Run in the student's kernel after the notebook, with the course's checks loaded from
# this repository under a name no notebook can have replaced, in the report's language.
RUN_CHECKS = """\
import importlib as _importlib, importlib.util as _util, json as _json, sys as _sys
import os as _os
_os.environ[{variable!r}] = {language!r}
_spec = _util.spec_from_file_location(
    "{package}", {init!r}, submodule_search_locations=[{folder!r}])
_package = _util.module_from_spec(_spec)
_sys.modules["{package}"] = _package
_spec.loader.exec_module(_package)
_module = _importlib.import_module("{package}.notebook_{number}")
_results = {{}}
for _number, _check in _package.exercises(_module).items():
    _answers = [globals().get(_name) for _name in _check.answer_names]
    _outcome = _check.evaluate(*_answers)
    _results[_number] = [_outcome.passed, _outcome.message]
print("{token}" + _json.dumps(_results))
"""


def set_language(name):
    """Write the report in `name`, one of LANGUAGES: this process's messages, and
    those of every process and kernel it starts (course/messages.py reads the language
    each time it shows a message)."""
    os.environ[LANGUAGE_VARIABLE] = name


def lesson_of(notebook):
    """The number of the lesson whose exercises a notebook answers ("03"), or None."""
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "code" and "from checks import notebook_" in source:
            return source.split("from checks import notebook_", 1)[1][:2]
    return None


def files_in(folder):
    paths = folder.rglob("*")
    return {str(path.relative_to(folder)) for path in paths if path.is_file()}


MODEL_LESSONS = ("03", "04", "05", "06")  # the lessons that train the saved models


def quick_models_folder():
    """Where the course keeps its quick-mode models, as course/saved_runs.py does."""
    return Path(os.environ.get("MNIST_MODELS_FOLDER") or NOTEBOOKS / "saved") / "quick"


def course_environment():
    """The environment of every run: quick mode, and the course's copy of MNIST."""
    environment = {**os.environ, "MNIST_QUICK": "1"}
    local_copy = ROOT / "data" / "mnist.npz"  # a scratch copy has no data/ of its own
    if "MNIST_PATH" not in environment and local_copy.exists():
        environment["MNIST_PATH"] = str(local_copy)
    environment.pop("MNIST_CHECKS_STRICT", None)
    return environment


def train_models(lessons, cell_timeout):
    """Run `lessons` in quick mode, in order, in a scratch copy of the course, so that
    their models land in the course's quick-mode folder."""
    import nbformat
    from nbclient import NotebookClient

    environment = course_environment()
    environment["MNIST_MODELS_FOLDER"] = str(quick_models_folder().parent)
    with tempfile.TemporaryDirectory() as folder:
        for lesson in lessons:
            path = next(path for path in NOTEBOOKS.glob(f"{lesson}_*.ipynb")
                        if not path.stem.endswith(("_solutions", ".zh-CN")))
            scratch = prepare_scratch(path, Path(folder) / lesson, with_models=False)
            training = _("Training in quick mode: {notebook} ...")
            print(training.format(notebook=path.name), flush=True)
            notebook = nbformat.read(scratch, as_version=4)
            client = NotebookClient(
                notebook, timeout=cell_timeout, kernel_name="python3",
                resources={"metadata": {"path": str(scratch.parent)}})
            client.execute(env=environment)  # the kernel's environment
    print(_("The quick-mode models are in {folder}.").format(
        folder=quick_models_folder()))


def prepare_scratch(notebook_path, folder, with_models=True):
    """A copy of the course's notebooks folder with the submitted notebook in it."""
    project = folder / "project"
    (project / "notebooks").mkdir(parents=True)
    for name in COURSE_FILES:
        source = NOTEBOOKS / name
        if source.is_dir():
            shutil.copytree(source, project / "notebooks" / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, project / "notebooks" / name)
    shutil.copytree(ROOT / "data" / "samples", project / "data" / "samples")
    shutil.copy(ROOT / "requirements.txt", project / "requirements.txt")
    saved = quick_models_folder()  # the course's quick-mode models, if trained
    if with_models and saved.exists():
        shutil.copytree(saved, project / "notebooks" / "saved" / "quick")
    target = project / "notebooks" / "submission.ipynb"
    shutil.copy(notebook_path, target)
    return target


def run_one(notebook_path, cell_timeout):
    """Run one scratch notebook and its checks; print the outcome as JSON.

    grade() calls this in a subprocess of its own, so that a time limit can end it.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook_path = Path(notebook_path)
    folder = notebook_path.parent
    before = files_in(folder.parent)
    notebook = nbformat.read(notebook_path, as_version=4)
    number = lesson_of(notebook)
    client = NotebookClient(notebook, timeout=cell_timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    outcome = {"status": _("ran to the end"), "results": {}}
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                name = getattr(error, "ename", "Error")
                outcome["status"] = _("stopped at cell {cell} with {error}").format(
                    cell=index, error=name)
                break
        if number is not None:
            token = f"GRADER-{secrets.token_hex(8)}:"
            code = RUN_CHECKS.format(
                package=f"course_checks_{secrets.token_hex(4)}", number=number,
                init=str(CHECKS / "__init__.py"), folder=str(CHECKS), token=token,
                language=language(), variable=LANGUAGE_VARIABLE)
            check_cell = nbformat.v4.new_code_cell(code)
            notebook.cells.append(check_cell)
            client.execute_cell(check_cell, len(notebook.cells) - 1)
            printed = "".join(output.get("text", "") for output in check_cell.outputs)
            for line in printed.splitlines():
                if line.startswith(token):
                    outcome["results"] = json.loads(line[len(token):])
    deleted = sorted(before - files_in(folder.parent))
    if deleted:
        outcome["status"] = _("deleted files of its folder: {files}").format(
            files=", ".join(deleted))
    outcome["lesson"] = number
    print(json.dumps(outcome))


def grade(notebook_path, time_limit, cell_timeout):
    """The outcome of one submitted notebook: {"status", "lesson", "results"}."""
    try:
        notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
        if not isinstance(notebook, dict) or "cells" not in notebook:
            raise ValueError(_("no cells"))
    except (OSError, ValueError) as error:
        status = _("not a notebook file ({error})").format(error=error)
        return {"status": status, "lesson": None, "results": {}}
    with tempfile.TemporaryDirectory() as folder:
        scratch = prepare_scratch(notebook_path, Path(folder))
        environment = course_environment()
        environment["MNIST_MODELS_FOLDER"] = str(scratch.parent / "saved")
        process = subprocess.Popen(
            [sys.executable, str(GRADE_COMMAND), "--one", str(scratch),
             "--cell-timeout", str(cell_timeout), "--language", language()],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
            start_new_session=True)  # its own process group: the kernel is killed too
        try:
            stdout, stderr = process.communicate(timeout=time_limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            status = _("ran past its time limit of {seconds} s").format(
                seconds=time_limit)
            return {"status": status,
                    "lesson": lesson_of(notebook), "results": {}}
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if not lines:
        status = _("could not be run ({error})").format(error=stderr.strip()[-300:])
        return {"status": status,
                "lesson": lesson_of(notebook), "results": {}}
    return json.loads(lines[-1])


def grade_folder(folder, report, time_limit, cell_timeout):
    """Grade every notebook in `folder` and its subfolders; write the CSV `report` and
    print, per exercise, how many passed."""
    submissions = sorted(  # also in subfolders, as a learning platform's download has
        path for path in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
    )
    if not submissions:
        raise SystemExit(_("No .ipynb files in {folder}.").format(folder=folder))
    rows, tally = [], {}
    for path in submissions:
        name = str(path.relative_to(folder))
        print(f"{name} ...", end=" ", flush=True)
        outcome = grade(path, time_limit, cell_timeout)
        status = outcome["status"]  # how its run ended
        print(status)
        rows.append([name, outcome["lesson"] or "", "", status])
        for exercise, (passed, message) in sorted(outcome["results"].items()):
            # Translators: an exercise's result in the grading report.
            result = _("passed") if passed else message
            rows.append([name, outcome["lesson"], exercise, result])
            key = (outcome["lesson"], exercise)
            tally.setdefault(key, [0, 0])[0] += bool(passed)
            tally[key][1] += 1
    with open(report, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([_(name) for name in HEADER])
        writer.writerows(rows)
    print()
    print(_("Report written to {report}. Passed, per exercise:").format(report=report))
    for (lesson, exercise), (passed, total) in sorted(tally.items()):
        line = _("notebook {lesson}, exercise {exercise}: {passed} of {total}")
        print("  " + line.format(
            lesson=lesson, exercise=exercise, passed=passed, total=total))
