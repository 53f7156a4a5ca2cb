"""The ``b2bkg`` command: options in, one library function called, output printed.

Exit codes: 0 ok, 1 a domain failure (validation or build found problems), 2 an error in the
input or environment. Errors are printed as one readable message, never a traceback.
"""

from __future__ import annotations

import sys

import click

from b2bkg import __version__
from b2bkg.analytics.commands import analyze, export_graph, export_references
from b2bkg.build.commands import build, coverage, review
from b2bkg.errors import B2BKGError
from b2bkg.quality.commands import docs_command, export_command, validate_command
from b2bkg.science.commands import corpus
from b2bkg.serve_commands import query_command, serve
from b2bkg.store.commands import load_command

__all__ = ["main", "cli"]


@click.group()
@click.version_option(__version__, prog_name="b2bkg")
def cli() -> None:
    """Knowledge graph of Wang (2025): build, validate, query and serve it."""


cli.add_command(build)
cli.add_command(coverage)
cli.add_command(review)
cli.add_command(validate_command)
cli.add_command(docs_command)
cli.add_command(export_command)
cli.add_command(serve)
cli.add_command(query_command)
cli.add_command(load_command)
cli.add_command(analyze)
cli.add_command(export_graph)
cli.add_command(export_references)
cli.add_command(corpus)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(2)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(2)
    except B2BKGError as exc:
        click.echo(f"error: {exc.message}", err=True)
        for problem in getattr(exc, "problems", []):
            click.echo(f"  {problem}", err=True)
        sys.exit(exc.exit_code)
