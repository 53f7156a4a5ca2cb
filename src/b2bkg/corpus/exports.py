"""Exports of a corpus network (VOSviewer map/network/JSON, GEXF, GraphML, CSV) and of the
corpus records (BibTeX, RIS, CSL-JSON). Each returns text; the CLI and HTTP layers write it."""

from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx

from b2bkg.corpus.network import Network
from b2bkg.corpus.vosviewer import generate_map, generate_network, network_to_vosviewer, to_json
from b2bkg.errors import BadRequest

__all__ = ["NETWORK_FORMATS", "RECORD_FORMATS", "export_network", "export_records"]

NETWORK_FORMATS = ("json", "vosviewer-map", "vosviewer-network", "vosviewer-json", "gexf", "graphml",
                   "csv-nodes", "csv-links")
RECORD_FORMATS = ("bibtex", "ris", "csl-json")


def _graph(net: Network) -> nx.Graph:
    g = nx.DiGraph() if net.kind == "direct-citation" else nx.Graph()
    for n in net.nodes:
        g.add_node(n["id"], label=n["label"], occurrences=n["occurrences"], cluster=n["cluster"],
                   links=n["links"], total_link_strength=n["total_link_strength"],
                   avg_year=n["avg_year"] if n["avg_year"] is not None else 0.0)
    for li in net.links:
        g.add_edge(li["source"], li["target"], weight=li["weight"], count=li["count"])
    return g


def _csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def export_network(net: Network, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(net.as_dict(), ensure_ascii=False, indent=1) + "\n"
    if fmt.startswith("vosviewer"):
        items, links = network_to_vosviewer(net)
        if fmt == "vosviewer-map":
            return generate_map(items)
        if fmt == "vosviewer-network":
            return generate_network(links)
        return json.dumps(to_json(items, links), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("gexf", "graphml"):
        out = io.BytesIO()
        (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(_graph(net), out)
        return out.getvalue().decode("utf-8")
    if fmt == "csv-nodes":
        return _csv(net.nodes, ["id", "label", "cluster", "occurrences", "links", "total_link_strength", "avg_year"])
    if fmt == "csv-links":
        return _csv(net.links, ["source", "target", "weight", "count"])
    raise BadRequest(f"unknown network format {fmt!r}; known: {', '.join(NETWORK_FORMATS)}")


def _bib_escape(text: str) -> str:
    return re.sub(r"([{}])", r"\\\1", str(text or ""))


def _bibtex(records: list[dict]) -> str:
    import bibtexparser
    from bibtexparser.model import Entry, Field

    lib = bibtexparser.Library()
    used: set[str] = set()
    for r in records:
        first = (r["authors"][0] if r["authors"] else "anon").split(",")[0]
        key = re.sub(r"[^A-Za-z0-9]", "", first.title()) + str(r.get("year") or "")
        base, n = key or "work", 1
        while key in used:
            n += 1
            key = f"{base}{chr(96 + n) if n < 27 else n}"
        used.add(key)
        fields = [Field("title", "{" + _bib_escape(r.get("title")) + "}")]
        if r["authors"]:
            fields.append(Field("author", "{" + " and ".join(_bib_escape(a) for a in r["authors"]) + "}"))
        for name, value in (("journal", r.get("source")), ("year", r.get("year")), ("volume", r.get("volume")),
                            ("number", r.get("issue")), ("doi", r.get("doi")), ("language", r.get("language")),
                            ("abstract", r.get("abstract"))):
            if value:
                fields.append(Field(name, "{" + _bib_escape(value) + "}"))
        if r.get("start"):
            pages = f"{r['start']}--{r['end']}" if r.get("end") else str(r["start"])
            fields.append(Field("pages", "{" + pages + "}"))
        if r["keywords"]:
            fields.append(Field("keywords", "{" + _bib_escape("; ".join(r["keywords"])) + "}"))
        fields.append(Field("url", "{" + r["d"] + "}"))
        lib.add(Entry("article", key, fields))
    return bibtexparser.write_string(lib)


def _ris(records: list[dict]) -> str:
    import rispy

    entries = []
    for r in records:
        e = {"type_of_reference": "JOUR", "title": r.get("title") or "", "authors": list(r["authors"]),
             "urls": [r["d"]]}
        for key, value in (("secondary_title", r.get("source")), ("year", r.get("year")),
                           ("volume", r.get("volume")), ("number", r.get("issue")), ("start_page", r.get("start")),
                           ("end_page", r.get("end")), ("doi", r.get("doi")), ("abstract", r.get("abstract")),
                           ("language", r.get("language"))):
            if value:
                e[key] = str(value)
        if r["keywords"]:
            e["keywords"] = list(r["keywords"])
        entries.append(e)
    return rispy.dumps(entries)


def _csl(records: list[dict]) -> str:
    items = []
    for r in records:
        item: dict = {"id": r["d"], "type": "article-journal", "title": r.get("title") or ""}
        authors = []
        for a in r["authors"]:
            family, sep, given = a.partition(",")
            authors.append({"family": family.strip(), "given": given.strip()} if sep else {"literal": a})
        if authors:
            item["author"] = authors
        if r.get("year"):
            item["issued"] = {"date-parts": [[int(r["year"])]]}
        for key, value in (("container-title", r.get("source")), ("volume", r.get("volume")),
                           ("issue", r.get("issue")), ("DOI", r.get("doi")), ("abstract", r.get("abstract")),
                           ("language", r.get("language"))):
            if value:
                item[key] = str(value)
        if r.get("start"):
            item["page"] = f"{r['start']}-{r['end']}" if r.get("end") else str(r["start"])
        if r["keywords"]:
            item["keyword"] = ", ".join(r["keywords"])
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def export_records(records: list[dict], fmt: str) -> str:
    if fmt == "bibtex":
        return _bibtex(records)
    if fmt == "ris":
        return _ris(records)
    if fmt == "csl-json":
        return _csl(records)
    raise BadRequest(f"unknown record format {fmt!r}; known: {', '.join(RECORD_FORMATS)}")
