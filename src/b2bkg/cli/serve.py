"""``b2bkg serve``: options in (every service setting, from the settings table), the app served."""

from __future__ import annotations

import logging
import signal
import sys

import click

from b2bkg.cli.options import setting_options
from b2bkg.settings import SETTINGS, load_settings

__all__ = ["COMMANDS", "WARM_UP", "serve"]

WARM_UP = ("background", "wait", "off")


@click.command()
@setting_options(s.name for s in SETTINGS)  # every setting of the service
def serve(**flags) -> None:
    """Serve the dataset over HTTP: SPARQL endpoint, named queries, linked data."""
    from b2bkg.api import KnowledgeGraph
    from b2bkg.errors import BadRequest
    from b2bkg.web import create_app
    from b2bkg.web.server import make_server

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = load_settings(flags)
    if settings["warm_up"] not in WARM_UP:
        raise BadRequest(f"--warm-up must be one of {', '.join(WARM_UP)} (got {settings['warm_up']!r})")
    services = KnowledgeGraph.from_settings(settings)
    app = create_app(kg=services)

    # the explorer's first drawing should not wait for its first computation, nor readiness for it
    if settings["warm_up"] == "wait":
        services.warmup.run()
    elif settings["warm_up"] == "background":
        services.warmup.start()
    click.echo(
        f"b2bkg: {services.store.triple_count()} triples (version {services.store.version}), "
        f"{getattr(services.store, 'size', 0)} query workers; "
        f"http://{settings['host']}:{settings['port']}/sparql",
        err=True,
    )
    # SIGTERM ends the server like Ctrl-C: the worker processes are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server = make_server(app, settings["host"], settings["port"], settings, ident="b2bkg")
        server.run()
    finally:
        services.close()


COMMANDS = (serve,)
