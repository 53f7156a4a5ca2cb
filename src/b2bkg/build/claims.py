"""Claims as a literature researcher weighs them: the sentence each quote stands in, the words
that frame it (forecast, hedge, recommendation), and the quotes shared by a cross product of
subjects and objects (a list for the curator to review).

Pure functions over strings and statement records; the compiler calls them.

>>> sentence_spans("甲。乙[1]。丙")
((0, 2), (2, 7), (7, 8))
>>> framing_cues("到 2025 年预计扩大至 6.9 万亿元")
(('forecast', '预计'),)
>>> framing_cues("国际化效应体现为政策制度与平台机制的双重作用")
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from b2bkg.sources.statements import StatementEntry, StatementFile

__all__ = [
    "KINDS",
    "CrossPairing",
    "citation_markers",
    "cross_paired",
    "framing_cues",
    "sentence_spans",
    "sentences_overlapping",
]

#: framing marks: YAML name -> ontology individual (b2b: local name)
KINDS = {
    "finding": "ReportedFinding",
    "argument": "AuthorsArgument",
    "forecast": "Forecast",
    "hedged": "HedgedClaim",
    "recommendation": "Recommendation",
    "definition": "Definition",
}

# Each cue is a word the paper uses to frame a clause. The patterns avoid the words that only
# contain the character: 应 in 应用/效应/适应/供应/响应/对应, 将 as the object marker (将信息搜寻…),
# 需 in 需求. Curated marks (statement keys ``kind`` + ``cue``) add what these cannot see.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("forecast", re.compile(r"有望|预计|预测(?=表明|显示)|将(?=达到|更|与|成为)|趋向|趋于"
                            r"|\bwill\b|\bis expected to\b|\bLooking forward\b")),
    ("hedged", re.compile(r"可能|一定程度上|大致|\bmay\b|\bmight\b|\bto some extent\b")),
    ("recommendation", re.compile(r"应当|应(?=在|通过|推动|保障|进一步|加快)|需要(?=通过|推动)|需(?=提升)"
                                  r"|\bshould\b|\bis essential\b")),
)

_SENTENCE_END = re.compile(r"[。！？]")
_MARKER = re.compile(r"\[(\d+)\]")


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a paragraph; a sentence ends after 。！？ (or the text)."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def sentences_overlapping(spans: tuple[tuple[int, int], ...], start: int, end: int) -> frozenset[int]:
    """Indices of the sentences that the text span [start, end) touches."""
    return frozenset(i for i, (a, b) in enumerate(spans) if a < end and start < b)


def citation_markers(text: str) -> tuple[int, ...]:
    """The reference numbers printed as [n] in a text, in order."""
    return tuple(int(n) for n in _MARKER.findall(text))


def framing_cues(quote: str) -> tuple[tuple[str, str], ...]:
    """(kind, cue) for every framing word found in the quote, first occurrence per kind."""
    found = []
    for kind, pattern in _CUES:
        m = pattern.search(quote)
        if m:
            found.append((kind, m.group(0)))
    return tuple(found)


@dataclass(frozen=True)
class CrossPairing:
    """Statements of one quote and predicate that pair every subject with every object."""

    file: str
    lines: tuple[int, ...]
    quote: str
    predicate: str
    subjects: tuple[str, ...]
    objects: tuple[str, ...]

    def describe(self) -> str:
        lines = ",".join(str(n) for n in self.lines)
        return (f"{self.file}:{lines}: {len(self.subjects)}×{len(self.objects)} '{self.predicate}' "
                f"statements share one quote: {self.quote}\n"
                f"    subjects: {', '.join(self.subjects)}\n    objects:  {', '.join(self.objects)}")


def cross_paired(files: list[StatementFile], minimum: int = 2) -> list[CrossPairing]:
    """Quotes whose statements (same predicate) pair ``minimum`` or more subjects with as many or
    more objects, every subject with every object: the distributive reading the text may not
    state. Each is for the curator to review (``b2bkg claims review``)."""
    groups: dict[tuple[str, str, str | None, str], list[StatementEntry]] = {}
    for f in files:
        for st in f.statements:
            if st.quote is None or not isinstance(st.o, str):
                continue
            groups.setdefault((st.quote, st.p, st.para, f.path), []).append(st)
    found = []
    for (quote, predicate, _para, path), entries in sorted(groups.items(), key=lambda kv: kv[0][3]):
        subjects = tuple(sorted({e.s for e in entries}))
        objects = tuple(sorted({str(e.o) for e in entries}))
        pairs = {(e.s, str(e.o)) for e in entries}
        if len(subjects) >= minimum and len(objects) >= minimum and len(pairs) == len(subjects) * len(objects):
            found.append(CrossPairing(path, tuple(sorted(e.line for e in entries)), quote, predicate,
                                      subjects, objects))
    return sorted(found, key=lambda c: (c.file, c.lines))
