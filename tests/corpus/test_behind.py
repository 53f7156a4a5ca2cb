"""The documents behind a node or a link, for every kind of network, on the real WoS optics
export: what the network counts is what the list shows (a node's occurrences are its documents,
a link's count the documents with both ends), over the library and HTTP, with a thesaurus."""

from __future__ import annotations

import pytest

from b2bkg.corpus.network import KINDS
from b2bkg.corpus.persist import import_corpus
from b2bkg.corpus.service import CorpusView
from b2bkg.errors import BadRequest
from b2bkg.store import MemoryStore, Store

#: networks whose groups are documents: a node's occurrences = its documents, a link's count =
#: the documents with both ends
DOCUMENT_GROUPS = [(k, u) for k, units in KINDS.items() for u in units if k in ("co-citation", "co-authorship",
                                                                              "keywords")]


@pytest.fixture(scope="module")
def view(tmp_path_factory, wos_damaged) -> CorpusView:
    report = import_corpus([wos_damaged], "optics", directory=tmp_path_factory.mktemp("behind"))
    return CorpusView(MemoryStore(report.path))


def _documents(view: CorpusView, kind: str, unit: str, items: list[str]) -> dict:
    return view.behind(kind, unit, items, corpus="optics")


@pytest.mark.parametrize(("kind", "unit"), DOCUMENT_GROUPS)
def test_a_node_has_its_occurrences_and_a_link_its_count(view, kind, unit):
    net = view.network(kind, unit, corpus="optics", top=40, normalisation="none")
    assert net.nodes, (kind, unit)
    for node in net.nodes[:5]:
        found = _documents(view, kind, unit, [node["id"]])
        assert found["total"] == node["occurrences"] == len(found["documents"]), node
        assert all(d["title"] and d["iri"].startswith("https://w3id.org/b2bkg/id/work/") for d in found["documents"])
        years = [d["year"] for d in found["documents"] if d["year"] is not None]
        assert years == sorted(years)  # oldest first
    for link in sorted(net.links, key=lambda e: -e["count"])[:5]:
        found = _documents(view, kind, unit, [link["source"], link["target"]])
        assert found["total"] == link["count"], link


def test_coupling_lists_the_documents_of_both_ends_that_share_a_reference(view):
    net = view.network("coupling", "authors", corpus="optics", top=30, normalisation="none")
    link = max(net.links, key=lambda e: e["count"])
    a, b = link["source"], link["target"]
    both = {d["iri"] for d in _documents(view, "coupling", "authors", [a, b])["documents"]}
    of_a = {d["iri"] for d in _documents(view, "coupling", "authors", [a])["documents"]}
    of_b = {d["iri"] for d in _documents(view, "coupling", "authors", [b])["documents"]}
    assert both and both <= of_a | of_b and both & of_a and both & of_b
    # the author's documents, as the co-authorship network counts them (those that cite something)
    authors = {n["id"]: n["occurrences"] for n in view.network("co-authorship", "authors", corpus="optics",
                                                               top=5000).nodes}
    assert len(of_a) <= authors[a]


def test_documents_behind_documents_are_themselves(view):
    net = view.network("direct-citation", "documents", corpus="optics", top=50)
    link = net.links[0]
    found = _documents(view, "direct-citation", "documents", [link["source"], link["target"]])
    assert {d["iri"] for d in found["documents"]} == {link["source"], link["target"]}


def test_terms_with_a_thesaurus(view):
    from b2bkg.corpus.terms import read_thesaurus

    gh = _documents(view, "keywords", "terms", ["goos-hanchen shift"])
    assert gh["total"] == 3
    merged = read_thesaurus("label\treplace by\ntransverse shift\tgoos-hanchen shift\n")
    both = view.behind("keywords", "terms", ["goos-hanchen shift"], corpus="optics", thesaurus=merged)
    alone = _documents(view, "keywords", "terms", ["transverse shift"])
    assert {d["iri"] for d in both["documents"]} == {d["iri"] for d in gh["documents"] + alone["documents"]}


@pytest.mark.parametrize(("kind", "unit", "items", "words"), [
    ("co-citation", "planets", ["x"], ["unit", "references"]),
    ("co-citation", "references", ["not an iri"], ["IRIs"]),
    ("co-citation", "references", ["https://a.example/x> . ?s ?p ?o . <urn:x"], ["IRIs"]),
    ("keywords", "author", ["bad\nkeyword"], ["control"]),
    ("keywords", "author", ["x" * 501], ["500"]),
    ("keywords", "author", ["a", "b", "c"], ["two"]),
])
def test_bad_items_are_named(view, kind, unit, items, words):
    with pytest.raises(BadRequest) as err:
        _documents(view, kind, unit, items)
    assert all(w in err.value.message for w in words)


def test_a_quote_in_a_literal_item_is_data_not_sparql(view):
    assert _documents(view, "keywords", "author", ['x" } } SELECT * { ?s ?p ?o } #'])["total"] == 0


def test_the_store_answers_the_same_on_oxigraph(view, tmp_path):
    from b2bkg.store import OxigraphStore

    memory: Store = view.store
    ox = OxigraphStore(tmp_path / "ox", memory.path)  # type: ignore[attr-defined]
    try:
        other = CorpusView(ox)
        for kind, unit in (("co-authorship", "authors"), ("co-citation", "authors"), ("keywords", "indexed")):
            node = view.network(kind, unit, corpus="optics", top=10).nodes[0]
            assert other.behind(kind, unit, [node["id"]], corpus="optics") == \
                view.behind(kind, unit, [node["id"]], corpus="optics")
    finally:
        ox.close()
