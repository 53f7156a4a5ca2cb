"""An import as RDF: one named graph ``graph/corpus/<name>`` in N-Quads, sorted, so the same
files give the same bytes (re-importing is idempotent).

The shape (the SPARQL the summary, networks and named queries rely on)::

    kg:corpus/<name>            a b2b:Corpus ; rdfs:label "<name>" ; prov:hadMember <work> …
    <work>                      a fabio:Expression (+ fabio:JournalArticle, fabio:ConferencePaper …) ;
                                rdfs:label "COWAN JJ, 1977, J OPT SOC AM" ; dcterms:title ;
                                fabio:hasPublicationYear "1977"^^xsd:gYear ; prism:doi ; prism:volume ;
                                prism:issueIdentifier ; prism:startingPage ; prism:endingPage ;
                                dcterms:isPartOf <venue> ; dcterms:language ; b2b:documentType ;
                                dcterms:abstract ; prism:keyword (author keywords, WoS DE) ;
                                b2b:indexKeyword (WoS ID / Scopus index keywords) ; b2b:country ;
                                b2b:institution (first part of each address) ;
                                b2b:referenceKey ; b2b:firstAuthorKey ; b2b:hasAuthorship <work>/author/<n> ;
                                cito:cites <work> ; prov:wasDerivedFrom <record> ;
                                b2b:citedAuthorKey (first-author key of each cited work) ;
                                b2b:citedVenue <venue of each cited work> (helpers the networks count on) …
    <work>/author/<n>           a b2b:Authorship ; b2b:authorPosition n ; foaf:name "Aria, Massimo" ;
                                b2b:abbreviatedName "Aria, M" ; b2b:authorKey "ARIA M" ; b2b:affiliation …
    <venue> = kg:venue/<key>    a b2b:Venue ; dcterms:title ; b2b:sourceAbbreviation
    <record> = kg:corpus/<name>/record/<digest>
                                a b2b:SourceRecord ; dcterms:isPartOf kg:corpus/<name> ;
                                b2b:sourceFile ; b2b:sourceLine ; b2b:sourceFormat ; dcterms:identifier ;
                                b2b:timesCited ; b2b:exportDate ; b2b:mergeRule ; b2b:mergeScore ;
                                dcterms:hasPart <record>/reference/<n>
    <record>/reference/<n>      a biro:BibliographicReference ; b2b:rawReference "…" ; biro:references <work>

Works that are only cited carry what the reference gave: label, year, first author key, venue,
volume, first page, DOI, key. Documents of the corpus are the works that are ``prov:hadMember``
of a corpus.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Iterable
from pathlib import Path

from b2bkg.corpus.match import Matching, Work
from b2bkg.corpus.model import CitedRef, Record
from b2bkg.vocab import BASE
from b2bkg.works import fold

__all__ = ["PRISM", "BIRO", "corpus_graph", "corpus_iri", "quads", "write_nquads", "venue_iri", "valid_name"]

KGB = BASE + "id/"
B2BD = BASE + "def/"
PRISM = "http://prismstandard.org/namespaces/basic/2.0/"
BIRO = "http://purl.org/spar/biro/"
FABIO = "http://purl.org/spar/fabio/"
CITO = "http://purl.org/spar/cito/"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"

_DOC_TYPES = {
    "article": "JournalArticle", "journal article": "JournalArticle", "article-journal": "JournalArticle",
    "jour": "JournalArticle", "review": "ReviewArticle", "proceedings paper": "ConferencePaper",
    "conference paper": "ConferencePaper", "paper-conference": "ConferencePaper", "inproceedings": "ConferencePaper",
    "conf": "ConferencePaper", "book": "Book", "book chapter": "BookChapter", "chapter": "BookChapter",
    "incollection": "BookChapter", "editorial material": "Editorial", "letter": "Letter", "thesis": "Thesis",
    "phdthesis": "Thesis", "preprint": "Preprint", "journal-article": "JournalArticle",
    "proceedings-article": "ConferencePaper", "book-chapter": "BookChapter", "chap": "BookChapter",
    "thes": "Thesis", "editorial": "Editorial", "review article": "ReviewArticle",
}
#: the document type a FaBiO class stands for, as WoS (and bibliometrix) name it
_TYPE_LABELS = {
    "JournalArticle": "article", "ReviewArticle": "review", "ConferencePaper": "proceedings paper",
    "Book": "book", "BookChapter": "book chapter", "Editorial": "editorial material", "Letter": "letter",
    "Thesis": "thesis", "Preprint": "preprint",
}
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def document_type(printed: str) -> str:
    """One name for a document type however a format prints it (WoS ``Article``, RIS ``JOUR``,
    CSL ``article-journal``, Crossref ``journal-article``: ``article``); a type none of the formats'
    names covers stays as printed, in lower case.

    >>> [document_type(t) for t in ("Article", "JOUR", "article-journal", "Proceedings Paper", "Dataset")]
    ['article', 'article', 'article', 'proceedings paper', 'dataset']
    """
    key = printed.strip().lower()
    cls = _DOC_TYPES.get(key)
    return _TYPE_LABELS[cls] if cls else key


def valid_name(name: str) -> str:
    """A corpus name: lower-case letters, digits, ``.``, ``_``, ``-`` (it is part of IRIs and
    file names); raises ValueError otherwise."""
    if not _NAME.match(name or ""):
        raise ValueError(f"corpus name {name!r}: use 1-64 lower-case letters, digits, '.', '_' or '-', "
                         "starting with a letter or digit")
    return name


def corpus_graph(name: str) -> str:
    return f"{BASE}graph/corpus/{name}"


def corpus_iri(name: str) -> str:
    return f"{KGB}corpus/{name}"


def venue_iri(source: str) -> str | None:
    """``kg:venue/<source folded to letters and digits>`` (so ``J. Opt. Soc. Am.`` and
    ``J OPT SOC AM`` meet), or None for an empty source."""
    key = "".join(ch for ch in fold(source) if ch.isalnum())
    if not key:
        return None
    from urllib.parse import quote

    return f"{KGB}venue/{quote(key, safe='')}"


def _esc(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def _lit(value: object, datatype: str | None = None) -> str:
    text = _esc(str(value))
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


def _iri(value: str) -> str:
    return f"<{value}>"


def _label(author_key: str, year: int | None, source: str) -> str:
    """VOSviewer/bibliometrix style label of a work: ``SURNAME I, YEAR, SOURCE``."""
    return ", ".join(p for p in (author_key, str(year) if year else "", source.upper()) if p)


def _record_iri(name: str, record: Record) -> str:
    digest = hashlib.sha1(f"{Path(record.file).name}\0{record.line}".encode()).hexdigest()[:16]
    return f"{KGB}corpus/{name}/record/{digest}"


def quads(name: str, matching: Matching, merges_by_origin: dict[str, tuple[str, float]],
          records: list[Record]) -> Iterable[tuple[str, str, str]]:
    """Triples (subject, predicate, object, all already N-Triples terms) of one import."""
    corpus = corpus_iri(name)
    yield _iri(corpus), _iri(RDF_TYPE), _iri(B2BD + "Corpus")
    yield _iri(corpus), _iri(RDFS_LABEL), _lit(name)
    index_of = {id(r): i for i, r in enumerate(records)}
    facts = {iri: _cited_facts(work) for iri, work in matching.works.items()}
    for work in matching.works.values():
        w = _iri(work.iri)
        if work.records:
            yield from _document(name, corpus, w, work, matching, merges_by_origin, index_of)
            yield from _citing_helpers(w, work, matching, index_of, facts)
        elif work.ref is not None:
            yield from _cited_only(w, work.ref)


def _cited_facts(work: Work) -> tuple[str, str | None]:
    """The first-author key and venue IRI this import writes for ``work`` (as ``_document`` and
    ``_cited_only`` write them)."""
    primary = work.primary
    if primary is not None:
        first = primary.first_author
        source = next((r.source for r in work.records if r.source), "")
        abbrev = next((r.source_abbrev for r in work.records if r.source_abbrev), "")
        return (first.key if first else ""), venue_iri(abbrev or source)
    if work.ref is not None:
        return work.ref.author_key, venue_iri(work.ref.source) if work.ref.source else None
    return "", None


def _citing_helpers(w: str, work: Work, matching: Matching, index_of, facts) -> Iterable[tuple[str, str, str]]:
    """Per-import helper triples the networks count on (one triple pattern instead of a
    two-step join with a DISTINCT): ``b2b:citedAuthorKey`` the first-author key of each work
    the document cites, ``b2b:citedVenue`` the venue of each; the N-Quads writer keeps each once."""
    for record in work.records:
        index = index_of[id(record)]
        for j in range(len(record.references)):
            target = matching.cites.get((index, j))
            if not target:
                continue
            akey, venue = facts.get(target, ("", None))
            if akey:
                yield w, _iri(B2BD + "citedAuthorKey"), _lit(akey)
            if venue:
                yield w, _iri(B2BD + "citedVenue"), _iri(venue)


def _typed(w: str, doc_type: str) -> Iterable[tuple[str, str, str]]:
    yield w, _iri(RDF_TYPE), _iri(FABIO + "Expression")
    cls = _DOC_TYPES.get(doc_type.strip().lower())
    if cls:
        yield w, _iri(RDF_TYPE), _iri(FABIO + cls)


def _venue(w: str, source: str, abbrev: str) -> Iterable[tuple[str, str, str]]:
    v = venue_iri(abbrev or source)
    if v is None:
        return
    yield w, _iri(DCT + "isPartOf"), _iri(v)
    yield _iri(v), _iri(RDF_TYPE), _iri(B2BD + "Venue")
    if source:
        yield _iri(v), _iri(DCT + "title"), _lit(source)
    if abbrev:
        yield _iri(v), _iri(B2BD + "sourceAbbreviation"), _lit(abbrev)


def _cited_only(w: str, ref: CitedRef) -> Iterable[tuple[str, str, str]]:
    yield from _typed(w, "")
    akey = ref.author_key
    label = _label(akey, ref.year, ref.source) or ref.raw[:120]
    yield w, _iri(RDFS_LABEL), _lit(label)
    if ref.year:
        yield w, _iri(FABIO + "hasPublicationYear"), _lit(f"{ref.year:04d}", XSD + "gYear")
    if akey:
        yield w, _iri(B2BD + "firstAuthorKey"), _lit(akey)
    if ref.doi:
        yield w, _iri(PRISM + "doi"), _lit(ref.doi)
    if ref.volume:
        yield w, _iri(PRISM + "volume"), _lit(ref.volume)
    if ref.page:
        yield w, _iri(PRISM + "startingPage"), _lit(ref.page)
    if ref.title:
        yield w, _iri(DCT + "title"), _lit(ref.title)
    if not ref.openalex:
        yield w, _iri(B2BD + "referenceKey"), _lit(ref.key)
    else:
        yield w, _iri(DCT + "identifier"), _lit(ref.openalex)
    if ref.source:
        yield from _venue(w, "", ref.source)


def _document(name, corpus, w, work: Work, matching: Matching, merges_by_origin, index_of):
    primary = work.primary
    assert primary is not None
    yield _iri(corpus), _iri(PROV + "hadMember"), w
    yield from _typed(w, primary.doc_type)
    first = primary.first_author
    yield w, _iri(RDFS_LABEL), _lit(_label(first.key if first else "", primary.year,
                                           primary.source_abbrev or primary.source))
    if primary.title:
        yield w, _iri(DCT + "title"), _lit(primary.title)
    if primary.year:
        yield w, _iri(FABIO + "hasPublicationYear"), _lit(f"{primary.year:04d}", XSD + "gYear")
    if first:
        yield w, _iri(B2BD + "firstAuthorKey"), _lit(first.key)
    yield w, _iri(B2BD + "referenceKey"), _lit(primary.key)
    doi = next((r.doi for r in work.records if r.doi), None)
    if doi:
        yield w, _iri(PRISM + "doi"), _lit(doi)
    for attr, pred in (("volume", "volume"), ("issue", "issueIdentifier"), ("page_start", "startingPage"),
                       ("page_end", "endingPage")):
        value = next((getattr(r, attr) for r in work.records if getattr(r, attr)), "")
        if value:
            yield w, _iri(PRISM + pred), _lit(value)
    for attr, pred in (("language", DCT + "language"), ("doc_type", B2BD + "documentType"),
                       ("abstract", DCT + "abstract")):
        value = next((getattr(r, attr) for r in work.records if getattr(r, attr)), "")
        if value:
            yield w, _iri(pred), _lit(value)
    source = next((r.source for r in work.records if r.source), "")
    abbrev = next((r.source_abbrev for r in work.records if r.source_abbrev), "")
    yield from _venue(w, source, abbrev)
    seen_kw: set[tuple[str, str]] = set()
    for record in work.records:
        for kw in record.author_keywords:
            if ("de", kw.casefold()) not in seen_kw:
                seen_kw.add(("de", kw.casefold()))
                yield w, _iri(PRISM + "keyword"), _lit(kw)
        for kw in record.index_keywords:
            if ("id", kw.casefold()) not in seen_kw:
                seen_kw.add(("id", kw.casefold()))
                yield w, _iri(B2BD + "indexKeyword"), _lit(kw)
        for c in record.countries:
            yield w, _iri(B2BD + "country"), _lit(c)
        for address in record.affiliations:
            institution = address.split(",", 1)[0].strip().rstrip(".")
            if institution:
                yield w, _iri(B2BD + "institution"), _lit(institution)
    for n, author in enumerate(primary.authors, start=1):
        a = _iri(f"{work.iri}/author/{n}")
        yield w, _iri(B2BD + "hasAuthorship"), a
        yield a, _iri(RDF_TYPE), _iri(B2BD + "Authorship")
        yield a, _iri(B2BD + "authorPosition"), _lit(n, XSD + "integer")
        yield a, _iri(FOAF + "name"), _lit(author.full)
        if author.abbreviated:
            yield a, _iri(B2BD + "abbreviatedName"), _lit(author.abbreviated)
        yield a, _iri(B2BD + "authorKey"), _lit(author.key)
        for aff in author.affiliations:
            yield a, _iri(B2BD + "affiliation"), _lit(aff)
        if author.orcid:
            yield a, _iri(B2BD + "orcid"), _lit(author.orcid)
    for record in work.records:
        rec_iri = _record_iri(name, record)
        rec = _iri(rec_iri)
        index = index_of[id(record)]
        yield w, _iri(PROV + "wasDerivedFrom"), rec
        yield rec, _iri(RDF_TYPE), _iri(B2BD + "SourceRecord")
        yield rec, _iri(DCT + "isPartOf"), _iri(corpus)
        yield rec, _iri(B2BD + "sourceFile"), _lit(Path(record.file).name)
        yield rec, _iri(B2BD + "sourceLine"), _lit(record.line, XSD + "integer")
        yield rec, _iri(B2BD + "sourceFormat"), _lit(record.format)
        if record.identifier:
            yield rec, _iri(DCT + "identifier"), _lit(record.identifier)
        if record.times_cited is not None:
            yield rec, _iri(B2BD + "timesCited"), _lit(record.times_cited, XSD + "integer")
        if record.export_date:
            yield rec, _iri(B2BD + "exportDate"), _lit(record.export_date)
        merged = merges_by_origin.get(record.origin)
        if merged:
            yield rec, _iri(B2BD + "mergeRule"), _lit(merged[0])
            yield rec, _iri(B2BD + "mergeScore"), _lit(f"{merged[1]:.3f}", XSD + "decimal")
        for j, ref in enumerate(record.references):
            target = matching.cites.get((index, j))
            entry = f"<{rec_iri}/reference/{j + 1}>"
            yield rec, _iri(DCT + "hasPart"), entry
            yield entry, _iri(RDF_TYPE), _iri(BIRO + "BibliographicReference")
            yield entry, _iri(B2BD + "rawReference"), _lit(ref.raw)
            if target:
                yield entry, _iri(BIRO + "references"), _iri(target)
                yield w, _iri(CITO + "cites"), _iri(target)


#: lines sorted in memory at a time when writing an import (beyond that: sorted runs on disk,
#: merged), so the peak memory of a 100k-record import stays bounded
SORT_CHUNK = 1_000_000


def write_nquads(path: Path, graph: str, triples: Iterable[tuple[str, str, str]], *,
                 chunk: int = SORT_CHUNK) -> int:
    """Write the triples into ``graph`` as sorted, unique N-Quads; return how many.

    An external merge sort: runs of ``chunk`` unique lines are sorted and spilled to temporary
    files beside ``path``, then merged (``heapq.merge``) with duplicates dropped, so the bytes
    are those of one in-memory sort whatever the size."""
    g = _iri(graph)
    tmp = path.with_suffix(path.suffix + ".tmp")
    runs: list[Path] = []
    batch: set[str] = set()
    try:
        for s, p, o in triples:
            batch.add(f"{s} {p} {o} {g} .\n")
            if len(batch) >= chunk:
                runs.append(_spill(path, len(runs), batch))
                batch = set()
        count = 0
        with tmp.open("w", encoding="utf-8") as f:
            if not runs:
                lines = sorted(batch)
                f.writelines(lines)
                count = len(lines)
            else:
                if batch:
                    runs.append(_spill(path, len(runs), batch))
                batch = set()
                files = [r.open(encoding="utf-8") for r in runs]
                try:
                    last = None
                    for line in heapq.merge(*files):
                        if line != last:
                            f.write(line)
                            count += 1
                            last = line
                finally:
                    for h in files:
                        h.close()
        tmp.replace(path)
    finally:
        for r in runs:
            r.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return count


def _spill(path: Path, n: int, lines: set[str]) -> Path:
    run = path.with_name(f"{path.name}.run{n}")
    with run.open("w", encoding="utf-8") as f:
        f.writelines(sorted(lines))
    return run
