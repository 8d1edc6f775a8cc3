"""course/measured_times.py: how long a notebook takes, as a learner is told it."""

from course.measured_times import describe_time, notebook_times


def test_durations_are_said_as_a_person_says_them():
    assert describe_time(None) == "not measured yet"
    assert describe_time(5.4) == "about 5 s"
    assert describe_time(89) == "about 89 s"
    assert describe_time(90) == "about 2 min"
    assert describe_time(29 * 60 + 10) == "about 29 min"


def test_times_are_read_from_the_results_file(tmp_path):
    results = tmp_path / "benchmark.json"
    results.write_text(
        '{"notebooks": {"03_dense_baseline": {"full": {"seconds": 130.2},'
        ' "quick": {"seconds": 12.0}}}}'
    )
    assert notebook_times("03", results) == (
        "about 2 min in full mode, about 12 s in quick mode"
    )


def test_times_of_a_notebook_never_measured_say_so(tmp_path):
    assert notebook_times("99", tmp_path / "missing.json") == (
        "not measured yet in full mode, not measured yet in quick mode"
    )
