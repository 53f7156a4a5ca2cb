"""The corpus documents behind a node (one item) or a link (two items) of any network.

Every network is items ``?i`` co-occurring in groups ``?g`` (``network.KINDS``), so the documents
behind its parts follow from the same patterns:

==============================  ===========================================================
network                         documents behind a node / a link
==============================  ===========================================================
co-citation, co-authorship,     the documents (groups) that have the item / both items:
keywords (author, indexed)      the records citing both works, the papers two authors wrote
                                together, the documents with both keywords
keywords / terms                the documents whose title or abstract has the term / both
                                (extracted in Python, as the network is: ``corpus.terms``)
coupling / authors, sources,    the documents of the item / the documents of either item that
countries                       share a cited reference with a document of the other
coupling / documents,           the document itself / the two documents
direct-citation / documents
==============================  ===========================================================

Each pattern is instantiated once per item with the item written in as a constant (an IRI, or
a literal for author keys, keywords and countries), so the engine starts from it; a link joins
two instances on their shared group. The answer is each document's title, year and source,
oldest first, at most ``limit`` of them with the total.
"""

from __future__ import annotations

import re

from b2bkg.corpus.network import item_pattern
from b2bkg.corpus.sparql import corpus_scope, iri_values, select
from b2bkg.errors import BadRequest

__all__ = ["IRI_ITEM", "behind", "item_is_iri"]

#: An item that is an IRI: an ASCII host, a path of URI characters and well-formed percent
#: escapes (work IRIs are percent-encoded, b2bkg.works), nothing the SPARQL IRI parser refuses.
IRI_ITEM = r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/([A-Za-z0-9._~:/?@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*)?$"
MAX_ITEM = 500
_SELF = {("coupling", "documents"), ("direct-citation", "documents")}
#: units whose items are IRIs (works, documents, venues); the others are literal keys
_IRI_UNITS = {("co-citation", "references"), ("co-citation", "sources"), ("coupling", "sources"), *_SELF}
_VARS = re.compile(r"\?(c|i|k|w|x)\b")
_BIND_ITEM = re.compile(r"BIND\((.+?) AS \?i\)")


def item_is_iri(kind: str, unit: str) -> bool:
    return (kind, unit) in _IRI_UNITS


def _constant(kind: str, unit: str, item: str) -> str:
    if item_is_iri(kind, unit):
        if not re.fullmatch(IRI_ITEM, item):
            raise BadRequest(f"the items of {kind} / {unit} are IRIs; {item[:80]!r} is not one")
        return f"<{item}>"
    if not item or len(item) > MAX_ITEM or any(ord(ch) < 32 for ch in item):
        raise BadRequest(f"an item of {kind} / {unit} is a non-empty text of at most {MAX_ITEM} characters "
                         "without control characters")
    return '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _instance(pattern: str, constant: str, n: int) -> str:
    """``pattern`` with the item fixed to ``constant`` and its own variables (but ``?g``)
    renamed apart with the suffix ``n``."""
    fixed = _BIND_ITEM.sub(lambda m: f"FILTER(({m.group(1)}) = {constant})", pattern)
    fixed = re.sub(r"\?i\b", constant, fixed)
    return _VARS.sub(lambda m: f"?{m.group(1)}{n}", fixed)


def _documents(store, kind: str, unit: str, items: list[str], corpus: str | None, thesaurus) -> set[str]:
    if (kind, unit) in _SELF:
        for item in items:
            _constant(kind, unit, item)
        return set(items)
    pattern = item_pattern(kind, unit, corpus)
    if (kind, unit) == ("keywords", "terms"):
        from b2bkg.corpus.terms import term_documents

        found = term_documents(store, pattern, items, thesaurus)
        docs = [set(found.get(item, ())) for item in items]
        return set.intersection(*docs)
    constants = [_constant(kind, unit, item) for item in items]
    body = " ".join(_instance(pattern, c, n) for n, c in enumerate(constants, 1))
    if kind == "coupling":  # the citing documents ?x of each end, joined on a shared reference ?g
        names = " ".join(f"?x{n}" for n in range(1, len(items) + 1))
        rows = select(store, f"SELECT DISTINCT {names} WHERE {{ {body} }}")
        return {r[f"x{n}"] for r in rows for n in range(1, len(items) + 1)}
    return {r["g"] for r in select(store, f"SELECT DISTINCT ?g WHERE {{ {body} }}")}


def behind(store, kind: str, unit: str, items: list[str], *, corpus: str | None = None,
           thesaurus: dict[str, str] | None = None, limit: int = 500) -> dict:
    """``{"documents": [{iri, title, year, source}…], "total": n}``: the corpus documents behind
    the node ``items == [a]`` or the link ``items == [a, b]`` of network ``kind`` / ``unit``."""
    if not 1 <= len(items) <= 2:
        raise BadRequest("give one item (a node) or two (the two ends of a link)")
    item_pattern(kind, unit, corpus)  # an unknown kind or unit is a 400 naming the known ones
    docs = sorted(_documents(store, kind, unit, items, corpus, thesaurus))
    if not docs:
        return {"documents": [], "total": 0}
    scope = corpus_scope(corpus)
    rows = select(store, f"""SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?s) AS ?source)
        WHERE {{ {iri_values("d", docs)} {scope} ?c prov:hadMember ?d . OPTIONAL {{ ?d dcterms:title ?t }}
        OPTIONAL {{ ?d fabio:hasPublicationYear ?y }}
        OPTIONAL {{ ?d dcterms:isPartOf ?v . ?v dcterms:title ?s }} }} GROUP BY ?d""")
    out = [{"iri": r["d"], "title": r["title"], "year": int(str(r["year"])[:4]) if r["year"] else None,
            "source": r["source"]} for r in rows]
    out.sort(key=lambda d: (d["year"] is None, d["year"] or 0, d["iri"]))
    return {"documents": out[:limit], "total": len(out)}
