"""Compile the papers' texts and curated statements into each paper's assertions and evidence.

Pure: sources in, graphs and a list of problems out. Every problem names file, line and what is
wrong; the caller decides whether problems are fatal (they are, for ``b2bkg build``).

IRIs: what belongs to one paper lives under ``kg:paper/<id>/`` (its text, sections, paragraphs,
evidence, in-text citations and printed reference entries ``…/reference/<n>``); entities of the
statement files (theories, mechanisms, actors, persons, venues …) are shared by every paper that
names them, and a reference ``ref/<n>`` of a paper's files stands for the cited *work*, a shared
``kg:work/…`` node (``b2bkg.works``): two papers citing the same work meet in one node.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from b2bkg.build.claims import KINDS, citation_markers, framing_cues, sentence_spans, sentences_overlapping
from b2bkg.build.terms import TermError, declared_terms, make_literal, resolve_node, resolve_term
from b2bkg.sources.paper import Paper, Paragraph
from b2bkg.sources.papers import PaperMeta, PaperSource
from b2bkg.sources.statements import EntityEntry, StatementFile
from b2bkg.vocab import B2B, BIBO, BIRO, CITO, DOCO, FRBR, KG, OA, paper_iri
from b2bkg.works import author_key, is_cjk, reference_key, work_iri

__all__ = [
    "Compiled",
    "CompiledSet",
    "compile_papers",
    "compile_sources",
    "paragraph_iri",
    "reference_iri",
    "section_iri",
    "text_iri",
]

CONTEXT = 24  # characters of oa:prefix / oa:suffix
#: data keys of a reference entity that describe the printed entry, not the work
ENTRY_KEYS = ("referenceNumber", "referenceText", "b2b:referenceNumber", "b2b:referenceText")


def text_iri(paper_id: str) -> URIRef:
    return KG[f"paper/{paper_id}/text"]


def section_iri(paper_id: str, section_id: str) -> URIRef:
    return KG[f"paper/{paper_id}/section/{section_id}"]


def paragraph_iri(paper_id: str, paragraph_id: str) -> URIRef:
    return KG[f"paper/{paper_id}/para/{paragraph_id}"]


def reference_iri(paper_id: str, number: int | str) -> URIRef:
    """The printed reference entry number ``number`` of a paper (a biro:BibliographicReference)."""
    return KG[f"paper/{paper_id}/reference/{number}"]


@dataclass
class Compiled:
    """One paper's graphs and figures."""

    paper_id: str = ""
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


@dataclass
class CompiledSet:
    """Every paper compiled together, plus the redirects of moved IRIs."""

    papers: dict[str, Compiled] = field(default_factory=dict)
    redirects: Graph = field(default_factory=Graph)

    @property
    def problems(self) -> list[str]:
        return [p for c in self.papers.values() for p in c.problems]

    def total(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.papers.values())


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _plain(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("v")
    if isinstance(value, list):
        value = value[0] if value else None
    return "" if value is None else str(value)


def _ref_number(ref_id: str) -> str | None:
    """``ref/12`` -> ``12``; None for other ids."""
    head, _, n = ref_id.partition("/")
    return n if head == "ref" and n.isdigit() else None


class _Shared:
    """What every paper of one build sees: the declared terms and the shared entity ids."""

    def __init__(self, sources: list[PaperSource], ontology: Graph):
        self.declared = declared_terms(ontology)
        self.defined: dict[str, tuple[str, EntityEntry]] = {}  # shared id -> (paper id, first entry)
        self.paper_ids = {s.id for s in sources}
        for s in sources:
            for f in s.files:
                for e in f.entities:
                    if _ref_number(e.id) is not None or self.generated(e.id):
                        continue
                    known = self.defined.get(e.id)
                    # the defining entry is the first that names the entity in both languages
                    if known is None or (len(known[1].label) < 2 <= len(e.label)):
                        self.defined[e.id] = (s.id, e)

    def generated(self, entity_id: str) -> bool:
        """Ids the build makes itself (the parts of a paper): never defined in a statement file."""
        head, _, rest = entity_id.partition("/")
        return head == "paper" and "/" in rest

    def label(self, entity_id: str, language: str) -> str:
        """The name of a shared entity for a work key, as a reference in ``language`` prints it:
        the Chinese label (when written in CJK script) for a Chinese reference, else the English."""
        entry = self.defined.get(entity_id)
        if entry is None:
            return ""
        zh, en = entry[1].label.get("zh", ""), entry[1].label.get("en", "")
        return zh if language == "zh" and is_cjk(zh) else en or zh


class _Compiler:
    def __init__(self, source: PaperSource, shared: _Shared, check_self: bool = True):
        self.paper = source.paper
        self.meta: PaperMeta = source.meta
        self.pid = source.id
        self.paper_node = paper_iri(self.pid)
        self.files = source.files
        self.shared = shared
        self.declared = shared.declared
        self.out = Compiled(self.pid)
        self.redirects = Graph()
        self.ids: dict[str, str] = {}  # id -> "file:line" where this paper defines it
        self.generated: set[str] = set()
        self.works: dict[str, URIRef] = {}  # ref/<n> -> the shared work it stands for
        self.local: dict[URIRef, URIRef] = {}  # work -> kg:ref/<n> (the pre-folder IRI, for digests)
        self.check_self = check_self
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

    def node(self, entity_id: str) -> URIRef:
        """The IRI of an id of this paper's files: a reference stands for its work."""
        return self.works.get(entity_id) or KG[entity_id]

    def mapped(self, term):
        if isinstance(term, URIRef) and str(term).startswith(str(KG)):
            return self.works.get(str(term)[len(str(KG)):], term)
        return term

    def legacy(self, term):
        """A term as the single-paper build named it (works were ``kg:ref/<n>``)."""
        return self.local.get(term, term) if isinstance(term, URIRef) else term

    def redirect(self, old: URIRef, new: URIRef) -> None:
        if self.meta.legacy_iris and old != new:
            self.redirects.add((old, DCTERMS.isReplacedBy, new))

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
        if node is None:
            digest = _digest(body, para.id, start, end)
            node = KG[f"paper/{self.pid}/evidence/{digest}"]
            self.redirect(KG[f"evidence/{digest}"], node)
        ann = node
        target = URIRef(f"{ann}/target")
        qsel = URIRef(f"{ann}/target/quote")
        psel = URIRef(f"{ann}/target/position")
        text = self.paper.text
        g.add((ann, RDF.type, kind))
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.hasTarget, target))
        g.add((ann, B2B.inParagraph, paragraph_iri(self.pid, para.id)))
        g.add((ann, B2B.inSection, section_iri(self.pid, para.section)))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, text_iri(self.pid)))
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
        # the evidence id keeps the digest of the statement as the files write it (ref/<n>),
        # so it does not change when a reference's work gets a new IRI
        written = KG[f"statement/{_digest(self.legacy(s), p, self.legacy(o).n3())}"]
        self.redirect(written, stmt)
        ev = self.out.evidence
        ev.add((stmt, RDF.type, RDF.Statement))
        ev.add((stmt, RDF.subject, s))
        ev.add((stmt, RDF.predicate, p))
        ev.add((stmt, RDF.object, o))
        ann = self.add_evidence(written, quote, para, B2B.Evidence)
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
        text = text_iri(self.pid)
        g.add((text, RDFS.label, Literal(f"Canonical text of {self.meta.label['en']}", lang="en")))
        g.add((text, RDFS.label, Literal(f"{self.meta.label['zh']}规范文本", lang="zh")))
        g.add((text, B2B.text, Literal(paper.text)))
        g.add((text, DCTERMS.source, self.paper_node))
        for sec in paper.sections.values():
            s = section_iri(self.pid, sec.id)
            self.generated.add(f"paper/{self.pid}/section/{sec.id}")
            g.add((s, RDF.type, DOCO.Section))
            number = f"{sec.id} " if sec.id[0].isdigit() else ""
            g.add((s, RDFS.label, Literal(f"{number}{sec.title_zh}", lang="zh")))
            g.add((s, RDFS.label, Literal(f"{number}{sec.title_en}", lang="en")))
            g.add((s, DCTERMS.title, Literal(sec.title_zh, lang="zh")))
            g.add((s, DCTERMS.title, Literal(sec.title_en, lang="en")))
            g.add((s, B2B.sectionNumber, Literal(sec.id)))
            g.add((s, B2B.order, Literal(sec.order, datatype=XSD.integer)))
            g.add((s, B2B.startOffset, Literal(sec.start, datatype=XSD.integer)))
            parent = section_iri(self.pid, sec.parent) if sec.parent else self.paper_node
            g.add((s, DCTERMS.isPartOf, parent))
            g.add((parent, DCTERMS.hasPart, s))
        for para in paper.paragraphs.values():
            p = paragraph_iri(self.pid, para.id)
            self.generated.add(f"paper/{self.pid}/para/{para.id}")
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
            g.add((p, DCTERMS.isPartOf, section_iri(self.pid, para.section)))
            g.add((section_iri(self.pid, para.section), DCTERMS.hasPart, p))

    def collect_ids(self) -> None:
        for f in self.files:
            for e in f.entities:
                if e.id in self.ids:
                    self.problem(f.path, e.line, f"entity {e.id!r} is already defined at {self.ids[e.id]}")
                elif self.shared.generated(e.id):
                    self.problem(f.path, e.line, f"{e.id!r} is generated by the build; do not define it")
                elif e.id.startswith("paper/") and e.id[len("paper/"):] in self.shared.paper_ids \
                        and e.id != f"paper/{self.pid}":
                    self.problem(f.path, e.line, f"{e.id!r} is another paper of this build; it defines itself")
                else:
                    self.ids[e.id] = f"{f.path}:{e.line}"
        if self.check_self and f"paper/{self.pid}" not in self.ids:
            where = self.files[0].path if self.files else "statements"
            self.problem(where, 1, f"the paper's own entity 'paper/{self.pid}' is not defined (its type, "
                                   "labels and the quote of its citation line)")

    def collect_works(self) -> None:
        """The work each reference of this paper stands for: by DOI, else by reference key."""
        subject_of: dict[str, dict[str, str]] = {}
        for f in self.files:
            for st in f.statements:
                if isinstance(st.o, str):
                    subject_of.setdefault(st.s, {}).setdefault(st.p, st.o)
        seen: dict[URIRef, str] = {}
        for f in self.files:
            for e in f.entities:
                n = _ref_number(e.id)
                if n is None or e.id not in self.ids or self.ids[e.id] != f"{f.path}:{e.line}":
                    continue
                doi = _plain(e.data.get("bibo:doi"))
                try:
                    if doi:
                        work = work_iri(doi=doi)
                    else:
                        language = _plain(e.data.get("dcterms:language"))
                        first = self.shared.label(e.authors[0], language) if e.authors else ""
                        name = author_key(first)
                        surname, _, initials = name.rpartition(" ") if " " in name and not is_cjk(name) \
                            else (name, "", "")
                        venue = subject_of.get(e.id, {}).get("dcterms:isPartOf", "")
                        key = reference_key(surname, initials[:1] or None,
                                            _plain(e.data.get("fabio:hasPublicationYear")),
                                            self.shared.label(venue, language) if venue else None,
                                            _plain(e.data.get("bibo:volume")) or None,
                                            _plain(e.data.get("bibo:pageStart")) or None)
                        # nothing identifies the work (no author, year, venue, volume, page):
                        # it stays this paper's own, never meeting another paper's
                        work = work_iri(key=key if key.strip("-") else f"{self.pid}-ref-{n}")
                except ValueError as exc:
                    self.problem(f.path, e.line, f"reference {e.id!r}: no work identity ({exc}); "
                                                 "give it bibo:doi, authors and a publication year")
                    continue
                if work in seen:
                    self.problem(f.path, e.line, f"{e.id!r} and {seen[work]!r} name the same work <{work}>; "
                                                 "give one of them its bibo:doi")
                    continue
                seen[work] = e.id
                self.works[e.id] = work
                self.local[work] = KG[e.id]
                entry = reference_iri(self.pid, n)
                self.redirect(KG[e.id], entry)
                self.redirect(KG[f"{e.id}/authors"], URIRef(f"{work}/authors"))

    def entities(self) -> None:
        g = self.out.assertions
        ids = set(self.ids) | self.generated | set(self.shared.defined)
        for f in self.files:
            for e in f.entities:
                if e.id not in self.ids or self.ids[e.id] != f"{f.path}:{e.line}":
                    continue  # a duplicate, reported by collect_ids
                node = self.node(e.id)
                para = self.locate(e.quote, e.para, f.path, e.line)
                self.out.entities += 1
                first = self.shared.defined.get(e.id)
                if first is not None and first[0] != self.pid:
                    self.check_same_names(e, first, f)
                else:
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
                entry = reference_iri(self.pid, _ref_number(e.id)) if e.id in self.works else None
                if entry is not None and para is not None:
                    self.assert_with_evidence(entry, RDF.type, BIRO.BibliographicReference, e.quote, para)
                    self.assert_with_evidence(entry, BIRO.references, node, e.quote, para)
                    self.assert_with_evidence(entry, FRBR.partOf, self.paper_node, e.quote, para)
                for t in e.types:
                    cls = self.term(t, f.path, e.line)
                    if cls is not None and para is not None:
                        self.assert_with_evidence(node, RDF.type, cls, e.quote, para)
                for key, values in sorted(e.data.items()):
                    prop = self.term(key, f.path, e.line)
                    if prop is None:
                        continue
                    subject = entry if entry is not None and key in ENTRY_KEYS else node
                    for value in values if isinstance(values, list) else [values]:
                        try:
                            lit = make_literal(value, self.declared)
                        except TermError as exc:
                            self.problem(f.path, e.line, f"data {key}: {exc}")
                            continue
                        if para is not None:
                            self.assert_with_evidence(subject, prop, lit, e.quote, para)
                if e.authors and para is not None:
                    seq = URIRef(f"{node}/authors")
                    g.add((node, BIBO.authorList, seq))
                    g.add((seq, RDF.type, RDF.Seq))
                    for i, author in enumerate(e.authors, start=1):
                        if author not in ids:
                            self.problem(f.path, e.line, f"author {author!r} is not a defined entity")
                            continue
                        g.add((seq, RDF[f"_{i}"], KG[author]))
                        self.assert_with_evidence(node, DCTERMS.creator, KG[author], e.quote, para)

    def check_same_names(self, e: EntityEntry, first: tuple[str, EntityEntry], f: StatementFile) -> None:
        """A shared entity another paper defined first: this paper may repeat its names, not change them."""
        pid, other = first
        for what, mine, theirs in (("label", e.label, other.label), ("definition", e.definition, other.definition)):
            for lang, text in mine.items():
                if lang in theirs and theirs[lang] != text:
                    self.problem(f.path, e.line, f"entity {e.id!r} is defined by paper {pid} with {what}.{lang} "
                                                 f"{theirs[lang]!r}; a paper sharing it repeats that or leaves it out")

    def statements(self) -> None:
        ids = set(self.ids) | self.generated | set(self.shared.defined)
        for f in self.files:
            for st in f.statements:
                problems_before = len(self.out.problems)
                if st.s not in ids:
                    self.problem(f.path, st.line, f"unknown subject id {st.s!r}")
                prop = self.term(st.p, f.path, st.line)
                try:
                    obj = self.mapped(resolve_node(st.o, ids, self.declared))
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
                    moderators.append(self.node(m))
                mpara = None
                if st.moderation_quote is not None:
                    mpara = self.locate(st.moderation_quote, st.para, f.path, st.line)
                if len(self.out.problems) == problems_before and prop is not None:
                    quoted = self.assert_with_evidence(self.node(st.s), prop, obj, st.quote, para)
                    self.out.statements += 1
                    for kind in st.kind:
                        self.curated_marks.append((quoted, kind, st.cue, f.path, st.line))
                    for m in moderators:
                        self.assert_with_evidence(quoted.node, B2B.moderatedBy, m, st.moderation_quote, mpara)

    def citations(self) -> None:
        ids = set(self.ids) | self.generated | set(self.shared.defined)
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
                        about.append(self.node(a))
                for n in c.refs:
                    if f"ref/{n}" not in self.works:
                        self.problem(f.path, c.line, f"reference {n} is not defined (expected id ref/{n})")
                if len(self.out.problems) != problems_before:
                    continue
                for n in c.refs:
                    work = self.works[f"ref/{n}"]
                    digest = _digest(KG[f"ref/{n}"], para.id, c.quote)
                    node = KG[f"paper/{self.pid}/citation/{digest}"]
                    self.redirect(KG[f"citation/{digest}"], node)
                    self.add_evidence(work, c.quote, para, B2B.InTextCitation, node)
                    ev.add((node, RDF.type, CITO.Citation))
                    ev.add((node, CITO.hasCitingEntity, paragraph_iri(self.pid, para.id)))
                    ev.add((node, CITO.hasCitedEntity, work))
                    ev.add((node, CITO.hasCitationCharacterization, intent))
                    for a in about:
                        ev.add((node, B2B.about, a))
                    self.assert_with_evidence(self.paper_node, intent, work, c.quote, para, claim=False)
                    local = para.text.index(c.quote)
                    self.citation_quotes.append(_Quoted(node, node, para, local, local + len(c.quote), c.quote, n))
                    g.add((self.paper_node, CITO.cites, work))
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
        self.collect_works()
        self.entities()
        self.statements()
        self.citations()
        self.claims()
        # the paper cites every work of its reference list
        for work in sorted(self.works.values()):
            self.out.assertions.add((self.paper_node, CITO.cites, work))
        return self.out


def _is_claim_paragraph(para: Paragraph) -> bool:
    """Claims are quoted from an abstract (a section named ``abstract…``) or the body (the numbered
    sections), not the front matter or the bibliography, whose statements are records of the paper
    and its references."""
    return para.is_body or para.section.startswith("abstract")


def compile_papers(sources: list[PaperSource], ontology: Graph, check_self: bool = True) -> CompiledSet:
    """Compile every paper of one build against the ontology and each other's shared entities.
    Never raises on content problems: they are collected per paper as 'file:line: message'."""
    shared = _Shared(sources, ontology)
    out = CompiledSet()
    seen: set[str] = set()
    for source in sources:
        if source.id in seen:
            raise ValueError(f"paper {source.id!r} is listed twice")
        seen.add(source.id)
        compiler = _Compiler(source, shared, check_self)
        out.papers[source.id] = compiler.run()
        out.redirects += compiler.redirects
    return out


def compile_sources(paper: Paper, files: list[StatementFile], ontology: Graph,
                    meta: PaperMeta | None = None) -> Compiled:
    """Compile one paper on its own. Without ``meta`` (a fragment, as in tests) the paper's id is
    ``paper`` and its own entity need not be defined."""
    source = PaperSource(meta or PaperMeta("paper", {"en": "the paper", "zh": "论文"}), None, paper, files, {})
    return compile_papers([source], ontology, check_self=meta is not None).papers[source.id]
