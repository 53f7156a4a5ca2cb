"""The README's first screen and its Python example stay true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_first_screen_gives_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:25])
    assert "make run" in first_screen and "make test" in first_screen


def test_ci_runs_the_readme_test_command():  # tests/test_setup.py checks it is all CI runs
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_example_runs(monkeypatch):
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
    assert namespace["kg"].query("tools-driving-mechanism").records()


def test_every_cli_command_is_documented():
    from b2bkg.cli import cli

    for name in cli.commands:
        assert f"b2bkg {name}" in README, name
