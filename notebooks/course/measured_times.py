"""How long a notebook takes, as run_series.py measured it, said as a person says it."""

import json
from pathlib import Path

from . import messages
from .messages import N_
from .paths import BENCHMARK

NOT_MEASURED = N_("not measured yet")
SECONDS = N_("about {seconds} s")
MINUTES = N_("about {minutes:.0f} min")
# One sentence for both modes, as "full mode" and "quick mode" have names of their own
# in other languages.
BOTH_MODES = N_("{full} in full mode, {quick} in quick mode")


def describe_time(seconds, language=messages.ENGLISH):
    """A duration as a person says it: "about 40 s", "about 6 min".

    In English unless `language` says otherwise ("zh-CN"; None: the learner's), as
    tools/results_text.py writes it into the English texts whatever the environment.
    """
    into = language or messages.language()
    if seconds is None:
        return messages.translate(NOT_MEASURED, into)
    if seconds < 90:
        return messages.translate(SECONDS, into).format(seconds=round(seconds))
    return messages.translate(MINUTES, into).format(minutes=seconds / 60)


def notebook_times(number, results_file=BENCHMARK, language=None):
    """How long notebook `number` ("06") took in full and in quick mode, as measured by
    run_series.py, for example "about 19 min in full mode, about 50 s in quick mode":
    in the learner's language, unless `language` names one."""
    try:
        measured = json.loads(Path(results_file).read_text())["notebooks"]
    except (OSError, ValueError, KeyError):
        measured = {}
    times = next(
        (value for name, value in measured.items() if name.startswith(f"{number}_")), {}
    )
    full, quick = (
        describe_time(times.get(mode, {}).get("seconds"), language)
        for mode in ("full", "quick")
    )
    into = language or messages.language()
    return messages.translate(BOTH_MODES, into).format(full=full, quick=quick)
