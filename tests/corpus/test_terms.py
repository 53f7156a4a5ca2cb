"""Title/abstract terms (the keywords/terms network): the extractor's rules, and the network of
the real WoS optics export imported through the importer, over the library, the CLI and HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from b2bkg.cli import cli
from b2bkg.corpus.persist import import_corpus
from b2bkg.corpus.service import CorpusView
from b2bkg.corpus.terms import extract_terms, singular, stop_words
from b2bkg.store import MemoryStore


@pytest.mark.parametrize(("text", "terms"), [
    ("Observation of the Goos-Hänchen shifts in total internal reflection.",
     ["observation", "goos-hanchen shift", "total internal reflection"]),
    ("LATERAL SHIFTS OF LIGHT BEAMS: a study", ["lateral shift", "light beam"]),
    ("the beam is shifted by 2.5 um in 1998", ["beam"]),  # verbs, numbers and foreign words end phrases
    ("We measured the lateral shifts of reflected beams", ["lateral shift", "beam"]),
    ("an experimental and longitudinal", []),  # adjectives alone: no noun phrase
    ("Goos-Hänchen shift of a Gaussian beam", ["goos-hanchen shift", "gaussian beam"]),
    ("光子晶体的研究，total reflection", ["光子晶体的研究", "total reflection"]),
    ("of the and, in for", []),  # stop words only
    ("alpha beta gamma delta epsilon", []),  # five words: no term
    ("Snell's law. (C) 2005 Elsevier B.V. All rights reserved.", ["snell law"]),
])
def test_extractor_rules(text, terms):
    assert extract_terms(text) == terms


@pytest.mark.parametrize(("word", "one"), [("shifts", "shift"), ("cavities", "cavity"), ("boxes", "box"),
                                           ("lenses", "lens"), ("glass", "glass"), ("optics", "optics"),
                                           ("analysis", "analysis"), ("waves", "wave"), ("gas", "gas")])
def test_plural_folding(word, one):
    assert singular(word) == one


def test_stop_words_come_from_the_data_file():
    words = stop_words()
    assert {"the", "of", "and", "is", "paper", "using"} <= words
    assert all(w == w.strip().lower() and not w.startswith("#") for w in words)


@pytest.fixture(scope="module")
def optics(tmp_path_factory, wos_damaged):
    report = import_corpus([wos_damaged], "optics", directory=tmp_path_factory.mktemp("terms"))
    return report


def _occurrences(net) -> dict[str, int]:
    return {n["id"]: n["occurrences"] for n in net.nodes}


def test_optics_terms_network(optics):
    net = CorpusView(MemoryStore(optics.path)).network("keywords", "terms", corpus="optics", top=5000)
    occ = _occurrences(net)
    assert net.items_total == len(occ) > 200
    # the field's own terms, counted once per document (34 records, some damaged, few abstracts)
    assert occ["total internal reflection"] == 4
    assert occ["goos-hanchen shift"] == 3
    assert occ["shift"] == 7 and max(occ.values()) == 7
    assert occ["theoretical model"] == 3 and occ["polarization state"] == 3
    # noun phrases only (part-of-speech tagged): adjectives alone and verbs are never terms
    assert not {"longitudinal", "experimental", "measured", "shifted"} & set(occ)
    assert occ["refractive index"] == 3
    stops = stop_words()
    assert not any(w in stops for t in occ for w in t.split())
    assert all(1 <= len(t.split()) <= 4 for t in occ)
    assert net.links and net.clusters > 1 and net.modularity is not None
    # binary counting: a link's count never exceeds the occurrences of its ends
    assert all(e["count"] <= min(occ[e["source"]], occ[e["target"]]) for e in net.links)


def test_thresholds_and_fractional_counting(optics):
    view = CorpusView(MemoryStore(optics.path))
    net = view.network("keywords", "terms", min_occurrences=3, normalisation="none")
    assert net.nodes and all(n["occurrences"] >= 3 for n in net.nodes)
    frac = view.network("keywords", "terms", min_occurrences=3, counting="fractional", normalisation="none")
    full = {(e["source"], e["target"]): e["weight"] for e in net.links}
    assert {(e["source"], e["target"]) for e in frac.links} == set(full)
    assert all(e["weight"] <= full[(e["source"], e["target"])] for e in frac.links)
    association = view.network("keywords", "terms", min_occurrences=3)
    assert {n["id"] for n in association.nodes} == {n["id"] for n in net.nodes}
    assert len(association.links) == len(net.links)


def test_cli_and_http_terms(optics, monkeypatch):
    monkeypatch.setenv("B2BKG_CORPUS_DIR", str(Path(optics.path).parent))
    result = CliRunner().invoke(cli, ["corpus", "network", "keywords", "--unit", "terms", "--name", "optics",
                                      "--min-occurrences", "3", "--dataset", str(optics.path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert "total internal reflection" in {n["id"] for n in doc["nodes"]}

    from b2bkg.web import create_app

    app = create_app({"dataset": str(optics.path), "workers": 1})
    try:
        reply = app.test_client().get("/api/corpus/network/keywords?unit=terms&min_occurrences=3&name=optics")
        assert reply.status_code == 200, reply.get_data(as_text=True)
        assert {"goos-hanchen shift", "total internal reflection"} <= {n["id"] for n in reply.get_json()["nodes"]}
        assert "terms" in app.test_client().get("/api/corpus").get_json()["kinds"]["keywords"]
    finally:
        app.extensions["b2bkg"].close()


def test_science_clusters_of_terms(optics):
    from b2bkg.api import KnowledgeGraph

    with KnowledgeGraph(store=MemoryStore(optics.path)) as kg:
        out = kg.science.clusters("keywords", "terms", corpus="optics", min_occurrences=3)
        terms = {n["id"] for n in kg.corpus.network("keywords", "terms", corpus="optics", min_occurrences=3).nodes}
    assert out["clusters"] and terms


def test_vosviewer_thesaurus_merges_and_removes_terms(optics, tmp_path):
    thesaurus = tmp_path / "thesaurus.txt"
    thesaurus.write_text("label\treplace by\nGH shifts\tgoos-hanchen shift\nTheory\t\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["corpus", "network", "keywords", "--unit", "terms", "--name", "optics",
                                      "--dataset", str(optics.path), "--format", "json", "--top", "5000",
                                      "--thesaurus", str(thesaurus)])
    assert result.exit_code == 0, result.output
    occ = {n["id"]: n["occurrences"] for n in json.loads(result.output)["nodes"]}
    assert "theory" not in occ and "gh shift" not in occ
    assert 3 < occ["goos-hanchen shift"] <= 5  # 3 + 2 documents, binary: a document with both counts once
    from b2bkg.errors import BadRequest

    with pytest.raises(BadRequest):
        CorpusView(MemoryStore(optics.path)).network("keywords", "author", thesaurus={"a": "b"})
