"""course/setup_report.py: the versions requirements.txt pins, and the note printed
where the installed ones differ (as on Colab)."""

from course.paths import REQUIREMENTS
from course.setup_report import pinned_versions, version_note


def test_pinned_versions_are_read_from_requirements(tmp_path):
    pinned = pinned_versions()
    requirements = REQUIREMENTS.read_text()
    assert (
        set(pinned) == {"tensorflow", "keras"}
        and f"keras=={pinned['keras']}\n" in requirements
    )
    assert requirements.count(f"tensorflow-cpu=={pinned['tensorflow']};") == 1
    assert requirements.count(f"tensorflow=={pinned['tensorflow']};") == 1, (
        "both TensorFlow lines pin one version"
    )
    assert pinned_versions(tmp_path / "requirements.txt") == {}, (
        "only the notebooks copied: no note"
    )


def test_a_version_note_only_where_versions_differ():
    pinned = {"tensorflow": "2.21.0", "keras": "3.15.1"}
    assert (
        version_note(pinned, pinned) is None
        and version_note(pinned, {}) is None
    )
    note = version_note({"tensorflow": "2.19.0", "keras": "3.15.1"}, pinned)
    expected = (
        "tested with TensorFlow 2.21.0 and Keras 3.15.1; this computer has TensorFlow "
        "2.19.0 and Keras 3.15.1"
    )
    assert expected in " ".join(note.split())  # the note is wrapped to fit the screen
    assert all(len(line) <= 88 for line in note.splitlines())
