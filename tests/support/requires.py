"""``require(part)``: a test that needs a system part (chromium, Virtuoso, Java, …) asks for it here.

Outside CI a missing part skips the test with a reason naming the part and the command that
installs it; inside CI (``CI=true``) the same reason fails the test, so nothing is silently left
out there. ``make setup`` (tools/system-deps.sh) installs every part listed here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["PARTS", "Part", "in_ci", "missing", "require", "require_that"]

ROOT = Path(__file__).resolve().parents[2]


def _command(*names: str) -> Callable[[], bool]:
    return lambda: any(shutil.which(n) or os.access(n, os.X_OK) for n in names)


def _cjk_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout.lower()
    return "wqy" in out or ("noto" in out and "cjk" in out)


@dataclass(frozen=True)
class Part:
    name: str
    present: Callable[[], bool]
    install: str


PARTS: dict[str, Part] = {p.name: p for p in (
    Part("chromium", _command("chromium", "/usr/bin/chromium"), "apt-get install -y chromium chromium-driver"),
    Part("virtuoso", _command("virtuoso-t", "/usr/bin/virtuoso-t", "/usr/lib/virtuoso-opensource-7/bin/virtuoso-t"),
         "apt-get install -y virtuoso-opensource"),
    Part("java", _command("java"), "apt-get install -y default-jre-headless"),
    Part("cjk-font", _cjk_font, "apt-get install -y fonts-wqy-zenhei"),
    Part("owlapi", lambda: _command("javac")() and Path("/usr/share/java/owlapi-distribution.jar").exists(),
         "apt-get install -y default-jdk-headless libowlapi-java"),
    Part("shared", lambda: (ROOT.parent / "shared").is_dir(),
         "a checkout of the project's shared sources as ../shared beside the clone"),
)}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(name: str) -> str | None:
    """The reason ``name`` is unusable, or None when it is present."""
    part = PARTS[name]
    if part.present():
        return None
    return f"{name} is not installed ({part.install}; `make setup` installs it as root)"


def require_that(ok: bool, reason: str) -> None:
    """Skip (fail in CI) with ``reason`` unless ``ok``."""
    if ok:
        return
    if in_ci():
        pytest.fail(f"{reason} [CI=true: a missing system part fails the test]", pytrace=False)
    pytest.skip(reason)


def require(*names: str) -> None:
    """Skip (fail in CI) unless every part of ``names`` is present, naming the missing ones."""
    for name in names:
        reason = missing(name)
        if reason:
            require_that(False, reason)
