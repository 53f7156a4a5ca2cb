"""Fixtures of the explorer's tests: the built dataset (copied, so a rebuild elsewhere cannot change
it under the tests), the app over it, its test client, and a real server on an ephemeral loopback
port for the browser tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from b2bkg.web import create_app
from b2bkg.web.explorer import warm
from b2bkg.web.server import background_server

ROOT = Path(__file__).resolve().parents[2]
CREDIT = "https://w3id.org/b2bkg/id/mechanism/credit-enhancement"


@pytest.fixture(scope="session")
def dataset(tmp_path_factory) -> Path:
    from b2bkg.build import ensure_dataset

    copy = tmp_path_factory.mktemp("web") / "dataset.nq"
    shutil.copyfile(ensure_dataset(), copy)
    return copy


@pytest.fixture(scope="session")
def app(dataset):
    app = create_app({"dataset": str(dataset), "queries_dir": str(ROOT / "queries"), "workers": 2})
    warm(app)  # as `b2bkg serve` does before it listens
    yield app
    app.extensions["b2bkg"].close()


@pytest.fixture(scope="session")
def client(app):
    return app.test_client()


@dataclass
class LiveServer:
    url: str


@pytest.fixture(scope="session")
def live(app) -> Iterator[LiveServer]:
    with background_server(app) as url:
        yield LiveServer(url)
