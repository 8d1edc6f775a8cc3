"""Where the course's files lie, found from this file's place in the project."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
LOCAL_COPY = PROJECT_ROOT / "data" / "mnist.npz"
# Where Keras keeps what it downloaded: a copy there counts as a local copy.
KERAS_CACHE = Path(os.environ.get("KERAS_HOME", "~/.keras")).expanduser() / "datasets"
MODELS_ROOT = PROJECT_ROOT / "notebooks" / "saved"
REQUIREMENTS = PROJECT_ROOT / "requirements.txt"
BENCHMARK = PROJECT_ROOT / "notebooks" / "benchmark.json"
