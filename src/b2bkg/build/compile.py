"""Compile the paper text and the curated statements into the asserted and evidence graphs.

Pure: sources in, graphs and a list of problems out. Every problem names file, line and what is
wrong; the caller decides whether problems are fatal (they are, for ``b2bkg build``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from b2bkg.build.claims import KINDS, citation_markers, framing_cues, sentence_spans, sentences_overlapping
from b2bkg.build.terms import TermError, declared_terms, make_literal, resolve_node, resolve_term
from b2bkg.sources.paper import Paper, Paragraph
from b2bkg.sources.statements import StatementFile
from b2bkg.vocab import B2B, BIBO, CITO, DOCO, KG, OA, PAPER_IRI

__all__ = ["Compiled", "compile_sources", "paragraph_iri", "section_iri", "TEXT_IRI"]

TEXT_IRI = KG["paper/wang-2025/text"]
CONTEXT = 24  # characters of oa:prefix / oa:suffix


def section_iri(section_id: str) -> URIRef:
    return KG[f"paper/wang-2025/section/{section_id}"]


def paragraph_iri(paragraph_id: str) -> URIRef:
    return KG[f"paper/wang-2025/para/{paragraph_id}"]


@dataclass
class Compiled:
    assertions: Graph = field(default_factory=Graph)
    evidence: Graph = field(default_factory=Graph)
    problems: list[str] = field(default_factory=list)
    quotes: int = 0
    citations: int = 0
    statements: int = 0
    entities: int = 0
    paragraph_hits: dict[str, int] = field(default_factory=dict)
    claims: int = 0
    cited_claims: int = 0


@dataclass(frozen=True)
class _Quoted:
    """One quote placed in its paragraph: what the claims pass needs to find its sentence."""

    node: URIRef  # the statement (for evidence) or the in-text citation
    annotation: URIRef
    para: Paragraph
    start: int  # offsets within the paragraph's text
    end: int
    quote: str
    ref: int | None = None  # the cited reference number (citations only)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


class _Compiler:
    def __init__(self, paper: Paper, files: list[StatementFile], ontology: Graph):
        self.paper = paper
        self.files = files
        self.declared = declared_terms(ontology)
        self.out = Compiled()
        self.ids: dict[str, str] = {}  # id -> "file:line" where defined
        self.generated: set[str] = set()
        self.claim_quotes: list[_Quoted] = []
        self.citation_quotes: list[_Quoted] = []
        self.curated_marks: list[tuple[_Quoted, str, str, str, int]] = []  # quoted, kind, cue, file, line

    # -- helpers ---------------------------------------------------------------------------
    def problem(self, file: str, line: int, message: str) -> None:
        self.out.problems.append(f"{file}:{line}: {message}")

    def term(self, name: str, file: str, line: int) -> URIRef | None:
        try:
            return resolve_term(name, self.declared)
        except TermError as exc:
            self.problem(file, line, str(exc))
            return None

    def locate(self, quote: str | None, para: str | None, file: str, line: int) -> Paragraph | None:
        if quote is None:
            self.problem(file, line, "missing 'quote': every assertion needs the paper's own words")
            return None
        if para is not None and para not in self.paper.paragraphs:
            self.problem(file, line, f"paragraph {para!r} does not exist in the canonical text")
            return None
        hits = self.paper.find(quote, para)
        if not hits:
            where = f"paragraph {para}" if para else "the canonical text"
            self.problem(file, line, f"quote not found in {where}: {quote!r}")
            return None
        if len(hits) > 1:
            ids = ", ".join(h.id for h in hits)
            self.problem(file, line, f"quote occurs in several paragraphs ({ids}); add 'para:' to choose")
            return None
        return hits[0]

    def add_evidence(
        self, body: URIRef, quote: str, para: Paragraph, kind: URIRef, node: URIRef | None = None
    ) -> URIRef:
        g = self.out.evidence
        local = para.text.index(quote)
        start = para.start + local
        end = start + len(quote)
        ann = node or KG[f"evidence/{_digest(body, para.id, start, end)}"]
        target = URIRef(f"{ann}/target")
        qsel = URIRef(f"{ann}/target/quote")
        psel = URIRef(f"{ann}/target/position")
        text = self.paper.text
        g.add((ann, RDF.type, kind))
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.hasTarget, target))
        g.add((ann, B2B.inParagraph, paragraph_iri(para.id)))
        g.add((ann, B2B.inSection, section_iri(para.section)))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, TEXT_IRI))
        g.add((target, OA.hasSelector, qsel))
        g.add((target, OA.hasSelector, psel))
        g.add((qsel, RDF.type, OA.TextQuoteSelector))
        g.add((qsel, OA.exact, Literal(quote)))
        g.add((qsel, OA.prefix, Literal(text[max(0, start - CONTEXT) : start])))
        g.add((qsel, OA.suffix, Literal(text[end : end + CONTEXT])))
        g.add((psel, RDF.type, OA.TextPositionSelector))
        g.add((psel, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((psel, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
        self.out.quotes += 1
        self.out.paragraph_hits[para.id] = self.out.paragraph_hits.get(para.id, 0) + 1
        return ann

    def assert_with_evidence(
        self, s: URIRef, p: URIRef, o, quote: str, para: Paragraph, claim: bool = True
    ) -> _Quoted:
        """Assert (s, p, o), reify it as a statement and annotate it with its quote. A claim (the
        default) is later linked to its supporting citations and framing marks."""
        self.out.assertions.add((s, p, o))
        stmt = KG[f"statement/{_digest(s, p, o.n3())}"]
        ev = self.out.evidence
        ev.add((stmt, RDF.type, RDF.Statement))
        ev.add((stmt, RDF.subject, s))
        ev.add((stmt, RDF.predicate, p))
        ev.add((stmt, RDF.object, o))
        ann = self.add_evidence(stmt, quote, para, B2B.Evidence)
        ev.add((ann, OA.hasBody, stmt))
        ev.add((ann, OA.motivatedBy, OA.describing))
        local = para.text.index(quote)
        quoted = _Quoted(stmt, ann, para, local, local + len(quote), quote)
        if claim:
            self.claim_quotes.append(quoted)
        return quoted

    # -- passes ----------------------------------------------------------------------------
    def structure(self) -> None:
        """The paper, its sections and paragraphs, and the canonical text document."""
        g = self.out.assertions
        paper = self.paper
        g.add((TEXT_IRI, RDFS.label, Literal("Canonical text of Wang (2025)", lang="en")))
        g.add((TEXT_IRI, RDFS.label, Literal("王艺霖(2025)规范文本", lang="zh")))
        g.add((TEXT_IRI, B2B.text, Literal(paper.text)))
        g.add((TEXT_IRI, DCTERMS.source, PAPER_IRI))
        for sec in paper.sections.values():
            s = section_iri(sec.id)
            self.generated.add(f"paper/wang-2025/section/{sec.id}")
            g.add((s, RDF.type, DOCO.Section))
            number = f"{sec.id} " if sec.id[0].isdigit() else ""
            g.add((s, RDFS.label, Literal(f"{number}{sec.title_zh}", lang="zh")))
            g.add((s, RDFS.label, Literal(f"{number}{sec.title_en}", lang="en")))
            g.add((s, DCTERMS.title, Literal(sec.title_zh, lang="zh")))
            g.add((s, DCTERMS.title, Literal(sec.title_en, lang="en")))
            g.add((s, B2B.sectionNumber, Literal(sec.id)))
            g.add((s, B2B.order, Literal(sec.order, datatype=XSD.integer)))
            g.add((s, B2B.startOffset, Literal(sec.start, datatype=XSD.integer)))
            parent = section_iri(sec.parent) if sec.parent else PAPER_IRI
            g.add((s, DCTERMS.isPartOf, parent))
            g.add((parent, DCTERMS.hasPart, s))
        for para in paper.paragraphs.values():
            p = paragraph_iri(para.id)
            self.generated.add(f"paper/wang-2025/para/{para.id}")
            g.add((p, RDF.type, DOCO.Paragraph))
            g.add((p, RDFS.label, Literal(f"¶ {para.id}", lang="en")))
            g.add((p, RDFS.label, Literal(f"第 {para.id} 段", lang="zh")))
            g.add((p, B2B.paragraphId, Literal(para.id)))
            g.add((p, B2B.order, Literal(para.order, datatype=XSD.integer)))
            g.add((p, B2B.text, Literal(para.text)))
            g.add((p, B2B.startOffset, Literal(para.start, datatype=XSD.integer)))
            g.add((p, B2B.endOffset, Literal(para.end, datatype=XSD.integer)))
            if para.kind:
                g.add((p, B2B.paragraphKind, Literal(para.kind)))
            g.add((p, DCTERMS.isPartOf, section_iri(para.section)))
            g.add((section_iri(para.section), DCTERMS.hasPart, p))

    def collect_ids(self) -> None:
        for f in self.files:
            for e in f.entities:
                if e.id in self.ids:
                    self.problem(f.path, e.line, f"entity {e.id!r} is already defined at {self.ids[e.id]}")
                elif e.id.startswith("paper/wang-2025/"):
                    self.problem(f.path, e.line, f"{e.id!r} is generated by the build; do not define it")
                else:
                    self.ids[e.id] = f"{f.path}:{e.line}"

    def entities(self) -> None:
        g = self.out.assertions
        ids = set(self.ids) | self.generated
        for f in self.files:
            for e in f.entities:
                node = KG[e.id]
                para = self.locate(e.quote, e.para, f.path, e.line)
                self.out.entities += 1
                for lang in ("en", "zh"):
                    if lang not in e.label:
                        self.problem(f.path, e.line, f"entity {e.id!r} has no label.{lang}")
                for lang, text in e.label.items():
                    g.add((node, RDFS.label, Literal(text, lang=lang)))
                for lang, texts in e.alt.items():
                    for text in texts:
                        g.add((node, SKOS.altLabel, Literal(text, lang=lang)))
                for lang, text in e.definition.items():
                    g.add((node, SKOS.definition, Literal(text, lang=lang)))
                for t in e.types:
                    cls = self.term(t, f.path, e.line)
                    if cls is not None and para is not None:
                        self.assert_with_evidence(node, RDF.type, cls, e.quote, para)
                for key, values in sorted(e.data.items()):
                    prop = self.term(key, f.path, e.line)
                    if prop is None:
                        continue
                    for value in values if isinstance(values, list) else [values]:
                        try:
                            lit = make_literal(value, self.declared)
                        except TermError as exc:
                            self.problem(f.path, e.line, f"data {key}: {exc}")
                            continue
                        if para is not None:
                            self.assert_with_evidence(node, prop, lit, e.quote, para)
                if e.authors and para is not None:
                    seq = KG[f"{e.id}/authors"]
                    g.add((node, BIBO.authorList, seq))
                    g.add((seq, RDF.type, RDF.Seq))
                    for i, author in enumerate(e.authors, start=1):
                        if author not in ids:
                            self.problem(f.path, e.line, f"author {author!r} is not a defined entity")
                            continue
                        g.add((seq, RDF[f"_{i}"], KG[author]))
                        self.assert_with_evidence(node, DCTERMS.creator, KG[author], e.quote, para)

    def statements(self) -> None:
        ids = set(self.ids) | self.generated
        for f in self.files:
            for st in f.statements:
                problems_before = len(self.out.problems)
                if st.s not in ids:
                    self.problem(f.path, st.line, f"unknown subject id {st.s!r}")
                prop = self.term(st.p, f.path, st.line)
                try:
                    obj = resolve_node(st.o, ids, self.declared)
                except TermError as exc:
                    self.problem(f.path, st.line, str(exc))
                    obj = None
                para = self.locate(st.quote, st.para, f.path, st.line)
                for kind in st.kind:
                    if kind not in KINDS:
                        self.problem(f.path, st.line, f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
                if st.cue is not None and st.quote is not None and st.cue not in st.quote:
                    self.problem(f.path, st.line, f"cue {st.cue!r} is not in the quote: a mark rests on its words")
                moderators = []
                for m in st.moderated_by:
                    if m not in ids:
                        self.problem(f.path, st.line, f"'moderatedBy' names unknown entity {m!r}")
                    moderators.append(KG[m])
                mpara = None
                if st.moderation_quote is not None:
                    mpara = self.locate(st.moderation_quote, st.para, f.path, st.line)
                if len(self.out.problems) == problems_before and prop is not None:
                    quoted = self.assert_with_evidence(KG[st.s], prop, obj, st.quote, para)
                    self.out.statements += 1
                    for kind in st.kind:
                        self.curated_marks.append((quoted, kind, st.cue, f.path, st.line))
                    for m in moderators:
                        self.assert_with_evidence(quoted.node, B2B.moderatedBy, m, st.moderation_quote, mpara)

    def citations(self) -> None:
        ids = set(self.ids) | self.generated
        g = self.out.assertions
        ev = self.out.evidence
        for f in self.files:
            for c in f.citations:
                problems_before = len(self.out.problems)
                intent = self.term(f"cito:{c.intent}" if ":" not in c.intent else c.intent, f.path, c.line)
                para = self.locate(c.quote, c.para, f.path, c.line)
                about = []
                for a in c.about:
                    if a not in ids:
                        self.problem(f.path, c.line, f"'about' names unknown entity {a!r}")
                    else:
                        about.append(KG[a])
                for n in c.refs:
                    if f"ref/{n}" not in ids:
                        self.problem(f.path, c.line, f"reference {n} is not defined (expected id ref/{n})")
                if len(self.out.problems) != problems_before:
                    continue
                for n in c.refs:
                    ref = KG[f"ref/{n}"]
                    node = KG[f"citation/{_digest(ref, para.id, c.quote)}"]
                    self.add_evidence(ref, c.quote, para, B2B.InTextCitation, node)
                    ev.add((node, RDF.type, CITO.Citation))
                    ev.add((node, CITO.hasCitingEntity, paragraph_iri(para.id)))
                    ev.add((node, CITO.hasCitedEntity, ref))
                    ev.add((node, CITO.hasCitationCharacterization, intent))
                    for a in about:
                        ev.add((node, B2B.about, a))
                    self.assert_with_evidence(PAPER_IRI, intent, ref, c.quote, para, claim=False)
                    local = para.text.index(c.quote)
                    self.citation_quotes.append(_Quoted(node, node, para, local, local + len(c.quote), c.quote, n))
                    g.add((PAPER_IRI, CITO.cites, ref))
                    self.out.citations += 1

    def claims(self) -> None:
        """Each claim (a statement quoted from the abstract or the body) gets the in-text citations
        of the sentence its quote stands in (``b2b:supportedBy``), its kind of support (a finding
        reported from a cited work, or the author's own argument) and its framing marks, each
        mark with the cue words it rests on (``b2b:cue``, always words of the quote or, for a
        reported finding, the citation marker of its sentence)."""
        ev = self.out.evidence
        by_para: dict[str, list[_Quoted]] = {}
        for c in self.citation_quotes:
            by_para.setdefault(c.para.id, []).append(c)
        spans_of: dict[str, tuple[tuple[int, int], ...]] = {}
        marks: dict[URIRef, dict[str, tuple[set[str], set[URIRef]]]] = {}
        support: dict[URIRef, set[URIRef]] = {}
        cues_of: dict[URIRef, set[str]] = {}
        seen_missing: set[tuple[str, int]] = set()

        def mark(stmt: URIRef, kind: str, cue: str, ann: URIRef) -> None:
            cues, anns = marks.setdefault(stmt, {}).setdefault(kind, (set(), set()))
            cues.add(cue)
            anns.add(ann)

        for q in self.claim_quotes:
            if not _is_claim_paragraph(q.para):
                continue
            spans = spans_of.setdefault(q.para.id, sentence_spans(q.para.text))
            sentences = sentences_overlapping(spans, q.start, q.end)
            support.setdefault(q.node, set())
            cited = [c for c in by_para.get(q.para.id, [])
                     if sentences_overlapping(spans, c.start, c.end) & sentences]
            for c in cited:
                support[q.node].add(c.node)
                cues_of.setdefault(q.node, set()).add(f"[{c.ref}]")
                mark(q.node, "finding", f"[{c.ref}]", q.annotation)
            printed = {n for i in sentences for n in citation_markers(q.para.text[spans[i][0]:spans[i][1]])}
            for n in sorted(printed - {c.ref for c in cited}):
                if (q.para.id, n) not in seen_missing:
                    seen_missing.add((q.para.id, n))
                    self.out.problems.append(
                        f"citations: paragraph {q.para.id} cites [{n}] in the sentence of {q.quote!r} "
                        "but no citation entry's quote lies in that sentence")
            for kind, cue in framing_cues(q.quote):
                mark(q.node, kind, cue, q.annotation)
        for q, kind, cue, _file, _line in self.curated_marks:
            if q.node in support:
                mark(q.node, kind, cue, q.annotation)
        for stmt, cited in sorted(support.items()):
            ev.add((stmt, RDF.type, B2B.Claim))
            self.out.claims += 1
            if cited:
                self.out.cited_claims += 1
            for c in sorted(cited):
                ev.add((stmt, B2B.supportedBy, c))
            kinds = marks.get(stmt, {})
            if not cited and "finding" not in kinds:
                ev.add((stmt, B2B.claimKind, B2B.AuthorsArgument))
            for kind, (cues, anns) in sorted(kinds.items()):
                node = URIRef(f"{stmt}/mark/{kind}")
                ev.add((stmt, B2B.claimKind, B2B[KINDS[kind]]))
                ev.add((stmt, B2B.hasFramingMark, node))
                ev.add((node, RDF.type, B2B.FramingMark))
                ev.add((node, B2B.markKind, B2B[KINDS[kind]]))
                for cue in sorted(cues):
                    ev.add((node, B2B.cue, Literal(cue)))
                for ann in sorted(anns):
                    ev.add((node, B2B.markedIn, ann))

    def run(self) -> Compiled:
        self.structure()
        self.collect_ids()
        self.entities()
        self.statements()
        self.citations()
        self.claims()
        # the paper cites every reference in its list
        for rid in sorted(i for i in self.ids if i.startswith("ref/")):
            self.out.assertions.add((PAPER_IRI, CITO.cites, KG[rid]))
        return self.out


def _is_claim_paragraph(para: Paragraph) -> bool:
    """Claims are quoted from the abstract or the body of §1–§7 (not the front matter or the
    bibliography, whose statements are records of the paper and its references)."""
    return para.is_body or para.section in ("abstract", "abstract-en")


def compile_sources(paper: Paper, files: list[StatementFile], ontology: Graph) -> Compiled:
    """Compile statements against the paper and the ontology. Never raises on content problems:
    they are collected in ``Compiled.problems`` as 'file:line: message'."""
    return _Compiler(paper, files, ontology).run()
