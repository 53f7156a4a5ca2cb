"""The one definition of what an entity is and which class it is shown as.

Every reader of the graph (the explorer, the analytics and their exports, the CLI) asks this
module; nothing else decides it. The decision is read from the data, not from IRI layouts:

``kind``
    ``machinery`` for the evidence and text machinery (statements, annotations, selectors,
    in-text citations, sections, paragraphs, a paper's printed reference entries, author lists,
    and any resource holding a text with
    ``b2b:text``); ``record`` for the bibliographic layer (FaBiO works and venues, the paper
    itself, ``b2b:Reference`` entries); ``agent`` for persons and organisations; ``entity`` for
    everything else under ``kg:`` (theories, mechanisms, actors, concepts …); ``external`` for
    IRIs outside ``kg:``.

``display_class``
    The most specific of the entity's asserted classes (its inferred classes when none is
    asserted): the classes that are no superclass of another candidate, ``b2b:`` classes first,
    then the deepest in the class tree (ontology and reasoner), then the first by IRI.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from b2bkg.vocab import B2B, BIBO, BIRO, CITO, DOCO, FABIO, FOAF, KG, OA, RDF

__all__ = [
    "KG_BASE",
    "B2B_BASE",
    "MACHINERY_CLASSES",
    "RECORD_CLASSES",
    "AGENT_CLASSES",
    "TEXT_PREDICATE",
    "KINDS",
    "kind_of",
    "display_class",
    "class_tree",
]

KG_BASE = str(KG)
B2B_BASE = str(B2B)
_FABIO = str(FABIO)

#: Classes of the evidence and text machinery: never an entity of the explorer or the analytics.
MACHINERY_CLASSES = frozenset(str(c) for c in (
    RDF.Statement, RDF.Seq, OA.Annotation, OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector,
    B2B.Claim, B2B.Evidence, B2B.InTextCitation, CITO.Citation, DOCO.Section, DOCO.Paragraph,
    BIRO.BibliographicReference,
))
#: Classes of the bibliographic layer (besides every FaBiO class).
RECORD_CLASSES = frozenset(str(c) for c in (B2B.Reference, BIBO.Document))
AGENT_CLASSES = frozenset(str(c) for c in (FOAF.Person, FOAF.Organization))
#: A resource with this literal property holds a text (the canonical text, a paragraph's text).
TEXT_PREDICATE = str(B2B.text)
KINDS = ("entity", "record", "agent", "machinery", "external")


def kind_of(iri: str, types: Collection[str], holds_text: bool = False) -> str:
    """The kind of ``iri`` given all its classes (asserted, inferred, superclasses).

    >>> kind_of("https://w3id.org/b2bkg/id/mechanism/cost-reduction", {"https://w3id.org/b2bkg/def/Mechanism"})
    'entity'
    >>> kind_of("https://w3id.org/b2bkg/id/ref/9", {"http://purl.org/spar/fabio/JournalArticle"})
    'record'
    >>> kind_of("https://w3id.org/b2bkg/id/paper/p/text", set(), holds_text=True)
    'machinery'
    """
    if not iri.startswith(KG_BASE):
        return "external"
    if holds_text or not MACHINERY_CLASSES.isdisjoint(types):
        return "machinery"
    if not RECORD_CLASSES.isdisjoint(types) or any(t.startswith(_FABIO) for t in types):
        return "record"
    if not AGENT_CLASSES.isdisjoint(types):
        return "agent"
    return "entity"


def class_tree(pairs: Iterable[tuple[str, str]], thing: str = "http://www.w3.org/2002/07/owl#Thing",
               ) -> tuple[dict[str, frozenset[str]], dict[str, int]]:
    """Superclass closure and depth (longest chain to a root) from ``(class, superclass)`` pairs;
    ``owl:Thing`` and self-loops are left out, cycles (equivalent classes) are cut.

    >>> closure, depth = class_tree([("a:SME", "a:Enterprise"), ("a:Enterprise", "a:Actor")])
    >>> sorted(closure["a:SME"]), depth["a:SME"], depth.get("a:Actor", 0)
    (['a:Actor', 'a:Enterprise'], 2, 0)
    """
    parents: dict[str, set[str]] = {}
    for c, sup in pairs:
        if c != sup and sup != thing:
            parents.setdefault(c, set()).add(sup)
    closure: dict[str, frozenset[str]] = {}
    depth: dict[str, int] = {}

    def visit(c: str, stack: frozenset) -> None:
        if c in closure:
            return
        ups: set[str] = set()
        d = 0
        for p in sorted(parents.get(c, ())):
            if p in stack:
                continue
            visit(p, stack | {c})
            ups |= {p} | closure[p]
            d = max(d, depth[p] + 1)
        closure[c], depth[c] = frozenset(ups), d

    for c in sorted(parents):
        visit(c, frozenset())
    return closure, depth


_GROUP = B2B_BASE + "EntityGroup"


def display_class(asserted: Collection[str], inferred: Collection[str],
                  closure: Mapping[str, Collection[str]], depth: Mapping[str, int]) -> str:
    """The IRI of the class an entity is shown as ("" when it has none); see the module's docstring.

    >>> closure = {"b:SME": {"b:Enterprise"}}
    >>> display_class({"b:Enterprise", "b:SME"}, (), closure, {"b:SME": 1})
    'b:SME'
    >>> display_class({B2B_BASE + "EntityGroup", B2B_BASE + "Mechanism"}, (), {}, {})[len(B2B_BASE):]
    'Mechanism'
    """
    candidates = sorted(asserted or inferred)
    if not candidates:
        return ""
    supers = {s for c in candidates for s in closure.get(c, ())}
    leaves = [c for c in candidates if c not in supers] or candidates
    own = [c for c in leaves if c.startswith(B2B_BASE)] or leaves
    own = [c for c in own if c != _GROUP] or own  # a group is shown as what its members are
    return min(own, key=lambda c: (-depth.get(c, 0), c))
