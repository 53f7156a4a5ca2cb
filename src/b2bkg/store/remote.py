"""The ``remote`` backend: any SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB, …).

Queries go out through the SPARQL 1.1 Protocol (POST, form-encoded); answers come back as
SPARQL JSON (SELECT/ASK) or N-Triples (CONSTRUCT/DESCRIBE) and are re-serialised by the same
code as the local backends (``b2bkg.store.results``), so every backend gives byte-identical
answers in every format. ``push_dataset`` loads the dataset's named graphs with the Graph Store
HTTP Protocol (``b2bkg load --store remote``).

Before anything is sent, each query is parsed locally by Oxigraph (against an empty store; in
the service that happens in a worker process, after the protocol layer has bounded the query's
nesting depth, so a parser crash can only end a worker):
updates, Virtuoso pragmas (``DEFINE get:soft`` and friends, which make Virtuoso fetch URLs) and
other non-standard syntax never reach the server, and syntax errors carry the same line and
column as on the local backends. A query naming ``SERVICE`` or ``LOAD`` is refused here too,
behind the protocol layer's own refusal. The only address ever contacted is the configured
endpoint. The default graph is the union of the dataset's named graphs, sent explicitly as
``default-graph-uri`` (a server's own default graph may hold other data); ``GRAPH ?g`` ranges
over the dataset's graphs only. Timeouts: the client stops waiting at the deadline, and the
server is asked to stop too (``timeout`` in milliseconds; Virtuoso's "anytime" partial answers
are recognised by their ``X-SQL-State: S1TAT`` header and reported as a timeout, never served).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox
import requests
from requests.auth import HTTPDigestAuth

from b2bkg import progress
from b2bkg.errors import AnswerCut, BadGateway, BadRequest, Forbidden, QueryTimeout, ServiceBusy, SourceError
from b2bkg.store.base import QueryRequest, QueryResult, Store, Term

if TYPE_CHECKING:
    from b2bkg.store.decode import Answer
from b2bkg.store.memory import file_version, syntax_message, to_ox_term
from b2bkg.store.results import serialize_answer
from b2bkg.vocab import GRAPH

T = TypeVar("T")

__all__ = ["RemoteStore", "push_dataset", "VERSION_GRAPH", "inject_bindings", "redact_url"]

log = logging.getLogger(__name__)

#: The graph that records which dataset version was pushed (not one of the dataset's graphs).
VERSION_GRAPH = "urn:b2bkg:dataset-version"
CORPUS_GRAPH_PREFIX = "https://w3id.org/b2bkg/graph/corpus/"
_VERSION_SUBJECT = "urn:b2bkg:dataset"
_OWL_VERSION = "http://www.w3.org/2002/07/owl#versionInfo"
_HAS_GRAPH = "http://rdfs.org/ns/void#subset"  # VERSION_GRAPH lists the graphs pushed with it
#: graphs of the single-paper layout, removed from an endpoint when a newer dataset is pushed
_OLD_GRAPHS = (str(GRAPH["assertions"]), str(GRAPH["evidence"]))
_JSON = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
# A graph no dataset holds: how an empty default graph or empty set of named graphs is named
EMPTY_GRAPH = "urn:x-b2bkg:empty-graph"
_CHUNK = 1 << 16

# Terminals that may contain braces or keywords without being syntax (SPARQL grammar, simplified).
_LEXEME = re.compile(
    r"""(?P<skip>\#[^\r\n]*|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<open>\{)|(?P<close>\})|(?P<word>(?:[A-Za-z_][\w\-.]*)?:(?:[\w\-.:%]|\\.)*|[A-Za-z_][\w-]*)""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w\-.]*)?:\s*<([^>]*)>", re.I)
_LOCAL_ESCAPE = re.compile(r"\\(.)")


_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@")


def redact_url(url: str) -> str:
    """``url`` without its credentials: ``http://user:secret@host/x`` -> ``http://***@host/x``."""
    return _USERINFO.sub(r"\1***@", url or "")


def _words(text: str) -> Iterator[re.Match]:
    for m in _LEXEME.finditer(text):
        if m.lastgroup != "skip":
            yield m


def remote_keyword(text: str) -> str | None:
    """SERVICE or LOAD if the query uses it as a keyword (or as a prefix: ``SERVICE:x``)."""
    decoded = _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)
    for m in _words(decoded):
        if m.lastgroup == "word":
            word = m.group().split(":", 1)[0].upper()
            if word in ("SERVICE", "LOAD"):
                return word
    return None


def strip_dataset_clauses(query: str) -> str:
    """The query without its FROM / FROM NAMED clauses: a dataset given by the protocol
    overrides them (SPARQL 1.1 Protocol §2.1.4), which some servers (Virtuoso) do not do.

    >>> strip_dataset_clauses("SELECT * FROM <a> FROM NAMED <b> WHERE { ?s ?p '<FROM>' }")
    "SELECT *   WHERE { ?s ?p '<FROM>' }"
    """
    tokens = [m for m in _LEXEME.finditer(query) if not m.group().startswith("#")]
    out, last, i = [], 0, 0
    while i < len(tokens):
        m = tokens[i]
        if m.lastgroup == "word" and m.group().upper() == "FROM":
            j = i + 1
            if j < len(tokens) and tokens[j].group().upper() == "NAMED":
                j += 1
            if j < len(tokens):
                out.append(query[last:m.start()])
                last = tokens[j].end()
                i = j + 1
                continue
        i += 1
    return "".join(out) + query[last:]


def expand_escaped_names(query: str, prefixes: dict[str, str]) -> str:
    """Prefixed names with backslash escapes (``kg:mechanism\\/cost-reduction``) written as full
    IRIs: valid SPARQL 1.1 that some servers (Virtuoso 7) do not parse."""
    if "\\" not in query:
        return query
    known = dict(prefixes)
    known.update((m[1] or "", m[2]) for m in _PREFIX_DECL.finditer(query))
    out, last = [], 0
    for m in _words(query):
        token = m.group()
        if m.lastgroup != "word" or ":" not in token or "\\" not in token:
            continue
        name = token.rstrip(".")
        prefix, local = name.split(":", 1)
        if prefix not in known:
            continue  # the parser already accepted it, so this does not happen; leave it be
        out += [query[last:m.start()], "<", known[prefix], _LOCAL_ESCAPE.sub(r"\1", local), ">"]
        last = m.start() + len(name)
    return "".join(out) + query[last:]


def _term_text(term: Term) -> str:
    return str(to_ox_term(term))  # pyoxigraph's str() is the N-Triples form


def inject_bindings(query: str, bindings: Iterable[tuple[str, Term]]) -> str:
    """``query`` with ``VALUES ?name { term }`` opening its WHERE group (a CONSTRUCT's template
    is skipped): the remote equivalent of Oxigraph's substitutions, with terms, never text."""
    bindings = tuple(bindings)
    if not bindings:
        return query
    values = " ".join(f"VALUES ?{name} {{ {_term_text(term)} }}" for name, term in bindings)
    depth, groups, construct_template = 0, 0, False
    for m in _words(query):
        kind = m.lastgroup
        if kind == "word" and depth == 0 and groups == 0 and m.group().upper() == "CONSTRUCT":
            construct_template = True
        elif kind == "word" and depth == 0 and m.group().upper() == "WHERE" and construct_template:
            construct_template = False
            groups = 1  # the template is behind us; the next group is the pattern
        elif kind == "open":
            if depth == 0 and (groups == 1 or not construct_template):
                return f"{query[: m.end()]} {values}{query[m.end():]}"
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0 and construct_template:
                groups = 1
                construct_template = False
    raise BadRequest("cannot bind parameters: the query has no WHERE group")


class RemoteStore(Store):
    """The dataset's named graphs on a SPARQL 1.1 endpoint at ``endpoint``.

    ``user``/``password`` authenticate with HTTP digest auth (Virtuoso's ``/sparql-auth``);
    read-only queries need none on most servers. ``graphs`` are the dataset's graph IRIs.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        user: str = "",
        password: str = "",
        graphs: Iterable[str] | None = None,
        connect_timeout: float = 10.0,
        server_timeout: bool = True,
    ):
        if not re.match(r"^https?://[^/\s]+", endpoint or ""):
            raise BadRequest(f"the remote store needs an http(s) endpoint URL, got {endpoint!r}")
        self.endpoint = endpoint
        self.public_endpoint = redact_url(endpoint)  # the only form that is ever logged or shown
        self._auth = HTTPDigestAuth(user, password) if user else None
        # None: every graph of the endpoint under the dataset's graph/ namespace
        self._dataset_graphs = tuple(str(g) for g in graphs) if graphs is not None else None
        self._connect_timeout = connect_timeout
        self._server_timeout = server_timeout
        self._parser = ox.Store()  # always empty: parses (and so vets) queries locally
        self.requests_sent = 0
        self._counts = self._count_graphs()
        self._version = self._read_version()

    # -- what the endpoint holds ---------------------------------------------------------------
    def _select(self, query: str, *, named: Iterable[str] = (), timeout: float = 60.0) -> list[dict]:
        body, _ = self._post(query, (), tuple(named), timeout)
        doc = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        variables = [v.value for v in doc.variables]
        return [{v: s[v] for v in variables} for s in doc]

    def _count_graphs(self) -> dict[str, int]:
        if self._dataset_graphs is None:
            rows = self._select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }} GROUP BY ?g'
            )
        else:
            rows = self._select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                named=self._dataset_graphs,
            )
        counts = {r["g"].value: int(r["n"].value) for r in rows if r["g"] is not None and int(r["n"].value)}
        if self._dataset_graphs is None:  # discovered: every graph under graph/ (corpora included)
            self._dataset_graphs = tuple(sorted(counts))
        else:
            # the literature corpora (`b2bkg corpus import`, one graph each) are part of the dataset too
            corpora = self._select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER(STRSTARTS(STR(?g), \"{CORPUS_GRAPH_PREFIX}\")) }} GROUP BY ?g"
            )
            counts.update({r["g"].value: int(r["n"].value) for r in corpora
                           if r["g"] is not None and int(r["n"].value)})
        if not counts:
            raise SourceError(
                f"the endpoint {self.public_endpoint} holds none of the dataset's graphs; "
                "push them with `b2bkg load --store remote`"
            )
        return dict(sorted(counts.items()))

    def _read_version(self) -> str:
        rows = self._select(
            f"SELECT ?v WHERE {{ GRAPH <{VERSION_GRAPH}> {{ <{_VERSION_SUBJECT}> <{_OWL_VERSION}> ?v }} }}",
            named=(VERSION_GRAPH,),
        )
        if rows and rows[0]["v"] is not None:
            return rows[0]["v"].value
        # graphs loaded by other means: a version from what is there
        return hashlib.sha256(repr(sorted(self._counts.items())).encode()).hexdigest()[:16]

    @property
    def version(self) -> str:
        return self._version

    def triple_count(self) -> int:
        return sum(self._counts.values())

    def graph_counts(self) -> dict[str, int]:
        return dict(self._counts)

    # -- queries -------------------------------------------------------------------------------
    def _vet(self, request: QueryRequest) -> str:
        """Parse locally; refuse what must never be sent (raises before any network use).
        Returns the answer's kind: "select", "ask" or "graph"."""
        word = remote_keyword(request.query)
        if word:
            raise Forbidden(f"{word} is not allowed: the remote store sends only self-contained queries")
        kwargs: dict = {"use_default_graph_as_union": True}
        if request.prefixes:
            kwargs["prefixes"] = dict(request.prefixes)
        if request.bindings:
            kwargs["substitutions"] = {ox.Variable(n): to_ox_term(t) for n, t in request.bindings}
        try:
            answer = self._parser.query(request.query, **kwargs)
        except SyntaxError as exc:
            raise BadRequest(f"malformed SPARQL query: {syntax_message(exc)}") from exc
        except RuntimeError as exc:
            if "variable" in str(exc):
                raise BadRequest("cannot bind a variable: a bound variable must be in the SELECT projection") from exc
            raise BadRequest("the query could not be prepared") from exc
        except OSError:
            return "select"  # an evaluation error against the empty store: the syntax is fine
        if isinstance(answer, ox.QueryBoolean):
            return "ask"
        return "select" if isinstance(answer, ox.QuerySolutions) else "graph"

    def _text(self, request: QueryRequest) -> str:
        query = expand_escaped_names(request.query, dict(request.prefixes))
        if request.exact_dataset:
            query = strip_dataset_clauses(query)
        query = inject_bindings(query, request.bindings)
        if request.prefixes:
            declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in request.prefixes)
            # BASE must come first; predeclared prefixes follow it, the query's own override them
            m = re.match(r"(\s*BASE\s*<[^>]*>)", query, re.I)
            query = f"{m[1]}\n{declared}{query[m.end():]}" if m else declared + query
        return query

    def _graphs(self, request: QueryRequest) -> tuple[tuple[str, ...], tuple[str, ...]]:
        default = request.default_graphs
        named = request.named_graphs
        if request.exact_dataset:  # empty means empty: name a graph that holds nothing
            return default or (EMPTY_GRAPH,), named or (EMPTY_GRAPH,)
        if request.union_default:  # no FROM in the query: the dataset's graphs, explicitly
            default = default or tuple(self._counts)
            named = named or tuple(self._counts)
        return default, named

    def _post(
        self, query: str, default: tuple[str, ...], named: tuple[str, ...], timeout: float | None,
        accept: str = _JSON,
    ) -> tuple[bytes, str]:
        data: list[tuple[str, str]] = [("query", query)]
        data += [("default-graph-uri", g) for g in default]
        data += [("named-graph-uri", g) for g in named]
        if timeout and self._server_timeout:
            data.append(("timeout", str(max(1, int(timeout * 1000)))))
        deadline = None if timeout is None else time.monotonic() + timeout
        self.requests_sent += 1
        try:
            with requests.post(
                self.endpoint,
                data=data,
                headers={"Accept": accept},
                auth=self._auth,
                timeout=(self._connect_timeout, timeout),
                stream=True,
                allow_redirects=False,
            ) as r:
                if r.headers.get("X-SQL-State") == "S1TAT":
                    raise self._timeout(timeout)
                if r.status_code != 200:
                    text = r.text[:500]
                    log.warning("remote endpoint %s answered %s: %s", self.public_endpoint, r.status_code, text)
                    if r.status_code in (400, 500) and "timeout" in text.lower():
                        raise self._timeout(timeout)
                    if r.status_code in (401, 403, 407):
                        raise BadGateway(
                            f"the remote store refused this service's credentials (status {r.status_code}); "
                            "its operator must check --remote-user and --remote-password"
                        )
                    if r.status_code >= 500 or r.status_code in (404, 405):
                        raise BadGateway(f"the remote store failed on the query (status {r.status_code})")
                    raise BadRequest(
                        f"the remote SPARQL endpoint could not evaluate the query (status {r.status_code})"
                    )
                cut = r.headers.get("X-SPARQL-MaxRows")
                if cut is not None:
                    raise AnswerCut(int(cut) if cut.strip().isdigit() else 0)
                chunks = []
                for chunk in r.iter_content(_CHUNK):
                    chunks.append(chunk)
                    if deadline is not None and time.monotonic() > deadline:
                        raise self._timeout(timeout)
                return b"".join(chunks), r.headers.get("Content-Type", "")
        except requests.Timeout as exc:
            raise self._timeout(timeout) from exc
        except requests.RequestException as exc:
            log.warning("remote endpoint %s cannot be reached: %s", self.public_endpoint, type(exc).__name__)
            raise ServiceBusy("the remote store cannot be reached; try again later", retry_after=5) from None

    @staticmethod
    def _timeout(timeout: float | None) -> QueryTimeout:
        return QueryTimeout(
            f"the query ran longer than the {timeout or 0:g} s limit and was stopped; narrow it or add LIMIT"
        )

    def query(self, request: QueryRequest, timeout: float | None = None) -> QueryResult:
        return self._run(request, timeout, lambda answer: serialize_answer(
            answer,
            tabular_format=request.tabular_format,
            graph_format=request.graph_format,
            max_rows=request.max_rows,
            prefixes=dict(request.prefixes) or None,
        ))

    def evaluate(self, request: QueryRequest, timeout: float | None = None) -> Answer:
        """The decoded answer, converted from the parsed response without re-serialising."""
        from b2bkg.store.decode import from_oxigraph  # rdflib terms: only callers in this process
        return self._run(request, timeout, lambda answer: from_oxigraph(answer, request.max_rows))

    def _run(self, request: QueryRequest, timeout: float | None, finish: Callable[[Any], T]) -> T:
        kind = self._vet(request)
        default, named = self._graphs(request)
        accept = _GRAPH_ACCEPT if kind == "graph" else _JSON
        body, content_type = self._post(self._text(request), default, named, timeout, accept)
        media = content_type.split(";")[0].strip().lower()
        try:
            if media in (_JSON, "application/json"):
                answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            else:
                fmt = ox.RdfFormat.N_TRIPLES if media in ("application/n-triples", "text/plain") else (
                    ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE)
                # a graph has no order; sorted, the same answer gives the same bytes
                answer = sorted((ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)),
                                key=str)
            return finish(answer)
        except (SyntaxError, ValueError) as exc:
            log.warning("unreadable answer from %s (%s): %s", self.public_endpoint, media, exc)
            raise BadGateway("the remote SPARQL endpoint sent an answer that cannot be read") from exc


# -- loading: the Graph Store HTTP Protocol ------------------------------------------------------
def _pushed_before(session: requests.Session, gsp_endpoint: str, auth, timeout: float) -> list[str]:
    """The graphs the previous push recorded in ``VERSION_GRAPH`` (none when there is none)."""
    try:
        r = session.get(gsp_endpoint, params={"graph-uri": VERSION_GRAPH}, auth=auth, timeout=timeout,
                        headers={"Accept": "application/n-triples"})
    except requests.RequestException:
        return []
    if r.status_code != 200:
        return []
    try:
        quads = ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)
        return sorted(q.object.value for q in quads
                      if q.predicate.value == _HAS_GRAPH and isinstance(q.object, ox.NamedNode))
    except (SyntaxError, ValueError):
        return []


def _graph_chunks(dataset: Path, chunk: int) -> Iterator[tuple[str, list]]:
    fmt = ox.RdfFormat.TRIG if dataset.suffix == ".trig" else ox.RdfFormat.N_QUADS
    current: str | None = None
    batch: list = []
    for q in ox.parse(path=str(dataset), format=fmt):
        if not isinstance(q.graph_name, ox.NamedNode):
            raise SourceError(f"{dataset}: every quad must be in a named graph ({q} is not)")
        g = q.graph_name.value
        if (g != current and batch) or len(batch) >= chunk:
            yield current, batch
            batch = []
        current = g
        batch.append(ox.Triple(q.subject, q.predicate, q.object))
    if batch:
        yield current, batch


def push_dataset(
    dataset: str | Path,
    gsp_endpoint: str,
    *,
    user: str = "",
    password: str = "",
    graphs: Iterable[str] | None = None,
    chunk: int = 100_000,
    timeout: float = 600.0,
) -> dict:
    """Replace the dataset's named graphs at ``gsp_endpoint`` with those of ``dataset``.

    The first chunk of a graph is PUT (replacing it), later chunks POSTed (appended); dataset
    graphs absent from the file are deleted (``graphs``, by default those the last push recorded
    in ``VERSION_GRAPH``); the version and the graph list are recorded in ``VERSION_GRAPH``.
    Returns ``version``, ``graphs`` (IRI -> triples sent), ``requests``.
    """
    dataset = Path(dataset)
    if not dataset.is_file():
        raise SourceError(f"dataset file not found: {dataset}")
    auth = HTTPDigestAuth(user, password) if user else None
    session = requests.Session()
    sent: dict[str, int] = {}
    calls = 0

    def send(method: str, graph: str, body: bytes | None) -> None:
        nonlocal calls
        calls += 1
        try:
            r = session.request(
                method, gsp_endpoint, params={"graph-uri": graph}, data=body, auth=auth, timeout=timeout,
                headers={"Content-Type": "application/n-triples"} if body is not None else {},
            )
        except requests.RequestException as exc:
            raise SourceError(f"cannot reach the Graph Store endpoint {redact_url(gsp_endpoint)}: "
                              f"{type(exc).__name__}") from None
        if r.status_code in (401, 403):
            raise SourceError(f"the Graph Store endpoint refused {method} <{graph}> ({r.status_code}): "
                              "check --user and --password")
        if r.status_code >= 300 and not (method == "DELETE" and r.status_code == 404):
            raise SourceError(f"{method} <{graph}> at {redact_url(gsp_endpoint)} failed ({r.status_code}): "
                              f"{r.text[:300]}")

    version = file_version(dataset)
    if graphs is None:
        graphs = [*_pushed_before(session, gsp_endpoint, auth, timeout), *_OLD_GRAPHS]
    with progress.task(f"push {dataset.name}", unit="triple") as bar:
        for graph, batch in _graph_chunks(dataset, chunk):
            body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
            send("POST" if graph in sent else "PUT", graph, body)
            sent[graph] = sent.get(graph, 0) + len(batch)
            bar.advance(len(batch))
    for graph in dict.fromkeys(str(g) for g in graphs):
        if graph not in sent:
            send("DELETE", graph, None)
    stamp = f'<{_VERSION_SUBJECT}> <{_OWL_VERSION}> "{version}" .\n'
    stamp += "".join(f"<{_VERSION_SUBJECT}> <{_HAS_GRAPH}> <{g}> .\n" for g in sorted(sent))
    stamp = stamp.encode()
    send("PUT", VERSION_GRAPH, stamp)
    return {"version": version, "graphs": dict(sorted(sent.items())), "requests": calls}
