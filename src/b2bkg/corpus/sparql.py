"""Reading the corpus back through any ``Store`` with SPARQL (counting done by the engine)."""

from __future__ import annotations

from b2bkg.store import QueryRequest, Store

__all__ = ["PREFIXES", "select", "corpus_scope", "iri_values"]

PREFIXES = """PREFIX b2b: <https://w3id.org/b2bkg/def/>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX fabio: <http://purl.org/spar/fabio/>
PREFIX prism: <http://prismstandard.org/namespaces/basic/2.0/>
PREFIX biro: <http://purl.org/spar/biro/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

MAX_ROWS = 20_000_000


_INTEGER = ("#integer", "#int", "#long", "#nonNegativeInteger")
_DECIMAL = ("#decimal", "#double", "#float")


def _plain(term):
    """An rdflib term as a plain value: numbers as numbers, IRIs and other literals as str."""
    if term is None:
        return None
    dt = getattr(term, "datatype", None)
    if dt is not None:
        if dt.endswith(_INTEGER):
            return int(term)
        if dt.endswith(_DECIMAL):
            return float(term)
    return str(term)


def select(store: Store, query: str, timeout: float | None = None) -> list[dict]:
    """Rows of a SELECT as dicts of plain values (IRIs and strings as str, numbers as numbers),
    decoded by the store (``Store.evaluate``: no SPARQL JSON written and read again in process)."""
    answer = store.evaluate(QueryRequest(PREFIXES + query, tabular_format="json", max_rows=MAX_ROWS), timeout=timeout)
    names = answer.variables
    return [{n: _plain(t) for n, t in zip(names, row, strict=True)} for row in answer.rows]


def iri_values(var: str, iris) -> str:
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in iris) + " }"


def corpus_scope(name: str | None, var: str = "c") -> str:
    """The pattern binding ``?c`` to the corpus ``name`` (or to every corpus)."""
    from b2bkg.corpus.rdf import corpus_iri

    if name:
        return f"VALUES ?{var} {{ <{corpus_iri(name)}> }}"
    return f"?{var} a b2b:Corpus ."
