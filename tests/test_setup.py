"""The README's first screen, `.ci/run`, the Makefile and tools/system-deps.sh tell one story:
`make test` sets up everything the tests use (Debian parts included) and runs every test; CI does
nothing else; the test markers that `make test-fast` leaves out are registered."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = "\n".join(README.splitlines()[:25])
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
SYSTEM_DEPS = ROOT / "tools" / "system-deps.sh"


def recipe(target: str) -> tuple[list[str], list[str]]:
    """(prerequisites, recipe lines) of ``target`` in the Makefile."""
    m = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", MAKEFILE, re.M)
    assert m, f"no target {target!r} in the Makefile"
    return m.group(1).split(), [line.strip() for line in m.group(2).splitlines()]


def packages(mode: str) -> set[str]:
    """The Debian packages tools/system-deps.sh installs in ``mode``, read from the script."""
    text = SYSTEM_DEPS.read_text(encoding="utf-8")
    common, _, test_only = text.partition('if [ "$mode" != run ]')
    test_only = test_only.partition("\nfi\n")[0]
    found = lambda part: set(re.findall(r"missing\+=\(([\w.-]+)\)", part))  # noqa: E731
    return found(common) | (found(test_only) if mode == "test" else set())


def test_ci_does_nothing_but_make_test():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]


def test_first_screen_names_the_commands_the_makefile_has():
    for target in ("run", "test", "test-fast"):
        assert f"make {target}" in FIRST_SCREEN, target
        recipe(target)


def test_make_test_sets_up_the_system_parts_and_runs_everything():
    prerequisites, lines = recipe("test")
    assert prerequisites == ["setup"]
    assert "$(BIN)/python -m pytest" in lines  # no -m: every marker runs
    assert "system-deps" in recipe("setup")[0]
    assert recipe("system-deps")[1] == ["tools/system-deps.sh test"]
    assert "tools/system-deps.sh run" in recipe("setup-run")[1]
    assert recipe("run")[0] == ["setup-run"]


def test_make_test_fast_leaves_out_exactly_the_registered_markers():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    registered = {m.split(":")[0] for m in config["markers"]}
    assert registered == {"browser", "virtuoso", "reasoner", "slow"}
    assert "--strict-markers" in config["addopts"]
    fast = " ".join(recipe("test-fast")[1])
    excluded = set(re.findall(r"not (\w+)", fast))
    assert excluded == registered


def test_readme_needs_line_names_every_package_the_setup_installs():
    assert packages("run") == {"default-jre-headless", "npm"}
    assert packages("test") > packages("run") | {"chromium", "virtuoso-opensource"}
    for package in packages("test"):
        assert f"`{package}`" in FIRST_SCREEN, package


def test_system_deps_is_valid_bash_and_installs_nothing_when_nothing_is_missing():
    assert subprocess.run(["bash", "-n", str(SYSTEM_DEPS)], check=False).returncode == 0
    check = subprocess.run([str(SYSTEM_DEPS), "check"], capture_output=True, text=True, check=False)
    # `check` lists what is missing and installs nothing; the suite itself needs every part
    assert check.returncode in (0, 1) and (check.returncode == 0) == (check.stdout == ""), check.stdout
    bad = subprocess.run([str(SYSTEM_DEPS), "nonsense"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "usage" in bad.stderr
