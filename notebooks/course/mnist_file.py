"""What a copy of MNIST must hold, and reading, checking and saving one."""

import hashlib
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from .errors import CourseError
from .messages import _
from .paths import LOCAL_COPY

# A school's own mirror: the address of a folder holding the four files above.
MIRROR_VARIABLE = "MNIST_MIRROR"

# What each array must be. The checksum is of the array's bytes, so it holds for any
# copy of MNIST whatever zip container it came in.
EXPECTED_ARRAYS = {
    "x_train": (
        (60000, 28, 28),
        "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757",
    ),
    "y_train": (
        (60000,),
        "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13",
    ),
    "x_test": (
        (10000, 28, 28),
        "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161",
    ),
    "y_test": (
        (10000,),
        "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5",
    ),
}


def how_to_fix():
    """What to do when MNIST cannot be loaded, in the learner's language."""
    return _(
        "How to fix it: connect to the internet and run the cell again, or copy a "
        "good mnist.npz to {local_copy}, or set the environment variable MNIST_PATH "
        "to the path of one. A school can set {mirror_variable} to the address of its "
        "own copy of the four original MNIST files. data/README.md explains both."
    ).format(local_copy=LOCAL_COPY, mirror_variable=MIRROR_VARIABLE)


def with_how_to_fix(message):
    """A message, then on a line of its own what to do about it."""
    return f"{message}\n{how_to_fix()}"


class MnistDataError(CourseError, RuntimeError):
    """MNIST could not be found, downloaded or verified; the message says what to do."""


def save_arrays(arrays, target):
    """Save verified arrays as an .npz file, written in full before it takes the name
    `target`: a download that stops half-way leaves no damaged copy behind."""
    for folder in (target.parent, Path(tempfile.gettempdir())):
        path = folder / target.name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = tempfile.NamedTemporaryFile(
                dir=folder, suffix=".npz", delete=False
            )
            with partial as file:
                np.savez_compressed(file, **arrays)
            os.replace(file.name, path)
            return path
        except OSError:
            continue
    raise MnistDataError(
        _("MNIST was downloaded, but could not be saved: {path}").format(path=target)
    )


def array_problem(name, array):
    """What is wrong with one of the four arrays, in a few words, or None."""
    shape, sha256 = EXPECTED_ARRAYS[name]
    if array.dtype != np.uint8 or array.shape != shape:
        return _("{name} is {dtype} {shape}; MNIST's is uint8 {expected_shape}").format(
            name=name, dtype=array.dtype, shape=array.shape, expected_shape=shape
        )
    if name.startswith("y") and array.max() > 9:
        return _("{name} holds the label {label}; digits go from 0 to 9").format(
            name=name, label=array.max()
        )
    if hashlib.sha256(array.tobytes()).hexdigest() != sha256:
        return checksum_problem(name)
    return None


def checksum_problem(name):
    """What array_problem says of an array whose contents differ from MNIST's."""
    return _(
        "{name} has the right shape but different contents from MNIST (its "
        "checksum does not match)"
    ).format(name=name)


def read_verified_mnist(path):
    """Read an mnist.npz file and check every array; MnistDataError on any problem."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise MnistDataError(
            with_how_to_fix(_("There is no MNIST file at {path}.").format(path=path))
        )
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = sorted(set(EXPECTED_ARRAYS) - set(npz.files))
            if missing:
                message = missing_arrays(path, missing, npz.files)
                raise MnistDataError(with_how_to_fix(message))
            arrays = {name: npz[name] for name in EXPECTED_ARRAYS}
    except MnistDataError:
        raise
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        message = _(
            "{path} cannot be read as an .npz file ({kind}: {error}). It may be "
            "truncated, or not MNIST at all."
        ).format(path=path, kind=type(error).__name__, error=error)
        raise MnistDataError(with_how_to_fix(message)) from None
    for name, array in arrays.items():
        problem = array_problem(name, array)
        if not problem:
            continue
        if problem == checksum_problem(name):
            message = _("In {path}, {problem}. The file is damaged or altered.")
        else:
            message = _("In {path}, {problem}.")
        message = message.format(path=path, problem=problem)
        raise MnistDataError(with_how_to_fix(message))
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def missing_arrays(path, missing, found):
    """What read_verified_mnist says of a file without some of MNIST's arrays."""
    if found:
        message = _(
            "{path} has no array named {missing} (it has: {found}). It is not a "
            "complete MNIST file."
        )
    else:
        message = _(
            "{path} has no array named {missing} (it has: nothing). It is not a "
            "complete MNIST file."
        )
    return message.format(path=path, missing=", ".join(missing), found=", ".join(found))
