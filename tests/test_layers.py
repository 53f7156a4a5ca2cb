"""The import graph of ``src/b2bkg``: no cycle anywhere and no import upward.

Every module is parsed with ``ast`` (nothing is imported); every ``import`` and ``from … import``
counts, at module level or inside a function, except those under ``if TYPE_CHECKING:`` (they
never run). A module may import its own package and packages of strictly lower layers only; the
table is documented in docs/design.md ("Layers").
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "b2bkg"

# layer -> the top-level modules and packages of b2bkg in it (the package's own __init__ re-exports
# the API, so importing ``b2bkg`` counts as importing ``api``). Lower layers never import higher ones; within one layer,
# packages do not import each other (so the readers of the graph never reach into the build).
LAYERS: dict[int, set[str]] = {
    0: {"_version", "errors", "vocab", "resources", "progress"},
    1: {"settings", "works", "sources", "quality", "store", "warmup"},
    2: {"sparql", "readmodel", "queries", "corpus"},
    3: {"build", "analytics", "explore", "science"},
    4: {"api"},
    5: {"web"},
    6: {"cli"},
}
LAYER_OF = {name: layer for layer, names in LAYERS.items() for name in names}


def modules() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package)."""
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if package else parts)] = (path, package)
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skip


def imports_of(name: str, path: Path, package: bool, known: set[str]) -> set[str]:
    """The b2bkg modules ``name`` imports (a ``from m import x`` names ``m.x`` when that is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = _type_checking_nodes(tree)
    here = name if package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
    return {m for m in found if m in known and m != name}


def import_graph() -> nx.DiGraph:
    mods = modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(mods)
    for name, (path, package) in mods.items():
        graph.add_edges_from((name, target) for target in imports_of(name, path, package, set(mods)))
    return graph


def top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "api"


GRAPH = import_graph()


def test_the_graph_is_read_from_every_module():
    assert len(GRAPH) > 50
    assert ("b2bkg.web.app", "b2bkg.api") in GRAPH.edges  # a module-level import
    assert ("b2bkg.cli.serve", "b2bkg.web") in GRAPH.edges  # one inside a function


def test_every_top_level_module_has_a_layer():
    assert {top(m) for m in GRAPH} - set(LAYER_OF) == set(), "add new packages to LAYERS (and docs/design.md)"


def test_no_import_cycle():
    cycles = sorted(" -> ".join([*c, c[0]]) for c in nx.simple_cycles(GRAPH))
    assert cycles == []


def test_no_upward_or_sideways_import():
    bad = sorted(
        f"{a} (layer {LAYER_OF[top(a)]}) imports {b} (layer {LAYER_OF[top(b)]})"
        for a, b in GRAPH.edges
        if top(a) != top(b) and LAYER_OF[top(b)] >= LAYER_OF[top(a)]
    )
    assert bad == []


@pytest.mark.parametrize("reader", ["store", "sparql", "analytics", "readmodel", "explore", "quality", "sources"])
def test_readers_never_import_web_cli_api_or_build(reader):
    above = {"web", "cli", "api", "build"}
    assert sorted((a, b) for a, b in GRAPH.edges if top(a) == reader and top(b) in above) == []


def test_blueprints_take_the_application_object_from_current_app():
    web = [m for m in GRAPH if m.startswith("b2bkg.web.") and m != "b2bkg.web.app"]
    assert [m for m in web if GRAPH.has_edge(m, "b2bkg.web.app")] == []
