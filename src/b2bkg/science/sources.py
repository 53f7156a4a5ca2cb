"""What the science-mapping functions read from the store, as plain data: the thesaurus of the
curated papers' notions (bilingual labels) and, from the corpus, its records.

Only SPARQL through the ``Store``/``KnowledgeGraph`` interface; no file is parsed here.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["NOTION_CLASSES", "records", "thesaurus_labels"]

#: the classes whose members are tagged in the literature (their subclasses count)
NOTION_CLASSES = (
    "b2b:Concept", "b2b:Theory", "b2b:Mechanism", "b2b:DevelopmentStage", "b2b:Stage", "b2b:StageFeature",
    "b2b:DigitalTool", "b2b:DigitalTechnology", "b2b:Risk", "b2b:Constraint", "b2b:InfluencingFactor",
    "b2b:GovernanceApproach", "b2b:GovernanceInstrument", "b2b:GovernancePrinciple", "b2b:GovernanceTrend",
)


class _Queryable(Protocol):
    def query(self, query: str, **params: str): ...


def thesaurus_labels(kg: _Queryable) -> list[tuple[str, str, str]]:
    """``(entity IRI, label, kind)`` of every notion, ``kind`` ``pref`` for ``rdfs:label`` and
    ``skos:prefLabel``, ``alt`` for ``skos:altLabel``, in any language (the curated papers'
    are English and Chinese)."""
    classes = " ".join(NOTION_CLASSES)
    table = kg.query(f"""SELECT DISTINCT ?e ?label ?p WHERE {{
        VALUES ?top {{ {classes} }}
        ?cls rdfs:subClassOf* ?top . ?e a ?cls .
        VALUES ?p {{ rdfs:label skos:prefLabel skos:altLabel }}
        ?e ?p ?label . FILTER(isLiteral(?label) && STRSTARTS(STR(?e), STR(kg:)))
    }} ORDER BY ?e ?label""")
    alt = "http://www.w3.org/2004/02/skos/core#altLabel"
    return [(str(e), str(label), "alt" if str(p) == alt else "pref") for e, label, p in table.rows]


def records(kg: _Queryable) -> list[dict]:
    """Every work of the store that has a title and is not a corpus document (those are read by
    :func:`b2bkg.science.corpusdata.corpus_records`), as a plain record: ``{work, title, year,
    abstract, keywords, authors, source, references}``. Read with the vocabularies the corpus and
    the curated papers share: ``dcterms:title``, ``fabio:hasPublicationYear``,
    ``dcterms:abstract``, ``prism:keyword`` (or a literal ``dcterms:subject``), ``dcterms:creator``
    (its ``foaf:name`` or label), ``dcterms:isPartOf`` (the venue's title or label), and
    ``cito:cites`` for the works it cites."""
    base = """SELECT ?w (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?a) AS ?abstract) (SAMPLE(?src) AS ?source)
      WHERE { ?w dcterms:title ?t . FILTER(isIRI(?w))
        FILTER NOT EXISTS { VALUES ?part { doco:Section doco:Paragraph owl:Ontology } ?w a ?part }
        FILTER NOT EXISTS { ?corpus a b2b:Corpus ; prov:hadMember ?w }
        OPTIONAL { ?w fabio:hasPublicationYear ?y } OPTIONAL { ?w dcterms:abstract ?a }
        OPTIONAL { ?w dcterms:isPartOf ?v . { ?v dcterms:title ?src } UNION { ?v rdfs:label ?src } }
      } GROUP BY ?w ORDER BY ?w"""
    out: dict[str, dict] = {}
    for w, t, y, a, src in kg.query(base).rows:
        year = None
        if y is not None and str(y)[:4].isdigit():
            year = int(str(y)[:4])
        out[str(w)] = {"work": str(w), "title": str(t), "year": year, "abstract": str(a or ""),
                       "keywords": [], "authors": [], "source": str(src or ""), "references": []}
    for w, k in kg.query("""SELECT DISTINCT ?w ?k WHERE { ?w dcterms:title ?t .
            { ?w <http://prismstandard.org/namespaces/basic/2.0/keyword> ?k }
            UNION { ?w dcterms:subject ?k FILTER(isLiteral(?k)) } } ORDER BY ?w ?k""").rows:
        if str(w) in out:
            out[str(w)]["keywords"].append(str(k))
    for w, n in kg.query("""SELECT DISTINCT ?w ?n WHERE { ?w dcterms:title ?t ; dcterms:creator ?c .
            { ?c foaf:name ?n } UNION { ?c rdfs:label ?n } } ORDER BY ?w ?n""").rows:
        if str(w) in out and str(n) not in out[str(w)]["authors"]:
            out[str(w)]["authors"].append(str(n))
    for w, c in kg.query("""SELECT DISTINCT ?w ?c WHERE { ?w dcterms:title ?t ; cito:cites ?c } ORDER BY ?w ?c""").rows:
        if str(w) in out:
            out[str(w)]["references"].append(str(c))
    return list(out.values())
