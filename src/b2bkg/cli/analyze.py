"""``b2bkg analyze <analysis>``, ``b2bkg export-graph`` and ``b2bkg export-references``.

The commands are generated from ``b2bkg.analytics.operations``: one subcommand per analysis, one
option per parameter, the same names and checks as the HTTP API.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from b2bkg.analytics.operations import (
    EXPORT_GRAPH_PARAMS,
    OPERATIONS,
    PROJECTION_PARAMS,
    Operation,
    export_graph_view,
    export_reference_list,
    run,
)
from b2bkg.analytics.readwrite import REFERENCE_FORMATS
from b2bkg.analytics.service import Analytics
from b2bkg.cli.options import STORE_FLAGS, setting_option

__all__ = ["COMMANDS", "analyze", "export_graph", "export_references"]

_DATASET = click.Option(["--dataset"], type=click.Path(dir_okay=False), default=None,
                        help="Dataset file (default build/dataset.nq, built if missing; with --store oxigraph "
                             "and no build/, the store directory as it is loaded).")
def _store_options() -> list[click.Option]:
    """``--store``, ``--store-path``, ``--endpoint``, ``--remote-user``, ``--remote-password`` from the
    settings table (each also a ``B2BKG_*`` variable), as ``b2bkg serve`` has them."""
    return [setting_option(name) for name in STORE_FLAGS]


@contextmanager
def _opened(kwargs: dict[str, Any]) -> Iterator[Analytics]:
    """The analytics of the application object over the store the options (or ``B2BKG_*``
    variables) select, evaluated in this process."""
    from b2bkg.api import KnowledgeGraph, store_dataset
    from b2bkg.settings import load_settings
    from b2bkg.store import configured_backend, open_configured_store

    settings = load_settings({k: kwargs.get(k) for k in STORE_FLAGS})
    store = open_configured_store(settings, store_dataset(configured_backend(settings), kwargs.get("dataset")))
    with KnowledgeGraph(store=store, settings=settings) as kg:
        yield kg.analytics


def _options(params: dict[str, str]) -> list[click.Option]:
    return [click.Option([f"--{name}"], default=None, help=text) for name, text in params.items()]


def _table(name: str, result: dict) -> list[str] | None:
    """A plain-text table for the analyses people read as tables; None for the others."""
    if name == "centrality":
        rows = [f"{r['rank']:>4}  {r['score']:<10} {r['class']:<22} {r['label']}" for r in result["results"]]
        return [f"rank  {result['measure']:<10} class                  entity", *rows]
    if name == "cocitation":
        rows = [f"[{p['a']:>2}]-[{p['b']:>2}]  {p['weight']:>6}  {p['sentences']:>9}  {p['paragraphs']:>10}  "
                f"{', '.join(p['shared_paragraphs'])}" for p in result["pairs"]]
        return ["pair        weight  sentences  paragraphs  shared paragraphs", *rows]
    if name == "timeline":
        return [f"{y['year']}  {y['count']:>3}  {json.dumps(y['languages'])}  {json.dumps(y['types'])}"
                for y in result["years"]]
    if name == "communities":
        head = f"{result['method']}: {result['count']} communities, modularity {result['modularity']}"
        return [head, *(f"{c['id']:>3} {c['size']:>4}  " + ", ".join(m["label"] for m in c["members"][:6])
                        for c in result["communities"])]
    return None


def _command(op: Operation) -> click.Command:
    names = list(op.params) + (list(PROJECTION_PARAMS) if op.graph else [])

    def callback(**kwargs) -> None:
        params = {n: kwargs[n.replace("-", "_")] for n in names if kwargs.get(n.replace("-", "_")) is not None}
        with _opened(kwargs) as a:
            answer = run(a, op.name, params)
        table = _table(op.name, answer["result"]) if kwargs.get("table") else None
        if table is not None:
            for note in answer["result"].get("notes", []) if isinstance(answer["result"], dict) else []:
                click.echo(f"note: {note}", err=True)
            click.echo("\n".join(table))
        else:
            click.echo(json.dumps(answer, ensure_ascii=False, indent=2))

    params = [*_options(op.params), *(_options(PROJECTION_PARAMS) if op.graph else []), _DATASET,
              *_store_options(),
              click.Option(["--table"], is_flag=True, help="Print a plain-text table where one fits.")]
    return click.Command(op.name, callback=callback, params=params, help=op.summary + ".")


@click.group()
def analyze() -> None:
    """Graph analytics and the literature map of the dataset (JSON, or --table)."""


for _op in OPERATIONS.values():
    analyze.add_command(_command(_op))


def _write(data: bytes, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        with open(output, "wb") as f:
            f.write(data)
        click.echo(f"wrote {output} ({len(data)} bytes)", err=True)


def _export_graph(**kwargs) -> None:
    names = list(EXPORT_GRAPH_PARAMS) + list(PROJECTION_PARAMS)
    params = {n: kwargs[n] for n in names if kwargs.get(n) is not None}
    params.setdefault("format", "graphml")
    with _opened(kwargs) as a:
        export, _ = export_graph_view(a, params)
    _write(export.data, kwargs.get("output"))


export_graph = click.Command(
    "export-graph",
    callback=_export_graph,
    params=[*_options(EXPORT_GRAPH_PARAMS), *_options(PROJECTION_PARAMS), _DATASET, *_store_options(),
            click.Option(["-o", "--output"], default=None, help="File to write (default: standard output).")],
    help="Write a graph view (projection, co-citation, bipartite) for Gephi, Cytoscape, VOSviewer, Pajek, "
         "or scripts (default format graphml).",
)


def _export_references(fmt: str, output: str | None, **kwargs) -> None:
    with _opened(kwargs) as a:
        export, _ = export_reference_list(a, {"format": fmt})
    _write(export.data, output)


export_references = click.Command(
    "export-references",
    callback=_export_references,
    params=[click.Option(["--format", "fmt"], type=click.Choice(list(REFERENCE_FORMATS)), default="bibtex",
                         show_default=True),
            click.Option(["-o", "--output"], default=None, help="File to write (default: standard output)."),
            _DATASET, *_store_options()],
    help="Write the paper's references as BibTeX, RIS or CSL-JSON.",
)


COMMANDS = (analyze, export_graph, export_references)
