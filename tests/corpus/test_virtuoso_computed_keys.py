"""Keyword networks and top lists on a real Virtuoso when the keys are computed (``LCASE``) and
the corpus is large: the counts agree with the memory store's.

Regression: on a 100k-record corpus Virtuoso 7 refused every keyword network with SR319 ("Max
row length is exceeded when trying to store a string of 23 chars into a temp col"): it fails
``COUNT(DISTINCT ?g)`` grouped by a computed key once the keys and their groups are many (30 000
documents with a few hundred Zipf-distributed keywords is enough; 10 000 is not). The queries
now count ``COUNT(*)`` over a ``SELECT DISTINCT`` (the occurrences and the full-counting pairs),
as the summary's top lists already did.
"""

from __future__ import annotations

import random

import pytest

from b2bkg.corpus.network import build_network
from b2bkg.corpus.rdf import corpus_graph, corpus_iri
from b2bkg.store import MemoryStore, RemoteStore, push_dataset
from support.requires import require
from support.virtuoso import start_virtuoso

pytestmark = [pytest.mark.virtuoso, pytest.mark.slow]

DOCUMENTS = 30_000
_KEYWORD = "http://prismstandard.org/namespaces/basic/2.0/keyword"
_YEAR = "http://purl.org/spar/fabio/hasPublicationYear"
_MEMBER = "http://www.w3.org/ns/prov#hadMember"


def _corpus(path) -> None:
    """``DOCUMENTS`` documents of one corpus graph, each with a year and up to five author
    keywords drawn from a Pareto tail over 200 (printed in mixed case: the network lower-cases)."""
    rnd = random.Random(7)
    graph, corpus = corpus_graph("keys"), corpus_iri("keys")
    lines = []
    for d in range(DOCUMENTS):
        doc = f"<https://example.org/keys/d{d}>"
        lines.append(f"<{corpus}> <{_MEMBER}> {doc} <{graph}> .")
        lines.append(f'{doc} <{_YEAR}> "{2000 + d % 20}"^^<http://www.w3.org/2001/XMLSchema#gYear> <{graph}> .')
        for k in {min(int(rnd.paretovariate(0.8)), 200) for _ in range(5)}:
            text = f"Keyword Number {k}" if d % 2 else f"keyword number {k}"
            lines.append(f'{doc} <{_KEYWORD}> "{text}" <{graph}> .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    require("virtuoso")  # skipped outside CI when missing, failed in CI
    tmp = tmp_path_factory.mktemp("computed-keys")
    _corpus(tmp / "keys.nq")
    with start_virtuoso(tmp / "virtuoso", buffers=50_000) as server:
        push_dataset(tmp / "keys.nq", server.gsp_url, user=server.user, password=server.password)
        memory, remote = MemoryStore(tmp / "keys.nq"), RemoteStore(server.sparql_url)
        yield memory, remote
        memory.close()
        remote.close()


def _shape(net) -> tuple:
    return ([(n["id"], n["occurrences"], n["avg_year"], n["total_link_strength"]) for n in net.nodes],
            sorted((x["source"], x["target"], x["count"], round(x["weight"], 6)) for x in net.links),
            net.items_total)


@pytest.mark.parametrize("counting, pair_sums", [("full", "store"), ("fractional", "store"), ("full", "auto")])
def test_keyword_network_on_virtuoso_agrees_with_memory(stores, counting, pair_sums):
    memory, remote = (_shape(build_network(s, "keywords", "author", corpus="keys", counting=counting,
                                           min_occurrences=1, top=60, pair_sums=pair_sums, pair_rows=None))
                      for s in stores)
    assert memory[0] and memory[1]
    assert memory[2] == 200  # the keys are folded: "Keyword Number 7" and "keyword number 7" are one
    assert memory[0][0][1] > DOCUMENTS // 2  # the head keyword is in most documents
    assert remote == memory


def test_keyword_top_list_on_virtuoso_agrees_with_memory(stores):
    from b2bkg.corpus.summary import summary

    memory, remote = (summary(s, "keys", top=10) for s in stores)
    assert memory["top_author_keywords"] == remote["top_author_keywords"]
    assert memory["author_keywords_distinct"] == remote["author_keywords_distinct"] == 200
