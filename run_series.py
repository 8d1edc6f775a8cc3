"""Run the notebooks in order, headlessly and in place, and record what each one cost.

    python run_series.py            # full mode: what a learner runs; writes the committed outputs
    python run_series.py --quick    # quick mode (MNIST_QUICK=1): fewer epochs, a training subset
    python run_series.py 03 04      # only the notebooks whose names start with 03 or 04
    python run_series.py --no-run   # run nothing; rewrite README, the guide and the time lines from the results
    python run_series.py --solutions  # execute the solution notebooks in place too (not timed)

Each notebook's wall time and the peak memory of its kernel go into notebooks/benchmark.json, with the
machine they were measured on; the metrics files the notebooks save (test accuracy, parameters, training
time) are collected there too. From that file the script then rewrites the results sections of README.md and
notebooks/instructor_guide.md and the "Computer time" line at the top of every notebook, so no figure in the
text is typed by hand. It also writes, into every notebook, the Colab badge and the Colab cell, from the
repository address in pyproject.toml.
"""

import argparse
import datetime
import json
import os
import platform
import re
import sys
import time
import tomllib
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent
NOTEBOOKS = ROOT / "notebooks"
RESULTS = NOTEBOOKS / "benchmark.json"
README = ROOT / "README.md"
GUIDE = NOTEBOOKS / "instructor_guide.md"
TIME_LINE = re.compile(r"^\*\*Computer time:\*\*.*$", re.MULTILINE)
RESULTS_START, RESULTS_END = "<!-- results: written by run_series.py -->", "<!-- end of results -->"
SETTINGS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mnist-series"]
GITHUB_REPOSITORY = re.compile(r"https://github\.com/[\w.-]+/[\w-]+")
COLAB_BADGE = re.compile(r"^\[!\[Open in Colab\]\(.*$", re.MULTILINE)

# The first code cell of every notebook. On Colab only, it fetches the project (helper modules, sample images,
# requirements.txt) and moves into its notebooks folder; on any other machine it does nothing. `!` runs a shell
# command and shows its messages in the notebook, so a failed download says why, and os.chdir then stops the cell.
COLAB_CELL = """\
import os
import sys

# Where this course is stored online (set once, in pyproject.toml).
REPOSITORY_URL, BRANCH = "{repository}", "{branch}"
if "google.colab" in sys.modules and not os.path.exists("mnist_helpers.py"):  # on Colab, and not fetched yet
    project_folder = REPOSITORY_URL.rsplit("/", 1)[-1]  # the last part of the address names the folder
    if not os.path.exists(f"{{project_folder}}/notebooks/mnist_helpers.py"):  # not downloaded in this session
        !git clone --quiet --depth=1 --branch={{BRANCH}} {{REPOSITORY_URL}} {{project_folder}}
    os.chdir(f"{{project_folder}}/notebooks")  # the folder of mnist_helpers.py and of these notebooks
    print("On Colab: the course's files are downloaded; now working in", os.getcwd())"""


# Run in the kernel after the last cell, then removed: the kernel's peak memory and what it ran on.
PROBE = """\
import json, platform, sys
import tensorflow as _tf
try:
    import resource
    _peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
except ImportError:  # Windows has no resource module
    _peak = None
_gpus = [gpu.name for gpu in _tf.config.list_physical_devices("GPU")]
print(json.dumps({"peak_memory_bytes": _peak, "gpus": _gpus, "tensorflow": _tf.__version__,
                  "python": platform.python_version()}))
"""


def series_notebooks():
    """The lesson notebooks, in order: notebooks/NN_name.ipynb."""
    return sorted(path for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb") if not path.stem.endswith("solutions"))


def solution_notebooks():
    """The solution notebooks, in order: notebooks/NN_name_solutions.ipynb."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*_solutions.ipynb"))


def checked_repository():
    """The repository address from pyproject.toml; Colab's links need one of the form https://github.com/owner/name."""
    if not GITHUB_REPOSITORY.fullmatch(SETTINGS["repository"]):
        raise SystemExit(f"pyproject.toml: repository = {SETTINGS['repository']!r} is not of the form "
                         "https://github.com/owner/name, which Colab's links need.")
    return SETTINGS["repository"]


def colab_badge(path):
    """The "Open in Colab" badge of one notebook, linking to its copy in the repository."""
    repository = checked_repository().removeprefix("https://github.com/")
    link = f"https://colab.research.google.com/github/{repository}/blob/{SETTINGS['branch']}/notebooks/{path.name}"
    return f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]({link})"


def colab_cell():
    return COLAB_CELL.format(repository=checked_repository(), branch=SETTINGS["branch"])


def is_colab_cell(cell):
    return cell.cell_type == "code" and "google.colab" in cell.source and "REPOSITORY_URL" in cell.source


def update_colab_parts():
    """Write the badge under each notebook's title and its Colab cell from the address in pyproject.toml."""
    for path in series_notebooks() + solution_notebooks():
        notebook = nbformat.read(path, as_version=4)
        opening, colab = notebook.cells[0], next((cell for cell in notebook.cells if is_colab_cell(cell)), None)
        if colab is None or not COLAB_BADGE.search(opening.source):
            raise SystemExit(f"{path.name}: copy the Colab badge (under the title) and the Colab cell (the first "
                             "code cell) from another notebook; this script keeps them up to date.")
        before = (opening.source, colab.source)
        opening.source = COLAB_BADGE.sub(colab_badge(path), opening.source)  # a URL holds no backslash
        colab.source = colab_cell()
        if (opening.source, colab.source) != before:
            nbformat.write(notebook, path)


def execute(path):
    """Execute one notebook in place; return its wall time in seconds and what the probe reported."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(
        notebook, timeout=None, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        # The kernel's own start-up warnings (such as one about talking to Jupyter over local TCP, which is how
        # Jupyter always runs kernels) say nothing about the notebook; errors still show.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    probe = notebook.cells.pop()
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return seconds, json.loads(probe.outputs[-1]["text"])


def load_results():
    if RESULTS.exists():
        return json.loads(RESULTS.read_text())
    return {"notebooks": {}, "machines": {}, "models": {}}


def saving_notebooks():
    """{model name: number of the lesson that saves it}, from each lesson's helpers.save_run("name", ...) call."""
    saved_by = {}
    for path in series_notebooks():
        code = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
        for name in re.findall(r'save_run\("(\w+)"', code):
            saved_by.setdefault(name, path.name[:2])
    return saved_by


def collect_model_metrics(mode):
    """The metrics files the notebooks saved in this mode, keyed by "model (notebook)", in the series' order."""
    folder = NOTEBOOKS / "saved" / mode
    names = [path.name.removesuffix("_metrics.json") for path in folder.glob("*_metrics.json")]
    saved_by = saving_notebooks()  # reads every lesson once
    notebook_of = {name: saved_by.get(name, "??") for name in names}
    return {f"{name} ({notebook_of[name]})": json.loads((folder / f"{name}_metrics.json").read_text())
            for name in sorted(names, key=notebook_of.get)}


def describe_time(seconds):
    if seconds is None:
        return "not measured yet"
    return f"about {round(seconds)} s" if seconds < 90 else f"about {seconds / 60:.0f} min"


def time_line(results, name):
    measured = results["notebooks"].get(name, {})
    full, quick = (measured.get(mode, {}).get("seconds") for mode in ("full", "quick"))
    if full is None and quick is None:
        return "**Computer time:** not measured yet: run `python run_series.py` to measure it."
    machine = results["machines"].get("full", results["machines"].get("quick", {}))
    return (f"**Computer time:** {describe_time(full)} in full mode, {describe_time(quick)} in quick mode "
            f"({machine.get('description', 'unknown machine')}; measured by `run_series.py`).")


def update_time_lines(results):
    for path in series_notebooks():
        notebook = nbformat.read(path, as_version=4)
        first = notebook.cells[0]
        updated = TIME_LINE.sub(time_line(results, path.stem), first.source)
        if updated != first.source:
            first.source = updated
            nbformat.write(notebook, path)


def results_markdown(results):
    lines = ["| Notebook | Full mode | Quick mode | Peak memory (full) |", "|---|---|---|---|"]
    for path in series_notebooks():
        measured = results["notebooks"].get(path.stem, {})
        full, quick = measured.get("full", {}), measured.get("quick", {})
        memory = full.get("peak_memory_bytes")
        lines.append(f"| [{path.stem}](notebooks/{path.name}) | {describe_time(full.get('seconds'))} | "
                     f"{describe_time(quick.get('seconds'))} | {f'{memory / 2**20:.0f} MiB' if memory else '–'} |")
    if results["models"]:
        lines += ["", "| Model (full mode) | Test accuracy | Parameters | Training time | Epochs | Median epoch |",
                  "|---|---|---|---|---|---|"]
        for name, metrics in results["models"].items():
            median = metrics.get("median_epoch_seconds")
            lines.append(f"| {name} | {metrics['test_accuracy']:.2%} | {metrics['parameters']:,} | "
                         f"{describe_time(metrics['training_seconds'])} | {metrics['epochs']} | "
                         f"{f'{median:.0f} s' if median else '–'} |")
    lines.append("")
    for mode, machine in sorted(results["machines"].items()):
        lines.append(f"- {mode} mode measured on {machine['description']}, TensorFlow {machine['tensorflow']}, "
                     f"Python {machine['python']}, on {machine['date']}.")
    return "\n".join(lines)


def update_results_sections(results):
    """Rewrite the marked results section of README.md and of the instructor guide."""
    for document in (README, GUIDE):
        text = document.read_text() if document.exists() else ""
        if RESULTS_START in text and RESULTS_END in text:
            before, rest = text.split(RESULTS_START, 1)
            after = rest.split(RESULTS_END, 1)[1]
            document.write_text(f"{before}{RESULTS_START}\n{results_markdown(results)}\n{RESULTS_END}{after}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="quick mode (MNIST_QUICK=1): fewer epochs, less data")
    parser.add_argument("--no-run", action="store_true", help="run nothing: only rewrite the texts from the results")
    parser.add_argument("--solutions", action="store_true", help="also execute the solution notebooks (not timed)")
    parser.add_argument("only", nargs="*", help="run only the notebooks whose names start with these prefixes")
    arguments = parser.parse_args()
    mode = "quick" if arguments.quick else "full"
    os.environ["MNIST_QUICK"] = "1" if arguments.quick else "0"  # the kernels inherit this environment

    results = load_results()
    solutions = solution_notebooks() if arguments.solutions else []
    chosen = [path for path in series_notebooks() + solutions
              if not arguments.only or path.stem.startswith(tuple(arguments.only))]
    for path in [] if arguments.no_run else chosen:
        print(f"{path.name} ({mode} mode) ...", end=" ", flush=True)
        try:
            seconds, probe = execute(path)
        except CellExecutionError as error:
            print(f"FAILED; the notebook was left as it was.\n{error}")
            return 1
        print(f"{seconds:.0f} s")
        if path in solutions:
            continue  # solutions are run so that their outputs are real, not benchmarked
        results["notebooks"].setdefault(path.stem, {})[mode] = {
            "seconds": round(seconds, 1), "peak_memory_bytes": probe["peak_memory_bytes"]}
        device = f"GPU ({', '.join(probe['gpus'])})" if probe["gpus"] else "CPU"
        results["machines"][mode] = {
            "description": f"{os.cpu_count()}-core {platform.machine()} {device}",
            "tensorflow": probe["tensorflow"], "python": probe["python"], "date": datetime.date.today().isoformat()}
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")  # after each notebook, in case a later one fails
    if mode == "full":
        results["models"] = collect_model_metrics("full")
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    update_time_lines(results)
    update_results_sections(results)
    update_colab_parts()
    print(f"Results written to {RESULTS.relative_to(ROOT)}, README.md, the instructor guide and the time lines.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
