"""The record model every corpus parser produces, whatever the file format.

One :class:`Record` per bibliographic record read (a WoS ``PT … ER`` block, a Scopus CSV row, a
BibTeX entry …), its authors as :class:`Author` (printed full and abbreviated forms plus the
bibliometrix counting key), its cited references as :class:`CitedRef`. Parsers return a
:class:`ParseResult`: the records, the :class:`Problem` s (file, line, reason) of the records they
refused, and the cited-reference entries they rejected as not being references.

These are plain frozen-ish dataclasses, so the science-mapping code (and notebooks) can build on
them without touching RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from b2bkg.works import author_key, normalise_doi, reference_key, work_iri

__all__ = ["Author", "CitedRef", "Record", "Problem", "ParseResult"]


@dataclass(slots=True)
class Author:
    """One author in byline order: ``full`` as printed (``AF``), ``abbreviated`` (``AU``);
    ``key`` is the bibliometrix counting form (:func:`b2bkg.works.author_key`)."""

    full: str
    abbreviated: str = ""
    affiliations: list[str] = field(default_factory=list)
    orcid: str = ""

    @property
    def key(self) -> str:
        return author_key(self.abbreviated or self.full)

    @property
    def surname(self) -> str:
        key = self.key
        return key.rsplit(" ", 1)[0] if " " in key else key

    @property
    def initial(self) -> str:
        key = self.key
        return key.rsplit(" ", 1)[1][:1] if " " in key else ""


@dataclass(slots=True)
class CitedRef:
    """One cited-reference entry as printed (``raw``) and the parts read from it."""

    raw: str
    author: str = ""
    year: int | None = None
    source: str = ""
    volume: str = ""
    page: str = ""
    doi: str | None = None
    title: str = ""
    openalex: str = ""

    @property
    def author_key(self) -> str:
        return author_key(self.author)

    @property
    def key(self) -> str:
        """The normalised matching key (see :func:`b2bkg.works.reference_key`)."""
        akey = self.author_key
        surname, _, initials = akey.rpartition(" ") if " " in akey else (akey, "", "")
        return reference_key(surname, initials[:1], self.year, self.source, self.volume, self.page)

    def iri_hint(self) -> str:
        """The IRI this reference has on its own (DOI first, else its key); matching may merge it."""
        return str(work_iri(doi=self.doi) if self.doi else work_iri(key=self.key))


@dataclass(slots=True)
class Record:
    """One bibliographic record of an export file."""

    file: str
    line: int
    format: str
    title: str = ""
    authors: list[Author] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    source: str = ""
    source_abbrev: str = ""
    year: int | None = None
    volume: str = ""
    issue: str = ""
    page_start: str = ""
    page_end: str = ""
    doi: str | None = None
    doc_type: str = ""
    language: str = ""
    author_keywords: list[str] = field(default_factory=list)
    index_keywords: list[str] = field(default_factory=list)
    abstract: str = ""
    times_cited: int | None = None
    export_date: str = ""
    references: list[CitedRef] = field(default_factory=list)
    identifier: str = ""  # the database's own id: WoS UT, Scopus EID, OpenAlex id, BibTeX key …
    publisher: str = ""
    issn: str = ""

    def __post_init__(self) -> None:
        self.doi = normalise_doi(self.doi) if self.doi else None

    @property
    def first_author(self) -> Author | None:
        return self.authors[0] if self.authors else None

    @property
    def key(self) -> str:
        """The reference key this record would have if another record cited it (WoS style:
        first author, year, source abbreviation, volume, first page)."""
        a = self.first_author
        return reference_key(a.surname if a else "", a.initial if a else "", self.year,
                             self.source_abbrev or self.source, self.volume, self.page_start)

    @property
    def origin(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """A record (or line) refused: where and why, in words a person can act on."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ParseResult:
    """What one file gave: records, refused records, and rejected reference entries
    (``rejected_refs``: reason -> count, e.g. ``{"NO TITLE CAPTURED": 3}``)."""

    file: str
    format: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected_refs: dict[str, int] = field(default_factory=dict)
    records_read: int = 0

    def reject_ref(self, reason: str) -> None:
        self.rejected_refs[reason] = self.rejected_refs.get(reason, 0) + 1
