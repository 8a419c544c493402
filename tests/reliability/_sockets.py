"""What this process holds open, read from /proc (Linux): TCP connections and descriptors."""

from __future__ import annotations

import os
import re

_SOCKET_LINK = re.compile(r"socket:\[(\d+)\]")
_TCP_TABLES = ("/proc/self/net/tcp", "/proc/self/net/tcp6")


def _socket_inodes() -> set[str]:
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed while we looked
            continue
        match = _SOCKET_LINK.fullmatch(target)
        if match:
            inodes.add(match.group(1))
    return inodes


def connections_to(port: int) -> int:
    """How many TCP sockets this process has open to ``port`` (client side only)."""
    mine = _socket_inodes()
    count = 0
    for table in _TCP_TABLES:
        with open(table) as rows:
            next(rows)  # the header
            for row in rows:
                fields = row.split()
                remote_port = int(fields[2].rsplit(":", 1)[1], 16)
                if remote_port == port and fields[9] in mine:
                    count += 1
    return count


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))
