"""``b2bkg query``: SPARQL text, a .rq file or a named query in, its answer printed."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import click

from b2bkg.cli.options import STORE_FLAGS, setting_options
from b2bkg.settings import load_settings

__all__ = ["COMMANDS", "query_command", "render_table"]


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide and full-width characters take two.

    >>> display_width("信用 ab"), display_width("abc")
    (7, 3)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def render_table(variables, rows) -> str:
    """A plain-text table of rdflib terms (IRIs shortened with the project's prefixes)."""
    from b2bkg.vocab import PREFIXES

    def cell(t) -> str:
        if t is None:
            return ""
        s = str(t)
        for prefix, ns in PREFIXES.items():
            if s.startswith(ns) and type(t).__name__ == "URIRef":
                return f"{prefix}:{s[len(ns):]}"
        return s

    cells = [[cell(t) for t in row] for row in rows]
    widths = [max([display_width(v), *(display_width(r[i]) for r in cells)]) for i, v in enumerate(variables)]
    line = "  ".join(pad(v, w) for v, w in zip(variables, widths, strict=True))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


@click.command("query")
@click.argument("query")
@click.option("--format", "fmt", default="table",
              help="table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, jsonld, rdfxml "
                   "(CONSTRUCT/DESCRIBE). [default: table, or turtle for graphs]")
@click.option("--param", "-p", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter of a named query.")
@setting_options(("dataset", "queries_dir", *STORE_FLAGS))
def query_command(query: str, fmt: str, param: tuple[str, ...], **flags) -> None:
    """Run QUERY: SPARQL text, a .rq file, the name of a named query, or - (read from standard input)."""
    from b2bkg.api import KnowledgeGraph, Table
    from b2bkg.errors import BadRequest
    from b2bkg.queries import parse_named_query
    from b2bkg.store import configured_backend

    if query == "-":
        query = sys.stdin.read()
        if not query.strip():
            raise BadRequest("no query on standard input (b2bkg query - reads the query from it)")
    params = {}
    for p in param:
        name, sep, value = p.partition("=")
        if not sep:
            raise BadRequest(f"--param expects NAME=VALUE, got {p!r}")
        params[name] = value
    settings = load_settings(flags)
    kg = KnowledgeGraph(settings["dataset"] or None, queries_dir=settings["queries_dir"],
                        store=configured_backend(settings),
                        store_path=settings["store_path"], endpoint=settings["endpoint"],
                        user=settings["remote_user"], password=settings["remote_password"])
    path = Path(query)
    if query.endswith(".rq") and path.is_file():
        named = parse_named_query(path.stem, path.read_text(encoding="utf-8"), path)
        kg.library[named.name] = named
        query = named.name
    if fmt != "table" or kg.form(query) in ("CONSTRUCT", "DESCRIBE"):
        result = kg.raw(query, None if fmt == "table" else fmt, **params)
        sys.stdout.write(result.body.decode("utf-8"))
        return
    table = kg.query(query, **params)  # decoded in this process, evaluated once
    assert isinstance(table, Table)
    if table.boolean is not None:
        click.echo(json.dumps(table.boolean))
    else:
        click.echo(render_table(table.variables, table.rows))


COMMANDS = (query_command,)
