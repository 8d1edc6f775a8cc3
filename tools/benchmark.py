"""notebooks/benchmark.json: the measured results, and the models' metrics in it."""

import json
import re

from .notebook_files import read
from .project import NOTEBOOKS, RESULTS, series_notebooks


def load_results():
    if RESULTS.exists():
        return json.loads(RESULTS.read_text(encoding="utf-8"))
    return {"notebooks": {}, "machines": {}, "models": {}, "outputs": {}}



def save_results(results):
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")


def saving_notebooks():
    """{model name: number of the lesson that saves it}, from save_run("name") calls."""
    saved_by = {}
    for path in series_notebooks():
        code = "\n".join(cell.source for cell in read(path).cells)
        for name in re.findall(r'save_run\(\s*"(\w+)"', code):
            saved_by.setdefault(name, path.name[:2])
    return saved_by


def collect_model_metrics(mode):
    """The metrics files the notebooks saved in a mode, keyed by "model (notebook)"."""
    folder = NOTEBOOKS / "saved" / mode
    names = [
        path.name.removesuffix("_metrics.json")
        for path in folder.glob("*_metrics.json")
    ]
    saved_by = saving_notebooks()
    notebook_of = {name: saved_by.get(name, "??") for name in names}
    return {
        f"{name} ({notebook_of[name]})": json.loads(
            (folder / f"{name}_metrics.json").read_text(encoding="utf-8")
        )
        for name in sorted(names, key=notebook_of.get)
    }

