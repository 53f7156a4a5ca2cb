"""The paper as the reader shows it: sections, paragraphs, and every span that is evidence.

Offsets are those of the canonical text (``oa:TextPositionSelector``); each paragraph's text is
cut into segments at the spans' boundaries, so a client renders the highlights without doing
offset arithmetic (and without mixing Python's code points with JavaScript's UTF-16 units).
A span is one ``[start, end)`` range: the statements whose evidence quotes it (``supports``) and
the in-text citations it carries (``cites``). Each paper is read from its own graphs
(``graph/paper/<id>/assertions`` and ``…/evidence``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from b2bkg.errors import NotFound
from b2bkg.explore.groups import group_of
from b2bkg.explore.index import Index
from b2bkg.explore.sparql import Row, Value, in_papers, local_name, paper_ids, select
from b2bkg.store.base import Store
from b2bkg.vocab import paper_graph, paper_iri

__all__ = ["Section", "sections", "paper", "statement", "span_id", "SELECTORS", "paper_ids", "references",
           "all_references"]

SECTIONS = """
SELECT ?sec ?num ?order ?title ?parent WHERE { GRAPH {graph} {
  ?sec a doco:Section ; b2b:order ?order .
  OPTIONAL { ?sec b2b:sectionNumber ?num }
  OPTIONAL { ?sec dcterms:title ?title }
  OPTIONAL { ?sec dcterms:isPartOf ?parent . ?parent a doco:Section }
} {filter} }"""
PARAGRAPHS = """
SELECT ?para ?id ?text ?start ?end ?sec ?order ?kind WHERE { GRAPH {graph} {
  ?para a doco:Paragraph ; b2b:paragraphId ?id ; b2b:text ?text ; b2b:startOffset ?start ; b2b:endOffset ?end ;
        dcterms:isPartOf ?sec ; b2b:order ?order .
  OPTIONAL { ?para b2b:paragraphKind ?kind }
} }"""
SELECTORS = """?t oa:hasSelector ?q , ?pos . ?q oa:exact ?exact . ?pos oa:start ?start ; oa:end ?end ."""
EVIDENCE = f"""
SELECT ?ev ?para ?exact ?start ?end ?s ?p ?o WHERE {{ GRAPH {{graph}} {{
  ?ev a b2b:Evidence ; oa:hasBody ?st ; oa:hasTarget ?t ; b2b:inParagraph ?para .
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  {SELECTORS}
}} }}"""
CITATIONS = f"""
SELECT ?c ?para ?exact ?start ?end ?ref ?char (GROUP_CONCAT(STR(?about); separator=" ") AS ?abouts)
WHERE {{ GRAPH {{graph}} {{
  ?c a b2b:InTextCitation ; cito:hasCitedEntity ?ref ; oa:hasTarget ?t ; b2b:inParagraph ?para .
  OPTIONAL {{ ?c cito:hasCitationCharacterization ?char }}
  OPTIONAL {{ ?c b2b:about ?about }}
  {SELECTORS}
}} }} GROUP BY ?c ?para ?exact ?start ?end ?ref ?char"""
REFERENCES = """
SELECT ?ref ?n ?text WHERE { GRAPH {graph} {
  ?entry b2b:referenceNumber ?n ; biro:references ?ref . OPTIONAL { ?entry b2b:referenceText ?text }
} }"""


def _in(query: str, paper_id: str, kind: str) -> str:
    """``query`` reading one paper's ``kind`` graph."""
    return query.replace("{graph}", f"<{paper_graph(paper_id, kind)}>").replace("{filter}", "")


@dataclass(frozen=True)
class Section:
    iri: str
    id: str
    number: str
    order: int
    title_en: str
    title_zh: str
    parent: str

    def brief(self) -> dict:
        return {"id": self.id, "iri": self.iri, "number": self.number, "title": self.title_en,
                "title_zh": self.title_zh}


def sections(store: Store, timeout: float | None = None, paper_id: str | None = None) -> dict[str, Section]:
    """The sections of one paper (of every paper when ``paper_id`` is None) by IRI, in reading order."""
    rows: dict[str, dict] = {}
    if paper_id is None:
        query = SECTIONS.replace("{graph}", "?_g").replace("{filter}", in_papers("assertions", "").split("} ", 1)[1])
    else:
        query = _in(SECTIONS, paper_id, "assertions")
    for r in select(store, query, timeout=timeout):
        d = rows.setdefault(r["sec"].value, {"num": "", "order": int(r["order"].value), "titles": {}, "parent": ""})
        if "num" in r:
            d["num"] = r["num"].value
        if "title" in r:
            d["titles"][r["title"].lang] = r["title"].value
        if "parent" in r:
            d["parent"] = r["parent"].value
    out = {}
    for iri, d in sorted(rows.items(), key=lambda kv: kv[1]["order"]):
        t = d["titles"]
        en = t.get("en") or t.get("") or t.get("zh") or local_name(iri)
        out[iri] = Section(iri, local_name(iri), d["num"], d["order"], en, t.get("zh") or en, d["parent"])
    return out


def span_id(start: int, end: int) -> str:
    """The anchor of a span in the reader: ``/paper#s<start>-<end>``."""
    return f"s{start}-{end}"


def _term(index: Index, v: Value) -> dict:
    if v.kind == "uri":
        return index.brief(v.value)
    return {"value": v.value, "lang": v.lang}


def statement(index: Index, r: Row) -> dict:
    """A supported statement (subject, predicate, object) with labels."""
    return {"subject": _term(index, r["s"]), "predicate": index.term(r["p"].value), "object": _term(index, r["o"])}


def _compact(r: Row, used: set[str]) -> dict:
    """A statement as IRIs (labels in the answer's ``terms``); a literal object as ``{value, lang}``."""
    used.update((r["s"].value, r["p"].value))
    if r["o"].kind == "uri":
        used.add(r["o"].value)
        obj: str | dict = r["o"].value
    else:
        obj = {"value": r["o"].value, "lang": r["o"].lang}
    return {"s": r["s"].value, "p": r["p"].value, "o": obj}


def references(store: Store, paper_id: str, timeout: float | None = None) -> dict[str, dict]:
    """The works a paper's reference list names: work IRI -> its entry's number and printed text."""
    return {r["ref"].value: {"number": int(r["n"].value), "text": r["text"].value if "text" in r else ""}
            for r in select(store, _in(REFERENCES, paper_id, "assertions"), timeout=timeout)}


def all_references(store: Store, timeout: float | None = None) -> dict[str, dict]:
    """The works of every paper's reference list (a work cited by several papers: its entry in
    the first paper by id)."""
    out: dict[str, dict] = {}
    for pid in reversed(paper_ids(store)):
        out.update(references(store, pid, timeout))
    return out


def _segments(text: str, start: int, spans: list[tuple[int, int, str]]) -> list[dict]:
    cuts = {0, len(text)}
    for s, e, _ in spans:
        cuts.update((max(0, s - start), min(len(text), e - start)))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        if a >= b:
            continue
        ids = [sid for s, e, sid in spans if s - start <= a and e - start >= b]
        out.append({"text": text[a:b], "spans": ids})
    return out


def paper(store: Store, index: Index, timeout: float | None = None, paper_id: str | None = None) -> dict:
    """One paper (the first by id when ``paper_id`` is None): sections with their paragraphs cut
    into segments, and every evidence span. NotFound names the papers there are."""
    papers = paper_ids(store)
    if paper_id is None and papers:
        paper_id = papers[0]
    if paper_id not in papers:
        raise NotFound(f"no paper {paper_id!r} in this dataset; papers: {', '.join(papers) or 'none'}")
    secs = sections(store, timeout, paper_id)
    refs = references(store, paper_id, timeout)
    spans: dict[str, dict] = {}

    def span(r: Row) -> dict:
        start, end = int(r["start"].value), int(r["end"].value)
        sid = span_id(start, end)
        return spans.setdefault(sid, {"id": sid, "start": start, "end": end, "exact": r["exact"].value,
                                      "paragraph": local_name(r["para"].value), "supports": [], "cites": []})

    used: set[str] = set()
    for r in select(store, _in(EVIDENCE, paper_id, "evidence"), timeout=timeout):
        span(r)["supports"].append(_compact(r, used))
    for r in select(store, _in(CITATIONS, paper_id, "evidence"), timeout=timeout):
        ref = r["ref"].value
        about = sorted(set(r["abouts"].value.split())) if "abouts" in r else []
        char = r["char"].value if "char" in r else ""
        used.update((ref, *about, *([char] if char else [])))
        span(r)["cites"].append({"reference": ref, "number": refs.get(ref, {}).get("number", 0),
                                 "text": refs.get(ref, {}).get("text", ""), "characterization": char,
                                 "about": about})
    by_para: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for s in spans.values():
        s["supports"].sort(key=lambda x: (x["s"], x["p"], str(x["o"])))
        s["cites"].sort(key=lambda x: x["number"])
        by_para[s["paragraph"]].append((s["start"], s["end"], s["id"]))
    paras: dict[str, list[dict]] = defaultdict(list)
    for r in select(store, _in(PARAGRAPHS, paper_id, "assertions"), timeout=timeout):
        pid, start = r["id"].value, int(r["start"].value)
        paras[r["sec"].value].append({
            "id": pid, "iri": r["para"].value, "order": int(r["order"].value), "start": start,
            "end": int(r["end"].value), "kind": r["kind"].value if "kind" in r else "",
            "segments": _segments(r["text"].value, start, sorted(by_para.get(pid, []))),
        })
    out_sections = []
    for iri, sec in secs.items():
        level = 1 + (sec.number.count(".") if sec.number else 0) if sec.parent else 1
        out_sections.append({**sec.brief(), "level": level,
                             "paragraphs": sorted(paras.get(iri, []), key=lambda p: p["order"])})
    ordered = sorted(spans.values(), key=lambda s: (s["start"], s["end"]))
    terms = {iri: {**index.brief(iri), "group": group_of(index.entities[iri]).key if iri in index.entities else ""}
             for iri in sorted(used)}
    return {"paper": index.brief(str(paper_iri(paper_id))), "id": paper_id, "papers": papers,
            "sections": out_sections, "spans": ordered, "terms": terms,
            "counts": {"sections": len(out_sections), "spans": len(ordered),
                       "evidence": sum(len(s["supports"]) for s in ordered),
                       "citations": sum(len(s["cites"]) for s in ordered)}}
