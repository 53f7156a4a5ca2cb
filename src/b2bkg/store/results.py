"""Serialise pyoxigraph answers into the four SPARQL result formats and four RDF formats.

Solutions are drawn one by one so the row cap stops a large answer before it is materialised.
Tabular formats are written here (SPARQL 1.1 Query Results JSON, XML, CSV, TSV); RDF formats
by Oxigraph's own serialisers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from b2bkg.errors import ResultTooLarge
from b2bkg.store.base import QueryResult

__all__ = ["serialize_answer", "RDF_FORMATS"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def _capped(items: Iterable, max_rows: int, what: str) -> list:
    out = []
    for item in items:
        if len(out) >= max_rows:
            raise ResultTooLarge(
                f"the {what} has more than {max_rows} rows, the service's limit; "
                "add LIMIT or narrow the query"
            )
        out.append(item)
    return out


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


def _tsv_term(t) -> str:
    return "" if t is None else str(t)  # pyoxigraph's str() is the N-Triples/Turtle form


def _select(variables: list[str], rows: list, fmt: str) -> bytes:
    if fmt == "json":
        bindings = []
        for row in rows:
            b = {}
            for i, v in enumerate(variables):
                t = row[i]
                if t is not None:
                    b[v] = _json_term(t)
            bindings.append(b)
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    if fmt == "xml":
        parts = [
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            "<head>",
            *(f"<variable name={quoteattr(v)}/>" for v in variables),
            "</head><results>",
        ]
        for row in rows:
            parts.append("<result>")
            for i, v in enumerate(variables):
                if row[i] is not None:
                    parts.append(f"<binding name={quoteattr(v)}>{_xml_term(row[i])}</binding>")
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
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"unknown tabular format {fmt!r}")


def _ask(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    if fmt == "csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()
    if fmt == "tsv":
        return f"?_askResult\n{'true' if value else 'false'}\n".encode()
    raise ValueError(f"unknown tabular format {fmt!r}")


def _rows(solutions: ox.QuerySolutions, variables: list[str]) -> Iterator[tuple]:
    for s in solutions:
        yield tuple(s[i] for i in range(len(variables)))


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
        variables = [v.value for v in answer.variables]
        rows = _capped(_rows(answer, variables), max_rows, "result")
        body = _select(variables, rows, tabular_format)
        return QueryResult("select", tabular_format, body, len(rows), tuple(variables))
    triples = _capped(answer, max_rows, "graph")
    used = _used_prefixes(triples, prefixes) if graph_format in ("turtle", "rdfxml") else None
    body = ox.serialize(triples, format=RDF_FORMATS[graph_format], prefixes=used or None)
    return QueryResult("graph", graph_format, body or b"", len(triples))
