"""Reading the corpus back through any ``Store`` with SPARQL (counting done by the engine)."""

from __future__ import annotations

from b2bkg.errors import AnswerCut, BadGateway
from b2bkg.store import QueryRequest, Store

__all__ = ["PREFIXES", "select", "corpus_scope", "corpus_graphs", "iri_values"]

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


def select(store: Store, query: str, timeout: float | None = None, *, graphs: tuple[str, ...] = ()) -> list[dict]:
    """Rows of a SELECT as dicts of plain values (IRIs and strings as str, numbers as numbers),
    decoded by the store (``Store.evaluate``: no SPARQL JSON written and read again in process).

    An answer the remote store stopped at its row limit (``AnswerCut``) is asked again in parts
    that split its rows by the MD5 of its variables' values (``_in_parts``), so no part reaches
    the limit and the parts together are the whole answer."""
    try:
        return _select(store, query, timeout, graphs)
    except AnswerCut:
        probe = _select(store, f"SELECT * WHERE {{ {{ {query} }} }} LIMIT 1", timeout, graphs)
        if not probe:  # a cut answer has rows; without any, the cut cannot be asked in parts
            raise
        rows = _in_parts(store, query, timeout, graphs, list(probe[0]))
    # the parts are disjoint by construction; their sum is checked against the engine's own count
    whole = _select(store, f"SELECT (COUNT(*) AS ?rows) WHERE {{ {{ {query} }} }}", timeout, graphs)
    if not whole or whole[0]["rows"] != len(rows):
        raise BadGateway(f"the remote store's answer, asked in parts past its row limit, has {len(rows)} rows "
                         f"where it counts {whole[0]['rows'] if whole else '?'}; the query was not answered")
    return rows


def _select(store: Store, query: str, timeout: float | None, graphs: tuple[str, ...] = ()) -> list[dict]:
    request = QueryRequest(PREFIXES + query, tabular_format="json", max_rows=MAX_ROWS, default_graphs=graphs)
    answer = store.evaluate(request, timeout=timeout)
    names = answer.variables
    return [{n: _plain(t) for n, t in zip(names, row, strict=True)} for row in answer.rows]


#: hex digits of the MD5 prefix a part of a cut answer may have per variable (16 ** 4 parts)
PART_DIGITS = 4


def _in_parts(store: Store, query: str, timeout: float | None, graphs: tuple[str, ...], variables: list[str],
              within: str = "", prefix: str = "") -> list[dict]:
    """The rows of ``query`` (one SELECT, no prologue) that meet the filter ``within``, asked as
    sixteen disjoint parts: the rows whose first variable's ``MD5(STR(…))`` starts with
    ``prefix`` and one more hex digit (and, at the top, the rows where it is unbound or a blank
    node, which ``STR`` does not take). Every row is in exactly one part, whatever the engine's
    row order. A part that is cut again is split by the next digit, and past ``PART_DIGITS``
    digits (one value with more rows than the limit) by the next variable within that part; with
    no variable left the cut is raised. The query is evaluated once per part: the price of an
    answer longer than the engine sends."""
    var, rest = variables[0], variables[1:]

    def part(condition: str, head: str | None) -> list[dict]:
        both = f"({within}) && ({condition})" if within else condition
        try:
            return _select(store, f"SELECT * WHERE {{ {{ {query} }} FILTER({both}) }}", timeout, graphs)
        except AnswerCut:
            if head is not None and len(head) < PART_DIGITS:  # the next digit of the same variable
                return _in_parts(store, query, timeout, graphs, variables, within, head)
            if rest:  # the next variable, within this part
                return _in_parts(store, query, timeout, graphs, rest, both)
            raise

    rows = part(f"!BOUND(?{var}) || isBLANK(?{var})", None) if not prefix else []
    for digit in "0123456789abcdef":
        rows += part(f'STRSTARTS(MD5(STR(?{var})), "{prefix + digit}")', prefix + digit)
    return rows


def iri_values(var: str, iris) -> str:
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in iris) + " }"


def corpus_graphs(name: str | None) -> tuple[str, ...]:
    """The default graph to read corpus ``name`` in (``select(graphs=…)``): its import's own graph,
    since a work is one node in every import that has it and each import says its own things of
    it (its source record, reference entries, printed titles); every graph for every corpus."""
    from b2bkg.corpus.rdf import corpus_graph

    return (corpus_graph(name),) if name else ()


def corpus_scope(name: str | None, var: str = "c") -> str:
    """The pattern binding ``?c`` to the corpus ``name`` (or to every corpus)."""
    from b2bkg.corpus.rdf import corpus_iri

    if name:
        return f"VALUES ?{var} {{ <{corpus_iri(name)}> }}"
    return f"?{var} a b2b:Corpus ."
