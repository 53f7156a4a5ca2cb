"""As-you-type search over the entities' labels and alternative labels, in Chinese or English.

Matching is a case-insensitive substring test (NFKC-normalised, so full-width and half-width
forms match). Ranking: an exact match before a prefix match before a match at a word start
before any other substring; a preferred label before an alternative label; then the shorter
matched text; then the IRI, so the order is stable.
"""

from __future__ import annotations

import unicodedata

from b2bkg.errors import BadRequest
from b2bkg.explore.groups import group_of
from b2bkg.explore.index import Index

__all__ = ["search", "MAX_QUERY_LENGTH", "MAX_LIMIT"]

MAX_QUERY_LENGTH = 200
MAX_LIMIT = 100


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _rank(needle: str, text: str) -> int | None:
    hay = _norm(text)
    pos = hay.find(needle)
    if pos < 0:
        return None
    if hay == needle:
        return 0
    if pos == 0:
        return 1
    if not hay[pos - 1].isalnum() or ord(hay[pos - 1]) > 0x2E80:  # a word start, or any CJK position
        return 2 if ord(hay[pos - 1]) < 0x2E80 else 3
    return 3


def search(index: Index, q: str, limit: int = 20) -> dict:
    """Entities whose label or alternative label contains ``q``, best first.

    >>> from b2bkg.explore.index import Entity, Index
    >>> ix = Index({"x": Entity("x", "Credit enhancement", "信用增进", (), (), (), "")})
    >>> [h["iri"] for h in search(ix, "信用")["results"]]
    ['x']
    """
    needle = _norm(q or "")
    if not needle:
        raise BadRequest("parameter 'q' is required: a word of a label, in Chinese or English")
    if len(needle) > MAX_QUERY_LENGTH:
        raise BadRequest(f"parameter 'q' is {len(needle)} characters long; at most {MAX_QUERY_LENGTH}")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"parameter 'limit' must be between 1 and {MAX_LIMIT} (got {limit})")
    hits = []
    for e in index.entities.values():
        best = None
        for kind, lang, text in (("label", "en", e.label_en), ("label", "zh", e.label_zh),
                                 *(("alt", lg, t) for lg, t in e.alt)):
            r = _rank(needle, text)
            if r is None:
                continue
            key = (r, kind != "label", len(text))
            if best is None or key < best[0]:
                best = (key, kind, lang, text)
        if best is not None:
            hits.append((best[0], e.iri, best[1:], e))
    hits.sort(key=lambda h: (h[0], h[1]))
    results = []
    for (rank, _, _), _, (kind, lang, text), e in hits[:limit]:
        results.append({**e.brief(), "group": group_of(e).key, "matched": text, "matched_in": kind,
                        "matched_lang": lang, "rank": rank})
    return {"q": q, "count": len(hits), "results": results}
