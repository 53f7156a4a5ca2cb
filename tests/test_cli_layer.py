"""click commands live in the CLI layer: one module per group under ``src/b2bkg/cli/``, each with
its ``COMMANDS``, all registered once in ``b2bkg.cli.GROUPS``; no core package uses click."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import b2bkg.cli as cli_package
from b2bkg.cli import GROUPS, cli

SRC = Path(__file__).resolve().parents[1] / "src" / "b2bkg"


def test_every_command_module_is_a_registered_group():
    modules = {m.name for m in pkgutil.iter_modules(cli_package.__path__)} - {"options"}
    assert {g.__name__.rpartition(".")[2] for g in GROUPS} == modules


def test_every_command_is_registered_once_under_its_own_name():
    names = [c.name for g in GROUPS for c in g.COMMANDS]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert sorted(cli.commands) == sorted(names)
    assert all(cli.commands[c.name] is c for g in GROUPS for c in g.COMMANDS)


def test_no_core_module_imports_click():
    users = []
    for path in sorted(SRC.rglob("*.py")):
        if "cli" in path.relative_to(SRC).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "click" or n.startswith("click.") for n in names):
                users.append(str(path.relative_to(SRC)))
    assert users == []
