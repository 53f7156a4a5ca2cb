"""An experiment for issue 15, not the service: ``b2bkg serve``'s app behind granian (a Rust HTTP
server, WSGI interface) instead of waitress.

    .venv/bin/python benchmarks/granian_server.py --dataset build/dataset.nq --port 8100 \
        [--threads 8] [--result-cache-mb 0] [--max-rows N] [--timeout S]

granian is not a dependency of b2bkg: ``benchmarks/engine_bench.py --granian`` installs it into a
throw-away directory under the system temp directory and puts it on this script's path. granian
runs a supervisor process and one worker process; the worker builds the same app as ``b2bkg
serve`` (``KnowledgeGraph.from_settings``, ``create_app``, the background warm-up; its query-worker
pool, result cache and fast path unchanged) and granian's Rust threads parse HTTP, hand each request
to one of ``--threads`` Python threads and write the answer. The pool is closed when the worker ends.

What it does not have, and ``b2bkg serve`` on waitress has: the connection hardening of issue 14
(waitress's connection limit, its idle and whole-request timeouts, the 200-slow-connections
test). This script is only for measuring the request path (``engine_bench.py --granian``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_FLAGS = "B2BKG_GRANIAN_FLAGS"


def make_app():  # noqa: ANN201 - granian's factory target, run in its worker process
    """The app of ``b2bkg serve`` with the settings this script was given (``_FLAGS``)."""
    from multiprocessing.util import Finalize

    from b2bkg.api import KnowledgeGraph
    from b2bkg.settings import load_settings
    from b2bkg.web import create_app

    kg = KnowledgeGraph.from_settings(load_settings(json.loads(os.environ[_FLAGS])))
    # granian's worker is a multiprocessing process: its atexit hooks do not run, its Finalizers do
    Finalize(kg, kg.close, exitpriority=10)
    app = create_app(kg=kg)
    kg.warmup.start()
    return app


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--threads", type=int, default=8, help="granian's Python (blocking) threads")
    ap.add_argument("--result-cache-mb", type=int, default=None)
    ap.add_argument("--max-rows", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=None)
    args = ap.parse_args()

    from granian import Granian
    from granian.constants import Interfaces

    flags = {"dataset": args.dataset, "result_cache_mb": args.result_cache_mb, "max_rows": args.max_rows,
             "timeout": args.timeout}
    os.environ[_FLAGS] = json.dumps({k: v for k, v in flags.items() if v is not None})
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parent), *filter(None, [os.environ.get("PYTHONPATH")])])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    Granian("granian_server:make_app", address="127.0.0.1", port=args.port, interface=Interfaces.WSGI,
            factory=True, workers=1, blocking_threads=args.threads, runtime_threads=1,
            log_access=False).serve()


if __name__ == "__main__":
    main()
