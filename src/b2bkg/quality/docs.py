"""HTML documentation of the ontology: pyLODE's page (``ontology.html``) and our own bilingual
index (``index.html``) listing every class and property of ours with its English and Chinese
labels and definitions, the class hierarchy, and each property's domain, range and inverse."""

from __future__ import annotations

import html
import importlib.metadata
import logging
import sys
import types
import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from b2bkg.errors import SourceError
from b2bkg.quality.closure import class_members, qname
from b2bkg.quality.terms import declarations
from b2bkg.vocab import B2B, ONTOLOGY_IRI

__all__ = ["DocsResult", "render_index", "render_pylode", "write_docs"]


@dataclass(frozen=True)
class DocsResult:
    index: Path
    pylode: Path | None
    classes: int
    properties: int


def _ontpub():
    """pyLODE's OntPub. pyLODE 3.4.1's ``version.py`` reads a pyproject.toml that the wheel
    does not ship; give it its version from the installed metadata instead."""
    if "pylode.version" not in sys.modules:
        shim = types.ModuleType("pylode.version")
        shim.__version__ = importlib.metadata.version("pylode")
        sys.modules["pylode.version"] = shim
    # pyLODE's supermodel loader calls logging.basicConfig(level=DEBUG) on import: undo that.
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        from pylode import OntPub
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers
    return OntPub


_LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title)


def _one_label_each(ontology: Graph) -> Graph:
    """A copy of the ontology in which each term has one label: its English and Chinese ones
    joined with " / " (English first). pyLODE writes all of a term's labels into one string with
    nothing between them ("buyer买家", in either order)."""
    graph = Graph()
    for prefix, ns in ontology.namespaces():
        graph.bind(prefix, ns, override=True)
    for triple in ontology:
        if triple[1] not in _LABELS:
            graph.add(triple)
    order = {"en": 0, "zh": 1}
    for prop in _LABELS:
        for term in set(ontology.subjects(prop, None)):
            labels = sorted(
                {str(o): o for o in ontology.objects(term, prop)}.values(),
                key=lambda o: (order.get(getattr(o, "language", None) or "", 2), str(o)),
            )
            if len(labels) == 1:
                graph.add((term, prop, labels[0]))
            else:
                graph.add((term, prop, Literal(" / ".join(str(o) for o in labels))))
    return graph


def render_pylode(ontology: Graph) -> str:
    """pyLODE's HTML for the ontology (raises SourceError when pyLODE rejects it)."""
    try:
        with warnings.catch_warnings():
            # pyLODE leaves its CSS file unclosed; not ours to fix.
            warnings.simplefilter("ignore", ResourceWarning)
            return _ontpub()(ontology=_one_label_each(ontology)).make_html()
    except Exception as exc:  # pyLODE raises its own and plain errors on odd input
        raise SourceError(f"pyLODE could not document the ontology: {exc}") from exc


def _text(graph: Graph, term, prop, lang: str) -> str:
    values = sorted(
        str(o)
        for o in graph.objects(term, prop)
        if isinstance(o, Literal) and (o.language or "").lower().split("-")[0] == lang
    )
    return values[0] if values else ""


def _anchor(term: URIRef) -> str:
    return html.escape(qname(term).replace(":", "-"), quote=True)


def _link(term, ours: set[URIRef], graph: Graph) -> str:
    if not isinstance(term, URIRef):
        members = class_members(graph, term)
        return " ⊔ ".join(_link(m, ours, graph) for m in members) or "(anonymous)"
    name = html.escape(qname(term))
    if term in ours:
        return f'<a href="#{_anchor(term)}">{name}</a>'
    return f'<a href="{html.escape(str(term), quote=True)}">{name}</a>'


def _row(graph: Graph, term: URIRef, ours: set[URIRef], extra: list[str]) -> str:
    cells = [
        f'<td id="{_anchor(term)}"><code>{html.escape(qname(term))}</code></td>',
        f'<td lang="en">{html.escape(_text(graph, term, RDFS.label, "en"))}</td>',
        f'<td lang="zh">{html.escape(_text(graph, term, RDFS.label, "zh"))}</td>',
        f'<td lang="en">{html.escape(_text(graph, term, SKOS.definition, "en"))}</td>',
        f'<td lang="zh">{html.escape(_text(graph, term, SKOS.definition, "zh"))}</td>',
    ]
    cells += [f"<td>{cell}</td>" for cell in extra]
    return "<tr>" + "".join(cells) + "</tr>"


def _tree(graph: Graph, classes: list[URIRef], ours: set[URIRef]) -> str:
    parents = {c: sorted(p for p in graph.objects(c, RDFS.subClassOf) if p in ours) for c in classes}
    children: dict[URIRef, list[URIRef]] = {c: [] for c in classes}
    for child, ps in parents.items():
        for p in ps:
            children[p].append(child)

    def branch(node: URIRef, path: tuple) -> str:
        label = html.escape(_text(graph, node, RDFS.label, "zh"))
        kids = [k for k in sorted(children[node]) if k not in path]
        inner = "".join(branch(k, path + (k,)) for k in kids)
        nested = f"<ul>{inner}</ul>" if inner else ""
        return f'<li>{_link(node, ours, graph)} <span lang="zh">{label}</span>{nested}</li>'

    roots = [c for c in classes if not parents[c]]
    return "<ul>" + "".join(branch(r, (r,)) for r in roots) + "</ul>"


def render_index(ontology: Graph, *, namespace: str = str(B2B)) -> str:
    """The bilingual index page as an HTML string (deterministic for the same graph)."""
    declared = declarations(ontology)
    ours = {t for t in declared.all if str(t).startswith(namespace)}
    classes = sorted(t for t in ours if t in declared.classes)
    objects = sorted(t for t in ours if (t, RDF.type, OWL.ObjectProperty) in ontology)
    datas = sorted(t for t in ours if (t, RDF.type, OWL.DatatypeProperty) in ontology)
    others = sorted(t for t in ours if t in declared.properties and t not in objects + datas)

    def objs(term, prop) -> str:
        return ", ".join(_link(o, ours, ontology) for o in sorted(ontology.objects(term, prop)))

    head = ["term", "label (en)", "标签 (zh)", "definition (en)", "定义 (zh)"]
    title_en = _text(ontology, ONTOLOGY_IRI, RDFS.label, "en") or _text(
        ontology, ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/title"), "en"
    )

    def table(rows: list[str], extra: list[str]) -> str:
        header = "".join(f"<th>{html.escape(h)}</th>" for h in head + extra)
        return f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"

    class_rows = [_row(ontology, c, ours, [objs(c, RDFS.subClassOf)]) for c in classes]
    prop_rows = [
        _row(
            ontology,
            p,
            ours,
            [objs(p, RDFS.domain), objs(p, RDFS.range), objs(p, OWL.inverseOf), objs(p, RDFS.subPropertyOf)],
        )  # fmt: skip
        for p in objects
    ]
    data_rows = [_row(ontology, p, ours, [objs(p, RDFS.domain), objs(p, RDFS.range)]) for p in datas]
    other_rows = [_row(ontology, p, ours, []) for p in others]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title_en or 'b2bkg ontology')} — index / 索引</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.3em;vertical-align:top}"
        "th{background:#eee}</style></head><body>",
        f"<h1>{html.escape(title_en or 'b2bkg ontology')}</h1>",
        f"<p>Ontology IRI: <code>{html.escape(str(ONTOLOGY_IRI))}</code> — "
        f"{len(classes)} classes, {len(objects)} object properties, {len(datas)} datatype "
        'properties. Full reference: <a href="ontology.html">ontology.html</a> (pyLODE).</p>',
        "<h2>Class hierarchy / 类层级</h2>",
        _tree(ontology, classes, set(classes)),
        "<h2>Classes / 类</h2>",
        table(class_rows, ["subClassOf"]),
        "<h2>Object properties / 对象属性</h2>",
        table(prop_rows, ["domain", "range", "inverseOf", "subPropertyOf"]),
        "<h2>Datatype properties / 数据属性</h2>",
        table(data_rows, ["domain", "range"]),
    ]
    if other_rows:
        parts += ["<h2>Other properties / 其他属性</h2>", table(other_rows, [])]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_docs(ontology: Graph, out_dir: str | Path, *, pylode: bool = True) -> DocsResult:
    """Write ``index.html`` (bilingual index) and ``ontology.html`` (pyLODE) to ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    index.write_text(render_index(ontology), encoding="utf-8")
    page = None
    if pylode:
        page = out / "ontology.html"
        page.write_text(render_pylode(ontology), encoding="utf-8")
    declared = declarations(ontology)
    ours = [t for t in declared.all if str(t).startswith(str(B2B))]
    return DocsResult(
        index=index,
        pylode=page,
        classes=sum(1 for t in ours if t in declared.classes),
        properties=sum(1 for t in ours if t in declared.properties),
    )
