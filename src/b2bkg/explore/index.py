"""The entity index: every entity of the paper with its labels, alternative labels and classes,
and the labels of the ontology's terms. Built with four queries, once per dataset version.

Entities are the ``kg:`` resources of the assertions graph that carry an ``rdfs:label``, except
the evidence machinery (statements, evidence, citations) and the paper's own structure
(sections, paragraphs, its text and author lists); the paper itself is an entity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from b2bkg.explore.sparql import GRAPHS, KG_BASE, curie, local_name, select
from b2bkg.store.base import Store

__all__ = ["Entity", "Index", "build_index", "is_entity_iri", "B2B_BASE"]

B2B_BASE = "https://w3id.org/b2bkg/def/"
_MACHINERY = tuple(KG_BASE + p for p in ("statement/", "evidence/", "citation/", "paper/wang-2025/"))

LABELS = f"""
SELECT ?e ?p ?l WHERE {{
  GRAPH <{GRAPHS['assertions']}> {{ VALUES ?p {{ rdfs:label skos:altLabel }} ?e ?p ?l }}
  FILTER(isIRI(?e) && STRSTARTS(STR(?e), "{KG_BASE}"))
}}"""
TYPES = f"""
SELECT ?e ?t ?g WHERE {{
  VALUES ?g {{ <{GRAPHS['assertions']}> <{GRAPHS['inferences']}> }}
  GRAPH ?g {{ ?e a ?t }} FILTER(isIRI(?t) && STRSTARTS(STR(?e), "{KG_BASE}"))
}}"""
TERM_LABELS = f"""
SELECT ?t ?l WHERE {{ GRAPH <{GRAPHS['ontology']}> {{ ?t rdfs:label ?l }} FILTER(isIRI(?t)) }}"""
SUBCLASSES = f"""
SELECT ?c ?d WHERE {{ GRAPH <{GRAPHS['ontology']}> {{ ?c rdfs:subClassOf ?d }} FILTER(isIRI(?c) && isIRI(?d)) }}"""


def is_entity_iri(iri: str) -> bool:
    """True for an entity of the paper, false for the evidence machinery and paper structure.

    >>> is_entity_iri("https://w3id.org/b2bkg/id/mechanism/cost-reduction")
    True
    >>> is_entity_iri("https://w3id.org/b2bkg/id/paper/wang-2025/para/5.2-1")
    False
    """
    return iri.startswith(KG_BASE) and not iri.startswith(_MACHINERY) and not iri.endswith("/authors")


@dataclass(frozen=True)
class Entity:
    iri: str
    label_en: str
    label_zh: str
    alt: tuple[tuple[str, str], ...]  # (lang, text)
    types: tuple[str, ...]            # asserted classes (IRIs)
    all_types: tuple[str, ...]        # asserted and inferred classes, superclasses included
    display_class: str                # the most specific asserted class (IRI), "" if none

    def brief(self) -> dict:
        """The entity as the JSON APIs show it in lists."""
        return {"iri": self.iri, "curie": curie(self.iri), "label": self.label_en, "label_zh": self.label_zh,
                "class": local_name(self.display_class) if self.display_class else ""}


@dataclass
class Index:
    entities: dict[str, Entity] = field(default_factory=dict)
    term_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # IRI -> {lang: label}

    def label(self, iri: str, lang: str = "en") -> str:
        """A label of any IRI: entity, ontology term, or its local name."""
        e = self.entities.get(iri)
        if e is not None:
            return (e.label_zh or e.label_en) if lang == "zh" else (e.label_en or e.label_zh)
        labels = self.term_labels.get(iri, {})
        return labels.get(lang) or labels.get("en") or labels.get("") or local_name(iri)

    def term(self, iri: str) -> dict:
        """An ontology term (class or property) with its labels in both languages."""
        return {"iri": iri, "curie": curie(iri), "label": self.label(iri, "en"), "label_zh": self.label(iri, "zh")}

    def brief(self, iri: str) -> dict:
        e = self.entities.get(iri)
        return e.brief() if e else {"iri": iri, "curie": curie(iri), "label": self.label(iri),
                                    "label_zh": self.label(iri, "zh"), "class": ""}


def _closure(parents: dict[str, set[str]], c: str) -> set[str]:
    seen: set[str] = set()
    todo = [c]
    while todo:
        for d in parents.get(todo.pop(), ()):
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


def _most_specific(types: list[str], parents: dict[str, set[str]]) -> str:
    if not types:
        return ""
    supers = set().union(*(_closure(parents, t) for t in types))
    leaves = sorted(t for t in types if t not in supers) or sorted(types)
    own = [t for t in leaves if t.startswith(B2B_BASE)]
    return (own or leaves)[0]


def build_index(store: Store, timeout: float | None = None) -> Index:
    """The index of ``store``'s entities and terms."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    alt: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in select(store, LABELS, timeout=timeout):
        iri = row["e"].value
        if not is_entity_iri(iri):
            continue
        if row["p"].value.endswith("#label"):
            labels[iri].setdefault(row["l"].lang or "", row["l"].value)
        else:
            alt[iri].append((row["l"].lang, row["l"].value))
    asserted: dict[str, set[str]] = defaultdict(set)
    every: dict[str, set[str]] = defaultdict(set)
    for row in select(store, TYPES, timeout=timeout):
        every[row["e"].value].add(row["t"].value)
        if row["g"].value == GRAPHS["assertions"]:
            asserted[row["e"].value].add(row["t"].value)
    parents: dict[str, set[str]] = defaultdict(set)
    for row in select(store, SUBCLASSES, timeout=timeout):
        parents[row["c"].value].add(row["d"].value)
    index = Index()
    for row in select(store, TERM_LABELS, timeout=timeout):
        index.term_labels.setdefault(row["t"].value, {}).setdefault(row["l"].lang, row["l"].value)
    for iri in sorted(labels):
        ls = labels[iri]
        en = ls.get("en") or ls.get("") or ls.get("zh") or local_name(iri)
        zh = ls.get("zh") or en
        types = sorted(asserted.get(iri, ()))
        all_types = set(types) | every.get(iri, set())
        for t in types:
            all_types |= _closure(parents, t)
        index.entities[iri] = Entity(iri, en, zh, tuple(sorted(set(alt.get(iri, ())))), tuple(types),
                                     tuple(sorted(all_types)), _most_specific(types, parents))
    return index
