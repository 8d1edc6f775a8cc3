"""Grade a folder of submitted notebooks with the series' own exercise checks.

    python grade.py --train-models                     # once: the quick-mode models
    python grade.py submissions/                       # every .ipynb in the folder
    python grade.py submissions/ --time-limit 900 --report grades.csv

Each notebook runs in a Jupyter kernel of its own, in quick mode (MNIST_QUICK=1), in a
scratch copy of the course's notebooks folder, from the top, as Run All would, and stops
at its first error. Then, in the same kernel, the grader runs the checks itself: it
loads the course's checks from this repository under a private name, reads each
exercise's answer from the notebook's variables, and records what the check says.
Printed lines and any `check` a student defined play no part. A notebook that is not
valid JSON, raises an error, runs past its time limit or deletes files of its folder is
reported as such.

Results: a CSV file (student file, notebook, exercise, result), with one row per
notebook for how its run ended and one per exercise, and a summary per exercise.

Notebooks 05, 07, 08 and 09 read the models of notebooks 03-06. `--train-models` runs
those four lessons once in quick mode, in a scratch copy (the course's notebooks and
their outputs are left as they are), and keeps their models for every grading.

Warning: grading runs the students' code, with your rights on this computer. Run it on a
machine or in an account where that is acceptable. It needs Linux, macOS or WSL: it ends
a notebook that runs too long with process groups, which Windows does not have.
"""

import argparse
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

ROOT = Path(__file__).resolve().parent
NOTEBOOKS = ROOT / "notebooks"
CHECKS = NOTEBOOKS / "checks"
# What a scratch copy holds besides the notebook: the course's modules and sample
# images.
COURSE_FILES = ["mnist_helpers.py", "digit_image.py", "checks", "benchmark.json"]

# Run in the student's kernel after the notebook, with the course's checks loaded from
# this repository under a name no notebook can have replaced.
RUN_CHECKS = """\
import importlib as _importlib, importlib.util as _util, json as _json, sys as _sys
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
    """Where the course keeps its quick-mode models, as mnist_helpers.models_folder."""
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
            print(f"Training in quick mode: {path.name} ...", flush=True)
            notebook = nbformat.read(scratch, as_version=4)
            client = NotebookClient(
                notebook, timeout=cell_timeout, kernel_name="python3",
                resources={"metadata": {"path": str(scratch.parent)}})
            client.execute(env=environment)  # the kernel's environment
    print(f"The quick-mode models are in {quick_models_folder()}.")


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
    outcome = {"status": "ran to the end", "results": {}}
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                name = getattr(error, "ename", "Error")
                outcome["status"] = f"stopped at cell {index} with {name}"
                break
        if number is not None:
            token = f"GRADER-{secrets.token_hex(8)}:"
            code = RUN_CHECKS.format(
                package=f"course_checks_{secrets.token_hex(4)}", number=number,
                init=str(CHECKS / "__init__.py"), folder=str(CHECKS), token=token)
            check_cell = nbformat.v4.new_code_cell(code)
            notebook.cells.append(check_cell)
            client.execute_cell(check_cell, len(notebook.cells) - 1)
            printed = "".join(output.get("text", "") for output in check_cell.outputs)
            for line in printed.splitlines():
                if line.startswith(token):
                    outcome["results"] = json.loads(line[len(token):])
    deleted = sorted(before - files_in(folder.parent))
    if deleted:
        outcome["status"] = f"deleted files of its folder: {', '.join(deleted)}"
    outcome["lesson"] = number
    print(json.dumps(outcome))


def grade(notebook_path, time_limit, cell_timeout):
    """The outcome of one submitted notebook: {"status", "lesson", "results"}."""
    try:
        notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
        if not isinstance(notebook, dict) or "cells" not in notebook:
            raise ValueError("no cells")
    except (OSError, ValueError) as error:
        status = f"not a notebook file ({error})"
        return {"status": status, "lesson": None, "results": {}}
    with tempfile.TemporaryDirectory() as folder:
        scratch = prepare_scratch(notebook_path, Path(folder))
        environment = course_environment()
        environment["MNIST_MODELS_FOLDER"] = str(scratch.parent / "saved")
        process = subprocess.Popen(
            [sys.executable, __file__, "--one", str(scratch),
             "--cell-timeout", str(cell_timeout)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
            start_new_session=True)  # its own process group: the kernel is killed too
        try:
            stdout, stderr = process.communicate(timeout=time_limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return {"status": f"ran past its time limit of {time_limit} s",
                    "lesson": lesson_of(notebook), "results": {}}
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"status": f"could not be run ({stderr.strip()[-300:]})",
                "lesson": lesson_of(notebook), "results": {}}
    return json.loads(lines[-1])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", help="the folder of submitted notebooks")
    parser.add_argument("--time-limit", type=int, default=600,
                        help="seconds each notebook may run, in all (default 600)")
    parser.add_argument("--cell-timeout", type=int, default=600, help=argparse.SUPPRESS)
    parser.add_argument("--report", default="grades.csv", help="the CSV file to write")
    parser.add_argument("--train-models", nargs="*", metavar="LESSON",
                        help="first train the models that notebooks 05, 07, 08 and 09 "
                        "read, by running lessons 03-06 in quick mode")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # used by the grader itself
    arguments = parser.parse_args()
    if arguments.one:
        return run_one(arguments.one, arguments.cell_timeout)
    if arguments.train_models is not None:
        train_models(arguments.train_models or MODEL_LESSONS, arguments.cell_timeout)
        if not arguments.folder:
            return 0
    if not arguments.folder:
        parser.error("name the folder of submitted notebooks")
    folder = Path(arguments.folder)
    submissions = sorted(  # also in subfolders, as a learning platform's download has
        path for path in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
    )
    if not submissions:
        raise SystemExit(f"No .ipynb files in {arguments.folder}.")
    rows, tally = [], {}
    for path in submissions:
        name = str(path.relative_to(folder))
        print(f"{name} ...", end=" ", flush=True)
        outcome = grade(path, arguments.time_limit, arguments.cell_timeout)
        print(outcome["status"])
        rows.append([name, outcome["lesson"] or "", "", outcome["status"]])
        for exercise, (passed, message) in sorted(outcome["results"].items()):
            rows.append([name, outcome["lesson"], exercise,
                         "passed" if passed else message])
            key = (outcome["lesson"], exercise)
            tally.setdefault(key, [0, 0])[0] += bool(passed)
            tally[key][1] += 1
    with open(arguments.report, "w", newline="", encoding="utf-8") as report:
        writer = csv.writer(report)
        writer.writerow(["student file", "notebook", "exercise", "result"])
        writer.writerows(rows)
    print(f"\nReport written to {arguments.report}. Passed, per exercise:")
    for (lesson, exercise), (passed, total) in sorted(tally.items()):
        print(f"  notebook {lesson}, exercise {exercise}: {passed} of {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
