"""Helpers of the hardening tests: a real service (waitress on a loopback port, real worker
processes) with the settings a test needs, and queries that can never finish."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from b2bkg.web import create_app
from b2bkg.web.server import background_server

FIXTURES = Path(__file__).resolve().parents[1] / "service" / "fixtures"
DATASET = FIXTURES / "dataset.nq"
QUERIES = FIXTURES / "queries"

#: 29 quads to the 8th power: billions of solutions to count, far beyond any timeout.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"
ORDINARY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"


def base_settings(**overrides) -> dict:
    settings = {
        "dataset": str(DATASET),
        "queries_dir": str(QUERIES),
        "workers": 2,
        "timeout": 3.0,
        "max_rows": 20,
        "threads": 16,
    }
    settings.update(overrides)
    return settings


@contextmanager
def serving(settings: dict | None = None, **server_options) -> Iterator[tuple[str, object]]:
    """(base URL, app) of a real server with ``settings``; stopped (workers too) on exit."""
    app = create_app(settings or base_settings())
    try:
        with background_server(app, threads=(settings or {}).get("threads", 16),
                               settings=settings, **server_options) as url:
            yield url, app
    finally:
        app.extensions["b2bkg"].close()


def eventually(check: Callable[[], bool], seconds: float = 30.0, what: str = "the condition") -> None:
    """Poll ``check`` until it holds (bounded; never a fixed sleep)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not hold within {seconds} s")
