"""``b2bkg load``: put the dataset into a persistent store (oxigraph directory or remote endpoint)."""

from __future__ import annotations

import click

from b2bkg.cli.options import setting_options

__all__ = ["COMMANDS", "load_command"]


@click.command("load")
@setting_options(("dataset", "store", "store_path", "endpoint", "gsp_endpoint", "remote_user", "remote_password"),
                 aliases={"gsp_endpoint": ("--gsp",), "remote_user": ("--user",), "remote_password": ("--password",)})
def load_command(**flags) -> None:
    """Load the dataset into a persistent store: an oxigraph directory or a remote SPARQL endpoint.

    \b
    b2bkg load --store oxigraph --store-path var/oxigraph
    b2bkg load --store remote --endpoint http://127.0.0.1:8890/sparql \\
               --gsp http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba
    """
    from b2bkg.api import resolve_dataset
    from b2bkg.settings import load_settings
    from b2bkg.store.load import load_dataset

    settings = load_settings(flags)
    result = load_dataset(settings, resolve_dataset(settings["dataset"] or None))
    where = result.get("path") or result.get("gsp")
    what = "already held" if result.get("reused") else "loaded"
    click.echo(f"{result['store']}: {what} {result['triples']} triples, version {result['version']}, "
               f"in {where} ({result['seconds']:.2f} s)")
    for graph, n in result["graphs"].items():
        click.echo(f"  {graph}  {n}")


COMMANDS = (load_command,)
