"""The paper's literature map: its references, who is cited with whom, what each reference
supports, and when and in what language and form the cited works appeared.

Everything is read from the dataset: references from the assertions graph (``b2b:referenceNumber``,
``dcterms:title``, ``fabio:hasPublicationYear``, ``bibo:*``, ``bibo:authorList``, venue by
``dcterms:isPartOf``, publisher by ``dcterms:publisher``), in-text citations from the evidence
graph (``b2b:InTextCitation``: ``cito:hasCitingEntity`` the paragraph, ``cito:hasCitedEntity`` the
reference, ``cito:hasCitationCharacterization``, ``b2b:about``, ``b2b:inSection`` and the quote).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

import networkx as nx
from rdflib import Dataset, Literal, URIRef

from b2bkg.analytics.views import choice
from b2bkg.readmodel.facts import Facts
from b2bkg.readmodel.projection import as_facts, curie
from b2bkg.vocab import (
    B2B,
    BIBO,
    BIRO,
    CITO,
    DCTERMS,
    FABIO,
    FOAF,
    FRBR,
    GRAPH_ASSERTIONS,
    GRAPH_EVIDENCE,
    KG,
    OA,
    RDF,
    graph_kind,
    graph_paper,
    paper_graph,
)

__all__ = [
    "Author",
    "Reference",
    "Citation",
    "LEVELS",
    "TOPICS",
    "references",
    "paper_of",
    "citations",
    "cocitation",
    "cocitation_graph",
    "reference_support",
    "timeline",
]

LEVELS = ("paragraph", "sentence")
#: Topic groups of the support map: name -> classes (CURIEs; superclasses count).
TOPICS: dict[str, tuple[str, ...]] = {
    "theories": ("b2b:Theory",),
    "mechanisms": ("b2b:Mechanism",),
    "governance": (
        "b2b:GovernanceApproach", "b2b:GovernanceInstrument", "b2b:GovernancePrinciple", "b2b:GovernanceTrend",
    ),
}
_WORK_TYPES = ("JournalArticle", "Book", "MastersThesis", "DoctoralThesis", "ReportDocument", "Expression")


@dataclass(frozen=True)
class Author:
    iri: str
    name_en: str
    name_zh: str
    organization: bool


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list, as plain data."""

    number: int
    iri: str
    title: str
    title_en: str
    title_zh: str
    year: int | None
    type: str  # FaBiO local name: JournalArticle, Book, …
    language: str
    authors: tuple[Author, ...] = ()
    venue_en: str = ""
    venue_zh: str = ""
    publisher_en: str = ""
    publisher_zh: str = ""
    volume: str = ""
    issue: str = ""
    page_start: str = ""
    page_end: str = ""
    doi: str = ""
    text: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    """One reference cited by one sentence (quote) of one paragraph."""

    iri: str
    reference: int
    paragraph: str
    section: str
    quote: str
    intent: str
    about: tuple[str, ...] = field(default=())


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _str(g, s, p) -> str:
    v = g.value(s, p)
    return str(v) if v is not None else ""


def _labels(facts: Facts) -> _Labels:
    return _Labels(facts)


class _Labels:
    """IRI -> (English label, Chinese label) by the read model's rule, looked up like a dict."""

    def __init__(self, facts: Facts):
        self.facts = facts

    def get(self, iri: str, default: tuple[str, str]) -> tuple[str, str]:
        return self.facts.label_pair(iri) if iri in self.facts.labels else default


def _entries(g) -> dict[URIRef, tuple[int, URIRef]]:
    """work -> (its printed number, its entry) of the reference list in ``g``: an entry
    (``b2b:referenceNumber``) ``biro:references`` its work (a subject with the number and no
    ``biro:references`` is its own work, as in datasets of the single-paper layout)."""
    out = {}
    for entry, num in g.subject_objects(B2B.referenceNumber):
        try:
            number = int(num)
        except (TypeError, ValueError):
            continue
        out[g.value(entry, BIRO.references) or entry] = (number, entry)
    return out


def _role(ds: Dataset, kind: str):
    """The ``assertions`` or ``evidence`` graph of ``ds``: the snapshot's role graph (the read
    model's ``bibliography()``), or, in a whole dataset, the first paper's (by id) graph."""
    g = ds.graph(GRAPH_ASSERTIONS if kind == "assertions" else GRAPH_EVIDENCE)
    if len(g):
        return g
    papers = sorted(graph_paper(x.identifier) or "" for x in ds.graphs() if graph_kind(x.identifier) == kind)
    papers = [p for p in papers if p]
    return ds.graph(paper_graph(papers[0], kind)) if papers else g


def paper_of(ds: Dataset) -> str:
    """The IRI of the paper whose reference list ``ds`` holds ("" when it does not say)."""
    papers = sorted(str(p) for p in _role(ds, "assertions").objects(None, FRBR.partOf))
    return papers[0] if papers else ""


def references(ds: Dataset, facts: Facts | None = None) -> list[Reference]:
    """The references of the paper, by number. ``ds`` holds the bibliographic layer (the read
    model's ``bibliography()`` or a whole dataset); ``facts`` its labels and types (read from
    ``ds`` when not given).

    A reference is the work an entry of the paper's reference list (``b2b:referenceNumber``)
    ``biro:references``: its number and printed text come from the entry, the rest from the work.
    """
    g = _role(ds, "assertions")
    labels = _labels(facts or as_facts(ds))
    out = []
    for ref, (number, entry) in _entries(g).items():
        types = {_local(str(t)) for t in g.objects(ref, RDF.type) if str(t).startswith(str(FABIO))}
        kind = next((t for t in _WORK_TYPES if t in types), "Expression")
        language = _str(g, ref, DCTERMS.language) or "und"
        titles = {t.language or "": str(t) for t in g.objects(ref, DCTERMS.title) if isinstance(t, Literal)}
        en, zh = labels.get(str(ref), ("", ""))
        title = titles.get(language) or next(iter(sorted(titles.values())), "") or (zh if language == "zh" else en)
        year_lit = g.value(ref, FABIO.hasPublicationYear)
        try:
            year = int(str(year_lit)[:4]) if year_lit is not None else None
        except ValueError:
            year = None
        authors = []
        seq = g.value(ref, BIBO.authorList)
        members = []
        if seq is not None:
            for p, o in g.predicate_objects(seq):
                if str(p).startswith(str(RDF) + "_") and str(p)[len(str(RDF)) + 1:].isdigit():
                    members.append((int(str(p)[len(str(RDF)) + 1:]), o))
        else:
            members = list(enumerate(sorted(g.objects(ref, DCTERMS.creator)), start=1))
        for _, person in sorted(members):
            a_en, a_zh = labels.get(str(person), (_local(str(person)), ""))
            is_org = (person, RDF.type, FOAF.Person) not in g and (
                (person, RDF.type, FOAF.Organization) in g or str(person).startswith(str(KG) + "org/")
            )
            authors.append(Author(str(person), a_en, a_zh, is_org))
        venue = g.value(ref, DCTERMS.isPartOf)
        publisher = g.value(ref, DCTERMS.publisher)
        v_en, v_zh = labels.get(str(venue), ("", "")) if venue is not None else ("", "")
        p_en, p_zh = labels.get(str(publisher), ("", "")) if publisher is not None else ("", "")
        out.append(Reference(
            number=number, iri=str(ref), title=title, title_en=titles.get("en") or en,
            title_zh=titles.get("zh") or zh, year=year, type=kind, language=language, authors=tuple(authors),
            venue_en=v_en, venue_zh=v_zh, publisher_en=p_en, publisher_zh=p_zh,
            volume=_str(g, ref, BIBO.volume), issue=_str(g, ref, BIBO.issue),
            page_start=_str(g, ref, BIBO.pageStart), page_end=_str(g, ref, BIBO.pageEnd),
            doi=_str(g, ref, BIBO.doi), text=_str(g, entry, B2B.referenceText),
        ))
    return sorted(out, key=lambda r: r.number)


def citations(ds: Dataset) -> list[Citation]:
    """Every in-text citation of the evidence graph, in paragraph and reference order."""
    ev = _role(ds, "evidence")
    numbers = {str(work): n for work, (n, _) in _entries(_role(ds, "assertions")).items()}
    out = []
    for c in set(ev.subjects(RDF.type, B2B.InTextCitation)):
        ref = ev.value(c, CITO.hasCitedEntity)
        para = ev.value(c, CITO.hasCitingEntity)
        if ref is None or str(ref) not in numbers:
            continue
        quote = ""
        for target in ev.objects(c, OA.hasTarget):
            for sel in ev.objects(target, OA.hasSelector):
                if ev.value(sel, OA.exact) is not None:
                    quote = str(ev.value(sel, OA.exact))
        intent = ev.value(c, CITO.hasCitationCharacterization)
        section = ev.value(c, B2B.inSection)
        out.append(Citation(
            iri=str(c), reference=numbers[str(ref)], paragraph=_local(str(para)) if para else "",
            section=_local(str(section)) if section else "", quote=quote,
            intent=curie(str(intent)) if isinstance(intent, URIRef) else "",
            about=tuple(sorted(str(a) for a in ev.objects(c, B2B.about))),
        ))
    return sorted(out, key=lambda c: (c.paragraph, c.reference, c.quote))


def _ref_row(r: Reference) -> dict:
    return {"number": r.number, "iri": r.iri, "title": r.title, "title_en": r.title_en, "year": r.year,
            "type": r.type, "language": r.language}


def cocitation(ds: Dataset, level: str = "paragraph", facts: Facts | None = None) -> dict:
    """The co-citation table: for each pair of references cited together, in how many sentences
    (the same citing quote in the same paragraph) and in how many paragraphs; ``weight`` is the
    count at ``level`` (``paragraph`` includes same-sentence co-citations).

    Pairs come sorted by weight, then by reference numbers. Every reference is listed with how
    often it is cited (sentences and paragraphs).
    """
    level = choice(level, "level", LEVELS, "paragraph")
    refs = references(ds, facts)
    cites = citations(ds)
    sentences: dict[tuple[str, str], set[int]] = defaultdict(set)
    paragraphs: dict[str, set[int]] = defaultdict(set)
    for c in cites:
        sentences[(c.paragraph, c.quote)].add(c.reference)
        paragraphs[c.paragraph].add(c.reference)
    same_sentence: Counter = Counter()
    same_paragraph: Counter = Counter()
    for group in sentences.values():
        same_sentence.update(itertools.combinations(sorted(group), 2))
    for group in paragraphs.values():
        same_paragraph.update(itertools.combinations(sorted(group), 2))
    weights = same_paragraph if level == "paragraph" else same_sentence
    by_number = {r.number: r for r in refs}
    pairs = []
    for (a, b), w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        pairs.append({
            "a": a, "b": b, "weight": w, "sentences": same_sentence.get((a, b), 0),
            "paragraphs": same_paragraph.get((a, b), 0),
            "a_title": by_number[a].title if a in by_number else "",
            "b_title": by_number[b].title if b in by_number else "",
            "shared_paragraphs": sorted(p for p, g in paragraphs.items() if a in g and b in g),
        })
    cited_sentences = Counter(r for g in sentences.values() for r in g)
    cited_paragraphs = Counter(r for g in paragraphs.values() for r in g)
    return {
        "level": level,
        "references": [
            dict(_ref_row(r), sentences=cited_sentences.get(r.number, 0),
                 paragraphs=cited_paragraphs.get(r.number, 0))
            for r in refs
        ],
        "pairs": pairs,
        "uncited": [r.number for r in refs if r.number not in cited_paragraphs],
    }


def cocitation_graph(ds: Dataset, level: str = "paragraph", facts: Facts | None = None) -> nx.Graph:
    """The co-citation network: one node per reference (IRI key, ``label`` = its number and title),
    an edge per co-cited pair with ``weight`` at ``level`` and both counts."""
    table = cocitation(ds, level, facts)
    G = nx.Graph(name=f"co-citation ({table['level']})")
    iri = {}
    for r in table["references"]:
        iri[r["number"]] = r["iri"]
        G.add_node(
            r["iri"], iri=r["iri"], label=f"[{r['number']}] {r['title']}", number=r["number"],
            year=r["year"] or 0, type=r["type"], language=r["language"], display_class=r["type"],
            citations=r["paragraphs"],
        )
    for p in table["pairs"]:
        G.add_edge(iri[p["a"]], iri[p["b"]], weight=p["weight"], sentences=p["sentences"],
                   paragraphs=p["paragraphs"], label="co-cited with")
    return G


def reference_support(ds: Dataset, facts: Facts | None = None) -> dict:
    """Which references support which theory, mechanism, governance topic and section.

    ``references`` lists, per reference, the entities its citing sentences are about (grouped by
    ``TOPICS`` and ``other``), the sections citing it and the citation intents; ``topics`` inverts
    it: per theory, mechanism and governance entity, the references supporting it; ``sections``:
    per section, the references cited there.
    """
    facts = facts or as_facts(ds)
    refs = references(ds, facts)
    cites = citations(ds)
    labels = _labels(facts)

    def group(iri: str) -> str:
        ts = {curie(t) for t in facts.all_types(iri)}
        return next((name for name, classes in TOPICS.items() if ts & set(classes)), "other")

    def ent(iri: str) -> dict:
        en, zh = labels.get(iri, (_local(iri), ""))
        return {"iri": iri, "label": en, "label_zh": zh}

    section_iris = {_local(str(o)): str(o) for o in _role(ds, "evidence").objects(None, B2B.inSection)}
    per_ref: dict[int, dict] = {}
    topics: dict[str, dict[str, set[int]]] = {name: defaultdict(set) for name in TOPICS}
    sections: dict[str, set[int]] = defaultdict(set)
    for c in cites:
        row = per_ref.setdefault(c.reference, {
            "about": {name: set() for name in (*TOPICS, "other")}, "sections": set(), "intents": Counter()})
        row["sections"].add(c.section)
        row["intents"][c.intent] += 1
        sections[c.section].add(c.reference)
        for a in c.about:
            g = group(a)
            row["about"][g].add(a)
            if g in topics:
                topics[g][a].add(c.reference)
    out_refs = []
    for r in refs:
        row = per_ref.get(r.number)
        out_refs.append(dict(
            _ref_row(r),
            **({name: [ent(a) for a in sorted(v)] for name, v in row["about"].items()} if row
               else {name: [] for name in (*TOPICS, "other")}),
            sections=sorted(row["sections"]) if row else [],
            intents=dict(sorted(row["intents"].items())) if row else {},
        ))
    return {
        "references": out_refs,
        "topics": {
            name: [dict(ent(a), references=sorted(ns)) for a, ns in sorted(by.items())]
            for name, by in topics.items()
        },
        "sections": [
            {"section": s, "label": labels.get(section_iris.get(s, ""), (s, ""))[0],
             "references": sorted(ns)}
            for s, ns in sorted(sections.items())
        ],
    }


def timeline(ds: Dataset, facts: Facts | None = None) -> dict:
    """The references by publication year, with language and publication type counts."""
    refs = references(ds, facts)
    years: dict[int | None, list[Reference]] = defaultdict(list)
    for r in refs:
        years[r.year].append(r)
    known = sorted(y for y in years if y is not None)
    rows = [
        {"year": y, "count": len(years[y]),
         "languages": dict(sorted(Counter(r.language for r in years[y]).items())),
         "types": dict(sorted(Counter(r.type for r in years[y]).items())),
         "references": [_ref_row(r) for r in years[y]]}
        for y in known + ([None] if None in years else [])
    ]
    return {
        "span": [known[0], known[-1]] if known else None,
        "count": len(refs),
        "years": rows,
        "languages": dict(sorted(Counter(r.language for r in refs).items())),
        "types": dict(sorted(Counter(r.type for r in refs).items())),
    }
