"""Defect 5: a truncated or emptied dataset file with an intact manifest was served as ready.
A store now checks the file against its manifest (hash and counts) and refuses it, saying why;
the default dataset (build/dataset.nq) is rebuilt instead (``is_stale``)."""

from __future__ import annotations

import json
import shutil

import pytest
import requests

from b2bkg.errors import SourceError
from b2bkg.store import open_store
from b2bkg.store.manifest import manifest_of
from b2bkg.store.memory import file_version
from support.hardening import DATASET, base_settings, serving


@pytest.fixture
def built(tmp_path):
    """A copy of the fixture dataset with the manifest a build writes."""
    dataset = tmp_path / "dataset.nq"
    shutil.copy(DATASET, dataset)
    quads = sum(1 for line in dataset.read_text(encoding="utf-8").splitlines() if line.strip())
    manifest_of(dataset).write_text(json.dumps({"version": file_version(dataset), "triples": {"all": quads}}),
                                    encoding="utf-8")
    return dataset


def _truncate(dataset, keep: int) -> None:
    lines = dataset.read_text(encoding="utf-8").splitlines(keepends=True)
    dataset.write_text("".join(lines[:keep]), encoding="utf-8")


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
@pytest.mark.parametrize("keep", [0, 10])
def test_truncated_or_emptied_dataset_is_refused(built, backend, keep, tmp_path):
    _truncate(built, keep)
    with pytest.raises(SourceError) as err:
        open_store(built, backend=backend, store_path=tmp_path / "ox", workers=0)
    message = err.value.message
    assert "does not match its manifest" in message and "b2bkg build" in message
    assert f"holds {keep} quads, the build wrote 29" in message


def test_the_service_does_not_start_on_a_truncated_dataset(built):
    _truncate(built, 5)
    with pytest.raises(SourceError):
        with serving(base_settings(dataset=str(built))):
            pass


def test_an_intact_dataset_with_its_manifest_is_served(built):
    with serving(base_settings(dataset=str(built), workers=1)) as (url, _):
        assert requests.get(url + "/healthz", timeout=10).json()["triples"] == 29


def test_the_default_dataset_is_stale_when_it_no_longer_matches_its_manifest(tmp_path, monkeypatch):
    from b2bkg.build import dataset as build

    target = tmp_path / "dataset.nq"
    shutil.copy(DATASET, target)
    manifest = {"version": file_version(target), "sources": build.sources_digest()}
    build.manifest_path(target).write_text(json.dumps(manifest), encoding="utf-8")
    assert not build.is_stale(target)
    _truncate(target, 3)
    assert build.is_stale(target)
