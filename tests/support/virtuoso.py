"""Start a throwaway Virtuoso (Debian's ``virtuoso-opensource``) on loopback, for tests and benchmarks.

``start_virtuoso(directory)`` writes a ``virtuoso.ini`` into ``directory`` (database files,
HTTP and ISQL ports on 127.0.0.1, both free ephemeral ports), runs ``virtuoso-t -f`` in the
background, polls ``/sparql`` until it answers and returns a ``VirtuosoServer``; ``stop()``
ends it. A fresh database's ``dba`` password is ``dba``: the authenticated endpoints
(``/sparql-auth``, ``/sparql-graph-crud-auth``) take it with HTTP digest auth.

>>> with start_virtuoso(tmp) as v:                                        # doctest: +SKIP
...     v.sparql_url, v.gsp_url
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from b2bkg.errors import SourceError

__all__ = ["VirtuosoServer", "find_virtuoso", "free_port", "start_virtuoso"]

_CANDIDATES = ("/usr/bin/virtuoso-t", "/usr/lib/virtuoso-opensource-7/bin/virtuoso-t")

_INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{isql_port}
DisableUnixSocket        = 1
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., {d}
NumberOfBuffers          = {buffers}
MaxDirtyBuffers          = {dirty}
MaxQueryMem              = 1G
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 4
MaxClientConnections     = 16

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {d}
MaxClientConnections        = 16
ServerThreads               = 16
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
EnabledGzipContent          = 0
KeepAliveTimeout            = 10

[SPARQL]
ResultSetMaxRows           = {result_rows}
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 300
DeferInferenceRulesInit    = 1
"""


def find_virtuoso() -> str | None:
    """The path of ``virtuoso-t``, or None when Virtuoso is not installed."""
    found = shutil.which("virtuoso-t")
    if found:
        return found
    return next((c for c in _CANDIDATES if os.access(c, os.X_OK)), None)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class VirtuosoServer:
    directory: Path
    http_port: int
    isql_port: int
    process: subprocess.Popen
    user: str = "dba"
    password: str = "dba"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """The anonymous, read-only SPARQL endpoint."""
        return self.base + "/sparql"

    @property
    def sparql_auth_url(self) -> str:
        return self.base + "/sparql-auth"

    @property
    def gsp_url(self) -> str:
        """The Graph Store HTTP Protocol endpoint that needs digest auth (dba)."""
        return self.base + "/sparql-graph-crud-auth"

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def __enter__(self) -> VirtuosoServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_virtuoso(directory: str | Path, *, buffers: int = 100_000, ready_timeout: float = 120.0,
                   result_rows: int = 10_000_000) -> VirtuosoServer:
    """Start ``virtuoso-t`` with a fresh database in ``directory`` (created); see the module doc.

    ``buffers`` (8 KiB pages) sizes the page cache: 100,000 is about 800 MB at most.
    ``result_rows``: its ``ResultSetMaxRows`` (the most rows of an answer over HTTP; Virtuoso's
    own default is 10,000, and it never sends more than 1,048,576).
    """
    binary = find_virtuoso()
    if binary is None:
        raise SourceError("virtuoso-t not found: apt-get install virtuoso-opensource")
    d = Path(directory).resolve()
    d.mkdir(parents=True, exist_ok=True)
    http_port, isql_port = free_port(), free_port()
    while isql_port == http_port:
        isql_port = free_port()
    (d / "virtuoso.ini").write_text(
        _INI.format(d=d, http_port=http_port, isql_port=isql_port, buffers=buffers, dirty=buffers * 3 // 4,
                    result_rows=result_rows),
        encoding="utf-8",
    )
    log = (d / "virtuoso-stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "-f", "-c", "virtuoso.ini"], cwd=d, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    log.close()
    server = VirtuosoServer(d, http_port, isql_port, process)
    deadline = time.monotonic() + ready_timeout
    pause = threading.Event()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = (d / "virtuoso-stdout.log").read_text(errors="replace")[-2000:]
            raise SourceError(f"virtuoso-t exited with status {process.returncode}:\n{tail}")
        try:
            r = requests.get(server.sparql_url, params={"query": "ASK {}"}, timeout=5,
                             headers={"Accept": "application/sparql-results+json"})
            if r.status_code == 200:
                return server
        except requests.RequestException:
            pass
        pause.wait(0.2)
    server.stop()
    raise SourceError(f"virtuoso-t did not answer on {server.sparql_url} within {ready_timeout:g} s")
