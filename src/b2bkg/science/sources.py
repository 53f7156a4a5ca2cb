"""What the science-mapping functions read from the store, as plain data: the thesaurus of the
curated papers' notions (bilingual labels) and, from the corpus, its records.

Only SPARQL through the ``Store``/``KnowledgeGraph`` interface; no file is parsed here.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["NOTION_CLASSES", "thesaurus_labels"]

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
