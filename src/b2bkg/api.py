"""``KnowledgeGraph``: open the dataset and query it from Python (a notebook, a script).

>>> from b2bkg import KnowledgeGraph                                    # doctest: +SKIP
>>> kg = KnowledgeGraph()             # build/dataset.nq, built first if missing
>>> table = kg.query("SELECT ?m ?label WHERE { ?m a b2b:Mechanism ; rdfs:label ?label }")
>>> table.variables, table.rows[0]
(('m', 'label'), (URIRef('https://w3id.org/b2bkg/id/mechanism/…'), Literal('…', lang='en')))

Evaluation runs in this process on Oxigraph's in-memory store; the project's prefixes
(``b2b:``, ``kg:``, ``rdfs:`` …) are predeclared. Pass ``workers=2`` to evaluate in worker
processes instead, which makes ``timeout`` enforceable. Another store is one argument:
``KnowledgeGraph(store="oxigraph", store_path="var/oxigraph")`` (on disk, loaded once) or
``KnowledgeGraph(store="remote", endpoint="http://127.0.0.1:8890/sparql")``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from b2bkg.queries import NamedQuery, get, load_library
from b2bkg.sparql.protocol import Limits, SparqlService
from b2bkg.store import QueryResult, Store, open_store

__all__ = ["KnowledgeGraph", "Table", "resolve_dataset", "to_rdflib"]


def resolve_dataset(dataset: str | Path | None = None) -> Path:
    """The given dataset file, or the build's (``build/dataset.nq``, built first if missing)."""
    if dataset:
        return Path(dataset)
    from b2bkg.build import ensure_dataset  # the build layer owns where and how

    return ensure_dataset()


def to_rdflib(term: dict | None) -> Node | None:
    """A SPARQL JSON term as an rdflib term."""
    if term is None:
        return None
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    return Literal(value, lang=term.get("xml:lang"),
                   datatype=URIRef(term["datatype"]) if "datatype" in term else None)


@dataclass(frozen=True)
class Table:
    """A SELECT answer: ``variables`` and ``rows`` (tuples of rdflib terms or None);
    an ASK answer has ``boolean`` set and no rows."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    boolean: bool | None = None

    @classmethod
    def from_json(cls, body: bytes) -> Table:
        """A Table from a SPARQL 1.1 Query Results JSON document."""
        doc = json.loads(body)
        if "boolean" in doc:
            return cls((), (), bool(doc["boolean"]))
        variables = tuple(doc["head"]["vars"])
        rows = tuple(
            tuple(to_rdflib(b.get(v)) for v in variables) for b in doc["results"]["bindings"]
        )
        return cls(variables, rows)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, object]]:
        """Rows as dicts of plain Python values (``Literal.toPython``; IRIs as strings)."""
        def plain(t):
            return t.toPython() if isinstance(t, Literal) else (None if t is None else str(t))
        return [{v: plain(t) for v, t in zip(self.variables, row, strict=True)}
                for row in self.rows]


class KnowledgeGraph:
    """The dataset, opened once, queried many times."""

    def __init__(
        self,
        dataset: str | Path | None = None,
        *,
        queries_dir: str | Path = "queries",
        timeout: float = 10.0,
        max_rows: int = 1_000_000,
        workers: int = 0,
        store: Store | str | None = None,
        store_path: str | Path | None = None,
        endpoint: str | None = None,
        user: str = "",
        password: str = "",
    ):
        if store is None or isinstance(store, str):
            backend = store or "memory"
            source = None if backend == "remote" else resolve_dataset(dataset)
            store = open_store(source, backend=backend, workers=workers, store_path=store_path,
                               endpoint=endpoint, user=user, password=password)
        self.store = store
        self.sparql = SparqlService(store, Limits(timeout, max_rows, 1_000_000))
        self.library: dict[str, NamedQuery] = load_library(queries_dir)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.triple_count} triples, version {self.version}>"

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    @property
    def version(self) -> str:
        return self.store.version

    @property
    def triple_count(self) -> int:
        return self.store.triple_count()

    def raw(self, query: str, format: str | None = None, **params: str) -> QueryResult:
        """The serialised answer (``format``: json, xml, csv, tsv, turtle, ntriples, jsonld,
        rdfxml; default json or turtle). ``params`` bind variables (``name=value``) when
        ``query`` is the name of a named query."""
        bindings = ()
        if query in self.library:
            named = self.library[query]
            query, bindings = named.text, named.bind(params)
        elif params:
            get(self.library, query)  # raises NotFound with the list's location
        return self.sparql.query(query, format=format, bindings=bindings)

    def query(self, query: str, **params: str) -> Table | Graph:
        """SELECT/ASK → ``Table``; CONSTRUCT/DESCRIBE → an rdflib ``Graph``.
        ``query`` is SPARQL text or the name of a named query (then ``params`` bind it)."""
        result = self.raw(query, None, **params)
        if result.kind == "graph":
            g = Graph()
            g.parse(data=self.raw(query, "ntriples", **params).body.decode(), format="nt")
            return g
        return Table.from_json(result.body)
