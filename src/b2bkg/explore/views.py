"""The explorer's views of the graph as Cytoscape.js elements.

``whole``: every relation between entities stated by the paper (the ``b2b:`` object properties of
the assertions graph). ``theory-mechanism``: theories, what they explain and derive from, who
proposed them, and the tools that enable the mechanisms. ``stages``: the stage sequence with each
stage's features, tools and roles. ``governance``: every relation touching a governance
principle, approach or instrument. ``citations``: the references and the entities their in-text
citations are about, each edge named by its CiTO characterisation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from b2bkg.errors import BadRequest, NotFound
from b2bkg.explore.groups import group_of, groups_table
from b2bkg.explore.index import B2B_BASE, Index
from b2bkg.explore.sparql import KG_BASE, in_papers, local_name, select
from b2bkg.store.base import Store

__all__ = ["View", "VIEWS", "Edge", "argument_edges", "citation_edges", "view_elements", "neighbour_elements"]


@dataclass(frozen=True)
class Edge:
    source: str
    predicate: str
    target: str
    evidence: int


@dataclass(frozen=True)
class View:
    key: str
    en: str
    zh: str
    description: str
    layout: str
    predicates: frozenset[str] | None = None  # b2b: local names; None: all
    groups: frozenset[str] | None = None      # an edge is kept when one end is in these groups


VIEWS: dict[str, View] = {v.key: v for v in (
    View("whole", "Whole graph", "全图", "every relation between entities stated by the paper", "fcose"),
    View("theory-mechanism", "Theories and mechanisms", "理论与机制",
         "theories, what they explain, where they come from, and the tools that enable the mechanisms", "fcose",
         frozenset({"explains", "derivesFrom", "proposedBy", "systematisedBy", "interactsWith", "enables"})),
    View("stages", "Stage sequence", "发展阶段", "the three stages in order, with their features, tools and roles",
         "dagre", frozenset({"nextStage", "hasStage", "hasFeature", "introduces", "playsRole"})),
    View("governance", "Governance", "治理", "every relation of a governance principle, approach or instrument",
         "fcose", None, frozenset({"governance"})),
    View("citations", "Citation map", "引文图", "the references and what the sentences citing them are about",
         "fcose"),
)}

_SKIP = {B2B_BASE + p for p in ("about", "inParagraph", "inSection")}

ARGUMENT = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  {in_papers('assertions', '?s ?p ?o')}
  FILTER(isIRI(?o) && STRSTARTS(STR(?p), "{B2B_BASE}") && STRSTARTS(STR(?s), "{KG_BASE}")
         && STRSTARTS(STR(?o), "{KG_BASE}"))
}}"""
SUPPORT = f"""
SELECT ?s ?p ?o (COUNT(?ev) AS ?n) WHERE {{
  {in_papers('evidence', '?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?ev oa:hasBody ?st')}
}} GROUP BY ?s ?p ?o"""
CITATIONS = """
SELECT ?ref ?char ?about (COUNT(DISTINCT ?c) AS ?n) WHERE {
  GRAPH ?_g {
    ?c a b2b:InTextCitation ; cito:hasCitedEntity ?ref ; b2b:about ?about .
    OPTIONAL { ?c cito:hasCitationCharacterization ?char }
  } FILTER(STRENDS(STR(?_g), "/evidence"))
} GROUP BY ?ref ?char ?about"""


def argument_edges(store: Store, index: Index, timeout: float | None = None) -> list[Edge]:
    """Every ``b2b:`` relation between two entities (``index.is_entity``), with the number of
    quotes supporting it."""
    support = {(r["s"].value, r["p"].value, r["o"].value): int(r["n"].value)
               for r in select(store, SUPPORT, timeout=timeout)}
    edges = {
        Edge(r["s"].value, r["p"].value, r["o"].value, support.get((r["s"].value, r["p"].value, r["o"].value), 0))
        for r in select(store, ARGUMENT, timeout=timeout)
        if r["p"].value not in _SKIP and index.is_entity(r["s"].value) and index.is_entity(r["o"].value)
    }
    return sorted(edges, key=lambda e: (e.source, e.predicate, e.target))


def citation_edges(store: Store, timeout: float | None = None) -> list[Edge]:
    """Reference → entity, one per CiTO characterisation, ``evidence`` = citing sentences."""
    out = []
    for r in select(store, CITATIONS, timeout=timeout):
        char = r["char"].value if "char" in r else "http://purl.org/spar/cito/cites"
        out.append(Edge(r["ref"].value, char, r["about"].value, int(r["n"].value)))
    return sorted(out, key=lambda e: (e.source, e.predicate, e.target))


def _node(index: Index, iri: str) -> dict:
    e = index.entities.get(iri)
    data = index.brief(iri)
    data["group"] = group_of(e).key if e else "other"
    data["id"] = data.pop("iri")
    return {"data": data}


def _edge(index: Index, e: Edge) -> dict:
    return {"data": {
        "id": f"{e.source} {local_name(e.predicate)} {e.target}", "source": e.source, "target": e.target,
        "predicate": e.predicate, "label": index.label(e.predicate, "en"), "label_zh": index.label(e.predicate, "zh"),
        "evidence": e.evidence,
    }}


def _elements(index: Index, edges: list[Edge], extra_nodes: set[str] = frozenset()) -> dict:
    nodes = sorted({e.source for e in edges} | {e.target for e in edges} | set(extra_nodes))
    return {"nodes": [_node(index, n) for n in nodes], "edges": [_edge(index, e) for e in edges]}


def _keep(view: View, index: Index, e: Edge) -> bool:
    if view.predicates is not None and local_name(e.predicate) not in view.predicates:
        return False
    if view.groups is None:
        return True
    ends = (index.entities.get(e.source), index.entities.get(e.target))
    return any(x is not None and group_of(x).key in view.groups for x in ends)


def view_elements(index: Index, argument: list[Edge], citations: list[Edge], view: str) -> dict:
    """The elements of ``view`` (one of ``VIEWS``) with the view's description and legend."""
    v = VIEWS.get(view or "whole")
    if v is None:
        raise BadRequest(f"parameter 'view' must be one of {', '.join(VIEWS)} (got {view!r})")
    edges = citations if v.key == "citations" else [e for e in argument if _keep(v, index, e)]
    elements = _elements(index, edges)
    groups = Counter(n["data"]["group"] for n in elements["nodes"])
    return {
        "view": v.key, "label": v.en, "label_zh": v.zh, "description": v.description, "layout": v.layout,
        "views": [{"key": x.key, "label": x.en, "label_zh": x.zh} for x in VIEWS.values()],
        "counts": {"nodes": len(elements["nodes"]), "edges": len(elements["edges"])},
        "legend": [{**g, "count": groups[g["key"]]} for g in groups_table() if groups[g["key"]]],
        "elements": elements,
    }


def neighbour_elements(index: Index, argument: list[Edge], citations: list[Edge], iri: str) -> dict:
    """The entity ``iri``, its neighbours and the edges to them (relations and citations)."""
    if not iri:
        raise BadRequest("parameter 'iri' is required: the IRI of an entity")
    if iri not in index.entities:
        raise NotFound(f"<{iri}> is not an entity of this dataset")
    edges = [e for e in (*argument, *citations) if iri in (e.source, e.target)]
    return {"iri": iri, "elements": _elements(index, edges, {iri})}
