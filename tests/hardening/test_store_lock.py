"""Defect 6: two processes on one oxigraph store directory: two concurrent loads broke each
other, and a second server with another dataset wiped and reloaded the directory under the
first, which then answered from the new data while claiming its old version. One writer now:
a load that would replace what another process uses fails at once, naming the reason."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from b2bkg.errors import SourceError
from b2bkg.store import open_store, prepare_oxigraph
from support.hardening import DATASET, base_settings, serving

# fault injection against live servers: seconds each, so not in the fast core (`make test` runs them)
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def other_dataset(tmp_path) -> Path:
    other = tmp_path / "other.nq"
    shutil.copy(DATASET, other)
    with other.open("a", encoding="utf-8") as f:
        f.write('<urn:x> <urn:p> "other" <https://w3id.org/b2bkg/graph/assertions> .\n')
    return other


def test_a_second_server_with_another_dataset_is_refused_and_the_first_keeps_its_data(tmp_path, other_dataset):
    directory = tmp_path / "store"
    first = base_settings(store="oxigraph", store_path=str(directory), workers=1)
    with serving(first) as (url, _):
        version = requests.get(url + "/healthz", timeout=10).json()["version"]
        with pytest.raises(SourceError) as err:
            open_store(other_dataset, backend="oxigraph", store_path=directory, workers=0)
        assert "in use by another b2bkg process" in err.value.message
        # a process of its own (as a second `b2bkg serve` would be): refused with rc 2, no traceback
        run = subprocess.run([sys.executable, "-c", "from b2bkg.cli import main; main()", "load", "--store",
                              "oxigraph", "--store-path", str(directory), "--dataset", str(other_dataset)],
                             capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert run.returncode == 2 and "in use by another b2bkg process" in run.stdout + run.stderr, run
        assert "Traceback" not in run.stderr
        health = requests.get(url + "/healthz", timeout=10).json()
        assert health["version"] == version and health["triples"] == 29
        r = requests.get(url + "/sparql", params={"query": 'ASK { ?s ?p "other" }'}, timeout=10)
        assert r.json()["boolean"] is False
    # once the first server is gone, the directory can be reloaded
    assert prepare_oxigraph(other_dataset, directory)["triples"] == 30


def test_two_servers_of_the_same_version_share_the_directory(tmp_path):
    directory = tmp_path / "store"
    settings = base_settings(store="oxigraph", store_path=str(directory), workers=1)
    with serving(settings) as (a, _), serving(settings) as (b, _):
        assert requests.get(a + "/healthz", timeout=10).json()["version"] == \
            requests.get(b + "/healthz", timeout=10).json()["version"]


def test_a_load_while_another_load_runs_fails_fast(tmp_path, other_dataset):
    from b2bkg.store.oxigraph import DirectoryLock

    directory = tmp_path / "store"
    holder = DirectoryLock(directory)
    assert holder.try_exclusive()  # a load in progress (it holds the exclusive lock)
    try:
        with pytest.raises(SourceError) as err:
            prepare_oxigraph(other_dataset, directory)
        assert "a load is running" in err.value.message
    finally:
        holder.release()
