"""Content negotiation as lookup tables plus one pure Accept parser.

Each table maps a format key to its media type; ``ALIASES`` maps other media types clients
send to a key. ``negotiate(accept, table)`` returns the best key or None (→ 406).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "TABULAR",
    "GRAPH",
    "HTML",
    "ALIASES",
    "MediaRange",
    "parse_accept",
    "negotiate",
    "format_from_param",
    "media_type",
]

# Order matters: the first entry is the default for */* (and type/*).
TABULAR = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
HTML = {"html": "text/html"}

ALIASES = {
    "application/json": ("json", "jsonld"),
    "application/xml": ("xml", "rdfxml"),
    "text/xml": ("xml", "rdfxml"),
    "application/x-turtle": ("turtle",),
    "text/plain": ("ntriples",),
    "application/xhtml+xml": ("html",),
}

# What ``format=`` accepts besides the keys: common short names.
_FORMAT_NAMES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
    "rdf+xml": "rdfxml",
    "srj": "json",
    "srx": "xml",
}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """Media ranges of an Accept header, best first (by q, then specificity, then order).

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/*;q=0.5, text/csv")]
    [('text', 'csv', 1.0), ('text', '*', 0.5)]
    """
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if not mt:
            continue
        if mt == "*":
            mt = "*/*"
        if "/" not in mt:
            continue
        t, s = mt.split("/", 1)
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(v)))
                except ValueError:
                    q = 0.0
        ranges.append((MediaRange(t, s, q), i))
    ranges.sort(key=lambda r: (-r[0].q, -r[0].specificity, r[1]))
    return [r for r, _ in ranges]


def _matches(r: MediaRange, mt: str) -> bool:
    t, s = mt.split("/", 1)
    return (r.type in ("*", t)) and (r.subtype in ("*", s))


def negotiate(accept: str | None, table: dict[str, str]) -> str | None:
    """The key of ``table`` the client prefers, or None when it accepts none of them."""
    ranges = parse_accept(accept)
    refused = {k for r in ranges if r.q == 0 for k, mt in table.items() if _exact(r, mt)}
    for r in ranges:
        if r.q == 0:
            continue
        for key, mt in table.items():
            if key not in refused and _matches(r, mt):
                return key
        for key in ALIASES.get(f"{r.type}/{r.subtype}", ()):
            if key in table and key not in refused:
                return key
    return None


def _exact(r: MediaRange, mt: str) -> bool:
    return f"{r.type}/{r.subtype}" == mt


# ``format=`` names that mean a graph format when the answer is a graph (as Virtuoso, Fuseki
# and SPARQLWrapper, which sends format=xml / n3 / json for CONSTRUCT and DESCRIBE, read them).
_GRAPH_FORMAT_NAMES = {
    "xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
    "n3": "turtle",
    "text/n3": "turtle",
    "text/rdf+n3": "turtle",
    "application/n3": "turtle",
    "json": "jsonld",
    "application/json": "jsonld",
}


def format_from_param(value: str, table: dict[str, str]) -> str | None:
    """``format=`` as a key, a short name or a media type; None if not in ``table``.

    >>> format_from_param("xml", GRAPH), format_from_param("xml", TABULAR)
    ('rdfxml', 'xml')
    """
    v = value.strip().lower()
    if table is GRAPH:
        v = _GRAPH_FORMAT_NAMES.get(v, v)
    v = _FORMAT_NAMES.get(v, v)
    if v in table:
        return v
    for key, mt in table.items():
        if mt == v:
            return key
    for key in ALIASES.get(v, ()):
        if key in table:
            return key
    return None


def media_type(key: str) -> str:
    """The media type (with charset for text types) to send for a format key."""
    for table in (TABULAR, GRAPH, HTML):
        if key in table:
            mt = table[key]
            return mt + "; charset=utf-8"
    raise KeyError(key)
