"""Linked data: every IRI of ``https://w3id.org/b2bkg/`` dereferences under this server.

``/id/…`` and ``/def/…`` answer with the resource's description (its triples, plus the labels
of what it points to): Turtle, JSON-LD, N-Triples or RDF/XML to machines, an HTML page to
browsers. ``/def`` is the ontology, ``/graph/<name>`` a named graph of the dataset.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, render_template, request
from rdflib import URIRef

from b2bkg.analytics.operations import reference_works
from b2bkg.analytics.readwrite import REFERENCE_FORMATS
from b2bkg.errors import BadRequest, NotAcceptable, NotFound
from b2bkg.sparql.negotiate import GRAPH, HTML, format_from_param, negotiate
from b2bkg.vocab import B2B, BASE, GRAPH_ONTOLOGY, GRAPH_REDIRECTS, ONTOLOGY_IRI, curie
from b2bkg.web.context import services
from b2bkg.web.http import cacheable, etag_of, not_modified, send_answer

__all__ = ["bp", "local_href"]

bp = Blueprint("linked_data", __name__)

DESCRIBE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?this ?p ?o . ?o rdfs:label ?label . }
WHERE { { ?this ?p ?o } UNION { ?this ?p ?o . FILTER(isIRI(?o)) ?o rdfs:label ?label } }
"""
WHOLE_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?this { ?s ?p ?o } }"
EXISTS = "ASK { { ?this ?p ?o } UNION { GRAPH ?this { ?s ?p ?o } } }"
#: an IRI that moved (the build's redirect table, graph/redirects): its new place, for a 301
MOVED = f"""SELECT ?this ?new WHERE {{ GRAPH <{GRAPH_REDIRECTS}> {{
  ?this <http://purl.org/dc/terms/isReplacedBy> ?new }} }} LIMIT 1"""
OUTGOING = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?this ?p ?o (SAMPLE(?pl) AS ?plabel) (SAMPLE(?plz) AS ?plabel_zh) (SAMPLE(?ol) AS ?olabel)
       (SAMPLE(?olz) AS ?olabel_zh) WHERE {
  ?this ?p ?o
  OPTIONAL { ?p rdfs:label ?pl FILTER(LANGMATCHES(LANG(?pl), "en")) }
  OPTIONAL { ?p rdfs:label ?plz FILTER(LANGMATCHES(LANG(?plz), "zh")) }
  OPTIONAL { ?o rdfs:label ?ol FILTER(LANGMATCHES(LANG(?ol), "en")) }
  OPTIONAL { ?o rdfs:label ?olz FILTER(LANGMATCHES(LANG(?olz), "zh")) }
} GROUP BY ?this ?p ?o ORDER BY ?p ?o
"""
# what points here, but not the reified statements and annotations: those are shown in words below
INCOMING = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?this ?s ?p (SAMPLE(?sl) AS ?slabel) (SAMPLE(?slz) AS ?slabel_zh) (SAMPLE(?pl) AS ?plabel)
       (SAMPLE(?plz) AS ?plabel_zh) WHERE {
  ?s ?p ?this
  FILTER(?p NOT IN (rdf:subject, rdf:object))
  OPTIONAL { ?s rdfs:label ?sl FILTER(LANGMATCHES(LANG(?sl), "en")) }
  OPTIONAL { ?s rdfs:label ?slz FILTER(LANGMATCHES(LANG(?slz), "zh")) }
  OPTIONAL { ?p rdfs:label ?pl FILTER(LANGMATCHES(LANG(?pl), "en")) }
  OPTIONAL { ?p rdfs:label ?plz FILTER(LANGMATCHES(LANG(?plz), "zh")) }
} GROUP BY ?this ?s ?p ORDER BY ?p ?s LIMIT 500
"""
# the statements about this resource, in words (subject, predicate, object labels) with their quotes
STATEMENTS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX b2b: <https://w3id.org/b2bkg/def/>
SELECT ?this ?st ?s ?p ?o (SAMPLE(?sl) AS ?slabel) (SAMPLE(?slz) AS ?slabel_zh) (SAMPLE(?pl) AS ?plabel)
       (SAMPLE(?plz) AS ?plabel_zh) (SAMPLE(?ol) AS ?olabel) (SAMPLE(?olz) AS ?olabel_zh)
       (GROUP_CONCAT(DISTINCT ?q; SEPARATOR=" … ") AS ?quote) (SAMPLE(?para) AS ?paragraph) WHERE {
  { ?st rdf:subject ?this } UNION { ?st rdf:object ?this }
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?s rdfs:label ?sl FILTER(LANGMATCHES(LANG(?sl), "en")) }
  OPTIONAL { ?s rdfs:label ?slz FILTER(LANGMATCHES(LANG(?slz), "zh")) }
  OPTIONAL { ?p rdfs:label ?pl FILTER(LANGMATCHES(LANG(?pl), "en")) }
  OPTIONAL { ?p rdfs:label ?plz FILTER(LANGMATCHES(LANG(?plz), "zh")) }
  OPTIONAL { ?o rdfs:label ?ol FILTER(LANGMATCHES(LANG(?ol), "en")) }
  OPTIONAL { ?o rdfs:label ?olz FILTER(LANGMATCHES(LANG(?olz), "zh")) }
  OPTIONAL { ?ev oa:hasBody ?st ; oa:hasTarget/oa:hasSelector/oa:exact ?q . OPTIONAL { ?ev b2b:inParagraph ?para } }
} GROUP BY ?this ?st ?s ?p ?o ORDER BY ?p ?s ?o LIMIT 300
"""
TERMS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?this ?term ?kind (SAMPLE(?en) AS ?label_en) (SAMPLE(?zh) AS ?label_zh) WHERE {
  GRAPH ?this {
    VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty }
    ?term a ?kind
    FILTER(STRSTARTS(STR(?term), "https://w3id.org/b2bkg/def/"))
    OPTIONAL { ?term rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
    OPTIONAL { ?term rdfs:label ?zh FILTER(LANGMATCHES(LANG(?zh), "zh")) }
  }
} GROUP BY ?this ?term ?kind ORDER BY ?kind ?term
"""


def local_href(iri: str) -> str:
    """Our IRIs link to this server's pages; others stay absolute."""
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else iri


def _select(query: str, iri: str) -> list[dict]:
    svc = services()
    answer = svc.sparql.evaluate(query, bindings=[("this", ("iri", iri))])
    rows = []
    for record in answer.records():
        bound = {k: t for k, t in record.items() if t is not None}
        row: dict = {k: str(t) for k, t in bound.items()}
        row.update({k + "_is_iri": isinstance(t, URIRef) for k, t in bound.items()})
        rows.append(row)
    return rows


# RDF's own terms carry no labels in the dataset: the page names them in both languages
_RDF_TERMS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": ("type", "类型"),
    "http://www.w3.org/2000/01/rdf-schema#label": ("label", "标签"),
    "http://www.w3.org/2000/01/rdf-schema#comment": ("comment", "注释"),
    "http://www.w3.org/2000/01/rdf-schema#seeAlso": ("see also", "参见"),
    "http://www.w3.org/2002/07/owl#sameAs": ("same as", "等同于"),
}


def _named(rows: list[dict]) -> list[dict]:
    """Rows whose property has no label get RDF's own name for it (``type``, ``label`` …)."""
    for row in rows:
        if not row.get("plabel") and row.get("p") in _RDF_TERMS:
            row["plabel"], row["plabel_zh"] = _RDF_TERMS[row["p"]]
    return rows


def _labels(iri: str) -> dict[str, list[str]]:
    q = "SELECT ?this ?l WHERE { ?this <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    svc = services()
    out: dict[str, list[str]] = {}
    for record in svc.sparql.evaluate(q, bindings=[("this", ("iri", iri))]).records():
        label = record["l"]
        out.setdefault(getattr(label, "language", None) or "", []).append(str(label))
    return {k: sorted(v) for k, v in sorted(out.items())}


def _choose(iri: str) -> str:
    """The format key for this request: html or an RDF format (406 when none fits)."""
    fmt = request.args.get("format")
    table = {**HTML, **GRAPH}
    key = format_from_param(fmt, table) if fmt else negotiate(request.headers.get("Accept"), table)
    if key is None:
        raise NotAcceptable(f"<{iri}> is available as: {', '.join(table.values())}")
    return key


_NOT_IN_IRI = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|^`\\]')


def _check_iri(iri: str) -> None:
    """A 400 for a path that cannot be an IRI (``/id/a%20b``): nothing can be described there."""
    bad = _NOT_IN_IRI.search(iri)
    if bad:
        raise BadRequest(f"{iri!r} is not a valid IRI: it contains {bad.group()!r}, which IRIs never do")


_MOVED_PARTS = frozenset(("target", "quote", "position", "authors"))


def _moved(iri: str) -> str | None:
    """Where a moved IRI (or a part of one, ``…/target/quote``) lives now, or None."""
    if str(GRAPH_REDIRECTS) not in services().sparql.graphs:
        return None
    head, tail = iri, ""
    while "/" in head[len(BASE):]:
        rows = _select(MOVED, head)
        if rows:
            return rows[0]["new"] + tail
        head, _, last = head.rpartition("/")
        if last not in _MOVED_PARTS:
            return None  # only an annotation's target (and its selectors) and an author list are parts
        tail = "/" + last + tail
    return None


def _resource(iri: str) -> Response:
    svc = services()
    _check_iri(iri)
    new = _moved(iri)
    if new is not None:
        query = request.query_string.decode("latin-1")
        return redirect(local_href(new) + (f"?{query}" if query else ""), code=301)
    key = _choose(iri)
    if not svc.sparql.evaluate(EXISTS, bindings=[("this", ("iri", iri))]).boolean:
        raise NotFound(f"<{iri}> is not described in this dataset")
    if key == "html":
        return _page(iri)
    prepared = svc.sparql.prepare(DESCRIBE, format=key, bindings=[("this", ("iri", iri))])
    return not_modified(prepared.etag) or send_answer(svc.sparql.run(prepared), prepared)


def _graph(graph_iri: str, page_iri: str) -> Response:
    """A whole named graph in one piece (whatever the row cap), or ``page_iri``'s page."""
    svc = services()
    if graph_iri not in svc.sparql.graphs:
        raise NotFound(f"<{graph_iri}> is not a graph of this dataset")
    key = _choose(graph_iri)
    if key == "html":
        return _page(page_iri)
    prepared = svc.sparql.prepare(WHOLE_GRAPH, format=key, bindings=[("this", ("iri", graph_iri))])
    request_ = dataclasses.replace(prepared.request, max_rows=svc.store.triple_count() + 1)
    prepared = dataclasses.replace(prepared, request=request_)
    return not_modified(prepared.etag) or send_answer(svc.sparql.run(prepared), prepared)


_BIRO_REFERENCES = "http://purl.org/spar/biro/references"
_CITATION_LABELS = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


def _citations(iri: str, outgoing: list[dict]) -> list[tuple[str, str]]:
    """(label, download URL) per citation format, for a referenced work or a reference entry
    (``biro:references`` a work), else nothing."""
    works = reference_works(services().analytics)
    work = iri if iri in works else next(
        (row["o"] for row in outgoing if row.get("p") == _BIRO_REFERENCES and row.get("o") in works), None)
    if work is None:
        return []
    return [(_CITATION_LABELS.get(fmt, fmt), "/api/export/references?" + urlencode({"format": fmt, "work": work}))
            for fmt in REFERENCE_FORMATS]  # fmt: skip


def _heading(iri: str, labels: dict[str, list[str]], outgoing: list[dict]) -> str:
    """The page's heading where the entity has no label: a printed reference entry by its number
    and text ("[22] Coase, R.H. (1937) …"); anything else by its CURIE."""
    if labels.get("en") or labels.get(""):
        return (labels.get("en") or labels[""])[0]
    values = {row["p"]: row["o"] for row in outgoing if not row.get("o_is_iri")}
    text = values.get(str(B2B.referenceText))
    if text:
        number = values.get(str(B2B.referenceNumber))
        return f"[{number}] {text}" if number else text
    return (labels.get("zh") and labels["zh"][0]) or curie(iri)


def _page(iri: str) -> Response:
    svc = services()
    is_graph = iri in svc.sparql.graphs
    outgoing = _named(_select(OUTGOING, iri))
    labels = _labels(iri)
    context = {
        "iri": iri,
        "labels": labels,
        "heading": _heading(iri, labels, outgoing),
        "outgoing": outgoing,
        "citations": _citations(iri, outgoing),
        "incoming": _named(_select(INCOMING, iri)),
        "statements": _named(_select(STATEMENTS, iri)),
        "terms": _select(TERMS, str(GRAPH_ONTOLOGY)) if iri == str(ONTOLOGY_IRI) else [],
        "graph_size": svc.store.graph_counts().get(iri) if is_graph else None,
        "href": local_href,
        "curie": curie,
    }
    resp = Response(render_template("resource.html", **context), mimetype="text/html")
    links = [f'<{request.path}?format={k}>; rel="alternate"; type="{GRAPH[k]}"' for k in GRAPH]
    resp.headers["Link"] = ", ".join(links)
    return cacheable(resp, etag_of("page", svc.store.version, iri))


@bp.get("/id/<path:local>")
def entity(local: str) -> Response:
    return _resource(BASE + "id/" + local)


@bp.get("/def/<path:local>")
def term(local: str) -> Response:
    return _resource(BASE + "def/" + local)


@bp.get("/def")
def ontology() -> Response:
    return _graph(str(GRAPH_ONTOLOGY), str(ONTOLOGY_IRI))


@bp.get("/graph/<path:name>")
def graph(name: str) -> Response:
    return _graph(BASE + "graph/" + name, BASE + "graph/" + name)
