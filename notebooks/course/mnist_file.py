"""What a copy of MNIST must hold, and reading, checking and saving one."""

import hashlib
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from .errors import CourseError
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

HOW_TO_FIX = (
    "How to fix it: connect to the internet and run the cell again, or copy a good "
    f"mnist.npz to {LOCAL_COPY}, or set the environment variable MNIST_PATH to the "
    f"path of one. A school can set {MIRROR_VARIABLE} to the address of its own copy "
    "of the four original MNIST files. data/README.md explains both."
)
HOW_TO_FIX_IN_CHINESE = (
    "解决办法：连上互联网后再运行一次这个单元格；或者把一份完好的 mnist.npz 复制到 "
    f"{LOCAL_COPY}，或者用环境变量 MNIST_PATH 指向它。学校可以把 MNIST 的四个原始文件"
    f"放在自己的服务器上，再用环境变量 {MIRROR_VARIABLE} 指向那个地址。"
    "详见 data/README.md。"
)


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
    raise MnistDataError(f"MNIST was downloaded, but could not be saved: {target}")


def array_problem(name, array):
    """What is wrong with one of the four arrays, in a few words, or None."""
    shape, sha256 = EXPECTED_ARRAYS[name]
    if array.dtype != np.uint8 or array.shape != shape:
        return f"{name} is {array.dtype} {array.shape}; MNIST's is uint8 {shape}"
    if name.startswith("y") and array.max() > 9:
        return f"{name} holds the label {array.max()}; digits go from 0 to 9"
    if hashlib.sha256(array.tobytes()).hexdigest() != sha256:
        return (
            f"{name} has the right shape but different contents from MNIST (its "
            "checksum does not match)"
        )
    return None


def read_verified_mnist(path):
    """Read an mnist.npz file and check every array; MnistDataError on any problem."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise MnistDataError(f"There is no MNIST file at {path}.\n{HOW_TO_FIX}")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = sorted(set(EXPECTED_ARRAYS) - set(npz.files))
            if missing:
                raise MnistDataError(
                    f"{path} has no array named {', '.join(missing)} (it has: "
                    f"{', '.join(npz.files) or 'nothing'}). It is not a complete MNIST "
                    f"file.\n{HOW_TO_FIX}"
                )
            arrays = {name: npz[name] for name in EXPECTED_ARRAYS}
    except MnistDataError:
        raise
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise MnistDataError(
            f"{path} cannot be read as an .npz file ({type(error).__name__}: {error}). "
            f"It may be truncated, or not MNIST at all.\n{HOW_TO_FIX}"
        ) from None
    for name, array in arrays.items():
        problem = array_problem(name, array)
        if problem:
            damaged = " The file is damaged or altered." * ("checksum" in problem)
            raise MnistDataError(f"In {path}, {problem}.{damaged}\n{HOW_TO_FIX}")
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])
