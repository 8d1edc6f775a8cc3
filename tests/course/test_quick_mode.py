"""course/quick_mode.py: the one switch, MNIST_QUICK, read by a fresh Python."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from course import quick_mode


@pytest.mark.parametrize("value, quick", [("1", True), ("0", False), (None, False)])
def test_quick_mode_switch(value, quick):
    environment = {key: val for key, val in os.environ.items() if key != "MNIST_QUICK"}
    if value is not None:
        environment["MNIST_QUICK"] = value
    code = (
        "from course import quick_mode as q; "
        "print(q.QUICK_MODE, q.epochs_for_mode(12),"
        " len(q.subset_for_mode(range(60000), range(60000))[0]),"
        " len(q.subset_for_mode(range(10000), range(10000))[1]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(quick_mode.__file__).parent.parent,  # notebooks/, as for a lesson
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    expected = (  # quick: a tenth of each set, at most QUICK_TRAINING_EXAMPLES
        f"True {quick_mode.QUICK_EPOCHS} {quick_mode.QUICK_TRAINING_EXAMPLES} 1000"
        if quick
        else "False 12 60000 10000"
    )
    assert result.stdout.split() == expected.split()
