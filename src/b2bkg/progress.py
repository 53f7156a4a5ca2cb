"""Progress of long work (build, load, corpus import, export), for whoever is listening.

Library code says what it is doing and how far it has come; it never prints. Nothing is shown
unless a caller installs a listener: the CLI installs ``terminal()``, which draws tqdm bars on
standard error when that is a terminal and stays silent when it is piped or redirected (tqdm's
own rule, ``disable=None``), so scripts and logs never see carriage returns.

>>> with task("parse", total=3, unit="record") as t:   # no listener: costs nothing, shows nothing
...     t.advance(3)
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import IO, Protocol, TypeVar

__all__ = ["Task", "listening", "task", "terminal", "tracked", "reading"]

T = TypeVar("T")


class Task(Protocol):
    def advance(self, n: int = 1) -> None: ...
    def describe(self, what: str) -> None: ...
    def close(self) -> None: ...


class Listener(Protocol):
    def open(self, label: str, total: int | None, unit: str) -> Task: ...


class _Silent:
    def advance(self, n: int = 1) -> None:
        pass

    def describe(self, what: str) -> None:
        pass

    def close(self) -> None:
        pass


_SILENT = _Silent()
_listener: ContextVar[Listener | None] = ContextVar("b2bkg_progress", default=None)


@contextlib.contextmanager
def task(label: str, total: int | None = None, unit: str = "step") -> Iterator[Task]:
    """One piece of long work: ``advance`` it as it goes (``total`` when known)."""
    listener = _listener.get()
    bar = listener.open(label, total, unit) if listener is not None else _SILENT
    try:
        yield bar
    finally:
        bar.close()


def tracked(items: Iterable[T], label: str, total: int | None = None, unit: str = "step") -> Iterator[T]:
    """``items``, advancing a task by one per item."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with task(label, total, unit) as t:
        for item in items:
            yield item
            t.advance()


class _CountingReader(io.RawIOBase):
    """A binary file that advances a task by the bytes read from it."""

    def __init__(self, raw: IO[bytes], bar: Task):
        self._raw, self._bar = raw, bar

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._bar.advance(len(data))
        return len(data)


@contextlib.contextmanager
def reading(path: str | os.PathLike, label: str) -> Iterator[IO[bytes]]:
    """``path`` opened for reading in binary; reads advance a task counted in bytes. With no
    listener it is the plain file."""
    with open(path, "rb") as raw:
        if _listener.get() is None:
            yield raw
            return
        with task(label, os.fstat(raw.fileno()).st_size, "B") as bar:
            yield io.BufferedReader(_CountingReader(raw, bar), 1 << 20)


@contextlib.contextmanager
def listening(listener: Listener | None) -> Iterator[None]:
    """Report the progress of the work done inside to ``listener`` (None: to no one)."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


class _Bar:
    def __init__(self, label: str, total: int | None, unit: str, stream: IO[str]):
        from tqdm import tqdm

        scale = unit == "B"
        cols, rows = _size(stream)
        self._bar = tqdm(total=total, desc=label, unit=unit, unit_scale=scale, unit_divisor=1024 if scale else 1000,
                         file=stream, disable=None, leave=False, ncols=cols, nrows=rows, mininterval=0.2)  # fmt: skip

    def advance(self, n: int = 1) -> None:
        self._bar.update(n)

    def describe(self, what: str) -> None:
        self._bar.set_postfix_str(what, refresh=True)

    def close(self) -> None:
        self._bar.close()


def _size(stream: IO[str]) -> tuple[int, int]:
    """The terminal's columns and lines; 80 x 24 where it reports none (a fresh pty says 0 x 0,
    and tqdm hides its bars on a terminal of no lines)."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return 80, 24
    return size.columns or 80, size.lines or 24


class _Terminal:
    def __init__(self, stream: IO[str]):
        self._stream = stream

    def open(self, label: str, total: int | None, unit: str) -> Task:
        return _Bar(label, total, unit, self._stream)


def terminal(stream: IO[str] | None = None) -> Listener | None:
    """Bars on ``stream`` (standard error) when it is a terminal; None (silence) otherwise, or
    when ``B2BKG_PROGRESS=0``."""
    stream = stream or sys.stderr
    if os.environ.get("B2BKG_PROGRESS", "").strip() in ("0", "false", "no", "off"):
        return None
    isatty = getattr(stream, "isatty", None)
    return _Terminal(stream) if isatty is not None and isatty() else None
