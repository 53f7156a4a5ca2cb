"""The named analyses and exports, as one table that the HTTP blueprint and the CLI both use.

Each operation takes string parameters (an HTTP query string, CLI options), checks them, calls
one library function on the cached projection or dataset and returns plain data. Unknown
parameters are refused with the list of known ones; values longer than ``MAX_PARAM_LENGTH`` are
refused as too large; sizes above a cap (``top``, ``radius``, ``limit``, ``members``) are capped
with a note in the answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import networkx as nx

from b2bkg.analytics import literature
from b2bkg.analytics.bipartite import VIEWS, bipartite, bipartite_graph
from b2bkg.analytics.centrality import MEASURES, centrality
from b2bkg.analytics.communities import METHODS, communities
from b2bkg.analytics.paths import shortest_paths
from b2bkg.analytics.projection import ProjectionConfig
from b2bkg.analytics.readwrite import GRAPH_FORMATS, REFERENCE_FORMATS, Export, export_graph, export_references
from b2bkg.analytics.service import Analytics
from b2bkg.analytics.similarity import SIMILARITY_METHODS, similar
from b2bkg.analytics.structure import components, k_core, neighbourhood, summary
from b2bkg.analytics.views import choice
from b2bkg.errors import BadRequest, NotFound, PayloadTooLarge

__all__ = [
    "Operation",
    "OPERATIONS",
    "PROJECTION_PARAMS",
    "GRAPH_VIEWS",
    "MAX_PARAM_LENGTH",
    "run",
    "graph_view",
    "export_graph_view",
    "export_reference_list",
    "reference_works",
]

MAX_PARAM_LENGTH = 4096

#: Parameters of the projection, accepted by every operation on the graph.
PROJECTION_PARAMS: dict[str, str] = {
    "graphs": "asserted (default) or inferred (also the reasoner's triples)",
    "classes": "true: classes as nodes, rdf:type as edges (default false)",
    "bibliographic": "true: keep references, venues, sections, paragraphs, authors (default false)",
    "allow": "comma-separated predicates (IRIs or CURIEs): only these become edges",
    "deny": "comma-separated predicates that never become edges",
    "literals": "false: drop literal attributes (default true)",
}
GRAPH_VIEWS = ("graph", "cocitation", *VIEWS)


@dataclass(frozen=True)
class Operation:
    name: str
    summary: str
    params: dict[str, str]
    compute: Callable[[Analytics, ProjectionConfig, dict[str, str]], dict]
    graph: bool = True  # takes the projection parameters
    example: str = ""


def _g(a: Analytics, c: ProjectionConfig) -> nx.MultiDiGraph:
    return a.projection(c).graph


def _ops() -> dict[str, Operation]:
    ops = [
        Operation("summary", "nodes, edges, density, components, degree distribution, classes, predicates", {},
                  lambda a, c, p: summary(_g(a, c))),
        Operation("centrality", "the top entities by a centrality measure",
                  {"measure": f"one of {', '.join(MEASURES)} (default pagerank)", "top": "how many (default 10)",
                   "class": "only entities of this class (e.g. Mechanism)"},
                  lambda a, c, p: centrality(_g(a, c), p.get("measure") or "pagerank", p.get("top"), p.get("class")),
                  example="measure=pagerank&top=10"),
        Operation("communities", "a seeded partition into communities, with its modularity",
                  {"method": f"one of {', '.join(METHODS)} (default louvain)", "seed": "random seed (default 42)",
                   "resolution": "modularity resolution (default 1.0)", "members": "members listed per community"},
                  lambda a, c, p: communities(_g(a, c), p.get("method") or "louvain", p.get("seed"),
                                              p.get("resolution"), p.get("members")),
                  example="method=louvain"),
        Operation("path", "shortest paths between two entities, each hop with its triple and quotes",
                  {"source": "IRI of an entity", "target": "IRI of an entity", "limit": "paths (default 5)"},
                  lambda a, c, p: shortest_paths(_g(a, c), p.get("source"), p.get("target"), p.get("limit")),
                  example="source=https://w3id.org/b2bkg/id/tool/big-data-matching"
                          "&target=https://w3id.org/b2bkg/id/actor/sme"),
        Operation("neighbourhood", "the entities within a radius of one entity and the triples among them",
                  {"node": "IRI of an entity", "radius": "hops (default 1, at most 3)"},
                  lambda a, c, p: neighbourhood(_g(a, c), p.get("node"), p.get("radius")),
                  example="node=https://w3id.org/b2bkg/id/mechanism/cost-reduction&radius=1"),
        Operation("components", "connected components, largest first", {"members": "members listed per component"},
                  lambda a, c, p: components(_g(a, c), p.get("members"))),
        Operation("k-core", "the k-core (default: the main core) and every node's core number",
                  {"k": "minimum neighbours inside the core"},
                  lambda a, c, p: k_core(_g(a, c), p.get("k"))),
        Operation("similarity", "entities sharing neighbours with one entity (Jaccard or Adamic–Adar)",
                  {"node": "IRI of an entity", "method": f"one of {', '.join(SIMILARITY_METHODS)} (default jaccard)",
                   "other": "IRI: score only this pair", "top": "how many (default 10)", "class": "only this class"},
                  lambda a, c, p: similar(_g(a, c), p.get("node"), p.get("method") or "jaccard", p.get("other"),
                                          p.get("top"), p.get("class")),
                  example="node=https://w3id.org/b2bkg/id/tool/blockchain-traceability"),
        Operation("bipartite", "a two-mode view: theory–mechanism, tool–mechanism or governance–risk",
                  {"view": f"one of {', '.join(VIEWS)}"},
                  lambda a, c, p: bipartite(_g(a, c), choice(p.get("view"), "view", VIEWS)),
                  example="view=theory-mechanism"),
        Operation("cocitation", "co-citation of the references by sentence or paragraph, with weights",
                  {"level": "paragraph (default) or sentence"},
                  lambda a, c, p: literature.cocitation(a.bibliography(), p.get("level") or "paragraph", a.facts()),
                  graph=False, example="level=sentence"),
        Operation("support", "which references support which theory, mechanism, governance topic, section", {},
                  lambda a, c, p: literature.reference_support(a.bibliography(), a.facts()), graph=False),
        Operation("timeline", "the references by year, with language and publication type", {},
                  lambda a, c, p: literature.timeline(a.bibliography(), a.facts()), graph=False),
        Operation("references", "the reference list as structured records", {},
                  lambda a, c, p: {"references": [r.to_dict() for r in
                                                  literature.references(a.bibliography(), a.facts())]},
                  graph=False),
    ]
    return {op.name: op for op in ops}


OPERATIONS: dict[str, Operation] = _ops()


def _check(params: Mapping[str, str], known: dict[str, str], what: str) -> dict[str, str]:
    out = {}
    for key, value in params.items():
        if key not in known:
            raise BadRequest(f"unknown parameter {key!r} for {what}; known parameters: "
                             f"{', '.join(known) or 'none'}")
        if len(value) > MAX_PARAM_LENGTH:
            raise PayloadTooLarge(f"parameter {key!r} is {len(value)} characters long; at most {MAX_PARAM_LENGTH}")
        out[key] = value
    return out


def _split(op_params: dict[str, str], params: Mapping[str, str], what: str, graph: bool
           ) -> tuple[ProjectionConfig, dict[str, str]]:
    known = {**op_params, **(PROJECTION_PARAMS if graph else {})}
    checked = _check(params, known, what)
    config = ProjectionConfig.from_params({k: v for k, v in checked.items() if k in PROJECTION_PARAMS}) if graph \
        else ProjectionConfig()
    return config, {k: v for k, v in checked.items() if k in op_params}


def _plain(value: object) -> object:
    """Sets as sorted lists (a stable digest across processes), anything else as its text."""
    return sorted(map(str, value)) if isinstance(value, (set, frozenset)) else str(value)


def run(analytics: Analytics, name: str, params: Mapping[str, str], *, keep: bool = False) -> dict:
    """The answer of operation ``name`` (see ``OPERATIONS``) for string ``params``, cached per
    dataset version (``keep``: also on disk, when the read model has a disk cache). Raises
    ``NotFound`` for an unknown operation, ``BadRequest`` for bad parameters, ``NotFound`` for an
    IRI that is not in the graph.
    """
    op = OPERATIONS.get(name)
    if op is None:
        raise NotFound(f"no analysis named {name!r}; analyses: {', '.join(OPERATIONS)}")
    config, own = _split(op.params, params, f"analysis {name!r}", op.graph)
    key = (config, tuple(sorted(own.items())))
    disk_name = None
    if keep:
        spec = json.dumps([config.to_dict() if op.graph else None, own], sort_keys=True, default=_plain)
        disk_name = f"analysis-{name}-{hashlib.sha256(spec.encode()).hexdigest()[:16]}"
    result = analytics.answer(name, key, lambda: op.compute(analytics, config, own), disk_name)
    return {
        "analysis": name,
        "dataset_version": analytics.version,
        "projection": config.to_dict() if op.graph else None,
        "params": own,
        "result": result,
    }


EXPORT_GRAPH_PARAMS = {
    "view": f"one of {', '.join(GRAPH_VIEWS)} (default graph)",
    "format": f"one of {', '.join(GRAPH_FORMATS)}",
    "level": "co-citation level: paragraph (default) or sentence",
}


def graph_view(analytics: Analytics, view: str, config: ProjectionConfig, level: str = "paragraph") -> nx.Graph:
    """The graph behind an export: the projection, the co-citation network or a bipartite view."""
    view = choice(view, "view", GRAPH_VIEWS, "graph")
    if view == "graph":
        return analytics.projection(config).graph
    if view == "cocitation":
        return literature.cocitation_graph(analytics.bibliography(), level or "paragraph", analytics.facts())
    return bipartite_graph(analytics.projection(config).graph, view)


def export_graph_view(analytics: Analytics, params: Mapping[str, str]) -> tuple[Export, str]:
    """(the export, its suggested file name) for ``view`` and ``format`` and projection params."""
    config, own = _split(EXPORT_GRAPH_PARAMS, params, "graph export", True)
    fmt = choice(own.get("format"), "format", GRAPH_FORMATS)
    view = choice(own.get("view"), "view", GRAPH_VIEWS, "graph")
    level = own.get("level") or "paragraph"
    key = (config, view, fmt, level)
    export = analytics.answer(
        "export-graph", key, lambda: export_graph(graph_view(analytics, view, config, level), fmt))
    return export, f"b2bkg-{view}-{analytics.version}.{export.extension}"


def reference_works(analytics: Analytics) -> dict[str, int]:
    """work IRI -> its number in the reference list (the works that a citation export covers)."""
    return analytics.answer("reference-works", None, lambda: {
        r.iri: r.number for r in literature.references(analytics.bibliography(), analytics.facts())})


def export_reference_list(analytics: Analytics, params: Mapping[str, str]) -> tuple[Export, str]:
    """(the export, its suggested file name) of the references in ``format``; with ``work``
    (a work's IRI), of that one reference alone (the citation buttons of its entity page)."""
    _, own = _split({"format": f"one of {', '.join(REFERENCE_FORMATS)}",
                     "work": "the IRI of one referenced work: export that reference alone"},
                    params, "reference export", False)  # fmt: skip
    fmt = choice(own.get("format"), "format", REFERENCE_FORMATS)
    work = own.get("work")
    if work is not None and work not in reference_works(analytics):
        raise NotFound(f"<{work}> is not a work of a reference list; see /api/export/references")
    export = analytics.answer(
        "export-references", (fmt, work), lambda: export_references(
            [r for r in literature.references(analytics.bibliography(), analytics.facts())
             if work is None or r.iri == work], fmt))  # fmt: skip
    paper = literature.paper_of(analytics.bibliography()).rsplit("/", 1)[-1] or "paper"
    if work is not None:
        return export, f"{paper}-ref{reference_works(analytics)[work]}.{export.extension}"
    return export, f"{paper}-references.{export.extension}"
