"""The project's own promises: the two README commands, CI, and the lint."""

import os
import re
import subprocess
import sys
from pathlib import Path

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


TEST_TOOLS = {"pytest", "nbval", "ruff", "playwright"}
WEBSITE_TOOLS = {"sphinx", "myst-nb", "furo", "jieba"}  # tools/website.py, tested too


def requirement_names(path):
    names = []
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.append(re.split(r"[=<>;\[ ]", line, maxsplit=1)[0].lower())
    return names


def test_a_learner_installs_no_test_tools_and_the_tests_install_both():
    learner = requirement_names(ROOT / "requirements.txt")
    tests = requirement_names(ROOT / "tests" / "requirements.txt")
    only_for_tests = TEST_TOOLS | WEBSITE_TOOLS
    assert "tensorflow-cpu" in learner and not only_for_tests & set(learner)
    assert set(tests) == only_for_tests
    first_line = next(
        line for line in (ROOT / "tests" / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    assert first_line == "-r ../requirements.txt"  # relative to that file


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
