"""A query process without a network: the second line of defence behind the protocol layer's
refusal of SERVICE and LOAD (even a query that slipped through could not open a connection)."""

from __future__ import annotations

import ctypes

__all__ = ["isolate_network"]

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def isolate_network() -> bool:
    """Move this (single-threaded) process into a new, empty network namespace.

    Returns whether it worked; it needs Linux and either CAP_SYS_ADMIN or user namespaces.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError):
        return False
    if unshare(_CLONE_NEWNET) == 0:
        return True
    return unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0
