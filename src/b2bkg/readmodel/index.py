"""The entity index: every entity with its labels in both languages, alternative labels, classes
and display class, and the labels of the ontology's terms. Built from ``Facts`` (bulk queries
through the store), once per dataset version.

The entity set is the ``kg:`` resources labelled in an assertions graph whose kind
(``b2bkg.readmodel.entities.kind_of``) is ``entity``, ``agent`` or ``record``: the paper, its
references and venues are entities of the index; the evidence and text machinery is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from b2bkg.readmodel.entities import display_class, kind_of
from b2bkg.readmodel.facts import Facts
from b2bkg.vocab import curie, local_name

__all__ = ["Entity", "Index", "build_index", "INDEX_KINDS"]

#: The kinds the index lists.
INDEX_KINDS = ("entity", "agent", "record")


@dataclass(frozen=True)
class Entity:
    iri: str
    label_en: str
    label_zh: str
    alt: tuple[tuple[str, str], ...]  # (lang, text)
    types: tuple[str, ...]            # asserted classes (IRIs)
    all_types: tuple[str, ...]        # asserted and inferred classes, superclasses included
    display_class: str                # the class it is shown as (IRI), "" if none
    kind: str = "entity"              # see b2bkg.readmodel.entities.kind_of

    def brief(self) -> dict:
        """The entity as the JSON APIs show it in lists."""
        return {"iri": self.iri, "curie": curie(self.iri), "label": self.label_en, "label_zh": self.label_zh,
                "class": local_name(self.display_class) if self.display_class else ""}


@dataclass
class Index:
    entities: dict[str, Entity] = field(default_factory=dict)
    term_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # IRI -> {lang: label}
    version: str = ""
    facts: Facts | None = field(default=None, repr=False, compare=False)
    #: where the facts come from again once the read model let them go (``ReadModel.release``)
    load_facts: Callable[[], Facts] | None = field(default=None, repr=False, compare=False)

    def kind(self, iri: str) -> str:
        """The kind of any IRI (``b2bkg.readmodel.entities.kind_of``), listed in the index or not."""
        e = self.entities.get(iri)
        if e is not None:
            return e.kind
        facts = self.facts if self.facts is not None else (self.load_facts() if self.load_facts else None)
        return entity_kind(facts, iri) if facts is not None else kind_of(iri, ())

    def is_entity(self, iri: str) -> bool:
        """True for a ``kg:`` resource that is not evidence or text machinery."""
        return self.kind(iri) not in ("machinery", "external")

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


def entity_kind(facts: Facts, iri: str) -> str:
    """The kind of ``iri`` in ``facts`` (the one definition, applied to the store's data)."""
    return kind_of(iri, facts.all_types(iri), iri in facts.text_holders)


def entity_display_class(facts: Facts, iri: str) -> str:
    """The display class (IRI, "" if none) of ``iri`` in ``facts``."""
    return display_class(facts.asserted_types.get(iri, set()), facts.inferred_types.get(iri, set()),
                         facts.closure, facts.depth)


def build_index(facts: Facts) -> Index:
    """The index of the entities and terms in ``facts``."""
    index = Index(term_labels=facts.term_labels, version=facts.version, facts=facts)
    for iri in sorted(facts.labelled):
        kind = entity_kind(facts, iri)
        if kind not in INDEX_KINDS:
            continue
        ls = facts.labels.get(iri, {})
        en = ls.get("en") or ls.get("") or ls.get("zh") or local_name(iri)
        zh = ls.get("zh") or en
        index.entities[iri] = Entity(
            iri, en, zh, tuple(sorted(facts.alt_labels.get(iri, ()))),
            tuple(sorted(facts.asserted_types.get(iri, ()))), tuple(sorted(facts.all_types(iri))),
            entity_display_class(facts, iri), kind,
        )
    return index
