"""``b2bkg corpus summary``: the main information of a corpus, counted in the store.

Conventions (bibliometrix ``biblioAnalysis``/``summary`` is the reference):

- documents: the works that are members of the corpus (merged duplicates count once;
  bibliometrix counts rows, so an un-deduplicated WoS+Scopus merge counts twice there);
- sources: distinct venues (``kg:venue/…``, the source abbreviation or title folded);
- annual growth rate: ``((n_last / n_first) ** (1 / (last - first)) - 1) * 100`` (as bibliometrix);
- document average age: ``reference_year - year`` averaged over documents with a year, where
  ``reference_year`` is the latest export date's year in the corpus, else the latest
  publication year (bibliometrix uses the current year, which makes the figure change by the
  day; ours is stable for a given corpus);
- average citations per document: the times cited reported in the export (the highest when
  merged records report several), averaged over documents that report one;
- references: distinct cited works after matching (bibliometrix counts distinct strings);
  reference entries: cited-reference entries read;
- authors: distinct bibliometrix author keys (``SURNAME INITIALS``, CJK names whole); author
  appearances: (document, author) pairs; co-authors per document: appearances / documents;
- countries: a document counts once for each distinct country of its addresses (bibliometrix
  ranks countries by the corresponding author; exports do not always mark one);
- keywords: author keywords (WoS ``DE``) and indexed keywords (``ID``, Keywords Plus) apart,
  compared case-insensitively;
- document types: one name per type however each format prints it (WoS ``Article``, RIS ``JOUR``
  and CSL ``article-journal`` are all ``article``; ``corpus.rdf.document_type``), as
  bibliometrix's lower-case ``DT``; the printed forms are counted apart in
  ``document_types_printed``.
"""

from __future__ import annotations

from functools import partial

from b2bkg.corpus.rdf import document_type
from b2bkg.corpus.sparql import corpus_graphs, corpus_scope, select
from b2bkg.store import Store

__all__ = ["summary"]


def _count(store: Store, where: str, what: str = "?d", graphs: tuple[str, ...] = ()) -> int:
    rows = select(store, f"SELECT (COUNT(DISTINCT {what}) AS ?n) WHERE {{ {where} }}", graphs=graphs)
    return int(rows[0]["n"] or 0) if rows else 0


def _top(store: Store, where: str, k: int, graphs: tuple[str, ...] = ()) -> list[dict]:
    # (document, label) pairs made distinct first, then counted: the same counts as
    # COUNT(DISTINCT ?d) per label, which Virtuoso 7 refuses on a 100k-record corpus (SR319,
    # "Max row length is exceeded when trying to store a string … into a temp col")
    rows = select(store, f"SELECT ?label (COUNT(*) AS ?count) WHERE {{ {{ SELECT DISTINCT ?d ?label "
                         f"WHERE {{ {where} }} }} }} GROUP BY ?label ORDER BY DESC(?count) ?label LIMIT {int(k)}",
                  graphs=graphs)
    return [{"label": r["label"], "count": r["count"]} for r in rows if r["label"] is not None]


def summary(store: Store, name: str | None = None, *, top: int = 10) -> dict:
    """The summary of corpus ``name`` (every corpus when None) as plain data, read from the
    import's own graph: a work is one node in every import that has it, and what another import
    says of it (its source record, its reference entries, its venue's printed title) is that
    import's."""
    graphs = corpus_graphs(name)
    ask, count, ranked = (partial(f, store, graphs=graphs) for f in (select, _count, _top))
    docs = f"{corpus_scope(name)} ?c prov:hadMember ?d ."
    records = f"{docs} ?d prov:wasDerivedFrom ?r . ?r dcterms:isPartOf ?c ."  # the documents' records in ?c
    out: dict = {"corpus": name or "*"}
    out["documents"] = count(docs)
    out["sources"] = count(f"{docs} ?d dcterms:isPartOf ?v .", "?v")
    years = ask(f"""SELECT ?year (COUNT(?d) AS ?n) WHERE {{
        {{ SELECT ?d (MIN(xsd:integer(STR(?y))) AS ?year) WHERE {{ {docs} ?d fabio:hasPublicationYear ?y }}
           GROUP BY ?d }} }} GROUP BY ?year ORDER BY ?year""")
    annual = {int(r["year"]): int(r["n"]) for r in years if r["year"] is not None}
    out["timespan"] = [min(annual), max(annual)] if annual else []
    out["annual_production"] = {str(y): annual[y] for y in sorted(annual)}
    if len(annual) >= 2 and annual[min(annual)] > 0:
        span = max(annual) - min(annual)
        out["annual_growth_rate_pct"] = round(((annual[max(annual)] / annual[min(annual)]) ** (1 / span) - 1) * 100, 2)
    else:
        out["annual_growth_rate_pct"] = 0.0
    export = ask(f"SELECT (MAX(STR(?e)) AS ?e) WHERE {{ {records} ?r b2b:exportDate ?e }}")
    export_year = None
    if export and export[0].get("e"):
        digits = "".join(ch for ch in str(export[0]["e"]) if ch.isdigit())
        export_year = int(digits[:4]) if len(digits) >= 4 else None
    ref_year = export_year or (max(annual) if annual else None)
    n_dated = sum(annual.values())
    out["document_average_age"] = (round(sum((ref_year - y) * n for y, n in annual.items()) / n_dated, 2)
                                   if n_dated and ref_year else None)
    out["age_reference_year"] = ref_year
    cited = ask(f"""SELECT (AVG(?tc) AS ?mean) (COUNT(?d) AS ?n) WHERE {{
        {{ SELECT ?d (MAX(?t) AS ?tc) WHERE {{ {records} ?r b2b:timesCited ?t }}
           GROUP BY ?d }} }}""")
    out["average_citations_per_document"] = round(float(cited[0]["mean"]), 2) if cited and cited[0]["mean"] else 0.0
    out["references_distinct"] = count(f"{docs} ?d cito:cites ?w .", "?w")
    out["reference_entries"] = count(f"{records} ?r dcterms:hasPart ?e . ?e a biro:BibliographicReference .", "?e")
    authors = f"{docs} ?d b2b:hasAuthorship ?a . ?a b2b:authorKey ?k ."
    out["authors_distinct"] = count(authors, "?k")
    pairs = ask(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?d ?k WHERE {{ {authors} }} }}")
    out["author_appearances"] = int(pairs[0]["n"]) if pairs else 0
    single = ask(f"""SELECT (COUNT(?d) AS ?n) WHERE {{ {{ SELECT ?d WHERE {{ {authors} }}
        GROUP BY ?d HAVING (COUNT(DISTINCT ?k) = 1) }} }}""")
    out["single_authored_documents"] = int(single[0]["n"]) if single else 0
    out["co_authors_per_document"] = round(out["author_appearances"] / out["documents"], 2) if out["documents"] else 0.0
    out["author_keywords_distinct"] = count(f"{docs} ?d prism:keyword ?kw .", "LCASE(STR(?kw))")
    out["indexed_keywords_distinct"] = count(f"{docs} ?d b2b:indexKeyword ?kw .", "LCASE(STR(?kw))")
    types = ask(f"SELECT ?t (COUNT(DISTINCT ?d) AS ?n) WHERE {{ {docs} ?d b2b:documentType ?t }} "
                "GROUP BY ?t ORDER BY DESC(?n) ?t")
    folded: dict[str, int] = {}
    for r in types:  # a work has one printed type (its first record's), so the counts add up
        folded[document_type(str(r["t"]))] = folded.get(document_type(str(r["t"])), 0) + int(r["n"])
    out["document_types"] = dict(sorted(folded.items(), key=lambda kv: (-kv[1], kv[0])))
    out["document_types_printed"] = {r["t"]: r["n"] for r in types}
    out["top_authors"] = ranked(f"{authors} BIND(?k AS ?label)", top)
    out["top_sources"] = ranked(f"{docs} ?d dcterms:isPartOf ?v . "
                                "OPTIONAL { ?v dcterms:title ?t } OPTIONAL { ?v b2b:sourceAbbreviation ?ab } "
                                "BIND(COALESCE(?t, ?ab) AS ?label)", top)
    cited_rows = ask(f"SELECT ?w (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?d) AS ?count) WHERE {{ {docs} "
                     "?d cito:cites ?w . OPTIONAL { ?w rdfs:label ?l } } GROUP BY ?w "
                     f"ORDER BY DESC(?count) ?w LIMIT {int(top)}")  # per work: two works may share a label
    out["top_cited_references"] = [{"label": r["label"] or r["w"], "count": r["count"], "work": r["w"]}
                                   for r in cited_rows]
    out["top_countries"] = ranked(f"{docs} ?d b2b:country ?label .", top)
    out["top_author_keywords"] = ranked(f"{docs} ?d prism:keyword ?kw . BIND(LCASE(STR(?kw)) AS ?label)", top)
    out["top_indexed_keywords"] = ranked(f"{docs} ?d b2b:indexKeyword ?kw . BIND(LCASE(STR(?kw)) AS ?label)", top)
    return out
