"""tools/colab.py: the Colab badge and cell of every notebook, written from the one
address in pyproject.toml, and `run_series.py --pin` for a term."""

import shutil
import subprocess
import sys

import nbformat
import pytest

from tools import colab, project

ROOT = project.ROOT
ALL_NOTEBOOKS = project.series_notebooks() + project.solution_notebooks()


def read(path):
    return nbformat.read(path, as_version=4)


def code_of(path, index):
    return [cell.source for cell in read(path).cells if cell.cell_type == "code"][index]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_every_notebook_has_its_badge_under_the_title_and_the_colab_cell_first(path):
    opening = read(path).cells[0].source.splitlines()
    assert (
        opening[0].startswith("# ")
        and opening[1] == ""
        and opening[2] == colab.colab_badge(path)
    )
    assert code_of(path, 0) == colab.colab_cell(), (
        "run python run_series.py --no-run to rewrite it"
    )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda path: path.stem)
def test_the_colab_cell_stays_out_of_the_reading_path(path):
    """Collapsed in JupyterLab and VS Code, a form with a title on Colab."""
    cell = next(cell for cell in read(path).cells if cell.cell_type == "code")
    assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
    assert cell.metadata.get("cellView") == "form"
    assert cell.source.startswith("#@title ")
    assert all(len(line) <= 88 for line in cell.source.splitlines())


def test_the_address_is_set_in_one_place_and_rewritten_everywhere(
    tmp_path, monkeypatch
):
    for path in ALL_NOTEBOOKS:
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(project, "NOTEBOOKS", tmp_path)
    monkeypatch.setitem(
        project.SETTINGS, "repository", "https://github.com/someone/a-fork"
    )
    monkeypatch.setitem(project.SETTINGS, "branch", "teaching")
    colab.update_colab_parts()
    for path in ALL_NOTEBOOKS:
        original, rewritten = read(path), read(tmp_path / path.name)
        badge = (
            "(https://colab.research.google.com/github/someone/a-fork/blob/teaching/"
            f"notebooks/{path.name})"
        )
        assert rewritten.cells[0].source.splitlines()[2].endswith(badge)
        cell = code_of(tmp_path / path.name, 0)
        assert 'REPOSITORY_URL = "https://github.com/someone/a-fork"' in cell
        assert 'BRANCH = "teaching"' in cell
        changed = [
            number
            for number, (old, new) in enumerate(
                zip(original.cells, rewritten.cells, strict=True)
            )
            if old.source != new.source
        ]
        assert len(changed) == 2 and changed[0] == 0, (
            "only the badge and the Colab cell change"
        )


def test_an_address_colab_cannot_use_is_refused(monkeypatch):
    for address in (
        "https://gitlab.com/someone/a-fork",
        "https://github.com/someone/a-fork/",
        "github.com/a/b",
    ):
        monkeypatch.setitem(project.SETTINGS, "repository", address)
        with pytest.raises(SystemExit, match="https://github.com/owner/name"):
            colab.colab_cell()


def test_pin_points_every_badge_and_colab_cell_at_a_tag(tmp_path):
    """`run_series.py --pin TAG` on a copy of the project, as an instructor pins a
    term."""
    copy = tmp_path / "course"
    copy.mkdir()
    for name in ("run_series.py", "pyproject.toml"):
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(ROOT / "tools", copy / "tools")
    shutil.copytree(
        ROOT / "notebooks", copy / "notebooks", ignore=shutil.ignore_patterns("saved")
    )
    for document in project.DOCUMENTS:  # the English texts the Chinese is built from
        (copy / document.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(document, copy / document.relative_to(ROOT))
    pin = [sys.executable, str(copy / "run_series.py"), "--pin"]
    refused = subprocess.run(
        [*pin, "fall 2026; rm -rf /"], capture_output=True, text=True
    )
    assert refused.returncode != 0 and "give a tag or branch name" in refused.stderr
    subprocess.run([*pin, "fall-2026"], check=True, capture_output=True)
    assert 'branch = "fall-2026"' in (copy / "pyproject.toml").read_text()
    notebooks = sorted((copy / "notebooks").glob("*.ipynb"))
    assert len(notebooks) == len(list((ROOT / "notebooks").glob("*.ipynb")))
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        badge = f"/blob/fall-2026/notebooks/{path.name})"
        assert badge in notebook.cells[0].source, path.name
        code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        assert 'BRANCH = "fall-2026"' in code, path.name
