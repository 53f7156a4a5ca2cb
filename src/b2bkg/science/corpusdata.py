"""The corpus as the science-mapping functions read it: plain records of the corpus documents
(the shape ``b2bkg.corpus.rdf`` writes), the cited works' labels and years, and the works the
curated papers' reference entries point to.

Everything is read with SPARQL through the ``Store`` (:func:`b2bkg.science.query.select`), so an
external engine answers it too; nothing here parses a file.

A record is ``{work, title, year, abstract, keywords, indexed, authors, source, references,
label}``: ``keywords`` the author keywords (``prism:keyword``, WoS ``DE``), ``indexed`` the
indexed ones (``b2b:indexKeyword``, WoS ``ID``), ``authors`` the bibliometrix author keys in
byline order, ``references`` the works it cites (``cito:cites``).
"""

from __future__ import annotations

from b2bkg.science.query import corpus_scope, select
from b2bkg.store import Store

__all__ = ["corpus_counts", "corpus_names", "corpus_records", "cited_works", "seed_references", "paper_notions"]


def _year(value) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def corpus_names(store: Store) -> list[str]:
    """The names (labels) of the corpora in the store."""
    return [r["n"] for r in select(store, "SELECT DISTINCT ?n WHERE { ?c a b2b:Corpus ; rdfs:label ?n } ORDER BY ?n")]


def corpus_counts(store: Store) -> list[dict]:
    """``[{name, documents}]`` of the corpora in the store, by name."""
    rows = select(store, "SELECT ?n (COUNT(DISTINCT ?d) AS ?documents) WHERE { ?c a b2b:Corpus ; rdfs:label ?n . "
                         "OPTIONAL { ?c prov:hadMember ?d } } GROUP BY ?n ORDER BY ?n")
    return [{"name": r["n"], "documents": r["documents"]} for r in rows]


def corpus_records(store: Store, corpus: str | None = None) -> list[dict]:
    """Every document of ``corpus`` (of every corpus when None), ordered by IRI."""
    scope = corpus_scope(corpus)
    docs = select(store, f"""SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?ab) AS ?abstract)
        (SAMPLE(?s) AS ?source) (SAMPLE(?l) AS ?label) WHERE {{ {scope} ?c prov:hadMember ?d .
        OPTIONAL {{ ?d dcterms:title ?t }} OPTIONAL {{ ?d fabio:hasPublicationYear ?y }}
        OPTIONAL {{ ?d dcterms:abstract ?ab }} OPTIONAL {{ ?d rdfs:label ?l }}
        OPTIONAL {{ ?d dcterms:isPartOf ?v . ?v dcterms:title ?s }} }} GROUP BY ?d ORDER BY ?d""")
    out = {r["d"]: {"work": r["d"], "title": r["title"] or "", "year": _year(r["year"]),
                    "abstract": r["abstract"] or "", "keywords": [], "indexed": [], "authors": [],
                    "source": r["source"] or "", "references": [], "label": r["label"] or r["title"] or r["d"]}
           for r in docs}
    for key, predicate in (("keywords", "prism:keyword"), ("indexed", "b2b:indexKeyword")):
        for r in select(store, f"""SELECT DISTINCT ?d ?k WHERE {{ {scope} ?c prov:hadMember ?d .
                ?d {predicate} ?k }}"""):
            if r["d"] in out:
                out[r["d"]][key].append(str(r["k"]))
    authors = select(store, f"""SELECT DISTINCT ?d ?n ?k WHERE {{ {scope} ?c prov:hadMember ?d .
            ?d b2b:hasAuthorship ?a . ?a b2b:authorPosition ?n ; b2b:authorKey ?k }}""")
    seen: set[tuple[str, object]] = set()
    for r in sorted(authors, key=lambda r: (r["d"], int(r["n"]), r["k"])):  # byline order
        if r["d"] in out and (r["d"], r["n"]) not in seen:
            seen.add((r["d"], r["n"]))
            out[r["d"]]["authors"].append(str(r["k"]))
    for r in select(store, f"""SELECT DISTINCT ?d ?w WHERE {{ {scope} ?c prov:hadMember ?d .
            ?d cito:cites ?w }}"""):
        if r["d"] in out:
            out[r["d"]]["references"].append(r["w"])
    for rec in out.values():  # the engine's row order is not ours: sort
        rec["keywords"].sort()
        rec["indexed"].sort()
        rec["references"].sort()
    return list(out.values())


def cited_works(store: Store, iris: list[str]) -> dict[str, dict]:
    """``{iri: {label, title, year}}`` of the given works (cited references carry the label the
    reference gave, ``SURNAME I, YEAR, SOURCE``; documents their title too)."""
    out: dict[str, dict] = {}
    for start in range(0, len(iris), 2000):
        values = " ".join(f"<{i}>" for i in iris[start:start + 2000])
        for r in select(store, f"""SELECT ?w (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year)
                WHERE {{ VALUES ?w {{ {values} }} OPTIONAL {{ ?w rdfs:label ?l }} OPTIONAL {{ ?w dcterms:title ?t }}
                OPTIONAL {{ ?w fabio:hasPublicationYear ?y }} }} GROUP BY ?w"""):
            out[r["w"]] = {"label": r["label"] or r["title"] or r["w"], "title": r["title"] or "",
                           "year": _year(r["year"])}
    return out


def seed_references(store: Store) -> dict[str, list[str]]:
    """The works the curated papers cite: ``{work: [paper, …]}``, from the printed reference
    entries (``<paper>/reference/<n> biro:references <work>``) and from the papers' own
    ``cito:cites`` (``kg:paper/<id> cito:cites <work>``)."""
    out: dict[str, list[str]] = {}
    rows = select(store, """SELECT DISTINCT ?w ?paper WHERE {
            { ?e biro:references ?w . FILTER(STRSTARTS(STR(?e), "https://w3id.org/b2bkg/id/paper/")
                                             && CONTAINS(STR(?e), "/reference/"))
              BIND(STRBEFORE(STR(?e), "/reference/") AS ?paper) }
            UNION
            { ?p cito:cites ?w . FILTER(REGEX(STR(?p), "^https://w3id.org/b2bkg/id/paper/[^/]+$"))
              BIND(STR(?p) AS ?paper) }
        } ORDER BY ?w ?paper""")
    for r in rows:
        papers = out.setdefault(r["w"], [])
        if r["paper"] not in papers:
            papers.append(r["paper"])
    return out


def paper_notions(store: Store, classes: tuple[str, ...]) -> dict[str, set[str]]:
    """``{paper: {entity, …}}``: the notions (members of ``classes`` or their subclasses) that
    are the subject or object of a statement evidenced by that paper's text."""
    values = " ".join(classes)
    rows = select(store, f"""SELECT DISTINCT ?paper ?e WHERE {{
          VALUES ?top {{ {values} }} ?cls rdfs:subClassOf* ?top . ?e a ?cls .
          {{ ?stmt rdf:subject ?e }} UNION {{ ?stmt rdf:object ?e }}
          ?ann oa:hasBody ?stmt ; oa:hasTarget/oa:hasSource ?text .
          FILTER(STRENDS(STR(?text), "/text"))
          BIND(STRBEFORE(STR(?text), "/text") AS ?paper) }}""")
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r["paper"], set()).add(r["e"])
    return out
