"""Probe: is an ordinary request still answered while slow clients hold connections open?

Run against a server already listening on loopback (``b2bkg serve``, or the experiment
``benchmarks/granian_server.py``):

    .venv/bin/python benchmarks/slow_clients.py --port 8000 [--trickling 12] [--silent 2000] [--watch 70]

1. ``--trickling`` connections send a request's headers and the first bytes of a 5,000-byte body,
   then one byte a second (a slow-body client);
2. an ordinary ``GET /sparql?query=ASK{}`` is sent and its status and time printed;
3. ``--silent`` more connections are opened that never send a byte, and the ordinary request is
   sent again;
4. for ``--watch`` seconds, it prints when the server closes one silent connection, or a trickling
   one (a server with a whole-request timeout closes it; one without keeps it for ever).

issue 14's hardening is what this looks at: waitress buffers a body before a thread sees it and
closes a connection that is idle, or still sending one request, after ``--channel-timeout`` s.
Printed, not asserted.
"""

from __future__ import annotations

import argparse
import resource
import socket
import threading
import time
import urllib.error
import urllib.request

BODY_HEAD = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
             b"Content-Length: 5000\r\n\r\nASK")


def ordinary(port: int, what: str) -> None:
    t = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=20) as r:  # noqa: S310
            print(f"{what}: {r.status} in {time.monotonic() - t:.2f} s")
    except (urllib.error.URLError, OSError) as exc:
        print(f"{what}: no answer ({exc}) after {time.monotonic() - t:.2f} s")


def closed_after(sock: socket.socket, started: float, watch: float, trickle: bool) -> float | None:
    """Seconds until the server closes ``sock`` (None: still open after ``watch`` s)."""
    sock.settimeout(1.0)
    while time.monotonic() - started < watch:
        try:
            if trickle:
                sock.sendall(b"A")
            data = sock.recv(4096)
            if not data or data.startswith(b"HTTP/"):
                return time.monotonic() - started
        except TimeoutError:
            continue
        except OSError:
            return time.monotonic() - started
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--trickling", type=int, default=12)
    ap.add_argument("--silent", type=int, default=2000)
    ap.add_argument("--watch", type=float, default=70.0)
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.silent + args.trickling + 256)), hard))

    started = time.monotonic()
    trickling = []
    for _ in range(args.trickling):
        s = socket.create_connection(("127.0.0.1", args.port))
        s.sendall(BODY_HEAD)
        trickling.append(s)
    time.sleep(2)
    ordinary(args.port, f"ordinary request, {args.trickling} slow bodies open")
    silent = []
    for _ in range(args.silent):
        try:
            silent.append(socket.create_connection(("127.0.0.1", args.port), timeout=5))
        except OSError:
            break
    print(f"{len(silent)} silent connections opened")
    ordinary(args.port, f"ordinary request, {args.trickling} slow bodies and {len(silent)} silent connections open")
    results: dict[str, float | None] = {}

    def watch(name: str, sock: socket.socket, trickle: bool) -> None:
        results[name] = closed_after(sock, started, args.watch, trickle)

    probes = [threading.Thread(target=watch, args=("a slow body", trickling[0], True))] if trickling else []
    if silent:
        probes.append(threading.Thread(target=watch, args=("a silent connection", silent[0], False)))
    for t in probes:
        t.start()
    for t in probes:
        t.join()
    for name, after in results.items():
        print(f"{name}: " + (f"closed by the server {after:.1f} s after it was opened" if after is not None
                             else f"still open after {args.watch:g} s"))
    for s in trickling + silent:
        s.close()


if __name__ == "__main__":
    main()
