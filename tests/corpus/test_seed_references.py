"""A corpus record that is one of the seed paper's printed references is one node with the
paper's reference entry (issue 12: "the seed paper … is part of the corpus"): the entry's
``biro:references`` is the very IRI of the corpus work, whether the record carries a DOI
(BibTeX, Barney 1991) or not (RIS, Ocloo 2019), and a WoS cited reference with the DOI meets it."""

from __future__ import annotations

import pytest

from b2bkg.corpus.persist import dataset_with_corpora, import_corpus
from b2bkg.corpus.service import known_works
from b2bkg.corpus.sparql import select
from b2bkg.store import MemoryStore

PAPER = "https://w3id.org/b2bkg/id/paper/wang-2025"
BARNEY = "https://w3id.org/b2bkg/id/work/doi/10.1177/014920639101700108"
OCLOO = "https://w3id.org/b2bkg/id/work/key/ocloo-e-2019---"

BIBTEX = """@article{barney1991,
  author = {Barney, Jay},
  title = {Firm Resources and Sustained Competitive Advantage},
  journal = {Journal of Management},
  year = {1991},
  volume = {17},
  number = {1},
  pages = {99--120},
  doi = {10.1177/014920639101700108}
}
"""

RIS = """TY  - THES
AU  - Ocloo, Eric Christian
TI  - 加纳制造型中小企业 B2B 电子商务采用程度及其对竞争优势的影响研究
PY  - 2019
PB  - 江苏大学
CY  - 镇江
LA  - zh
ER  -
"""

BIBTEX_THESIS = """@phdthesis{ocloo2019,
  author = {Ocloo, Eric Christian},
  title = {加纳制造型中小企业 B2B 电子商务采用程度及其对竞争优势的影响研究},
  school = {江苏大学},
  address = {镇江},
  year = {2019}
}
"""

WOS = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Smith, J
AF Smith, John
TI Resources and platforms in B2B e-commerce
SO JOURNAL OF BUSINESS RESEARCH
PY 2020
VL 110
BP 1
EP 10
CR Barney J, 1991, J MANAGE, V17, P99, DOI 10.1177/014920639101700108
   Porter M. E., 1985, COMPETITIVE ADVANTAG
NR 2
DI 10.1016/j.jbusres.2020.00001
ER

EF
"""


@pytest.fixture(scope="module")
def dataset():
    from b2bkg.build import ensure_dataset

    return ensure_dataset()


def _import(tmp_path, dataset, name: str, filename: str, text: str):
    """Import ``text`` matched against the store (what ``corpus import --match-store`` does) and
    open the dataset plus the import as one store."""
    source = tmp_path / filename
    source.write_text(text, encoding="utf-8")
    seed = MemoryStore(dataset)
    known_dois, known_keys = known_works(seed)
    directory = tmp_path / "corpus"
    import_corpus([source], name, directory=directory, known_dois=known_dois, known_keys=known_keys)
    return MemoryStore(dataset_with_corpora(dataset, directory))


def _entry_target(store, number: int) -> list[str]:
    rows = select(store, f"""SELECT ?w WHERE {{ <{PAPER}/reference/{number}> biro:references ?w }}""")
    return [str(r["w"]) for r in rows]


def _corpus_work(store, name: str, title_start: str) -> list[tuple[str, str]]:
    rows = select(store, f"""SELECT ?w ?year WHERE {{ GRAPH <https://w3id.org/b2bkg/graph/corpus/{name}> {{
          ?w dcterms:title ?t . OPTIONAL {{ ?w ?p ?year FILTER(CONTAINS(STR(?p), "ublicationYear")) }}
          FILTER(STRSTARTS(STR(?t), "{title_start}")) }} }}""")
    return [(str(r["w"]), str(r.get("year") or "")) for r in rows]


def test_bibtex_record_with_doi_is_the_seed_entry_s_work(tmp_path, dataset):
    store = _import(tmp_path, dataset, "barney", "barney.bib", BIBTEX)
    works = _corpus_work(store, "barney", "Firm Resources")
    assert [w for w, _ in works] == [BARNEY]
    assert works[0][1].startswith("1991")
    assert _entry_target(store, 24) == [BARNEY]


@pytest.mark.parametrize("filename, text", [("ocloo.ris", RIS), ("ocloo.bib", BIBTEX_THESIS)])
def test_record_without_doi_is_the_seed_entry_s_work(tmp_path, dataset, filename, text):
    store = _import(tmp_path, dataset, "ocloo", filename, text)
    works = _corpus_work(store, "ocloo", "加纳制造型")
    assert [w for w, _ in works] == [OCLOO]
    assert works[0][1].startswith("2019")
    assert _entry_target(store, 17) == [OCLOO]
    # one node: no other work in the combined store carries the title
    same = select(store, """SELECT DISTINCT ?w WHERE { ?w dcterms:title ?t
        FILTER(STRSTARTS(STR(?t), "加纳制造型") && STRSTARTS(STR(?w), "https://w3id.org/b2bkg/id/work/")) }""")
    assert [str(r["w"]) for r in same] == [OCLOO]


def test_wos_cited_reference_with_doi_is_the_seed_entry_s_work(tmp_path, dataset):
    store = _import(tmp_path, dataset, "citing", "citing.txt", WOS)
    rows = select(store, """SELECT DISTINCT ?cited WHERE { GRAPH <https://w3id.org/b2bkg/graph/corpus/citing> {
          <https://w3id.org/b2bkg/id/work/doi/10.1016/j.jbusres.2020.00001> cito:cites ?cited } }""")
    cited = {str(r["cited"]) for r in rows}
    assert BARNEY in cited
    assert _entry_target(store, 24) == [BARNEY]
