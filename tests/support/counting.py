"""A real in-memory store that counts the queries it evaluates (a test tool, not installed)."""

from __future__ import annotations

from b2bkg.store.memory import MemoryStore


class CountingMemoryStore(MemoryStore):
    """``MemoryStore`` whose ``evaluated`` says how many queries ``evaluate`` ran."""

    def __init__(self, path):
        super().__init__(path)
        self.evaluated = 0

    def evaluate(self, request, timeout=None):
        self.evaluated += 1
        return super().evaluate(request, timeout)
