"""VOSviewer files: the map file (tab-separated items with ``weight<…>`` and ``score<…>``
columns), the network file (``id<TAB>id<TAB>strength`` per line) and VOSviewer JSON
(``{"network": {"items": […], "links": […]}}``). Parse and generate are pure (text in, data
out); ``read_*``/``write_*`` add the files.

A map item is ``{"id", "label", "description", "url", "x", "y", "cluster", "weights": {name: value},
"scores": {name: value}}`` (absent columns left out); a link ``(source_id, target_id, strength)``.
A network file's self pairs (``1 1 892``, as VOSviewer writes for co-citation) are returned apart.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from b2bkg.errors import BadRequest

__all__ = [
    "parse_map", "parse_network", "generate_map", "generate_network", "to_json", "from_json",
    "read_map", "read_network", "network_to_vosviewer",
]

_WEIGHT = re.compile(r"^(weight|score)<(.+)>$")
_BASE = ("id", "label", "description", "url", "x", "y", "cluster")


def _num(text: str):
    text = text.strip()
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() and re.fullmatch(r"-?\d+", text) else value


def parse_map(text: str, source: str = "map") -> list[dict]:
    """Items of a VOSviewer map file."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t"))
    if not rows or "id" not in rows[0] and "label" not in rows[0]:
        raise BadRequest(f"{source}: not a VOSviewer map file (the header needs an id or label column)")
    header = rows[0]
    items = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise BadRequest(f"{source}:{n}: {len(row)} columns, the header has {len(header)}")
        item: dict = {"weights": {}, "scores": {}}
        for name, cell in zip(header, row, strict=True):
            m = _WEIGHT.match(name)
            if m:
                item["weights" if m.group(1) == "weight" else "scores"][m.group(2)] = _num(cell)
            elif name in ("id", "cluster"):
                item[name] = _num(cell)
            elif name in ("x", "y"):
                item[name] = float(cell) if cell.strip() else None
            else:
                item[name] = cell
        items.append(item)
    return items


def parse_network(text: str, source: str = "network") -> tuple[list[tuple], dict]:
    """``(links, self_pairs)``: links ``(a, b, strength)`` with a != b, and ``{id: strength}``."""
    links, selfs = [], {}
    for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) not in (2, 3):
            raise BadRequest(f"{source}:{n}: expected 'id<TAB>id<TAB>strength', got {line[:60]!r}")
        a, b = _num(parts[0]), _num(parts[1])
        strength = _num(parts[2]) if len(parts) == 3 else 1
        if a == b:
            selfs[a] = strength
        else:
            links.append((a, b, strength))
    return links, selfs


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}" if not value.is_integer() else str(int(value))
    return str(value)


def generate_map(items: list[dict]) -> str:
    """A map file: the base columns the items have, then ``weight<…>``, then ``score<…>``."""
    base = [c for c in _BASE if any(c in it for it in items)]
    weights = list(dict.fromkeys(k for it in items for k in it.get("weights", {})))
    scores = list(dict.fromkeys(k for it in items for k in it.get("scores", {})))
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(base + [f"weight<{k}>" for k in weights] + [f"score<{k}>" for k in scores])
    for it in items:
        w.writerow([_cell(it.get(c)) for c in base] + [_cell(it["weights"].get(k)) for k in weights]
                   + [_cell(it["scores"].get(k)) for k in scores])
    return out.getvalue()


def generate_network(links: list[tuple], self_pairs: dict | None = None) -> str:
    lines = [f"{a}\t{a}\t{_cell(s)}" for a, s in (self_pairs or {}).items()]
    lines += [f"{a}\t{b}\t{_cell(s)}" for a, b, s in links]
    return "\n".join(lines) + ("\n" if lines else "")


def to_json(items: list[dict], links: list[tuple]) -> dict:
    """VOSviewer JSON (as VOSviewer Online reads it)."""
    out_items = []
    for it in items:
        entry = {k: it[k] for k in _BASE if k in it and it[k] not in (None, "")}
        if it.get("weights"):
            entry["weights"] = dict(it["weights"])
        if it.get("scores"):
            entry["scores"] = dict(it["scores"])
        out_items.append(entry)
    return {"network": {"items": out_items,
                        "links": [{"source_id": a, "target_id": b, "strength": s} for a, b, s in links]}}


def from_json(doc: dict) -> tuple[list[dict], list[tuple]]:
    try:
        network = doc["network"]
        items = [{**{k: v for k, v in it.items() if k not in ("weights", "scores")},
                  "weights": dict(it.get("weights", {})), "scores": dict(it.get("scores", {}))}
                 for it in network["items"]]
        links = [(li["source_id"], li["target_id"], li.get("strength", 1)) for li in network.get("links", [])]
    except (KeyError, TypeError) as exc:
        raise BadRequest(f"not VOSviewer JSON: missing {exc}") from None
    return items, links


def read_map(path: str | Path) -> list[dict]:
    return parse_map(Path(path).read_text(encoding="utf-8-sig"), str(path))


def read_network(path: str | Path) -> tuple[list[tuple], dict]:
    return parse_network(Path(path).read_text(encoding="utf-8-sig"), str(path))


def network_to_vosviewer(net, *, seed: int = 42) -> tuple[list[dict], list[tuple]]:
    """A corpus :class:`~b2bkg.corpus.network.Network` as VOSviewer items and links (ids 1…n in
    node order; x/y from a seeded force-directed layout, scaled to [-1, 1])."""
    import networkx as nx

    ids = {n["id"]: k for k, n in enumerate(net.nodes, start=1)}
    g = nx.Graph()
    g.add_nodes_from(ids.values())
    for link in net.links:
        g.add_edge(ids[link["source"]], ids[link["target"]], weight=link["weight"])
    pos = nx.spring_layout(g, seed=seed, weight="weight") if len(g) else {}
    scale = max((abs(c) for p in pos.values() for c in p), default=1.0) or 1.0
    items = []
    for n in net.nodes:
        k = ids[n["id"]]
        x, y = pos.get(k, (0.0, 0.0))
        item = {"id": k, "label": n["label"], "description": n["id"] if n["id"] != n["label"] else "",
                "x": round(float(x) / scale, 4), "y": round(float(y) / scale, 4), "cluster": n["cluster"],
                "weights": {"Links": n["links"], "Total link strength": n["total_link_strength"],
                            "Occurrences": n["occurrences"]},
                "scores": {"Avg. pub. year": n["avg_year"]} if n.get("avg_year") is not None else {}}
        if n["id"].startswith(("http://", "https://")):
            item["url"] = n["id"]
        items.append(item)
    links = [(ids[li["source"]], ids[li["target"]], li["count"] if net.normalisation != "none" else li["weight"])
             for li in net.links]
    return items, links


