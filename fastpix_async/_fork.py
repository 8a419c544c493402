"""Fork safety for both transports: a child process never uses its parent's connections.

Every transport registers here. In a child of ``os.fork`` (gunicorn ``--preload``,
Celery's prefork pool, multiprocessing's ``fork`` start method) each live one swaps its
pool for a fresh, unopened one, so the child's first request opens its own connection.
This costs the request path nothing; a pid check would, since ``os.getpid()`` is a
system call on every request (glibc no longer caches it).

What the parent left is kept in the child, unused: closing it there could send a TLS
close_notify on a connection the parent still reads, and leaving it to the garbage
collector would warn about unclosed sockets. Its descriptors (at most a pool's worth
per client) are released when the child exits.
"""

from __future__ import annotations

import os
import weakref
from typing import Protocol

__all__ = ["ForkAware", "track"]


class ForkAware(Protocol):
    def start_over_after_fork(self) -> object:
        """Drop every connection without touching it; return what to keep unused."""


_transports: weakref.WeakSet[ForkAware] = weakref.WeakSet()
_inherited: list[object] = []


def track(transport: ForkAware) -> None:
    """Have ``transport`` start over in any child forked from now on."""
    _transports.add(transport)


def _in_child() -> None:
    _inherited.extend(transport.start_over_after_fork() for transport in list(_transports))


if hasattr(os, "register_at_fork"):  # Windows has no fork
    os.register_at_fork(after_in_child=_in_child)
