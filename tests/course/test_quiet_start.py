"""course/quiet_start.py: the lessons' first import starts TensorFlow quietly."""

import os
import subprocess
import sys
from pathlib import Path

from course import quiet_start


def test_importing_the_lesson_module_writes_nothing_to_the_error_stream():
    """What a learner's first cell shows under it: nothing in red, though TensorFlow's
    core writes its start-up notices straight to file descriptor 2 (see the module)."""
    environment = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    result = subprocess.run(
        [sys.executable, "-c", "import mnist_helpers, keras, tensorflow"],
        cwd=Path(quiet_start.__file__).parent.parent,  # notebooks/, as for a lesson
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr == ""

