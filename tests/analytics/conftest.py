"""Fixtures: the mini dataset (tests/analytics/fixtures/mini.trig) written as sorted N-Quads, the
way `b2bkg build` writes the real one, and an ``Analytics`` object over it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rdflib import Dataset

from b2bkg.analytics import Analytics
from b2bkg.build.dataset import serialize_nquads

FIXTURES = Path(__file__).parent / "fixtures"
KG = "https://w3id.org/b2bkg/id/"


def write_nquads(trig: Path, out: Path) -> Path:
    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.x, about its own internals
        ds.parse(data=trig.read_text(encoding="utf-8"), format="trig")
    out.write_bytes(serialize_nquads({g.identifier: g for g in ds.graphs() if len(g)}))
    return out


@pytest.fixture(scope="session")
def mini_path(tmp_path_factory) -> Path:
    return write_nquads(FIXTURES / "mini.trig", tmp_path_factory.mktemp("analytics") / "dataset.nq")


@pytest.fixture(scope="session")
def analytics(mini_path) -> Analytics:
    return Analytics(mini_path)


@pytest.fixture(scope="session")
def G(analytics):
    return analytics.projection().graph


@pytest.fixture(scope="session")
def dataset(analytics):
    return analytics.dataset()
