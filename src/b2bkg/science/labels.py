"""Cluster labels from the citing documents' words, as CiteSpace draws them: the terms of the
titles, keywords and abstracts of the documents that cite a cluster's members, ranked by
log-likelihood ratio and by TF-IDF.

Terms: the author and indexed keywords whole (casefolded), and from titles and abstracts the
word unigrams and bigrams that neither start nor end with a stop word nor contain a number
(Latin script; CJK text is taken only through its keywords, it is not segmented here).
A document's term set counts once per document (document frequency).

- **LLR** (Dunning 1993), per cluster ``c`` and term ``t``, over documents: the 2×2 table of
  (cites ``c`` or not) × (has ``t`` or not), ``G² = 2 Σ O ln(O / E)``; only terms more frequent in
  ``c``'s documents than outside score.
- **TF-IDF**: ``tf`` the number of ``c``'s documents with the term, ``idf = ln(N / df)`` over all
  ``N`` citing documents.

>>> docs = {"d1": ["credit enhancement for platforms"], "d2": ["credit enhancement of SMEs"],
...         "d3": ["image sensors"], "d4": ["image sensors in optics"]}
>>> top = labels({0: ["d1", "d2"], 1: ["d3", "d4"]}, docs, top=1)
>>> top[0][0].term, top[1][0].term
('credit enhancement', 'image sensors')
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

__all__ = ["STOPWORDS", "Label", "terms", "labels"]

STOPWORDS = frozenset("""
a about above across after again against all almost also although among an and another any are as at
based be been before being between both but by can could did do does due during each either et etc
for from further had has have having here how however i if in into is it its itself may might more
most much must new no nor not of on one only or other our out over own paper per present proposed
results same several shall should show shows shown since so some study such than that the their them
then there these they this those through thus to toward towards two under up upon us use used using
very via was we well were what when where whether which while who whom whose why will with within
without would yet
""".split())

_WORD = re.compile(r"[a-z][a-z0-9'\-]*[a-z0-9]|[a-z]")


@dataclass(frozen=True)
class Label:
    term: str
    score: float
    method: str

    def as_dict(self) -> dict:
        return asdict(self)


def terms(texts: Iterable[str], keywords: Iterable[str] = ()) -> set[str]:
    """The candidate terms of one document."""
    out = {k.strip().casefold() for k in keywords if k.strip()}
    for text in texts:
        for chunk in re.split(r"[.,;:!?()\[\]{}\"]", text.casefold()):
            words = _WORD.findall(chunk)
            for i, w in enumerate(words):
                if w not in STOPWORDS and not any(ch.isdigit() for ch in w) and len(w) > 2:
                    out.add(w)
                if i + 1 < len(words):
                    v = words[i + 1]
                    if w not in STOPWORDS and v not in STOPWORDS and not re.search(r"\d", w + v):
                        out.add(f"{w} {v}")
    return out


def _g2(a: int, b: int, c: int, d: int) -> float:
    n = a + b + c + d
    total = 0.0
    for o, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        if o:
            total += o * math.log(o * n / (row * col))
    return 2 * total


def labels(
    clusters: Mapping[int, Sequence[str]],
    documents: Mapping[str, Sequence[str] | set[str]],
    *,
    top: int = 5,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> dict[int, list[Label]]:
    """Top ``top`` terms of each cluster by LLR then by TF-IDF. ``clusters`` maps a cluster to
    the ids of its citing documents; ``documents`` maps an id to its texts (title, abstract);
    ``keywords`` an id to its keywords."""
    keywords = keywords or {}
    doc_terms = {d: terms(texts, keywords.get(d, ())) for d, texts in documents.items()}
    n = len(doc_terms)
    df = Counter(t for ts in doc_terms.values() for t in ts)
    out: dict[int, list[Label]] = {}
    for c, members in clusters.items():
        inside = [d for d in dict.fromkeys(members) if d in doc_terms]
        k = len(inside)
        tf = Counter(t for d in inside for t in doc_terms[d])
        llr, tfidf = [], []
        for t, a in tf.items():
            b = df[t] - a
            if k < n and a / k > b / (n - k):
                llr.append(Label(t, round(_g2(a, b, k - a, n - k - b), 4), "llr"))
            tfidf.append(Label(t, round(a * math.log(n / df[t]), 4), "tfidf"))
        order = lambda lab: (-lab.score, -len(lab.term.split()), lab.term)  # noqa: E731
        out[c] = sorted(llr, key=order)[:top] + sorted((x for x in tfidf if x.score > 0), key=order)[:top]
    return out
