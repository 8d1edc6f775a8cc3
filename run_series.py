"""Run the notebooks in order, headlessly and in place, and record what each one cost.

    python run_series.py              # full mode, what a learner runs; commit this
    python run_series.py --quick      # quick mode: fewer epochs, less data
    python run_series.py 03 04        # only the notebooks whose names start with 03, 04
    python run_series.py --solutions  # the solution notebooks too (run, not timed)
    python run_series.py --chinese    # run the Chinese edition (中文版) instead
    python run_series.py --no-run     # run nothing; rewrite what comes from results
    python run_series.py --stale      # list what the Chinese edition lacks
    python run_series.py --pin TAG    # point the Colab badges and cells at a tag

Each notebook's wall time and the peak memory of its kernel go into
notebooks/benchmark.json, with the machine they were measured on (CPU model, instruction
set) and a hash of the notebook's code, so a test can tell when committed outputs no
longer come from the code beside them. The metrics files the notebooks save are
collected there too. From that file the script rewrites the results sections of
README.md and of the instructor guide and the "Computer time" line of every notebook:
no figure in the text is typed by hand. It also writes, from pyproject.toml, every
notebook's Colab badge and Colab cell, and, from the lessons' cells marked #@save, the
code they taught into notebooks/mnist_helpers.py and notebooks/digit_image.py; it
brings the catalog of the course's messages up to date (notebooks/locale/), and builds
the Chinese edition. Each of these jobs is a module of tools/ (CONTRIBUTING.md).
"""

import argparse
import os
import sys

from tools import (
    benchmark,
    chinese_edition,
    colab,
    execute,
    lesson_plan,
    message_catalog,
    project,
    results_text,
    saved_code,
    translation_files,
)


def parse_arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="quick mode (MNIST_QUICK=1): fewer epochs, less data",
    )
    parser.add_argument(
        "--no-run",
        action="store_true",
        help="run nothing: only rewrite what is written from the results",
    )
    parser.add_argument(
        "--pin",
        metavar="TAG",
        help="point the Colab badges and cells at this tag or branch, then stop",
    )
    parser.add_argument(
        "--solutions",
        action="store_true",
        help="also execute the solution notebooks (not timed)",
    )
    parser.add_argument(
        "--chinese",
        action="store_true",
        help="execute the Chinese edition's notebooks (in a copy of the project), "
        "not the English ones",
    )
    parser.add_argument(
        "--stale",
        action="store_true",
        help="list what the Chinese edition lacks, in its translation files' format",
    )
    parser.add_argument(
        "only",
        nargs="*",
        help="run only the notebooks whose names start with these prefixes",
    )
    return parser.parse_args()


def print_stale(only):
    """Print what the Chinese edition lacks, in its translation files' format."""
    for path in project.english_originals():
        if not only or path.stem.startswith(tuple(only)):
            entries = translation_files.missing_entries(path)
            if entries:
                where = translation_files.translation_path(path)
                print(f"<!-- {len(entries)} for {where} -->")
                print("\n\n".join(entries), end="\n\n")


def main():
    arguments = parse_arguments()
    mode = "quick" if arguments.quick else "full"
    os.environ["MNIST_QUICK"] = "1" if arguments.quick else "0"  # kernels inherit it

    # Before any run: the notebooks import what their lessons saved, and the course's
    # messages in Chinese.
    saved_code.update_saved_code()
    untranslated = message_catalog.update()
    if arguments.stale:
        print_stale(arguments.only)
        return 0
    if arguments.pin:
        colab.pin(arguments.pin)
        colab.update_colab_parts()
        chinese_edition.update_chinese_edition(benchmark.load_results())
        print(f"The Colab badges and cells now point at {arguments.pin!r}.")
        return 0
    colab.update_colab_parts()
    results = benchmark.load_results()
    results.setdefault("outputs", {})
    lessons = project.series_notebooks()
    solutions = project.solution_notebooks() if arguments.solutions else []
    chosen = [
        path
        for path in lessons + solutions
        if not arguments.only or path.stem.startswith(tuple(arguments.only))
    ]
    if arguments.chinese and not arguments.no_run:
        # The Chinese notebooks are built from the English first, then run.
        chinese_edition.update_chinese_edition(results)
        if not execute.run_chinese(chosen, mode, results):
            return 1
    elif not arguments.no_run:
        if not execute.run_and_record(chosen, mode, results, timed=lessons):
            return 1
        if mode == "full":
            results["models"] = benchmark.collect_model_metrics("full")
    benchmark.save_results(results)
    results_text.update_time_lines(results)
    results_text.update_results_sections(results)
    lesson_plan.update_guide(results)
    behind = chinese_edition.update_chinese_edition(results)
    if behind:
        print(
            f"The Chinese edition is behind the English in {behind} place(s), marked "
            "in it: `python run_series.py --stale` lists them."
        )
    if untranslated:
        print(
            f"{len(untranslated)} of the course's messages have no Chinese yet: "
            "`python -m tools.message_catalog` lists them."
        )
    print(
        "Results written to notebooks/benchmark.json, README.md, the instructor guide "
        "and the time lines."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
