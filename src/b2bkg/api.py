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

import atexit
import os
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import XSD, Graph, Literal, Variable
from rdflib.query import Result
from rdflib.term import Node

from b2bkg.errors import B2BKGError, NotFound
from b2bkg.queries import NamedQuery, load_library
from b2bkg.readmodel import ReadModel
from b2bkg.settings import Settings, load_settings
from b2bkg.sparql.cache import ResultCache
from b2bkg.sparql.protocol import Limits, SparqlService
from b2bkg.store import (
    OxigraphStore,
    QueryResult,
    Store,
    WorkerPoolStore,
    configured_backend,
    open_configured_store,
    open_store,
)
from b2bkg.store.decode import Answer, forget_terms, from_json_term, from_result
from b2bkg.store.diskcache import DiskCache

if TYPE_CHECKING:
    from b2bkg.analytics import Analytics
    from b2bkg.explore import Explorer
    from b2bkg.science.view import ScienceView
    from b2bkg.warmup import Warmup

__all__ = ["KnowledgeGraph", "Table", "default_graphs", "disk_cache_for", "reader_of", "resolve_dataset",
           "store_dataset", "to_rdflib"]


def resolve_dataset(dataset: str | Path | None = None) -> Path:
    """The given dataset file, or the build's (``build/dataset.nq``, built first if missing),
    with the corpus imports (``b2bkg corpus import``) added when there are any."""
    from b2bkg.corpus.persist import dataset_with_corpora

    if dataset:
        return dataset_with_corpora(Path(dataset))
    from b2bkg.build import ensure_dataset  # the build layer owns where and how

    return dataset_with_corpora(ensure_dataset())


def store_dataset(backend: str, dataset: str | Path | None = None) -> Path | None:
    """The dataset file a store of ``backend`` should load, or ``None`` for "use what the store holds".

    ``remote``: never a file (the endpoint holds the data). ``oxigraph`` without a file named: the
    build's file when ``build/`` has one (loaded if the store holds an older version), else ``None``,
    so a loaded store directory serves with no ``build/`` at all. ``memory``: the file named, or
    the build's (built first if missing).
    """
    if backend == "remote":
        return None
    if dataset:
        return resolve_dataset(dataset)  # the file named, with the corpus imports
    if backend == "oxigraph":
        from b2bkg.build import DEFAULT_DATASET

        if not DEFAULT_DATASET.exists():
            return None
    return resolve_dataset(None)


_NAME = re.compile(r"[A-Za-z0-9_.\-]+")  # what a named query's name looks like; SPARQL text never does
_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger, XSD.positiveInteger,
             XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort,
             XSD.unsignedByte, XSD.gYear}
_YEAR = re.compile(r"[-+]?\d+")  # an integer's lexical form, or a gYear's year ("2025", "2025Z")
_NUMBERS = {XSD.decimal, XSD.double, XSD.float}
_DATES = {XSD.date, XSD.dateTime, XSD.dateTimeStamp}


def _column(values: list, pd):
    """One typed pandas column: integers (years too) as Int64, decimals and doubles as Float64,
    booleans as boolean, dates as datetime64, everything else (IRIs, text) as strings."""
    present = [v for v in values if v is not None]
    types = {v.datatype for v in present if isinstance(v, Literal)}
    literal = present and all(isinstance(v, Literal) for v in present)
    try:
        if literal and types and types <= _INTEGERS:
            return pd.array([None if v is None else int(_YEAR.match(str(v))[0]) for v in values], dtype="Int64")
        if literal and types and types <= _INTEGERS | _NUMBERS:
            return pd.array([None if v is None else float(str(v)) for v in values], dtype="Float64")
        if literal and types == {XSD.boolean}:
            return pd.array([None if v is None else str(v) in ("true", "1") for v in values], dtype="boolean")
        if literal and types and types <= _DATES:
            return pd.to_datetime([None if v is None else str(v) for v in values], utc=XSD.dateTime in types)
    except ValueError:
        pass  # an ill-typed literal: keep the column as text
    return pd.array([None if v is None else str(v) for v in values], dtype="string")


def to_rdflib(term: dict | None) -> Node | None:
    """A SPARQL JSON term as an rdflib term (the store's one decoder)."""
    return from_json_term(term)


@dataclass(frozen=True)
class Table:
    """A SELECT answer: ``variables`` and ``rows`` (tuples of rdflib terms or None);
    an ASK answer has ``boolean`` set and no rows."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    boolean: bool | None = None

    @classmethod
    def from_answer(cls, answer: Answer) -> Table:
        """A Table from a decoded SELECT or ASK answer."""
        if answer.kind == "ask":
            return cls((), (), answer.boolean)
        return cls(answer.variables, answer.rows)

    @classmethod
    def from_json(cls, body: bytes) -> Table:
        """A Table from a SPARQL 1.1 Query Results JSON document."""
        return cls.from_answer(from_result(QueryResult("select", "json", body, 0)))

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    # rdflib's Result interface (``.type``, ``.vars``, ``.bindings``, ``.askAnswer``,
    # ``.serialize``), so code written for ``rdflib.Graph.query`` works unchanged.
    @property
    def type(self) -> str:
        return "ASK" if self.boolean is not None else "SELECT"

    @property
    def askAnswer(self) -> bool | None:  # noqa: N802 - rdflib's name
        return self.boolean

    @property
    def vars(self) -> list[Variable]:
        return [Variable(v) for v in self.variables]

    @property
    def bindings(self) -> list[dict[Variable, Node]]:
        return [{Variable(v): t for v, t in zip(self.variables, row, strict=True) if t is not None}
                for row in self.rows]

    def to_rdflib(self) -> Result:
        """The answer as an ``rdflib.query.Result``."""
        result = Result(self.type)
        if self.boolean is not None:
            result.askAnswer = self.boolean
        else:
            result.vars = self.vars
            result.bindings = self.bindings
        return result

    def serialize(self, destination=None, encoding: str = "utf-8", format: str = "xml", **args):
        """As ``rdflib.query.Result.serialize``: ``format`` json, xml, csv, tsv or txt; bytes, or
        written to ``destination``."""
        return self.to_rdflib().serialize(destination, encoding=encoding, format=format, **args)

    def to_dataframe(self):
        """The rows as a pandas DataFrame with typed columns (``pip install 'b2bkg[pandas]'``):
        integers and years Int64, decimals and doubles Float64, booleans boolean, dates datetime64,
        IRIs and text strings; unbound values are missing (``<NA>``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_dataframe needs pandas: pip install 'b2bkg[pandas]'") from None
        columns = {v: _column([row[i] for row in self.rows], pd) for i, v in enumerate(self.variables)}
        return pd.DataFrame(columns, columns=list(self.variables))

    def records(self) -> list[dict[str, object]]:
        """Rows as dicts of plain Python values (``Literal.toPython``; IRIs as strings)."""
        def plain(t):
            return t.toPython() if isinstance(t, Literal) else (None if t is None else str(t))
        return [{v: plain(t) for v, t in zip(self.variables, row, strict=True)}
                for row in self.rows]


def disk_cache_for(cache_dir: str, store: Store) -> DiskCache | None:
    """The on-disk cache of the read model and the warm-up answers: ``cache_dir`` when given
    (``off``: none); by default ``<store directory>/cache`` for the oxigraph store; for the
    others served by workers (the service) a private temporary directory, removed when the
    process ends, so that the serving process can let the read model's facts go after the
    warm-up (about 250 MB at a million triples); none for a store evaluated in-process (a notebook,
    the CLI: their dataset file's folder is not ours to write in)."""
    if cache_dir.strip().lower() in ("off", "none", "no"):
        return None
    if cache_dir.strip():
        return DiskCache(Path(cache_dir))
    directory = getattr(store, "store_directory", None)
    if directory:
        return DiskCache(Path(directory) / "cache")
    return DiskCache.temporary() if isinstance(store, WorkerPoolStore) else None


def reader_of(store: Store) -> Store:
    """The store the read model's bulk queries (the application's own, trusted) run on: for an
    oxigraph store served by worker processes, the same directory opened read-only in this process,
    so hundreds of thousands of rows are not serialised to JSON in a worker and parsed back here
    (the 1M-triple first start's warm-up: about 3x faster); every other store as it is."""
    directory = getattr(store, "store_directory", None)
    if directory is None or isinstance(store, OxigraphStore):
        return store
    try:
        reader = OxigraphStore(directory, read_only=True)
    except B2BKGError:
        return store
    return reader if reader.version == store.version else store


def default_graphs(value: str) -> tuple[str, ...]:
    """The ``default_graph`` setting as graph IRIs; ``()`` for the union of the named graphs."""
    v = value.strip()
    if v.lower() in ("", "union"):
        return ()
    return tuple(g.strip().strip("<>") for g in v.split(",") if g.strip())


class KnowledgeGraph:
    """The application object: the store, the SPARQL service, the named-query library, the read
    model (entity index and projection), the explorer and the analytics, opened once and shared.

    The CLI, the Flask app (``create_app`` puts it in ``app.extensions["b2bkg"]``; blueprints take
    it from ``current_app.extensions``) and the tests all use this one object. ``settings`` are
    the service's settings (``b2bkg.settings``) this object was opened with.
    """

    def __init__(
        self,
        dataset: str | Path | None = None,
        *,
        queries_dir: str | Path | None = None,
        timeout: float = 10.0,
        max_rows: int = 1_000_000,
        max_query_length: int = 1_000_000,
        default_graphs: tuple[str, ...] = (),
        workers: int = 0,
        store: Store | str | None = None,
        store_path: str | Path | None = None,
        endpoint: str | None = None,
        user: str = "",
        password: str = "",
        settings: Settings | None = None,
    ):
        if store is None or isinstance(store, str):
            backend = store or "memory"
            source = store_dataset(backend, dataset)
            store = open_store(source, backend=backend, workers=workers, store_path=store_path,
                               endpoint=endpoint, user=user, password=password)
        self.store = store
        self.settings: Settings = load_settings(settings, environ={}) if settings is not None else load_settings(
            {"queries_dir": str(queries_dir or ""), "timeout": timeout, "max_rows": max_rows,
             "max_query_length": max_query_length, "dataset": str(dataset or "")}, environ={})
        depth = int(self.settings.get("max_query_depth", Limits.max_depth))
        cache_mb = int(self.settings.get("result_cache_mb", 0) if settings is not None else 0)
        self.sparql = SparqlService(store, Limits(timeout, max_rows, max_query_length, depth),
                                    default_graphs=default_graphs,
                                    cache=ResultCache(cache_mb << 20) if cache_mb > 0 else None)
        self.library: dict[str, NamedQuery] = load_library(queries_dir)
        self.disk_cache: DiskCache | None = disk_cache_for(self.settings["cache_dir"], store)
        self._lock = threading.Lock()  # the lazily made parts are made once, whichever thread asks
        self._readmodel: ReadModel | None = None
        self._analytics: Analytics | None = None
        self._explorer: Explorer | None = None
        self._science: ScienceView | None = None
        self._warmup: Warmup | None = None

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None = None, *, store: Store | None = None
                      ) -> KnowledgeGraph:
        """The object the service runs on: ``settings`` (see ``b2bkg.settings.SETTINGS``; defaults
        fill the rest, the environment is not read here) choose the store, the limits and the
        query library. ``store``: an already open store to use instead of opening one."""
        cfg = load_settings(settings, environ={})
        if store is None:
            workers = cfg["workers"] or max(2, os.cpu_count() or 2)
            dataset = store_dataset(configured_backend(cfg), cfg["dataset"])
            store = open_configured_store(cfg, dataset, workers=workers)
            atexit.register(store.close)
        return cls(store=store, queries_dir=cfg["queries_dir"], timeout=cfg["timeout"], max_rows=cfg["max_rows"],
                   max_query_length=cfg["max_query_length"], default_graphs=default_graphs(cfg["default_graph"]),
                   settings=cfg)

    @property
    def readmodel(self) -> ReadModel:
        """The entity index and projection of the store, built once per version."""
        with self._lock:
            if self._readmodel is None:
                runner = self.store.run if isinstance(self.store, WorkerPoolStore) else None
                self._readmodel = ReadModel(reader_of(self.store), disk=self.disk_cache, runner=runner)
            return self._readmodel

    @property
    def analytics(self) -> Analytics:
        """Graph analytics over the store (shares the read model)."""
        readmodel = self.readmodel
        with self._lock:
            if self._analytics is None:
                from b2bkg.analytics import Analytics

                self._analytics = Analytics(self.store, readmodel=readmodel)
            return self._analytics

    @property
    def explorer(self) -> Explorer:
        """The explorer's answers (search, entity panels, views, the paper) over the store."""
        readmodel = self.readmodel
        with self._lock:
            if self._explorer is None:
                from b2bkg.explore import Explorer

                self._explorer = Explorer(self.store, self.settings["timeout"], readmodel=readmodel)
            return self._explorer

    @property
    def science(self) -> ScienceView:
        """Science mapping over the corpus (bursts, clusters, main paths, timeline, slices,
        historiograph, thematic map, concept tags and what they add up to, the comparison of the
        curated papers); its inputs are read once per store version. Networks are the corpus
        service's (``self.corpus``, counted in the store) when the application has one."""
        corpora = getattr(self, "corpus", None)
        with self._lock:
            if self._science is None:
                from b2bkg.science.view import ScienceView

                self._science = ScienceView(self.store, corpora)
            return self._science

    @property
    def warmup(self) -> Warmup:
        """The shared answers the first visitors need, computed ahead (``b2bkg.warmup``): the
        explorer's entity index and default view, the paper, and the page's PageRank. ``b2bkg
        serve`` starts it in the background; ``/healthz`` reports its ``status()``."""
        with self._lock:
            if self._warmup is None:
                from b2bkg.warmup import Warmup

                self._warmup = Warmup(self._warm_steps())
            return self._warmup

    def _warm_steps(self) -> list[tuple[str, Any]]:
        from b2bkg.analytics.operations import run
        from b2bkg.explore.sparql import paper_ids

        def paper() -> None:
            if paper_ids(self.store):
                self.explorer.paper()

        return [
            ("index", lambda: self.explorer.index()),
            ("view", lambda: self.explorer.graph("whole")),
            ("paper", paper),
            # the explorer page's first analytics request (its default node sizes)
            ("pagerank", lambda: run(self.analytics, "centrality", {"measure": "pagerank", "top": "1000"},
                                     keep=True)),
            # what the warm-up needed the facts for is made: they stay on disk, not in this process
            ("release", self._release),
        ]

    def _release(self) -> None:
        self.readmodel.release()
        forget_terms()  # the decoded-term caches the bulk reads filled (Warmup then trims the heap)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.triple_count} triples, version {self.version}>"

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()
        if self.disk_cache is not None:
            self.disk_cache.remove()  # a private temporary one only

    @property
    def version(self) -> str:
        return self.store.version

    @property
    def triple_count(self) -> int:
        return self.store.triple_count()

    @property
    def corpus(self):
        """The literature corpora in the store: ``summary``, ``network``, ``documents`` …
        (:class:`b2bkg.corpus.service.CorpusView`)."""
        from b2bkg.corpus.service import CorpusView

        return CorpusView(self.store)

    def raw(self, query: str, format: str | None = None, **params: str) -> QueryResult:
        """The serialised answer (``format``: json, xml, csv, tsv, turtle, ntriples, jsonld,
        rdfxml; default json or turtle). ``params`` bind variables (``name=value``) when
        ``query`` is the name of a named query."""
        text, bindings = self._resolve(query, params)
        return self.sparql.query(text, format=format, bindings=bindings)

    def form(self, query: str) -> str:
        """The form of ``query`` (SPARQL text or a named query's name): SELECT, ASK, CONSTRUCT, DESCRIBE."""
        from b2bkg.sparql.inspect import inspect_query

        return inspect_query(self._resolve(query, {})[0] if query in self.library else query).form

    def _resolve(self, query: str, params: dict[str, str]) -> tuple[str, tuple]:
        """The text and bindings of ``query`` (SPARQL text, or a named query bound with ``params``)."""
        if query in self.library:
            named = self.library[query]
            return named.text, named.bind(params)
        if params or _NAME.fullmatch(query):
            # a word alone is a name, never a SPARQL query: say it is not in the library
            raise NotFound(f"no named query {query!r}; the library has: {', '.join(sorted(self.library))}"
                           if self.library else f"no named query {query!r}: the query library is empty")
        return query, ()

    def query(self, query: str, **params: str) -> Table | Graph:
        """SELECT/ASK → ``Table``; CONSTRUCT/DESCRIBE → an rdflib ``Graph``.
        ``query`` is SPARQL text or the name of a named query (then ``params`` bind it).
        The query is evaluated once and its answer decoded in this process (no serialising)."""
        text, bindings = self._resolve(query, params)
        answer = self.sparql.evaluate(text, bindings=bindings)
        if answer.kind == "graph":
            return answer.graph()
        return Table.from_answer(answer)
