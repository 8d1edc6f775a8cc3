"""Grade a folder of submitted notebooks with the series' own exercise checks.

    python grade.py --train-models                     # once: the quick-mode models
    python grade.py submissions/                       # every .ipynb in the folder
    python grade.py submissions/ --time-limit 900 --report grades.csv
    python grade.py submissions/ --language zh-CN      # the report in Chinese

Each notebook runs in a Jupyter kernel of its own, in quick mode (MNIST_QUICK=1), in a
scratch copy of the course's notebooks folder, from the top, as Run All would, and stops
at its first error. Then, in the same kernel, the grader runs the checks itself: it
loads the course's checks from this repository under a private name, reads each
exercise's answer from the notebook's variables, and records what the check says.
Printed lines and any `check` a student defined play no part. A notebook that is not
valid JSON, raises an error, runs past its time limit or deletes files of its folder is
reported as such.

Results: a CSV file (student file, notebook, exercise, result), with one row per
notebook for how its run ended and one per exercise, and a summary per exercise.
`--language zh-CN` writes them in Chinese, the checks' messages included, whichever
edition a student used; the default is English.

Notebooks 05, 07, 08 and 09 read the models of notebooks 03-06. `--train-models` runs
those four lessons once in quick mode, in a scratch copy (the course's notebooks and
their outputs are left as they are), and keeps their models for every grading.

Warning: grading runs the students' code, with your rights on this computer. Run it on a
machine or in an account where that is acceptable. It needs Linux, macOS or WSL: it ends
a notebook that runs too long with process groups, which Windows does not have.
"""

import argparse
import sys
from pathlib import Path

from tools import grading
from tools.grading import _  # a message in the report's language (course/messages.py)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", help="the folder of submitted notebooks")
    parser.add_argument("--time-limit", type=int, default=600,
                        help="seconds each notebook may run, in all (default 600)")
    parser.add_argument("--cell-timeout", type=int, default=600, help=argparse.SUPPRESS)
    parser.add_argument("--report", default="grades.csv", help="the CSV file to write")
    parser.add_argument("--language", choices=grading.LANGUAGES, default="en",
                        help="the language of the report and of the checks' messages "
                        "(default en)")
    parser.add_argument("--train-models", nargs="*", metavar="LESSON",
                        help="first train the models that notebooks 05, 07, 08 and 09 "
                        "read, by running lessons 03-06 in quick mode")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # used by the grader itself
    arguments = parser.parse_args()
    grading.set_language(arguments.language)
    if arguments.one:
        return grading.run_one(arguments.one, arguments.cell_timeout)
    if arguments.train_models is not None:
        lessons = arguments.train_models or grading.MODEL_LESSONS
        grading.train_models(lessons, arguments.cell_timeout)
        if not arguments.folder:
            return 0
    if not arguments.folder:
        parser.error(_("name the folder of submitted notebooks"))
    grading.grade_folder(
        Path(arguments.folder), arguments.report, arguments.time_limit,
        arguments.cell_timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
