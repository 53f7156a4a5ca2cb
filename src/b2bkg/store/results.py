"""Serialise pyoxigraph answers into the four SPARQL result formats and four RDF formats.

Oxigraph's own writers do the work (``QuerySolutions.serialize``, ``pyoxigraph.serialize``): the
solutions stream from the engine into the writer in 8 KiB chunks, never as a list of Python rows.
The row cap is kept while they stream: ``_RowCountingWriter`` counts the rows in each chunk as it
arrives (XML ``<result>``, TSV lines: exact; JSON and CSV: an upper bound, made exact when it
passes the cap) and stops the writer as soon as the answer has more rows than the cap. Graph
answers are capped while the triples stream into the serialiser.

ASK answers are four constant documents, written here. ``reference_select`` is the writer this
module used before Oxigraph's: tests check that both give the same answer.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from b2bkg.errors import ResultTooLarge
from b2bkg.store.base import QueryResult

__all__ = ["serialize_answer", "serialize_solutions", "reference_select", "RDF_FORMATS", "TABULAR"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
TABULAR = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}

# Byte sequences that start a row, per format. JSON: a row is an object in the bindings array;
# `,{"` / `[{"` can never occur inside a JSON string (a raw '"' is escaped there), `,{}` / `[{}`
# (a row with nothing bound) can. CSV: a line break inside a quoted field is not a row.
_MARKERS = {
    "json": (b',{"', b'[{"', b",{}", b"[{}"),
    "xml": (b"<result>",),
    "tsv": (b"\n",),
    "csv": (b"\r\n",),
}
_HEADER_ROWS = {"json": 0, "xml": 0, "tsv": 1, "csv": 1}  # the header line ends with a marker
_EXACT = {"xml", "tsv"}  # markers never occur inside a value (escaped by the writer)
_STRINGS = {
    "json": re.compile(rb'"(?:[^"\\]|\\.)*"', re.S),
    "csv": re.compile(rb'"(?:[^"]|"")*"'),
}


def _too_many(what: str, max_rows: int) -> ResultTooLarge:
    return ResultTooLarge(
        f"the {what} has more than {max_rows} rows, the service's limit; add LIMIT or narrow the query"
    )


def _count_rows(data: bytes, fmt: str) -> int:
    """The exact number of rows in (a prefix of) a serialised answer."""
    if fmt not in _EXACT and (fmt == "json" or b'"' in data):
        if fmt == "json" and b",{}" not in data and b"[{}" not in data:
            return data.count(b',{"') + data.count(b'[{"')
        data = _STRINGS[fmt].sub(b"", data)
        cut = data.find(b'"')  # a string still open at the end of a prefix
        if cut >= 0:
            data = data[:cut]
        if fmt == "json":  # the strings are gone, and with them the keys' quotes
            return data.count(b",{") + data.count(b"[{")
    return sum(data.count(m) for m in _MARKERS[fmt]) - _HEADER_ROWS[fmt]


class _TooManyRows(Exception):
    pass


class _RowCountingWriter:
    """A binary file for Oxigraph's writers that keeps what it is given and stops (raises) once
    it holds more than ``max_rows`` rows."""

    def __init__(self, fmt: str, max_rows: int):
        self.fmt = fmt
        self.max_rows = max_rows
        self.parts: list[bytes] = []
        self._markers = _MARKERS[fmt]
        self._keep = max(len(m) for m in self._markers) - 1
        self._tail = b""
        self.bound = -_HEADER_ROWS[fmt]  # at least the rows written so far
        self.overflow = False

    def write(self, data) -> int:  # noqa: ANN001 - bytes or a memoryview
        chunk = bytes(data)
        self.parts.append(chunk)
        window = self._tail + chunk
        self.bound += sum(window.count(m) for m in self._markers)
        self._tail = window[len(window) - self._keep:] if self._keep else b""
        if self.bound > self.max_rows:
            if self.fmt not in _EXACT:
                self.bound = _count_rows(b"".join(self.parts), self.fmt)
            if self.bound > self.max_rows:
                self.overflow = True
                raise _TooManyRows()
        return len(chunk)

    def flush(self) -> None:
        pass

    def body(self) -> tuple[bytes, int]:
        body = b"".join(self.parts)
        rows = self.bound if self.fmt in _EXACT else _count_rows(body, self.fmt)
        return body, rows


def serialize_solutions(solutions: ox.QuerySolutions, fmt: str, max_rows: int) -> tuple[bytes, int]:
    """``solutions`` in ``fmt`` (json, xml, csv, tsv) by Oxigraph's writer, and the row count;
    ``ResultTooLarge`` as soon as there are more than ``max_rows``."""
    out = _RowCountingWriter(fmt, max_rows)
    try:
        solutions.serialize(out, format=TABULAR[fmt])
    except Exception:
        if out.overflow:
            raise _too_many("result", max_rows) from None
        raise
    return out.body()


def _ask(value: bool, fmt: str) -> bytes:
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        ).encode()
    if fmt == "csv":
        return f"_askResult\r\n{word}\r\n".encode()
    if fmt == "tsv":
        return f"?_askResult\n{word}\n".encode()
    raise ValueError(f"unknown tabular format {fmt!r}")


def _capped(items: Iterable, max_rows: int, what: str) -> Iterator:
    for n, item in enumerate(items):
        if n >= max_rows:
            raise _too_many(what, max_rows)
        yield item


def _used_prefixes(triples: list, prefixes: dict[str, str] | None) -> dict[str, str]:
    """The prefixes whose namespace occurs in ``triples`` and gives clean local names
    (a namespace whose local names contain '/' would be written with escapes)."""
    if not prefixes:
        return {}
    iris = {t.value for tr in triples for t in (tr.subject, tr.predicate, tr.object)
            if isinstance(t, ox.NamedNode)}
    out = {}
    for prefix, ns in prefixes.items():
        locals_ = [i[len(ns):] for i in iris if i.startswith(ns)]
        if locals_ and all("/" not in x and "#" not in x for x in locals_):
            out[prefix] = ns
    return out


class _Counted:
    """An iterable that counts what passes through it."""

    def __init__(self, items: Iterable):
        self.items = items
        self.n = 0

    def __iter__(self) -> Iterator:
        for item in self.items:
            self.n += 1
            yield item


def serialize_answer(
    answer,
    *,
    tabular_format: str,
    graph_format: str,
    max_rows: int,
    prefixes: dict[str, str] | None = None,
) -> QueryResult:
    """Turn what ``pyoxigraph.Store.query`` returned into a ``QueryResult``."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", tabular_format, _ask(bool(answer), tabular_format), 1)
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        body, rows = serialize_solutions(answer, tabular_format, max_rows)
        return QueryResult("select", tabular_format, body, rows, variables)
    if graph_format in ("turtle", "rdfxml") and prefixes:  # prefixes need every IRI first
        triples = list(_capped(answer, max_rows, "graph"))
        used = _used_prefixes(triples, prefixes)
        body = ox.serialize(triples, format=RDF_FORMATS[graph_format], prefixes=used or None)
        return QueryResult("graph", graph_format, body or b"", len(triples))
    counted = _Counted(_capped(answer, max_rows, "graph"))
    body = ox.serialize(counted, format=RDF_FORMATS[graph_format])
    return QueryResult("graph", graph_format, body or b"", counted.n)


# -- the writer used before Oxigraph's, kept as the tests' reference ---------------------------
def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": str(t)}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    return t.value if isinstance(t, ox.NamedNode | ox.Literal) else str(t)


def reference_select(solutions: ox.QuerySolutions, fmt: str) -> bytes:
    """``solutions`` written by this module's own (older, slower) writer."""
    variables = [v.value for v in solutions.variables]
    rows = [tuple(s[i] for i in range(len(variables))) for s in solutions]
    if fmt == "json":
        bindings = [{v: _json_term(row[i]) for i, v in enumerate(variables) if row[i] is not None}
                    for row in rows]
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>',
                 *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head><results>"]
        for row in rows:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(v)}>{_xml_term(row[i])}</binding>"
                      for i, v in enumerate(variables) if row[i] is not None]
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode()
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow([_csv_term(t) for t in row])
        return buf.getvalue().encode()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"unknown tabular format {fmt!r}")
