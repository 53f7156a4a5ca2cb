"""``b2bkg serve`` and ``b2bkg query``: options in, one library call, output printed."""

from __future__ import annotations

import json
import logging
import signal
import sys
from pathlib import Path

import click

from b2bkg.settings import SETTINGS, load_settings

__all__ = ["serve", "query_command", "render_table"]

_SERVE_FLAGS = ("host", "port", "dataset", "queries_dir", "timeout", "max_rows",
                "max_query_length", "workers", "threads", "default_graph", "cache_max_age",
                "store", "store_path", "endpoint", "gsp_endpoint", "remote_user", "remote_password")
_STORE_FLAGS = ("store", "store_path", "endpoint", "remote_user", "remote_password")


def _setting_options(names):
    def decorate(f):
        for s in reversed([s for s in SETTINGS if s.name in names]):
            flag = "--" + s.name.replace("_", "-")
            f = click.option(flag, s.name, type=s.type, default=None,
                             help=f"{s.help} [default: {s.default}; env B2BKG_{s.name.upper()}]")(f)
        return f
    return decorate


@click.command()
@_setting_options(_SERVE_FLAGS)
def serve(**flags) -> None:
    """Serve the dataset over HTTP: SPARQL endpoint, named queries, linked data."""
    import waitress

    from b2bkg.web import create_app

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = load_settings(flags)
    app = create_app(settings)
    services = app.extensions["b2bkg"]
    from b2bkg.web.explorer import warm

    warm(app)  # the explorer's first drawing should not wait for its first computation
    click.echo(
        f"b2bkg: {services.store.triple_count()} triples (version {services.store.version}), "
        f"{getattr(services.store, 'size', 0)} query workers; "
        f"http://{settings['host']}:{settings['port']}/sparql",
        err=True,
    )
    # SIGTERM ends the server like Ctrl-C: the worker processes are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        waitress.serve(app, host=settings["host"], port=settings["port"],
                       threads=settings["threads"], ident="b2bkg", _quiet=True)
    finally:
        services.close()


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
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


@click.command("query")
@click.argument("query")
@click.option("--format", "fmt", default="table",
              help="table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, jsonld, rdfxml "
                   "(CONSTRUCT/DESCRIBE). [default: table, or turtle for graphs]")
@click.option("--dataset", default=None, help="Dataset file; default: build/dataset.nq.")
@click.option("--param", "-p", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter of a named query.")
@click.option("--queries-dir", default="queries", show_default=True,
              help="Directory of the named-query library.")
@_setting_options(_STORE_FLAGS)
def query_command(query: str, fmt: str, dataset: str | None, param: tuple[str, ...],
                  queries_dir: str, **store_flags) -> None:
    """Run QUERY: SPARQL text, a .rq file, or the name of a named query."""
    from b2bkg.api import KnowledgeGraph, Table
    from b2bkg.errors import BadRequest
    from b2bkg.queries import parse_named_query
    from b2bkg.store import configured_backend

    params = {}
    for p in param:
        name, sep, value = p.partition("=")
        if not sep:
            raise BadRequest(f"--param expects NAME=VALUE, got {p!r}")
        params[name] = value
    settings = load_settings(store_flags)
    kg = KnowledgeGraph(dataset, queries_dir=queries_dir, store=configured_backend(settings),
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
