"""``ScienceView``: the science-mapping analyses over the store of a ``KnowledgeGraph`` (what
``KnowledgeGraph.science``, the ``b2bkg corpus …`` commands and ``/api/corpus/…`` call).

The records, the thesaurus and the tags are read once per store version (the store's
``version`` changes when its data does) and shared by the analyses; each method returns plain,
JSON-ready data. Bad options raise ``BadRequest`` (the project's one error shape over HTTP, a
clear message and exit code 2 in the CLI).
"""

from __future__ import annotations

from collections import Counter

from b2bkg.errors import BadRequest, NotFound
from b2bkg.science import corpusdata, service
from b2bkg.science.query import corpus_scope, literal, select
from b2bkg.science.sources import NOTION_CLASSES, thesaurus_labels
from b2bkg.science.sources import records as graph_records
from b2bkg.science.tagging import Tag, Thesaurus, ThesaurusError, tag_records
from b2bkg.store import Store
from b2bkg.store.cache import VersionCache

__all__ = ["ScienceView", "DOCUMENTS_OF"]

#: per network kind and unit, the pattern binding ``?d``, the corpus document behind item ``?i``
#: (whose title, abstract and keywords label the cluster): the record citing a reference, the
#: record carrying a keyword or written by an author, the record itself for coupling of
#: documents (the corpus shape of docs/corpus.md).
DOCUMENTS_OF: dict[tuple[str, str], str | None] = {
    ("co-citation", "references"): "?d cito:cites ?i .",
    ("co-citation", "authors"): "?d cito:cites ?w . ?w b2b:firstAuthorKey ?i .",
    ("co-citation", "sources"): "?d cito:cites ?w . ?w dcterms:isPartOf ?i .",
    ("coupling", "documents"): None,  # the item is the document
    ("coupling", "authors"): "?d b2b:hasAuthorship/b2b:authorKey ?i .",
    ("coupling", "sources"): "?d dcterms:isPartOf ?i .",
    ("coupling", "countries"): "?d b2b:country ?i .",
    ("co-authorship", "authors"): "?d b2b:hasAuthorship/b2b:authorKey ?i .",
    ("co-authorship", "institutions"): "?d b2b:institution ?i .",
    ("co-authorship", "countries"): "?d b2b:country ?i .",
    ("keywords", "author"): "SELECT ?d ?i WHERE { ?d prism:keyword ?k BIND(LCASE(STR(?k)) AS ?i) }",
    ("keywords", "indexed"): "SELECT ?d ?i WHERE { ?d b2b:indexKeyword ?k BIND(LCASE(STR(?k)) AS ?i) }",
    ("direct-citation", "documents"): None,
}


class _Rows:
    """What :mod:`b2bkg.science.sources` and :mod:`b2bkg.science.compare` need of a query
    answer: ``rows``, tuples of plain values (IRIs and literals as ``str``) in SELECT order."""

    def __init__(self, rows: list[dict]):
        self.rows = [tuple(r.values()) for r in rows]


class _StoreQueries:
    """``query(text)`` over a ``Store`` with the project's prefixes declared."""

    def __init__(self, store: Store):
        self.store = store

    def query(self, text: str, **params: str) -> _Rows:
        return _Rows(select(self.store, text))


class ScienceView:
    """Read side of the science-mapping analyses on ``store``. ``corpora``: the corpus network
    service of the application (an object with ``network(kind, unit, corpus=…, **options)``
    returning a network with ``as_dict()``, counted in the store by SPARQL aggregates); without
    one, networks are counted from the records (:func:`b2bkg.science.service.records_network`)."""

    def __init__(self, store: Store, corpora=None):
        self.store = store
        self.kg = _StoreQueries(store)
        self.corpora = corpora
        self._cache = VersionCache(store)  # re-entrant: computations read other cached inputs

    # -- data read once per store version -------------------------------------------------
    def _cached(self, key: tuple, compute):
        return self._cache.get(key, compute)

    def _check(self, corpus: str | None) -> None:
        if corpus:
            names = self._cached(("corpus_names",), lambda: corpusdata.corpus_names(self.store))
            if corpus not in names:
                known = ", ".join(names) or "none imported"
                raise NotFound(f"no corpus named {corpus!r} in the store (corpora: {known})")

    def corpus_list(self) -> list[dict]:
        """``[{name, documents}]`` of the corpora in the store."""
        return self._cached(("corpus_list",), lambda: corpusdata.corpus_counts(self.store))

    def records(self, corpus: str | None = None) -> list[dict]:
        """The corpus documents (of ``corpus``, or of every corpus); with no corpus named, also
        the other works of the graph that have a title (the curated papers and the works their
        reference entries point to), so the seed paper's own literature is mapped too."""
        self._check(corpus)

        def compute():
            docs = corpusdata.corpus_records(self.store, corpus)
            if corpus:
                return docs
            seen = {r["work"] for r in docs}
            extra = [r for r in graph_records(self.kg) if r["work"] not in seen]
            for r in extra:
                r.setdefault("indexed", [])
                r.setdefault("label", r.get("title") or r["work"])
            return docs + extra

        return self._cached(("records", corpus), compute)

    def names(self, iris) -> dict[str, str]:
        """Labels of cited works (``SURNAME I, YEAR, SOURCE`` or the title)."""
        iris = sorted(set(iris))
        found = self._cached(("names", tuple(iris)), lambda: corpusdata.cited_works(self.store, iris))
        return {i: found[i]["label"] if i in found else i for i in iris}

    def seed_references(self) -> dict[str, list[str]]:
        return self._cached(("seed",), lambda: corpusdata.seed_references(self.store))

    def _labels(self) -> list[tuple[str, str, str]]:
        return self._cached(("labels",), lambda: thesaurus_labels(self.kg))

    def thesaurus(self, thesaurus_text: str | None = None) -> Thesaurus:
        def compute():
            try:
                return Thesaurus.from_labels(self._labels(), thesaurus_text)
            except ThesaurusError as exc:
                raise BadRequest(f"thesaurus file: {exc}") from exc

        return self._cached(("thesaurus", thesaurus_text), compute)

    def _tags(self, corpus: str | None, thesaurus_text: str | None) -> list[Tag]:
        return self._cached(("tags", corpus, thesaurus_text),
                            lambda: tag_records(self.thesaurus(thesaurus_text), self.records(corpus)))

    # -- analyses -------------------------------------------------------------------------
    def bursts(self, of: str = "references", *, corpus: str | None = None, s: float = 2.0, gamma: float = 1.0,
               min_duration: int = 1, top: int | None = None) -> list[dict]:
        if s <= 1:
            raise BadRequest(f"s must be above 1 (the burst state's rate is s times the base rate), got {s}")
        if gamma < 0:
            raise BadRequest(f"gamma must be 0 or more, got {gamma}")
        if min_duration < 1:
            raise BadRequest("min duration: at least 1 year")
        recs = self.records(corpus)
        try:
            rows = service.burst_table(recs, of, s=s, gamma=gamma, min_duration=min_duration, top=top)
        except ValueError as exc:
            raise BadRequest(str(exc)) from exc
        if of == "references":
            iris = sorted({r["work"] for r in rows})
            info = self._cached(("names", tuple(iris)), lambda: corpusdata.cited_works(self.store, iris))
            for r in rows:
                r["label"] = info.get(r["work"], {}).get("label", r["work"])
                r["year"] = info.get(r["work"], {}).get("year")
        return rows

    def network(self, kind: str, unit: str, corpus: str | None = None, **options) -> dict:
        """The corpus network ``kind``/``unit`` as a dict (the store's, else from the records),
        computed once per store version and options (the timeline and the clusters share it)."""
        self._check(corpus)
        if self.corpora is not None:
            key = ("network", kind, unit, corpus, tuple(sorted(options.items())))
            return self._cached(key, lambda: self.corpora.network(kind, unit, corpus=corpus, **options).as_dict())
        recs = self.records(corpus)
        names = self.names(i for r in recs for i in r["references"]) if kind == "co-citation" else {}
        try:
            return service.records_network(recs, kind, unit, names=names, **options)
        except ValueError as exc:
            raise BadRequest(str(exc)) from exc

    def documents_of(self, kind: str, unit: str, items: list[str], corpus: str | None = None) -> dict[str, list[str]]:
        """Item -> the corpus documents behind it (``DOCUMENTS_OF``), by SPARQL; with no corpus
        in the store, from the records."""
        if not items:
            return {}
        if (kind, unit) == ("keywords", "terms") and self.corpora is not None:  # extracted in Python
            from b2bkg.corpus.network import item_pattern
            from b2bkg.corpus.terms import term_documents

            return term_documents(self.store, item_pattern("keywords", "terms", corpus), items)
        if (kind, unit) not in DOCUMENTS_OF:
            raise BadRequest(f"network {kind!r} has no unit {unit!r}")
        if not self._cached(("corpus_names",), lambda: corpusdata.corpus_names(self.store)):
            items_of = service.RECORD_NETWORKS[kind][unit]
            wanted = set(items)
            out: dict[str, list[str]] = {}
            for r in self.records(corpus):
                for i in set(items_of(r)) & wanted:
                    out.setdefault(i, []).append(r["work"])
            return out
        pattern = DOCUMENTS_OF[(kind, unit)]
        if pattern is None:
            return {i: [i] for i in items}
        scope = corpus_scope(corpus)
        out = {}
        for start in range(0, len(items), 1000):
            values = "VALUES ?i { " + " ".join(literal(i) for i in items[start:start + 1000]) + " }"
            rows = select(self.store, f"SELECT DISTINCT ?i ?d WHERE {{ {{ {pattern} }} {values} "
                                      f"{scope} ?c prov:hadMember ?d }}")
            for r in rows:
                out.setdefault(r["i"], []).append(r["d"])
        return out

    def clusters(self, kind: str = "co-citation", unit: str = "references", *, corpus: str | None = None,
                 top_terms: int = 5, **options) -> dict:
        net = self.network(kind, unit, corpus, **options)
        docs = self.documents_of(kind, unit, [n["id"] for n in net["nodes"]], corpus)
        return service.clusters(net, docs, self.records(corpus), top=top_terms)

    def mainpath(self, *, corpus: str | None = None, weight: str = "spc", key_routes: int = 1) -> dict:
        try:
            return service.main_paths(self.records(corpus), weight=weight, key_routes=key_routes)
        except ValueError as exc:
            raise BadRequest(str(exc)) from exc

    def timeline(self, *, corpus: str | None = None, **options) -> dict:
        net = self.network("co-citation", "references", corpus, **options)
        marked = self.seed_references()
        out = service.timeline(net, self.records(corpus), marked)
        outside = out["seed_references_outside"]
        out["seed_references_outside"] = service.place_outside(
            outside, corpusdata.cited_works(self.store, outside), marked)
        return out

    def slices(self, *, corpus: str | None = None, years_per_slice: int = 1, top: int = 50) -> list[dict]:
        if years_per_slice < 1:
            raise BadRequest(f"years per slice must be at least 1, got {years_per_slice}")
        if top < 1:
            raise BadRequest("top: at least 1 reference per slice")
        recs = self.records(corpus)
        rows = service.slices(recs, years_per_slice, top=top)
        names = self.names(t["id"] for row in rows for t in row["top"])
        for row in rows:
            for t in row["top"]:
                t["label"] = names.get(t["id"], t["id"])
        return rows

    def historiograph(self, *, corpus: str | None = None, top: int = 20) -> dict:
        if top < 1:
            raise BadRequest("top: at least 1 document")
        return service.historiograph_of(self.records(corpus), top)

    def thematic(self, *, corpus: str | None = None, unit: str = "author", **options) -> dict:
        net = self.network("keywords", unit, corpus, **options)
        return {"unit": unit, "themes": service.thematic(net),
                "quadrants": {"motor themes": "high centrality, high density",
                              "niche themes": "low centrality, high density",
                              "emerging or declining themes": "low centrality, low density",
                              "basic themes": "high centrality, low density"}}

    # -- the curated papers' notions in the literature -------------------------------------
    def entity_labels(self) -> dict[str, dict[str, str]]:
        def compute():
            out: dict[str, dict[str, str]] = {}
            for e, label, kind in self._labels():
                slot = out.setdefault(e, {})
                zh = any("\u4e00" <= ch <= "\u9fff" for ch in label)
                key = ("zh" if zh else "en") if kind == "pref" else ""
                if key and key not in slot:
                    slot[key] = label
            return out

        return self._cached(("entity_labels",), compute)

    def tags(self, *, corpus: str | None = None, thesaurus_text: str | None = None, query: str | None = None,
             entity: str | None = None, limit: int | None = None) -> list[dict]:
        """The tags (``{work, field, exact, prefix, suffix, start, end, entity, label}``),
        optionally those of one ``entity`` or whose entity's labels or span contain ``query``
        (case-insensitive; Chinese as typed)."""
        tags = self._tags(corpus, thesaurus_text)
        if entity:
            tags = [t for t in tags if t.entity == entity]
        if query:
            q = query.casefold().strip()
            labels = self.entity_labels()
            hits = {e for e, ls in labels.items() if any(q in v.casefold() for v in ls.values())}
            hits |= {e for e, _label, _k in self._labels() if q in _label.casefold()}
            tags = [t for t in tags if t.entity in hits or q in t.exact.casefold()]
        rows = [t.as_dict() for t in tags]
        if limit is not None:
            rows = rows[:limit]
        titles = {r["work"]: r for r in self.records(corpus)}
        for row in rows:
            rec = titles.get(row["work"], {})
            row["title"] = rec.get("title", "")
            row["year"] = rec.get("year")
        return rows

    def cooccurrence(self, *, corpus: str | None = None, thesaurus_text: str | None = None) -> list[dict]:
        from b2bkg.science.concepts import cooccurrence

        labels = self.entity_labels()
        rows = cooccurrence(self._tags(corpus, thesaurus_text))
        for r in rows:
            r["source_label"] = labels.get(r["source"], {}).get("en", r["source"])
            r["target_label"] = labels.get(r["target"], {}).get("en", r["target"])
        return rows

    def concepts_by_year(self, *, corpus: str | None = None, thesaurus_text: str | None = None) -> list[dict]:
        from b2bkg.science.concepts import by_year

        years = {r["work"]: r.get("year") for r in self.records(corpus)}
        labels = self.entity_labels()
        table = by_year(self._tags(corpus, thesaurus_text), years)
        total = Counter()
        for e, ys in table.items():
            total[e] = sum(ys.values())
        return [{"entity": e, "label": labels.get(e, {}).get("en", e), "label_zh": labels.get(e, {}).get("zh", ""),
                 "records": total[e], "by_year": {str(y): n for y, n in ys.items()}}
                for e, ys in sorted(table.items(), key=lambda kv: (-total[kv[0]], kv[0]))]

    def related(self, *, corpus: str | None = None, paper: str | None = None, thesaurus_text: str | None = None,
                limit: int = 50) -> list[dict]:
        """Per curated paper, the corpus works discussing its notions (the shared ones named)."""
        from b2bkg.science.concepts import related_literature

        notions = self._cached(("paper_notions",), lambda: corpusdata.paper_notions(self.store, NOTION_CLASSES))
        if paper and paper not in notions:
            known = ", ".join(sorted(notions)) or "none"
            raise NotFound(f"no curated paper {paper!r} with statements (papers: {known})")
        labels = {e: ls.get("en", e) for e, ls in self.entity_labels().items()}
        recs = {r["work"]: r for r in self.records(corpus)}
        tags = self._tags(corpus, thesaurus_text)
        out = []
        for p in sorted(notions):
            if paper and p != paper:
                continue
            own = {w for w in recs if w == p or w.startswith(p + "/")}
            rows = related_literature(tags, notions[p], exclude=own, labels=labels)[:limit]
            for r in rows:
                rec = recs.get(r["work"], {})
                r["title"] = rec.get("title", "")
                r["year"] = rec.get("year")
            out.append({"paper": p, "notions": len(notions[p]), "related": rows})
        return out

    def compare(self):
        from b2bkg.science.compare import comparison

        return comparison(self.kg)
