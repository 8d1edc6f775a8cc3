"""The project's own promises: the two README commands, CI, the lint, the helper's
modes.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def readme_commands():
    return re.findall(
        r"```bash\n(python3 -m venv .*)\n```", (ROOT / "README.md").read_text()
    )


def test_readme_has_the_two_commands_and_ci_runs_the_second_exactly():
    setup_and_open, setup_and_test = readme_commands()
    # The repository's root is served, so that README, data/ and every link resolve.
    assert setup_and_open.endswith(
        "jupyter lab --ServerApp.root_dir=. notebooks/01_load_and_explore.ipynb"
    )
    readme = (ROOT / "README.md").read_text()
    for shell, last in (("powershell", " }"), ("bat", "")):
        windows = re.findall(rf"```{shell}\n(.*)\n(.*)\n```", readme)
        assert windows, f"no {shell} block with the two commands"
        open_command, test_command = windows[0]
        assert open_command.endswith(
            "jupyter lab --ServerApp.root_dir=. notebooks\\01_load_and_explore.ipynb"
            + last
        )
        assert test_command.endswith("python -m pytest" + last)
        # PowerShell 5.1, Windows's default, fails on `&&`.
        assert ("&&" in open_command + test_command) == (shell == "bat")
    assert setup_and_test.endswith("python -m pytest")
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert setup_and_test in ci_lines
    workflow = (ROOT / ".github" / "workflows" / "tests.yml").read_text()
    assert setup_and_test in workflow


def test_the_first_command_can_start_jupyterlab_with_this_environments_kernel():
    """What `jupyter lab` needs: JupyterLab itself, and a python3 kernel that runs in
    this environment.
    """
    from jupyter_client.manager import start_new_kernel

    jupyter = Path(sys.executable).parent / (
        "jupyter.exe" if os.name == "nt" else "jupyter"
    )
    version = subprocess.run(
        [str(jupyter), "lab", "--version"], capture_output=True, text=True, timeout=120
    )
    assert version.returncode == 0 and re.match(r"\d+\.\d+", version.stdout), (
        version.stderr
    )
    manager, client = start_new_kernel(kernel_name="python3")
    printed = []

    def keep_stdout(message):
        if (
            message["header"]["msg_type"] == "stream"
            and message["content"]["name"] == "stdout"
        ):
            printed.append(message["content"]["text"])

    try:
        reply = client.execute_interactive(
            "import sys, keras, matplotlib; print(sys.prefix)",
            timeout=120,
            output_hook=keep_stdout,
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok"
    assert Path("".join(printed).strip()) == Path(sys.prefix)


def test_lint_is_clean_on_helpers_notebooks_and_tests():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("value, quick", [("1", True), ("0", False), (None, False)])
def test_quick_mode_switch(helpers, value, quick):
    environment = {key: val for key, val in os.environ.items() if key != "MNIST_QUICK"}
    if value is not None:
        environment["MNIST_QUICK"] = value
    code = (
        "import mnist_helpers as h; "
        "print(h.QUICK_MODE, h.epochs_for_mode(12),"
        " len(h.subset_for_mode(range(60000), range(60000))[0]),"
        " len(h.subset_for_mode(range(10000), range(10000))[1]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "notebooks",
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    expected = (  # quick: a tenth of each set, at most QUICK_TRAINING_EXAMPLES
        f"True {helpers.QUICK_EPOCHS} {helpers.QUICK_TRAINING_EXAMPLES} 1000"
        if quick
        else "False 12 60000 10000"
    )
    assert result.stdout.split() == expected.split()


def test_pin_points_every_badge_and_colab_cell_at_a_tag(tmp_path):
    """`run_series.py --pin TAG` on a copy of the project, as an instructor pins a
    term."""
    import shutil

    import nbformat

    copy = tmp_path / "course"
    copy.mkdir()
    for name in ("run_series.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(
        ROOT / "notebooks", copy / "notebooks", ignore=shutil.ignore_patterns("saved")
    )
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
