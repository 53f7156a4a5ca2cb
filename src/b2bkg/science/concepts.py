"""What the concept tags add up to: concept co-occurrence (two notions tagged in one record),
concepts by year, the "related literature" of a curated paper (the records that discuss the
notions its statements name, the shared notions listed), and the tags as W3C Web Annotations.

Each tag becomes an ``oa:Annotation`` motivated by ``oa:tagging`` whose body is the entity and
whose target is a ``oa:SpecificResource`` on ``<work>#<field>`` (the record's title, abstract or
keyword, ``dcterms:isPartOf`` the work) with a ``TextQuoteSelector`` (exact, prefix, suffix) and
a ``TextPositionSelector``, as the paper's own evidence is.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from b2bkg.science.tagging import Tag

__all__ = ["cooccurrence", "by_year", "related_literature", "annotations"]

OA = Namespace("http://www.w3.org/ns/oa#")
TAG_BASE = "https://w3id.org/b2bkg/id/tag/"


def _per_work(tags: Iterable[Tag]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in tags:
        out.setdefault(t.work, set()).add(t.entity)
    return out


def cooccurrence(tags: Iterable[Tag]) -> list[dict]:
    """``{source, target, weight}``: the records in which both notions are tagged."""
    pairs = Counter(p for ents in _per_work(tags).values() for p in itertools.combinations(sorted(ents), 2))
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"source": a, "target": b, "weight": n} for (a, b), n in ranked]


def by_year(tags: Iterable[Tag], years: Mapping[str, int | None]) -> dict[str, dict[int, int]]:
    """Notion -> {year: records tagged with it that year}."""
    out: dict[str, Counter] = {}
    for work, ents in _per_work(tags).items():
        y = years.get(work)
        if y is None:
            continue
        for e in ents:
            out.setdefault(e, Counter())[y] += 1
    return {e: dict(sorted(c.items())) for e, c in sorted(out.items())}


def related_literature(tags: Iterable[Tag], paper_notions: set[str], *, exclude: Iterable[str] = (),
                       labels: Mapping[str, str] | None = None) -> list[dict]:
    """Records sharing notions with a paper (``paper_notions``), most shared first:
    ``{work, shared: [{entity, label}], count}``."""
    skip = set(exclude)
    rows = []
    for work, ents in _per_work(tags).items():
        shared = sorted(ents & paper_notions)
        if shared and work not in skip:
            rows.append({"work": work, "count": len(shared),
                         "shared": [{"entity": e, "label": (labels or {}).get(e, e)} for e in shared]})
    return sorted(rows, key=lambda r: (-r["count"], r["work"]))


def annotations(tags: Iterable[Tag]) -> Graph:
    """The tags as Web Annotations (one graph; the caller names it)."""
    g = Graph()
    g.bind("oa", OA)
    g.bind("dcterms", DCTERMS)
    for t in tags:
        digest = hashlib.sha1(f"{t.work}|{t.field}|{t.start}|{t.end}|{t.entity}".encode()).hexdigest()[:16]
        ann = URIRef(TAG_BASE + digest)
        target, quote, pos = URIRef(f"{ann}/target"), URIRef(f"{ann}/target/quote"), URIRef(f"{ann}/target/position")
        source = URIRef(f"{t.work}#{t.field}")
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.motivatedBy, OA.tagging))
        g.add((ann, OA.hasBody, URIRef(t.entity)))
        g.add((ann, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, source))
        g.add((source, DCTERMS.isPartOf, URIRef(t.work)))
        g.add((target, OA.hasSelector, quote))
        g.add((target, OA.hasSelector, pos))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(t.exact)))
        g.add((quote, OA.prefix, Literal(t.prefix)))
        g.add((quote, OA.suffix, Literal(t.suffix)))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(t.start, datatype=XSD.nonNegativeInteger)))
        g.add((pos, OA.end, Literal(t.end, datatype=XSD.nonNegativeInteger)))
    return g
