"""The same corpus counted by a real Virtuoso (the remote store) gives the same summary and the
same networks as the embedded stores: the counting runs in the engine (SPARQL aggregates)."""

from __future__ import annotations

import pytest

from b2bkg.corpus.persist import import_corpus
from b2bkg.corpus.service import CorpusView
from b2bkg.store import MemoryStore, RemoteStore, push_dataset
from support.requires import require
from support.virtuoso import start_virtuoso

pytestmark = [pytest.mark.virtuoso, pytest.mark.slow]

NETWORKS = [
    ("co-citation", "references", "full", 2), ("co-citation", "authors", "fractional", 2),
    ("coupling", "documents", "full", 1), ("co-authorship", "authors", "full", 1),
    ("keywords", "indexed", "fractional", 1), ("direct-citation", "documents", "full", 1),
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory, mixed_files):
    require("virtuoso")  # skipped outside CI when missing, failed in CI
    report = import_corpus(mixed_files, "optics", directory=tmp_path_factory.mktemp("corpus-virtuoso"))
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso-corpus"), buffers=20_000)
    try:
        push_dataset(report.path, server.gsp_url, user=server.user, password=server.password)
        yield CorpusView(MemoryStore(report.path)), CorpusView(RemoteStore(server.sparql_url))
    finally:
        server.stop()


def test_summary_same_on_virtuoso(stores):
    memory, remote = stores
    assert remote.summary("optics") == memory.summary("optics")


@pytest.mark.parametrize("kind, unit, counting, min_occ", NETWORKS)
def test_network_same_on_virtuoso(stores, kind, unit, counting, min_occ):
    memory, remote = stores
    a = memory.network(kind, unit, corpus="optics", counting=counting, min_occurrences=min_occ).as_dict()
    b = remote.network(kind, unit, corpus="optics", counting=counting, min_occurrences=min_occ).as_dict()
    assert a["nodes"], (kind, unit)
    assert [(n["id"], n["occurrences"], n["links"], n["cluster"]) for n in b["nodes"]] == \
        [(n["id"], n["occurrences"], n["links"], n["cluster"]) for n in a["nodes"]]
    assert [(x["source"], x["target"], x["count"]) for x in b["links"]] == \
        [(x["source"], x["target"], x["count"]) for x in a["links"]]
    assert [x["weight"] for x in b["links"]] == pytest.approx([x["weight"] for x in a["links"]])
    assert b["modularity"] == pytest.approx(a["modularity"], abs=1e-4)
