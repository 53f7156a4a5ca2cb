"""Project the RDF dataset into a networkx ``MultiDiGraph`` that the analyses share.

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
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

import networkx as nx
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from b2bkg.errors import BadRequest
from b2bkg.vocab import (
    B2B,
    BIBO,
    CITO,
    DCTERMS,
    DOCO,
    FABIO,
    FOAF,
    GRAPH_ASSERTIONS,
    GRAPH_EVIDENCE,
    GRAPH_INFERENCES,
    GRAPH_ONTOLOGY,
    KG,
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
    "entity_types",
    "labels_of",
    "BIBLIOGRAPHIC_PREDICATES",
]

#: Predicates that belong to the bibliographic layer: edges only when ``bibliographic`` is on.
BIBLIOGRAPHIC_PREDICATES = frozenset(
    {
        DCTERMS.isPartOf, DCTERMS.hasPart, DCTERMS.creator, DCTERMS.publisher, DCTERMS.source,
        BIBO.authorList, B2B.inParagraph, B2B.inSection, B2B.reportedBy,
    }
)
_BIBLIOGRAPHIC_NAMESPACES = (str(CITO), str(FABIO), str(BIBO), str(DOCO), str(OA))
_BIBLIOGRAPHIC_CLASSES = frozenset({B2B.Reference, RDF.Seq, FABIO.Journal, DOCO.Section, DOCO.Paragraph})
_AGENT_CLASSES = frozenset({FOAF.Person, FOAF.Organization})
_LABELS = frozenset({RDFS.label, SKOS.prefLabel})
_SKIPPED_LITERALS = frozenset({B2B.text})  # the canonical text and paragraph texts: too long for an attribute
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


def _class_depths(ds: Dataset) -> tuple[dict[URIRef, set[URIRef]], dict[URIRef, int]]:
    """Superclass closure and depth (longest chain to a root) of every class in the ontology."""
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for g in (GRAPH_ONTOLOGY, GRAPH_INFERENCES):
        for c, sup in ds.graph(g).subject_objects(RDFS.subClassOf):
            if isinstance(c, URIRef) and isinstance(sup, URIRef) and c != sup and sup != OWL.Thing:
                parents[c].add(sup)
    closure: dict[URIRef, set[URIRef]] = {}
    depth: dict[URIRef, int] = {}

    def visit(c: URIRef, stack: frozenset) -> None:
        if c in closure:
            return
        ups: set[URIRef] = set()
        d = 0
        for p in parents.get(c, ()):
            if p in stack:
                continue  # a cycle (equivalent classes): stop there
            visit(p, stack | {c})
            ups |= {p} | closure[p]
            d = max(d, depth[p] + 1)
        closure[c], depth[c] = ups, d

    for c in list(parents):
        visit(c, frozenset())
    return closure, depth


def entity_types(ds: Dataset) -> dict[str, set[str]]:
    """IRI -> CURIEs of its asserted and inferred types and their superclasses in the ontology.

    >>> from rdflib import Dataset
    >>> from b2bkg.vocab import B2B, KG, GRAPH_ASSERTIONS, GRAPH_ONTOLOGY, RDF, RDFS
    >>> ds = Dataset()
    >>> _ = ds.graph(GRAPH_ONTOLOGY).add((B2B.SME, RDFS.subClassOf, B2B.Enterprise))
    >>> _ = ds.graph(GRAPH_ASSERTIONS).add((KG["actor/sme"], RDF.type, B2B.SME))
    >>> sorted(entity_types(ds)[str(KG["actor/sme"])])
    ['b2b:Enterprise', 'b2b:SME']
    """
    closure, _ = _class_depths(ds)
    out: dict[str, set[str]] = defaultdict(set)
    for g in (GRAPH_ASSERTIONS, GRAPH_INFERENCES):
        for s, t in ds.graph(g).subject_objects(RDF.type):
            if isinstance(t, URIRef):
                out[str(s)] |= {curie(str(c)) for c in {t} | closure.get(t, set())}
    return dict(out)


def _display_class(types: Iterable[URIRef], depth: Mapping[URIRef, int]) -> str:
    ts = sorted(types)
    if not ts:
        return "Thing"
    own = [t for t in ts if str(t).startswith(str(B2B))] or ts
    return local_name(max(own, key=lambda t: (depth.get(t, 0), -ts.index(t))))


def labels_of(ds: Dataset) -> dict[str, tuple[str, str]]:
    """IRI -> (English label, Chinese label) from the ontology and assertions graphs."""
    en: dict[str, str] = {}
    zh: dict[str, str] = {}
    plain: dict[str, str] = {}
    for g in (GRAPH_ONTOLOGY, GRAPH_ASSERTIONS):
        for s, o in ds.graph(g).subject_objects(RDFS.label):
            if not isinstance(o, Literal):
                continue
            key = str(s)
            target = en if o.language == "en" else zh if o.language == "zh" else plain
            if key not in target or str(o) < target[key]:
                target[key] = str(o)
    out = {}
    for key in set(en) | set(zh) | set(plain):
        e = en.get(key) or plain.get(key) or zh.get(key) or local_name(key)
        out[key] = (e, zh.get(key, ""))
    return out


def _evidence(ds: Dataset) -> dict[tuple[str, str, str], list[tuple[str, str, str]]]:
    """(s, p, o) -> [(quote, paragraph id, section id)] from the evidence graph."""
    ev = ds.graph(GRAPH_EVIDENCE)
    out: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for ann, stmt in ev.subject_objects(OA.hasBody):
        s, p, o = ev.value(stmt, RDF.subject), ev.value(stmt, RDF.predicate), ev.value(stmt, RDF.object)
        if s is None or p is None or o is None:
            continue
        quote = ""
        for target in ev.objects(ann, OA.hasTarget):
            for sel in ev.objects(target, OA.hasSelector):
                exact = ev.value(sel, OA.exact)
                if exact is not None:
                    quote = str(exact)
        para = ev.value(ann, B2B.inParagraph)
        sec = ev.value(ann, B2B.inSection)
        out[(str(s), str(p), str(o))].append(
            (quote, local_name(str(para)) if para else "", local_name(str(sec)) if sec else "")
        )
    return {k: sorted(v) for k, v in out.items()}


def _is_bibliographic_predicate(p: URIRef) -> bool:
    return p in BIBLIOGRAPHIC_PREDICATES or str(p).startswith(_BIBLIOGRAPHIC_NAMESPACES) or str(p).startswith(
        str(RDF) + "_"
    )


def project(ds: Dataset, config: ProjectionConfig | None = None, version: str = "") -> Projection:
    """Project ``ds`` into a ``MultiDiGraph`` as ``config`` says (see the module's docstring).

    The dataset is not modified.

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
    config = config or ProjectionConfig()
    closure, depth = _class_depths(ds)
    labels = labels_of(ds)
    evidence = _evidence(ds)
    allow = {URIRef(p) for p in config.allow}
    deny = {URIRef(p) for p in config.deny}
    graphs = [ds.graph(GRAPH_ASSERTIONS)] + ([ds.graph(GRAPH_INFERENCES)] if config.inferences else [])
    asserted = graphs[0]

    asserted_types: dict[URIRef, set[URIRef]] = defaultdict(set)
    inferred_types: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, t in asserted.subject_objects(RDF.type):
        if isinstance(t, URIRef):
            asserted_types[s].add(t)
    for s, t in ds.graph(GRAPH_INFERENCES).subject_objects(RDF.type):
        if isinstance(t, URIRef):
            inferred_types[s].add(t)

    def all_types(n: URIRef) -> set[URIRef]:
        ts = asserted_types.get(n, set()) | inferred_types.get(n, set())
        return ts | {sup for t in ts for sup in closure.get(t, ())}

    def is_record(n: URIRef) -> bool:
        """A bibliographic record or a piece of the paper's structure."""
        local = str(n)[len(str(KG)):] if str(n).startswith(str(KG)) else ""
        if local.startswith(("paper/", "ref/", "venue/")):
            return True
        ts = all_types(n)
        return bool(ts & _BIBLIOGRAPHIC_CLASSES) or any(str(t).startswith(str(FABIO)) for t in ts)

    def is_entity(n) -> bool:
        return isinstance(n, URIRef) and str(n).startswith(str(KG))

    # 1. candidate edges between entities
    edges: dict[tuple[URIRef, URIRef, URIRef], bool] = {}  # -> inferred only?
    literals: dict[URIRef, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for i, g in enumerate(graphs):
        for s, p, o in g:
            if not is_entity(s):
                continue
            if isinstance(o, Literal):
                if config.literals and p not in _LABELS and p not in _SKIPPED_LITERALS:
                    key = curie(str(p)) + (f"@{o.language}" if o.language else "")
                    literals[s][key].add(str(o))
                continue
            if p == RDF.type or not is_entity(o):
                continue
            if (allow and p not in allow) or p in deny:
                continue
            if not config.bibliographic and _is_bibliographic_predicate(p):
                continue
            if (s, p, o) not in edges:
                edges[(s, p, o)] = i > 0

    # 2. nodes: every typed or linked entity, minus the bibliographic layer unless asked for
    entities = {s for s in asserted_types if is_entity(s)} | {n for e in edges for n in (e[0], e[2])}
    if not config.bibliographic:
        entities = {n for n in entities if not is_record(n)}
        linked = {n for s, _, o in edges for n in (s, o) if s in entities and o in entities}
        entities = {n for n in entities if not (all_types(n) & _AGENT_CLASSES) or n in linked}

    G = nx.MultiDiGraph(name="b2bkg", version=version)
    for n in sorted(entities):
        types = all_types(n)
        en, zh = labels.get(str(n), (local_name(str(n)), ""))
        attrs = {
            "iri": str(n),
            "curie": curie(str(n)),
            "label": en,
            "label_zh": zh,
            "types": tuple(sorted(curie(str(t)) for t in types)),
            "display_class": _display_class(asserted_types.get(n) or inferred_types.get(n, set()), depth),
        }
        for key, values in sorted(literals.get(n, {}).items()):
            attrs[key] = _SEPARATOR.join(sorted(values))
        G.add_node(str(n), **attrs)
    for (s, p, o), inferred in sorted(edges.items()):
        if s not in entities or o not in entities:
            continue
        quotes = tuple(evidence.get((str(s), str(p), str(o)), ()))
        en, zh = labels.get(str(p), (local_name(str(p)), ""))
        G.add_edge(
            str(s), str(o), key=curie(str(p)), predicate=str(p), label=en, label_zh=zh,
            evidence=len(quotes), quotes=quotes, inferred=inferred,
        )
    if config.classes and not ((allow and RDF.type not in allow) or RDF.type in deny):
        for n in sorted(entities):
            extra = inferred_types.get(n, set()) if config.inferences else set()
            for t in sorted(asserted_types.get(n, set()) | extra):
                if str(t) not in G:
                    en, zh = labels.get(str(t), (local_name(str(t)), ""))
                    G.add_node(
                        str(t), iri=str(t), curie=curie(str(t)), label=en, label_zh=zh,
                        types=("owl:Class",), display_class="Class",
                    )
                quotes = tuple(evidence.get((str(n), str(RDF.type), str(t)), ()))
                G.add_edge(
                    str(n), str(t), key="rdf:type", predicate=str(RDF.type), label="type", label_zh="类型",
                    evidence=len(quotes), quotes=quotes, inferred=t not in asserted_types.get(n, set()),
                )
    return Projection(graph=G, config=config, version=version, labels=labels)
