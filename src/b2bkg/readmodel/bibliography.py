"""The bibliographic layer of a store as a small rdflib ``Dataset``, fetched with a few CONSTRUCTs.

The literature map (``b2bkg.analytics.literature``) reads references, author lists, in-text
citations and labels with rdflib's graph API; this builds exactly that subset from the store
(decoded answers, no file), one graph per role (``graph_roles``): several papers' assertions or
evidence graphs land in the one ``assertions`` or ``evidence`` graph of the snapshot.
"""

from __future__ import annotations

import warnings

from rdflib import Dataset

from b2bkg.readmodel.facts import MAX_ROWS, graph_roles, values
from b2bkg.store.base import QueryRequest, Store
from b2bkg.vocab import GRAPH, GRAPH_ASSERTIONS, GRAPH_EVIDENCE, GRAPH_INFERENCES, GRAPH_ONTOLOGY, PREFIXES

__all__ = ["bibliography", "BIBLIOGRAPHY_QUERIES"]

_ROLE_GRAPHS = {"ontology": GRAPH_ONTOLOGY, "assertions": GRAPH_ASSERTIONS, "evidence": GRAPH_EVIDENCE,
                "inferences": GRAPH_INFERENCES}

#: role -> the CONSTRUCT of what the literature map reads from the graphs of that role.
BIBLIOGRAPHY_QUERIES = {
    "ontology": """CONSTRUCT { ?s ?p ?o } WHERE { {VALUES} GRAPH ?g {
        VALUES ?p { rdfs:label rdfs:subClassOf } ?s ?p ?o } }""",
    "inferences": """CONSTRUCT { ?s ?p ?o } WHERE { {VALUES} GRAPH ?g {
        VALUES ?p { rdf:type rdfs:subClassOf } ?s ?p ?o } }""",
    "assertions": """CONSTRUCT { ?s ?p ?o } WHERE { {VALUES} GRAPH ?g {
        { VALUES ?p { rdfs:label rdf:type } ?s ?p ?o }
        UNION { ?s b2b:referenceNumber ?n ; ?p ?o }
        UNION { ?e b2b:referenceNumber ?n ; biro:references ?s . ?s ?p ?o }
        UNION { ?r b2b:referenceNumber ?n ; bibo:authorList ?s . ?s ?p ?o }
        UNION { ?e b2b:referenceNumber ?n ; biro:references/bibo:authorList ?s . ?s ?p ?o } } }""",
    "evidence": """CONSTRUCT { ?s ?p ?o } WHERE { {VALUES} GRAPH ?g {
        { ?s a b2b:InTextCitation ; ?p ?o }
        UNION { ?c a b2b:InTextCitation ; oa:hasTarget ?s . ?s ?p ?o }
        UNION { ?c a b2b:InTextCitation ; oa:hasTarget ?t . ?t oa:hasSelector ?s . ?s ?p ?o } } }""",
}


def _first_paper(roles: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The roles with only the first paper's (by id) assertions and evidence graphs: a reference
    list and its numbers belong to one paper."""
    papers = sorted(g.rsplit("/", 1)[0] for g in roles["assertions"] if g.startswith(str(GRAPH) + "paper/"))
    if not papers:
        return roles
    first = papers[0] + "/"
    return {**roles, **{r: tuple(g for g in roles[r] if g.startswith(first)) for r in ("assertions", "evidence")}}


def bibliography(store: Store, timeout: float | None = None) -> Dataset:
    """The bibliographic snapshot of ``store`` (see the module's docstring)."""
    roles = _first_paper(graph_roles(store.graph_counts()))
    ds = Dataset()
    with warnings.catch_warnings():  # rdflib 7.x warns about its own internals here
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        for role, template in BIBLIOGRAPHY_QUERIES.items():
            if not roles[role]:
                continue
            query = template.replace("{VALUES}", values(roles[role]))
            request = QueryRequest(query=query, max_rows=MAX_ROWS, prefixes=tuple(PREFIXES.items()))
            g = ds.graph(_ROLE_GRAPHS[role])
            for triple in store.evaluate(request, timeout=timeout).triples:
                g.add(triple)
    return ds
