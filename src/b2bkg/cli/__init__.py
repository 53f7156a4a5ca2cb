"""The CLI layer: the ``b2bkg`` command. Options in, one library function called, output printed.

One module per command group; each lists its click commands in ``COMMANDS``. To add a group,
write ``cli/<group>.py`` with its ``COMMANDS`` and add the module to ``GROUPS`` below. Nothing
below this layer imports it (tests/test_layers.py).

Exit codes: 0 ok, 1 a domain failure (validation or build found problems), 2 an error in the
input or environment. Errors are printed as one readable message, never a traceback.
"""

from __future__ import annotations

import sys

import click

from b2bkg import __version__, progress
from b2bkg.cli import analyze, build, corpus, quality, query, science, serve, store
from b2bkg.errors import B2BKGError

__all__ = ["GROUPS", "main", "cli"]

GROUPS = (build, quality, serve, query, store, analyze, science, corpus)


@click.group()
@click.version_option(__version__, prog_name="b2bkg")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Knowledge graph of Wang (2025): build, validate, query and serve it.

    Long work (build, load, corpus import, export) shows its progress on standard error when that
    is a terminal; piped or redirected it is silent (B2BKG_PROGRESS=0 silences a terminal too).
    """
    ctx.with_resource(progress.listening(progress.terminal()))


for _group in GROUPS:
    for _command in _group.COMMANDS:
        cli.add_command(_command)


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
