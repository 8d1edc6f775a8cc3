"""How long a notebook takes, as run_series.py measured it, said as a person says it."""

import json
from pathlib import Path

from .paths import BENCHMARK


def describe_time(seconds):
    """A duration as a person says it: "about 40 s", "about 6 min"."""
    if seconds is None:
        return "not measured yet"
    if seconds < 90:
        return f"about {round(seconds)} s"
    return f"about {seconds / 60:.0f} min"


def notebook_times(number, results_file=BENCHMARK):
    """How long notebook `number` ("06") took in full and in quick mode, as measured by
    run_series.py, for example "about 19 min in full mode, about 50 s in quick mode"."""
    try:
        measured = json.loads(Path(results_file).read_text())["notebooks"]
    except (OSError, ValueError, KeyError):
        measured = {}
    times = next(
        (value for name, value in measured.items() if name.startswith(f"{number}_")), {}
    )
    return ", ".join(
        f"{describe_time(times.get(mode, {}).get('seconds'))} in {mode} mode"
        for mode in ("full", "quick")
    )
