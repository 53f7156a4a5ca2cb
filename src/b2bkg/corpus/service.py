"""``CorpusView``: the corpus features over one ``Store`` (what ``KnowledgeGraph.corpus``, the
HTTP API and the CLI call)."""

from __future__ import annotations

from b2bkg.corpus.network import Network, build_network
from b2bkg.corpus.sparql import corpus_graphs, corpus_scope, iri_values, select
from b2bkg.corpus.summary import summary
from b2bkg.errors import NotFound
from b2bkg.store import Store

__all__ = ["CorpusView", "known_works"]


def known_works(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """Works already in the store: DOI -> IRI and reference key -> IRI (earlier imports, the
    papers' reference entries pointing at ``kg:work/…``)."""
    dois, keys = {}, {}
    for r in select(store, "SELECT DISTINCT ?w ?doi WHERE { ?w prism:doi ?doi . "
                           "FILTER(STRSTARTS(STR(?w), 'https://w3id.org/b2bkg/id/work/')) }"):
        dois.setdefault(str(r["doi"]).lower(), r["w"])
    for r in select(store, "SELECT DISTINCT ?w ?k WHERE { ?w b2b:referenceKey ?k . "
                           "FILTER(STRSTARTS(STR(?w), 'https://w3id.org/b2bkg/id/work/')) }"):
        keys.setdefault(r["k"], r["w"])
    for r in select(store, "SELECT DISTINCT ?w WHERE { ?e biro:references ?w . "
                           "FILTER(STRSTARTS(STR(?w), 'https://w3id.org/b2bkg/id/work/')) }"):
        w = r["w"]
        tail = w.split("/id/work/", 1)[1]
        if tail.startswith("key/"):
            from urllib.parse import unquote

            keys.setdefault(unquote(tail[4:]), w)
    return dois, keys


class CorpusView:
    """Read side of the corpora held by ``store``."""

    def __init__(self, store: Store):
        self.store = store

    def names(self) -> list[dict]:
        rows = select(self.store, "SELECT ?c ?label (COUNT(DISTINCT ?d) AS ?documents) WHERE { ?c a b2b:Corpus ; "
                                  "rdfs:label ?label . OPTIONAL { ?c prov:hadMember ?d } } GROUP BY ?c ?label "
                                  "ORDER BY ?label")
        return [{"name": r["label"], "iri": r["c"], "documents": r["documents"]} for r in rows]

    def check(self, name: str | None) -> None:
        if name and name not in {c["name"] for c in self.names()}:
            known = ", ".join(c["name"] for c in self.names()) or "none imported"
            raise NotFound(f"no corpus named {name!r} in the store (corpora: {known})")

    def summary(self, name: str | None = None, *, top: int = 10) -> dict:
        self.check(name)
        return summary(self.store, name, top=top)

    def network(self, kind: str, unit: str, *, corpus: str | None = None, **options) -> Network:
        self.check(corpus)
        return build_network(self.store, kind, unit, corpus=corpus, **options)

    def behind(self, kind: str, unit: str, items: list[str], *, corpus: str | None = None,
               thesaurus: dict[str, str] | None = None) -> dict:
        """The documents behind a node or a link of any network (``b2bkg.corpus.behind``)."""
        from b2bkg.corpus.behind import behind

        self.check(corpus)
        return behind(self.store, kind, unit, items, corpus=corpus, thesaurus=thesaurus)

    def documents(self, iris: list[str], *, corpus: str | None = None) -> list[dict]:
        """The corpus documents behind nodes: documents that contain every item given (for a
        co-citation link: the records citing both works), with title, year and source."""
        if not iris:
            return []
        scope = corpus_scope(corpus)
        pattern = " ".join(f"?d cito:cites <{i}> ." for i in iris)
        rows = select(self.store, f"""SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?s) AS ?source)
            WHERE {{ {scope} ?c prov:hadMember ?d . {pattern} OPTIONAL {{ ?d dcterms:title ?t }}
            OPTIONAL {{ ?d fabio:hasPublicationYear ?y }}
            OPTIONAL {{ ?d dcterms:isPartOf ?v . ?v dcterms:title ?s }} }} GROUP BY ?d ORDER BY ?year ?d""",
            graphs=corpus_graphs(corpus))
        return [{"iri": r["d"], "title": r["title"], "year": int(r["year"]) if r["year"] else None,
                 "source": r["source"]} for r in rows]

    def documents_with(self, predicate_path: str, value: str, *, corpus: str | None = None) -> list[dict]:
        """Documents whose ``predicate_path`` (a SPARQL path of the corpus shape) has ``value``
        (compared case-insensitively): an author key, a keyword, a country."""
        scope = corpus_scope(corpus)
        literal = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        rows = select(self.store, f"""SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?s) AS ?source)
            WHERE {{ {scope} ?c prov:hadMember ?d . ?d {predicate_path} ?v . FILTER(LCASE(STR(?v)) = LCASE({literal}))
            OPTIONAL {{ ?d dcterms:title ?t }} OPTIONAL {{ ?d fabio:hasPublicationYear ?y }}
            OPTIONAL {{ ?d dcterms:isPartOf ?ve . ?ve dcterms:title ?s }} }} GROUP BY ?d ORDER BY ?year ?d""",
            graphs=corpus_graphs(corpus))
        return [{"iri": r["d"], "title": r["title"], "year": int(r["year"]) if r["year"] else None,
                 "source": r["source"]} for r in rows]

    def records(self, corpus: str | None = None) -> list[dict]:
        """Every document with its metadata as plain data (for the BibTeX/RIS/CSL exports)."""
        scope = corpus_scope(corpus)
        docs = select(self.store, f"""SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?doi) AS ?doi)
            (SAMPLE(?vol) AS ?volume) (SAMPLE(?is) AS ?issue) (SAMPLE(?sp) AS ?start) (SAMPLE(?ep) AS ?end)
            (SAMPLE(?s) AS ?source) (SAMPLE(?ty) AS ?type) (SAMPLE(?ab) AS ?abstract) (SAMPLE(?la) AS ?language)
            WHERE {{ {scope} ?c prov:hadMember ?d . OPTIONAL {{ ?d dcterms:title ?t }}
            OPTIONAL {{ ?d fabio:hasPublicationYear ?y }} OPTIONAL {{ ?d prism:doi ?doi }}
            OPTIONAL {{ ?d prism:volume ?vol }} OPTIONAL {{ ?d prism:issueIdentifier ?is }}
            OPTIONAL {{ ?d prism:startingPage ?sp }} OPTIONAL {{ ?d prism:endingPage ?ep }}
            OPTIONAL {{ ?d dcterms:isPartOf ?v . ?v dcterms:title ?s }} OPTIONAL {{ ?d b2b:documentType ?ty }}
            OPTIONAL {{ ?d dcterms:abstract ?ab }} OPTIONAL {{ ?d dcterms:language ?la }} }}
            GROUP BY ?d ORDER BY ?d""", graphs=corpus_graphs(corpus))
        authors = select(self.store, f"""SELECT DISTINCT ?d ?n ?name WHERE {{ {scope} ?c prov:hadMember ?d .
            ?d b2b:hasAuthorship ?a . ?a b2b:authorPosition ?n ; foaf:name ?name }} ORDER BY ?d ?n""",
            graphs=corpus_graphs(corpus))
        keywords = select(self.store, f"""SELECT DISTINCT ?d ?k WHERE {{ {scope} ?c prov:hadMember ?d .
            ?d prism:keyword ?k }} ORDER BY ?d ?k""", graphs=corpus_graphs(corpus))
        by_doc: dict[str, dict] = {r["d"]: {**r, "authors": [], "keywords": []} for r in docs}
        seen: set[tuple[str, int]] = set()
        for r in authors:
            if (r["d"], r["n"]) not in seen and r["d"] in by_doc:
                seen.add((r["d"], r["n"]))
                by_doc[r["d"]]["authors"].append(r["name"])
        for r in keywords:
            if r["d"] in by_doc:
                by_doc[r["d"]]["keywords"].append(r["k"])
        return list(by_doc.values())

    def labels(self, iris: list[str]) -> dict[str, str]:
        if not iris:
            return {}
        rows = select(self.store, f"SELECT ?i (SAMPLE(?l) AS ?label) WHERE {{ {iri_values('i', iris)} "
                                  "?i rdfs:label ?l } GROUP BY ?i")
        return {r["i"]: r["label"] for r in rows}
