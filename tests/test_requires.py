"""``require``: a missing system part skips a test outside CI and fails it inside CI, naming the
part either way; and the fast selection leaves out every test that needs a system part."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FAST = "not browser and not virtuoso and not reasoner and not slow"

NEEDS_ABSENT = '''
from support.requires import PARTS, Part, require

PARTS["frobnicator"] = Part("frobnicator", lambda: False, "apt-get install -y frobnicator")


def test_needs_it():
    require("frobnicator")
'''


def run_pytest(args: list[str], ci: str | None, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(TESTS)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rsf", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.parametrize(("ci", "outcome"), [(None, "1 skipped"), ("false", "1 skipped"), ("true", "1 failed")])
def test_a_missing_part_skips_outside_ci_and_fails_in_ci(tmp_path, ci, outcome):
    (tmp_path / "test_absent.py").write_text(NEEDS_ABSENT, encoding="utf-8")
    result = run_pytest(["test_absent.py"], ci, tmp_path)
    assert outcome in result.stdout, result.stdout
    assert "frobnicator is not installed (apt-get install -y frobnicator" in result.stdout


@pytest.mark.slow  # collects the whole suite four times
def test_the_fast_selection_leaves_out_every_system_bound_test(root):
    def collected(marks: str) -> list[str]:
        result = run_pytest(["--collect-only", "-q", "-m", marks], None, root)
        assert result.returncode == 0, result.stdout + result.stderr
        return [line for line in result.stdout.splitlines() if "::" in line]

    fast = collected(FAST)
    assert len(fast) > 500
    bound = re.compile(r"test_browser\.py|test_quality_reasoner\.py|test_ontology_reasoning\.py|[\[-]remote[\]-]")
    assert [t for t in fast if bound.search(t)] == []
    browser = collected("browser")
    assert browser and any("tests/web/test_browser.py::" in t for t in browser)
    virtuoso = collected("virtuoso")
    assert any(re.search(r"[\[-]remote[\]-]", t) for t in virtuoso)
    assert any("test_remote_store.py::" in t for t in virtuoso)
    assert any("test_ontology_reasoning.py::" in t for t in collected("reasoner"))


def _marked(node: ast.AST, mark: str) -> bool:
    return any(mark in ast.unparse(d) for d in getattr(node, "decorator_list", []))


def test_every_test_that_drives_a_browser_carries_the_marker():
    """A test function that starts Playwright (or takes the browser fixtures ``page``/``context``)
    is marked ``browser``, itself or through its module's ``pytestmark``."""
    unmarked = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_marked = any(isinstance(n, ast.Assign) and "pytestmark" in ast.unparse(n.targets[0])
                            and "browser" in ast.unparse(n.value) for n in tree.body)
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
                continue
            args = {a.arg for a in node.args.args}
            calls = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            drives = "sync_playwright" in calls or {"page", "context"} & args
            if drives and not (module_marked or _marked(node, "browser")):
                unmarked.append(f"{path.relative_to(TESTS)}::{node.name}")
    assert unmarked == []
