"""Project the store's graph into the one networkx ``MultiDiGraph`` that the analyses and the
graph exports share, built from the read model's ``Facts`` (bulk queries through the store).

What becomes a node, what becomes an edge, and what stays an attribute is set by a
``ProjectionConfig``; the defaults give "the paper's argument": the entities of the asserted graph
and the object properties between them, without the ontology's classes, without the bibliographic
layer (references, venues, the paper's sections and paragraphs, author lists) and without
inferred triples.

Nodes are keyed by IRI and carry ``iri``, ``curie``, ``label`` (English, falling back to Chinese
or the IRI's last segment), ``label_zh``, ``types`` (CURIEs of the asserted types and their
superclasses in the ontology), ``display_class`` (local name of the most specific asserted class,
preferring ``b2b:`` classes) and, when ``literals`` is on, one attribute per literal property
(``"b2b:value"``, ``"skos:definition@en"``; several values joined by `` | ``).

Edges are keyed by the predicate's CURIE and carry ``predicate`` (IRI), ``label``, ``label_zh``,
``evidence`` (how many quotes of the evidence graph support the triple), ``quotes`` (a tuple of
``(quote, paragraph id, section id)``) and ``inferred`` (true when the triple is only in the
inferences graph).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import networkx as nx
from rdflib import Dataset
from rdflib.namespace import RDF, RDFS, SKOS

from b2bkg.errors import BadRequest
from b2bkg.readmodel.entities import KG_BASE
from b2bkg.readmodel.facts import Facts, fetch_facts
from b2bkg.readmodel.index import entity_display_class, entity_kind
from b2bkg.store.base import Store
from b2bkg.store.memory import MemoryStore
from b2bkg.vocab import (
    B2B,
    BIBO,
    CITO,
    DCTERMS,
    DOCO,
    FABIO,
    OA,
    PREFIXES,
    curie,
    local_name,
)

__all__ = [
    "ProjectionConfig",
    "Projection",
    "project",
    "curie",
    "expand",
    "node_ref",
    "as_facts",
    "BIBLIOGRAPHIC_PREDICATES",
]

#: Predicates that belong to the bibliographic layer: edges only when ``bibliographic`` is on.
BIBLIOGRAPHIC_PREDICATES = frozenset(
    {
        DCTERMS.isPartOf, DCTERMS.hasPart, DCTERMS.creator, DCTERMS.publisher, DCTERMS.source,
        BIBO.authorList, B2B.inParagraph, B2B.inSection, B2B.reportedBy,
    }
)
BIBLIOGRAPHIC_PREDICATES = frozenset(str(p) for p in BIBLIOGRAPHIC_PREDICATES)
_BIBLIOGRAPHIC_NAMESPACES = (str(CITO), str(FABIO), str(BIBO), str(DOCO), str(OA))
_LABELS = frozenset({str(RDFS.label), str(SKOS.prefLabel)})
_TYPE = str(RDF.type)
_SEPARATOR = " | "


def expand(term: str) -> str:
    """The IRI of a CURIE with a project prefix; an IRI is returned unchanged.

    >>> expand("b2b:enables")
    'https://w3id.org/b2bkg/def/enables'
    """
    if term.startswith(("http://", "https://", "urn:")):
        return term
    prefix, sep, local = term.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    raise BadRequest(
        f"cannot read {term!r} as an IRI or a CURIE; use a full IRI or one of the prefixes "
        f"{', '.join(sorted(PREFIXES))}"
    )


@dataclass(frozen=True)
class ProjectionConfig:
    """How to turn the dataset into a graph.

    inferences
        Also take edges from the inferences graph (inverse properties, transitive closure).
    classes
        Add the ontology's classes as nodes and ``rdf:type`` as edges to them.
    bibliographic
        Keep references, venues, the paper, its sections and paragraphs, author lists and the
        persons and organisations that appear only as authors or publishers.
    allow
        When not empty, only these predicates (IRIs or CURIEs) become edges.
    deny
        These predicates never become edges.
    literals
        Keep literal property values as node attributes.
    """

    inferences: bool = False
    classes: bool = False
    bibliographic: bool = False
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    literals: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "allow", tuple(sorted({expand(p) for p in self.allow})))
        object.__setattr__(self, "deny", tuple(sorted({expand(p) for p in self.deny})))

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ProjectionConfig:
        """Read a config from string parameters (HTTP query or CLI): ``graphs=asserted|inferred``,
        ``classes``, ``bibliographic``, ``literals`` (``true|false``), ``allow`` and ``deny``
        (comma-separated IRIs or CURIEs). Raises ``BadRequest`` naming a bad parameter.

        >>> ProjectionConfig.from_params({"graphs": "inferred", "deny": "b2b:benefits"}).inferences
        True
        """
        graphs = params.get("graphs", "asserted")
        if graphs not in ("asserted", "inferred"):
            raise BadRequest(f"parameter 'graphs' must be one of asserted, inferred (got {graphs!r})")

        def flag(name: str, default: bool) -> bool:
            value = params.get(name)
            if value is None or value == "":
                return default
            if value.lower() in ("true", "1", "yes"):
                return True
            if value.lower() in ("false", "0", "no"):
                return False
            raise BadRequest(f"parameter {name!r} must be one of true, false (got {value!r})")

        def terms(name: str) -> tuple[str, ...]:
            raw = params.get(name) or ""
            return tuple(t.strip() for t in raw.split(",") if t.strip())

        return cls(
            inferences=graphs == "inferred",
            classes=flag("classes", False),
            bibliographic=flag("bibliographic", False),
            allow=terms("allow"),
            deny=terms("deny"),
            literals=flag("literals", True),
        )

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Projection:
    """The projected graph with the facts the analyses need beyond it."""

    graph: nx.MultiDiGraph
    config: ProjectionConfig
    version: str = ""
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # every IRI seen -> (en, zh)


def node_ref(G: nx.Graph, node: str) -> dict:
    """The plain-data description of a node used in every answer: IRI, labels and class."""
    data = G.nodes[node]
    return {
        "iri": node,
        "label": data.get("label", node),
        "label_zh": data.get("label_zh", ""),
        "class": data.get("display_class", ""),
    }


def _is_bibliographic_predicate(p: str) -> bool:
    return p in BIBLIOGRAPHIC_PREDICATES or p.startswith(_BIBLIOGRAPHIC_NAMESPACES) or p.startswith(str(RDF) + "_")


def project(source: Facts | Store | Dataset, config: ProjectionConfig | None = None,
            version: str = "") -> Projection:
    """Project ``source`` (the read model's ``Facts``, a ``Store``, or an rdflib ``Dataset``) into a
    ``MultiDiGraph`` as ``config`` says (see the module's docstring). Nothing is modified.

    Examples
    --------
    >>> from rdflib import Dataset, Literal
    >>> from b2bkg.vocab import B2B, KG, GRAPH_ASSERTIONS, RDF, RDFS
    >>> ds = Dataset()
    >>> g = ds.graph(GRAPH_ASSERTIONS)
    >>> _ = g.add((KG["tool/saas"], B2B.enables, KG["mechanism/cost-reduction"]))
    >>> _ = g.add((KG["tool/saas"], RDF.type, B2B.DigitalTool))
    >>> _ = g.add((KG["tool/saas"], RDFS.label, Literal("SaaS", lang="en")))
    >>> P = project(ds)
    >>> sorted(P.graph.edges(keys=True))[0][2], P.graph.nodes[str(KG["tool/saas"])]["display_class"]
    ('b2b:enables', 'DigitalTool')
    """
    facts = as_facts(source)
    config = config or ProjectionConfig()
    version = version or facts.version
    allow, deny = set(config.allow), set(config.deny)
    all_types = facts.all_types

    def is_entity(n: str) -> bool:
        return n.startswith(KG_BASE)

    # 1. candidate edges between entities; literal attributes
    edges: dict[tuple[str, str, str], bool] = {}  # -> inferred only?
    for s, p, o, inferred in facts.links:
        if inferred and not config.inferences:
            continue
        if not is_entity(o) or (allow and p not in allow) or p in deny:
            continue
        if not config.bibliographic and _is_bibliographic_predicate(p):
            continue
        edges[(s, p, o)] = inferred

    # 2. nodes: every typed or linked entity, minus the bibliographic layer unless asked for
    entities = {s for s in facts.asserted_types if is_entity(s)} | {n for e in edges for n in (e[0], e[2])}
    if not config.bibliographic:
        kinds = {n: entity_kind(facts, n) for n in entities}
        entities = {n for n in entities if kinds[n] not in ("record", "machinery")}
        linked = {n for s, _, o in edges for n in (s, o) if s in entities and o in entities}
        entities = {n for n in entities if kinds[n] != "agent" or n in linked}

    G = nx.MultiDiGraph(name="b2bkg", version=version)
    for n in sorted(entities):
        en, zh = facts.label_pair(n)
        dc = entity_display_class(facts, n)
        attrs = {
            "iri": n,
            "curie": curie(n),
            "label": en,
            "label_zh": zh,
            "types": tuple(sorted(curie(t) for t in all_types(n))),
            "display_class": local_name(dc) if dc else "Thing",
        }
        if config.literals:
            values: dict[str, set[str]] = defaultdict(set)
            for p, lang, text, inferred in facts.literals.get(n, ()):
                if p in _LABELS or (inferred and not config.inferences):
                    continue
                values[curie(p) + (f"@{lang}" if lang else "")].add(text)
            for key, vs in sorted(values.items()):
                attrs[key] = _SEPARATOR.join(sorted(vs))
        G.add_node(n, **attrs)
    for (s, p, o), inferred in sorted(edges.items()):
        if s not in entities or o not in entities:
            continue
        quotes = tuple(facts.evidence.get((s, p, o), ()))
        en, zh = facts.label_pair(p)
        G.add_edge(s, o, key=curie(p), predicate=p, label=en, label_zh=zh,
                   evidence=len(quotes), quotes=quotes, inferred=inferred)
    if config.classes and not ((allow and _TYPE not in allow) or _TYPE in deny):
        for n in sorted(entities):
            asserted = facts.asserted_types.get(n, set())
            extra = facts.inferred_types.get(n, set()) if config.inferences else set()
            for t in sorted(asserted | extra):
                if t not in G:
                    en, zh = facts.label_pair(t)
                    G.add_node(t, iri=t, curie=curie(t), label=en, label_zh=zh,
                               types=("owl:Class",), display_class="Class")
                quotes = tuple(facts.evidence.get((n, _TYPE, t), ()))
                G.add_edge(n, t, key="rdf:type", predicate=_TYPE, label="type", label_zh="类型",
                           evidence=len(quotes), quotes=quotes, inferred=t not in asserted)
    return Projection(graph=G, config=config, version=version,
                      labels={k: facts.label_pair(k) for k in facts.labels})


def as_facts(source: Facts | Store | Dataset) -> Facts:
    """The read model's facts of a store, or of an rdflib ``Dataset`` (loaded into an in-memory store)."""
    if isinstance(source, Facts):
        return source
    if isinstance(source, Store):
        return fetch_facts(source)
    return fetch_facts(MemoryStore.from_data(dataset_nquads(source)))


def dataset_nquads(ds: Dataset) -> bytes:
    """An rdflib ``Dataset``'s named graphs as N-Quads."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        out = ds.serialize(format="nquads")
    return out.encode() if isinstance(out, str) else out
