"""Run a notebook in place, headlessly, and measure its time, memory and machine."""

import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .benchmark import save_results
from .colab import is_colab_cell
from .notebook_files import read, write
from .project import NOTEBOOKS, ROOT, chinese_path

# Run in the kernel after the last cell, then removed: peak memory and what it ran on.
PROBE = """\
import json, platform, sys
from course.quiet_start import ONEDNN as _onednn
import tensorflow as _tf
try:
    import resource
    _peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _peak *= 1 if sys.platform == "darwin" else 1024
except ImportError:  # Windows has no resource module
    _peak = None
_gpus = [gpu.name for gpu in _tf.config.list_physical_devices("GPU")]
print(json.dumps({"peak_memory_bytes": _peak, "gpus": _gpus, "onednn": _onednn,
                  "tensorflow": _tf.__version__, "python": platform.python_version()}))
"""


def code_hash(notebook):
    """A hash of the code a notebook runs, without the Colab cell (which does nothing
    off Colab and is rewritten from pyproject.toml). Outputs recorded with this hash
    came from this code."""
    code = [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and not is_colab_cell(cell)
    ]
    return hashlib.sha256("\n# cell\n".join(code).encode()).hexdigest()


def execute(path, folder=NOTEBOOKS):
    """Execute a notebook in place, in `folder` (where it lies, or the notebooks
    folder of a copy of the project); return its seconds and what the probe
    reported."""
    notebook = read(path)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(
        notebook,
        timeout=None,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(folder)}},
        # The kernel's own start-up warnings (such as one about talking to Jupyter over
        # local TCP, which is how Jupyter runs kernels) say nothing about the notebook.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    probe = notebook.cells.pop()
    write(notebook, path)  # without the widgets' state: see without_widgets
    return seconds, json.loads(probe.outputs[-1]["text"])


def cpu_model():
    """The processor's name and its widest vector instructions, which change float
    rounding (and so the last digits of some results) from one machine to another."""
    name, flags = platform.processor() or platform.machine(), set()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        text = cpuinfo.read_text(encoding="utf-8")
        found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
        name = found.group(1).strip() if found else name
        found = re.search(r"^flags\s*:\s*(.+)$", text, re.MULTILINE)
        flags = set(found.group(1).split()) if found else set()
    elif sys.platform == "darwin":
        name = (
            subprocess.run(
                ["sysctl", "-n", "machdep.cpu.brand_string"],
                capture_output=True,
                text=True,
            ).stdout.strip()
            or name
        )
    widest = next(
        (
            label
            for flag, label in [
                ("avx512f", "AVX-512"),
                ("avx2", "AVX2"),
                ("avx", "AVX"),
                ("sse4_2", "SSE4.2"),
            ]
            if flag in flags
        ),
        None,
    )
    return f"{name}, {widest}" if widest else name


def record_outputs(results, path, mode):
    """Record in `results` that the outputs of the notebook at `path` come from a run
    of its code as it is now, in `mode`, today."""
    results["outputs"][path.stem] = {
        "mode": mode,
        "code_sha256": code_hash(read(path)),
        "date": datetime.date.today().isoformat(),
    }


def run_and_record(paths, mode, results, timed):
    """Execute each notebook of `paths` in order, and record in `results` the code its
    outputs came from; for the notebooks in `timed`, also its time, its peak memory and
    the machine. The results file is saved after each notebook, in case a later one
    fails. Returns False at the first notebook that fails, which is left as it was."""
    for path in paths:
        print(f"{path.name} ({mode} mode) ...", end=" ", flush=True)
        try:
            seconds, probe = execute(path)
        except CellExecutionError as error:
            print(f"FAILED; the notebook was left as it was.\n{error}")
            return False
        print(f"{seconds:.0f} s")
        record_outputs(results, path, mode)
        if path in timed:  # solutions are run so their outputs are real, not timed
            results["notebooks"].setdefault(path.stem, {})[mode] = {
                "seconds": round(seconds, 1),
                "peak_memory_bytes": probe["peak_memory_bytes"],
            }
            device = f"GPU ({', '.join(probe['gpus'])})" if probe["gpus"] else "CPU"
            results["machines"][mode] = {
                "description": f"{os.cpu_count()}-core {cpu_model()} {device}",
                "onednn": probe["onednn"],
                "tensorflow": probe["tensorflow"],
                "python": probe["python"],
                "date": datetime.date.today().isoformat(),
            }
        save_results(results)
    return True


# What a copy of the project for a run of the Chinese edition leaves out: what git
# ignores, but for the saved models, which a run of some notebooks only needs.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.npz", ".ipynb_checkpoints", ".*_cache"
)


def run_chinese(paths, mode, results):
    """Execute the Chinese edition of each English notebook of `paths`, in order, in a
    copy of the project: the models it trains are saved there, so that the English
    run's saved models and metrics stay as they are. Each executed notebook is copied
    back, and the code its outputs came from recorded in `results`. Returns False at
    the first notebook that fails, which is left as it was."""
    with tempfile.TemporaryDirectory(prefix="chinese-edition-") as scratch:
        copy = Path(scratch) / ROOT.name
        shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
        for english in paths:
            chinese = chinese_path(english)
            there = copy / chinese.relative_to(ROOT)
            print(f"{chinese.name} ({mode} mode) ...", end=" ", flush=True)
            try:
                seconds, _probe = execute(there, folder=there.parent)
            except CellExecutionError as error:
                print(f"FAILED; the notebook was left as it was.\n{error}")
                return False
            print(f"{seconds:.0f} s")
            shutil.copyfile(there, chinese)
            record_outputs(results, chinese, mode)
            save_results(results)
    return True
