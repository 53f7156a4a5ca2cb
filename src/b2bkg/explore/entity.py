"""Everything the explorer's side panel shows about one entity.

Labels in both languages, alternative labels, definitions, classes (asserted, and inferred ones
flagged), literal data, relations grouped by property in both directions, the quotes that are
evidence for statements about it (with paragraph and section, in reading order) and the
references whose in-text citations concern it.
"""

from __future__ import annotations

from collections import defaultdict

from b2bkg.errors import BadRequest, NotFound
from b2bkg.explore.groups import group_of
from b2bkg.explore.index import Index
from b2bkg.explore.paper import SELECTORS, Section, all_references, span_id, statement
from b2bkg.explore.sparql import curie, in_papers, local_name, paper_ids, select
from b2bkg.store.base import Store
from b2bkg.vocab import BASE, RDF, RDFS, SKOS

__all__ = ["entity"]

_EVIDENCE_FILTER = in_papers("evidence", "").split("} ", 1)[1]  # the FILTER of in_papers
OUT = f"""SELECT DISTINCT ?this ?p ?o WHERE {{ {in_papers('assertions', '?this ?p ?o')} }}"""
IN = f"""SELECT DISTINCT ?this ?s ?p WHERE {{ {in_papers('assertions', '?s ?p ?this')} }}"""
EVIDENCE = f"""
SELECT ?this ?ev ?para ?sec ?exact ?start ?end ?s ?p ?o WHERE {{ GRAPH ?_g {{
  {{ ?st rdf:subject ?this }} UNION {{ ?st rdf:object ?this }}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?ev oa:hasBody ?st ; oa:hasTarget ?t ; b2b:inParagraph ?para ; b2b:inSection ?sec .
  {SELECTORS}
}} {_EVIDENCE_FILTER} }}"""
CITED = f"""
SELECT DISTINCT ?this ?c ?ref ?char ?para ?sec ?exact ?start ?end WHERE {{ GRAPH ?_g {{
  {{ ?c b2b:about ?this }} UNION {{ ?c cito:hasCitedEntity ?this }}
  ?c cito:hasCitedEntity ?ref ; oa:hasTarget ?t ; b2b:inParagraph ?para ; b2b:inSection ?sec .
  OPTIONAL {{ ?c cito:hasCitationCharacterization ?char }}
  {SELECTORS}
}} {_EVIDENCE_FILTER} }}"""
_SHOWN_APART = {str(RDF.type), str(RDFS.label), str(SKOS.altLabel), str(SKOS.definition)}



def _paper_of(part: str) -> str:
    """The paper id of one of its parts' IRIs (``…/paper/<id>/para/…``), "" for other IRIs."""
    head, sep, rest = part.partition("/id/paper/")
    return rest.split("/", 1)[0] if sep and "/" in rest else ""

def _link(iri: str) -> str:
    """Our IRIs link to this server's linked-data pages; others stay absolute."""
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else iri


def _section(secs: dict[str, Section], iri: str) -> dict:
    s = secs.get(iri)
    return s.brief() if s else {"id": local_name(iri), "iri": iri, "number": "", "title": "", "title_zh": ""}


def entity(store: Store, index: Index, secs: dict[str, Section], iri: str, timeout: float | None = None) -> dict:
    """The side panel's content for ``iri``; ``NotFound`` when it is not an entity."""
    if not iri:
        raise BadRequest("parameter 'iri' is required: the IRI of an entity, e.g. "
                         "https://w3id.org/b2bkg/id/mechanism/credit-enhancement")
    e = index.entities.get(iri)
    if e is None:
        raise NotFound(f"<{iri}> is not an entity of this dataset")
    this = [("this", ("iri", iri))]
    labels: dict[str, list[str]] = defaultdict(list)
    definitions: dict[str, str] = {}
    data: dict[str, list[dict]] = defaultdict(list)
    out: dict[str, list[dict]] = defaultdict(list)
    for r in select(store, OUT, this, timeout):
        p, o = r["p"].value, r["o"]
        if p == str(SKOS.definition):
            definitions[o.lang or ""] = o.value
        elif p in (str(RDFS.label), str(SKOS.altLabel)):
            labels["label" if p == str(RDFS.label) else "alt"].append({"lang": o.lang, "text": o.value})
        elif p == str(RDF.type):
            continue
        elif o.kind == "uri":
            out[p].append(index.brief(o.value))
        else:
            data[p].append({"value": o.value, "lang": o.lang})
    incoming: dict[str, list[dict]] = defaultdict(list)
    for r in select(store, IN, this, timeout):
        if index.is_entity(r["s"].value) and r["p"].value not in _SHOWN_APART:
            incoming[r["p"].value].append(index.brief(r["s"].value))

    def grouped(rel: dict[str, list[dict]], direction: str) -> list[dict]:
        return [{**index.term(p), "direction": direction,
                 "values": sorted(vs, key=lambda v: (v.get("label") or "", v["iri"]))}
                for p, vs in sorted(rel.items(), key=lambda kv: index.label(kv[0]))]

    first = next(iter(paper_ids(store)), "")

    def href(para: str, sid: str) -> str:
        """The span in the reader: /paper shows the first paper, /paper/<id> any other."""
        pid = _paper_of(para)
        return f"/paper#{sid}" if pid == first else f"/paper/{pid}#{sid}"

    quotes: dict[tuple[str, str], dict] = {}
    for r in select(store, EVIDENCE, this, timeout):
        start, end = int(r["start"].value), int(r["end"].value)
        sid = span_id(start, end)
        para = r["para"].value
        q = quotes.setdefault((_paper_of(para), sid), {
            "span": sid, "exact": r["exact"].value, "start": start, "end": end, "paper": _paper_of(para),
            "paragraph": local_name(para), "section": _section(secs, r["sec"].value),
            "href": href(para, sid), "supports": []})
        st = statement(index, r)
        if st not in q["supports"]:
            q["supports"].append(st)
    refs = all_references(store, timeout)
    cited: dict[str, dict] = {}
    for r in select(store, CITED, this, timeout):
        ref = r["ref"].value
        c = cited.setdefault(ref, {**index.brief(ref), **refs.get(ref, {}), "href": _link(ref), "citations": []})
        start, end = int(r["start"].value), int(r["end"].value)
        c["citations"].append({
            "exact": r["exact"].value, "start": start, "end": end, "span": span_id(start, end),
            "href": href(r["para"].value, span_id(start, end)), "paragraph": local_name(r["para"].value),
            "section": _section(secs, r["sec"].value),
            "characterization": index.term(r["char"].value) if "char" in r else None,
        })
    for c in cited.values():
        c["citations"].sort(key=lambda x: x["start"])
    return {
        **e.brief(),
        "group": group_of(e).key,
        "href": _link(iri),
        "labels": sorted(labels["label"], key=lambda x: x["lang"]),
        "alt_labels": sorted(labels["alt"], key=lambda x: (x["lang"], x["text"])),
        "definition": {"en": definitions.get("en") or definitions.get("", ""), "zh": definitions.get("zh", "")},
        "types": [{**index.term(t), "asserted": t in e.types} for t in sorted(e.all_types, key=curie)],
        "data": [{**index.term(p), "values": vs} for p, vs in sorted(data.items())],
        "relations": grouped(out, "out") + grouped(incoming, "in"),
        "evidence": sorted(quotes.values(), key=lambda q: (q["paper"] != first, q["paper"], q["start"], q["end"])),
        "references": sorted(cited.values(), key=lambda c: (c.get("number", 0), c["iri"])),
    }
