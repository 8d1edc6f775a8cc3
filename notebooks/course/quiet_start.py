"""Start TensorFlow without the notices its C++ core prints while it loads.

mnist_helpers.py imports this module on its first line, before Keras and TensorFlow, and
every notebook imports mnist_helpers first.
"""

import os
import re
import sys
import tempfile

# TensorFlow's C++ log messages below errors stay hidden (this must be set before
# import).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# Notices TensorFlow's C++ core writes at start-up, before its log level applies: that
# its oneDNN operations are on, and on CPU-only machines with the full wheel, that no
# CUDA library or GPU driver was found. None of them is an error.
START_UP_NOTICES = re.compile(
    r"absl::InitializeLog|oneDNN custom operations are on|cuda|cuDNN|cuFFT|cuBLAS|"
    r"TensorRT|TF-TRT|computation placer|This TensorFlow binary is optimized"
)


def import_tensorflow_quietly():
    """Import TensorFlow and Keras with the start-up notices above hidden.

    They go straight to the error stream (file descriptor 2), where Jupyter shows them
    in red under the first cell. While TensorFlow loads, that stream goes to a temporary
    file; any other line written there is passed on, so real errors still show.
    Returns the text of the notices, which tells for example whether oneDNN is on.
    """
    sys.stderr.flush()
    saved_stream = os.dup(2)
    with tempfile.TemporaryFile() as caught:
        os.dup2(caught.fileno(), 2)
        try:
            import keras  # noqa: F401  (imports TensorFlow)
            import tensorflow  # noqa: F401
        finally:
            os.dup2(saved_stream, 2)
            os.close(saved_stream)
        caught.seek(0)
        text = caught.read().decode(errors="replace")
    others = [line for line in text.splitlines() if line.strip()]
    others = [line for line in others if not START_UP_NOTICES.search(line)]
    if others:
        print("\n".join(others), file=sys.stderr)
    return text


START_UP_TEXT = import_tensorflow_quietly()
ONEDNN = "oneDNN custom operations are on" in START_UP_TEXT
