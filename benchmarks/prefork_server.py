"""An experiment for issue 15, not the service: b2bkg's app evaluating queries in the process that
serves the request, pre-forked, with a watchdog that ends a process whose request runs too long.

    .venv/bin/python benchmarks/prefork_server.py --dataset build/dataset.nq --port 8100 \
        [--processes 2] [--threads 4] [--timeout 10]

The parent loads the dataset into pyoxigraph's in-memory store once, builds the same Flask app
as ``b2bkg serve`` over that store with no query-worker pool (so there is no process round trip
per query), opens the listening socket, and forks ``--processes`` children that each run waitress
(the service's limits, ``web.server.make_server``) on the shared socket. In every child a
watchdog thread looks at the requests in flight every 50 ms; one that has run past ``--timeout``
seconds ends the child (``os._exit``): the kernel closes its connections (the runaway's client and
every other request in flight in that child get a reset, not a 503), and the parent forks a
replacement from its loaded copy. ``--processes 1 --timeout 0`` is evaluation in the serving
process with no timeout at all: the upper bound of what this design can give.

What it does not have, and the service has: the admission control of issue 14 (the long-query
lane, stand-ins, the cost estimate's lane, the per-client limits), a 503 for the runaway, the
result cache's sharing between children (each child has its own), memory shared between children
(pyoxigraph's memory store writes to its pages when read: each child ends up with its own copy).
``benchmarks/engine_bench.py --prefork`` runs it beside the service and the Oxigraph server.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


class Watchdog:
    """WSGI middleware that records when each request in flight started, and a thread that ends
    the process when one of them is older than ``timeout`` seconds."""

    def __init__(self, app, timeout: float) -> None:
        self.app, self.timeout = app, timeout
        self.started: dict[int, float] = {}
        if timeout > 0:
            threading.Thread(target=self._watch, daemon=True).start()

    def __call__(self, environ, start_response):
        key = threading.get_ident()
        self.started[key] = time.monotonic()
        try:
            # the answer is written by waitress after this returns: the app's bodies are lists or
            # pyoxigraph's streamed writers, which are evaluated inside the call or the iteration
            yield from self.app(environ, start_response)
        finally:
            self.started.pop(key, None)

    def _watch(self) -> None:
        while True:
            time.sleep(0.05)
            now = time.monotonic()
            if any(now - t > self.timeout for t in list(self.started.values())):
                os._exit(75)


def serve_child(app, sock: socket.socket, settings: dict, timeout: float) -> None:
    from b2bkg.web.server import make_server

    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = make_server(Watchdog(app, timeout), "127.0.0.1", 0, settings, sockets=[sock], ident="b2bkg-prefork")
    server.run()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=10.0, help="0: no watchdog")
    ap.add_argument("--result-cache-mb", type=int, default=64)
    args = ap.parse_args()

    from b2bkg.api import KnowledgeGraph
    from b2bkg.store import MemoryStore
    from b2bkg.web import create_app

    settings = {"dataset": args.dataset, "max_rows": 1_000_000, "threads": args.threads,
                "result_cache_mb": args.result_cache_mb, "timeout": args.timeout or 3600.0, "warm_up": "off"}
    kg = KnowledgeGraph.from_settings(settings, store=MemoryStore(args.dataset))
    app = create_app(kg=kg)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    sock.listen(1024)
    sock.setblocking(False)

    children: set[int] = set()

    def fork() -> None:
        pid = os.fork()
        if pid == 0:
            try:
                serve_child(app, sock, settings, args.timeout)
            finally:
                os._exit(1)
        children.add(pid)

    def stop(*_) -> None:
        for pid in children:
            os.kill(pid, signal.SIGTERM)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(args.processes):
        fork()
    print(f"prefork: {args.processes} processes × {args.threads} threads on 127.0.0.1:{args.port}", file=sys.stderr)
    while True:
        pid, status = os.wait()
        children.discard(pid)
        print(f"prefork: child {pid} ended ({status >> 8}); forking a replacement", file=sys.stderr)
        fork()


if __name__ == "__main__":
    main()
