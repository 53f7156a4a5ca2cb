"""Fixtures of the corpus tests: the real WoS export in ../shared, our format fixtures, and an
isolated corpus directory per test (never the repository's var/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"
WOS_DAMAGED = SHARED / "wos-optics-34-damaged.isi"
VOSVIEWER = SHARED / "vosviewer"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def corpus_dir(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "corpus"
    monkeypatch.setenv("B2BKG_CORPUS_DIR", str(directory))
    return directory


@pytest.fixture(scope="session")
def wos_damaged() -> Path:
    if not WOS_DAMAGED.is_file():
        pytest.fail(f"{WOS_DAMAGED} is missing (the shared corpus files are part of the test data)")
    return WOS_DAMAGED


@pytest.fixture(scope="session")
def mixed_files(wos_damaged) -> list[Path]:
    """The WoS export plus the same field in six other formats, with overlapping records."""
    return [wos_damaged, *sorted(FIXTURES.glob("*-optics*"))]
