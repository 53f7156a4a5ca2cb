"""Shared fixtures: the project root and the built dataset (built once per test session)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# Markers and the system parts they need: a marked test asks ``require`` for its parts before it
# runs (skipped outside CI when one is missing, failed inside CI). Tests carry markers in their
# module (``pytestmark``) or get them here from what they use: the ``virtuoso`` or ``reasoner``
# fixtures, or the ``remote`` case of the store matrix.
NEEDS = {"browser": ("chromium",), "virtuoso": ("virtuoso",), "reasoner": ("java",)}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = getattr(item, "fixturenames", ())
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "virtuoso" in names or params.get("backend") == "remote":
            item.add_marker(pytest.mark.virtuoso)
        if "reasoner" in names:
            item.add_marker(pytest.mark.reasoner)


def pytest_runtest_setup(item: pytest.Item) -> None:
    from support.requires import require

    for mark, parts in NEEDS.items():
        if item.get_closest_marker(mark):
            require(*parts)
