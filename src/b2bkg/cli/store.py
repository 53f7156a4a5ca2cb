"""``b2bkg load``: put the dataset into a persistent store (oxigraph directory or remote endpoint)."""

from __future__ import annotations

import click

__all__ = ["COMMANDS", "load_command"]

@click.command("load")
@click.option("--dataset", default=None, help="Dataset file (N-Quads); default: build/dataset.nq, built if missing.")
@click.option("--store", "store", default=None, help="oxigraph or remote. [env B2BKG_STORE]")
@click.option("--store-path", default=None, help="Directory of the oxigraph store. [default: var/oxigraph; "
              "env B2BKG_STORE_PATH]")
@click.option("--endpoint", default=None, help="SPARQL query endpoint of the remote store (checked after "
              "loading). [env B2BKG_ENDPOINT]")
@click.option("--gsp", "gsp_endpoint", default=None, help="Graph Store Protocol endpoint the named graphs are "
              "PUT to (default: --endpoint). [env B2BKG_GSP_ENDPOINT]")
@click.option("--user", "remote_user", default=None, help="User for HTTP digest auth. [env B2BKG_REMOTE_USER]")
@click.option("--password", "remote_password", default=None,
              help="Password for HTTP digest auth. [env B2BKG_REMOTE_PASSWORD]")
def load_command(dataset, **flags) -> None:
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
    result = load_dataset(settings, resolve_dataset(dataset))
    where = result.get("path") or result.get("gsp")
    what = "already held" if result.get("reused") else "loaded"
    click.echo(f"{result['store']}: {what} {result['triples']} triples, version {result['version']}, "
               f"in {where} ({result['seconds']:.2f} s)")
    for graph, n in result["graphs"].items():
        click.echo(f"  {graph}  {n}")


COMMANDS = (load_command,)
