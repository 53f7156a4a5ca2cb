"""Fixtures for the quality gates: small ontologies assembled from tests/quality/fixtures."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixture_path() -> Callable[[str], Path]:
    return lambda name: FIXTURES / name


@pytest.fixture
def fixture_graph() -> Callable[..., Graph]:
    """A Graph holding the union of the named fixture files."""

    def load(*names: str) -> Graph:
        graph = Graph()
        for name in names:
            graph.parse(FIXTURES / name, format="turtle")
        return graph

    return load


@pytest.fixture
def ontology_dir(tmp_path: Path) -> Callable[..., Path]:
    """Make an ontology directory from fixture files: the clean ontology and shapes plus any
    extra files (``shapes=None`` leaves the shapes out)."""

    def make(*extra: str, base: str | None = "clean-ontology.ttl",
             shapes: str | None = "clean-shapes.ttl") -> Path:  # fmt: skip
        target = tmp_path / "ontology"
        target.mkdir(exist_ok=True)
        for name in ([base] if base else []) + list(extra):
            shutil.copy(FIXTURES / name, target / name)
        if shapes:
            shutil.copy(FIXTURES / shapes, target / "shapes.ttl")
        return target

    return make


@pytest.fixture
def data_file(tmp_path: Path) -> Callable[..., Path]:
    """One Turtle data file holding the union of the named fixture files."""

    def make(*names: str) -> Path:
        graph = Graph()
        for name in names:
            graph.parse(FIXTURES / name, format="turtle")
        path = tmp_path / ("data-" + "-".join(Path(n).stem for n in names) + ".ttl")
        graph.serialize(path, format="turtle")
        return path

    return make
