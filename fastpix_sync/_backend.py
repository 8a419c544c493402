"""The synchronous backend: a urllib3 pool, ``time.sleep``.

Handwritten twin of ``fastpix_async/_backend.py`` (same names, same contract);
everything else in ``fastpix_sync`` is generated from ``fastpix_async``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO, TypeVar

import urllib3
from urllib3.exceptions import HTTPError, NewConnectionError, TimeoutError

from fastpix_async.errors import APIConnectionError, APITimeoutError

from ._types import Response

__all__ = [
    "TRANSPORT_NAME",
    "HTTPSession",
    "MapFunction",
    "Transport",
    "bounded_map",
    "read_at",
    "sleep",
]

T = TypeVar("T")
R = TypeVar("R")

# What the batch helpers call for each item: a plain function here.
MapFunction = Callable[[T], R]

TRANSPORT_NAME = "urllib3"

HTTPSession = urllib3.PoolManager

sleep = time.sleep


class Transport:
    """A urllib3 ``PoolManager`` that blocks rather than open more than ``max_connections``."""

    def __init__(self, *, max_connections: int, session: urllib3.PoolManager | None) -> None:
        self.max_connections = max_connections
        self._owns_session = session is None
        self._pool = session or urllib3.PoolManager(
            num_pools=4, maxsize=max_connections, block=True, retries=False
        )
        self._timeouts: dict[float | None, urllib3.Timeout] = {}
        self.closed = False

    def _timeout(self, seconds: float | None) -> urllib3.Timeout:
        timeout = self._timeouts.get(seconds)
        if timeout is None:
            timeout = self._timeouts[seconds] = urllib3.Timeout(total=seconds)
        return timeout

    def send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float | None,
    ) -> Response:
        # urllib3's read timeout is per socket read: a server dripping bytes never trips
        # it, so the body is read against a deadline for the whole request.
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            response = self._pool.request(
                method,
                url,
                body=body,
                headers=headers,
                timeout=self._timeout(timeout),
                retries=False,
                redirect=False,
                preload_content=False,
            )
            try:
                payload = _read_body(response, deadline)
            except BaseException:  # Ctrl-C too: a half-read connection is never reused
                response.close()
                raise
            finally:
                response.release_conn()  # back to the pool (closed, if reading failed)
        except NewConnectionError as exc:  # refused, unreachable, DNS: not a timeout,
            raise APIConnectionError(  # though urllib3 derives it from its ConnectTimeoutError
                f"connection failed: {type(exc).__name__}: {exc}", method=method, url=url
            ) from exc
        except (TimeoutError, _DeadlinePassed) as exc:
            raise APITimeoutError(
                f"request timed out after {timeout}s", method=method, url=url
            ) from exc
        except HTTPError as exc:
            raise APIConnectionError(
                f"connection failed: {type(exc).__name__}: {exc}", method=method, url=url
            ) from exc
        return Response(response.status, response.headers, payload)

    def close(self) -> None:
        self.closed = True
        if self._owns_session:
            # urllib3 2's PoolManager.clear() only forgets its pools: their idle sockets
            # close when a pool is garbage-collected. A failed response still alive holds
            # its pool (a caller keeping the error, whose traceback has it; on 3.12+ also
            # a contextlib cycle, CPython gh-129280), so close each pool explicitly. A
            # request still running on another thread closes its socket when it returns.
            pools = self._pool.pools
            keys = pools.keys()  # a copy taken under its lock: the container refuses iter()
            for key in keys:
                pool = pools.get(key)
                if pool is not None:
                    pool.close()
            self._pool.clear()


class _DeadlinePassed(Exception):
    """The response was still arriving when the request's total timeout ran out."""


_READ_SIZE = 256 * 1024
# The total timeout holds to within this share of itself (see _shorten_timeout).
_DEADLINE_SLACK = 0.01


def _read_body(response: urllib3.BaseHTTPResponse, deadline: float | None) -> bytes:
    """The whole (decoded) body, or ``_DeadlinePassed`` once ``deadline`` is reached."""
    if deadline is None:
        return response.read()
    # urllib3's decoding machinery costs ~10 µs a response even with nothing to decode
    decode = "content-encoding" in response.headers
    slack = (deadline - time.monotonic()) * _DEADLINE_SLACK
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _DeadlinePassed
        connection = getattr(response, "connection", None)
        sock = getattr(connection, "sock", None)
        if sock is not None:  # a silent server may not outlast the deadline either
            _shorten_timeout(sock, remaining, slack)
        chunk = response.read1(_READ_SIZE, decode_content=decode)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _shorten_timeout(sock: socket.socket, remaining: float, slack: float) -> None:
    """Make ``sock`` time out by ``remaining``, unless it already does within ``slack``.

    ``settimeout`` lets go of the GIL (it changes the descriptor's blocking mode); with
    many threads sharing a client, each one then waits its turn to take it back. urllib3
    set the socket's timeout to the time left when it sent the request, so a response
    whose headers came promptly needs no change.
    """
    current = sock.gettimeout()
    if current is None or current > remaining + slack:
        sock.settimeout(remaining)


def read_at(file: BinaryIO, offset: int, size: int) -> bytes:
    """Up to ``size`` bytes of ``file`` from ``offset``."""
    file.seek(offset)
    data = file.read(size)
    while len(data) < size:  # unbuffered files may return less than asked
        more = file.read(size - len(data))
        if not more:
            break
        data += more
    return data


def bounded_map(
    function: MapFunction[T, R],
    items: Iterable[T],
    *,
    concurrency: int,
    return_exceptions: bool,
) -> list[R | Exception]:
    """``function`` over ``items`` on at most ``concurrency`` threads; results in order.

    The threads share the client's urllib3 pool (which blocks rather than open more
    connections than it holds). With ``return_exceptions=False`` the first failure
    stops the remaining work and is raised as itself; so does Ctrl-C.
    """
    pending = list(items)
    results: list[R | Exception] = [None] * len(pending)  # type: ignore[list-item]
    work = iter(enumerate(pending))
    lock = threading.Lock()
    stop = threading.Event()
    failures: list[Exception] = []

    def worker() -> None:
        while not stop.is_set():
            with lock:
                taken = next(work, None)
            if taken is None:
                return
            index, item = taken
            try:
                results[index] = function(item)
            except Exception as exc:
                if not return_exceptions:
                    failures.append(exc)
                    stop.set()
                    return
                results[index] = exc

    workers = min(concurrency, len(pending))
    if workers:
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fastpix")
        try:
            futures = [executor.submit(worker) for _ in range(workers)]
            for future in futures:
                future.result()
        finally:
            stop.set()  # on Ctrl-C too: workers finish their current call and exit
            executor.shutdown(wait=True, cancel_futures=True)
    if failures:
        raise failures[0]
    return results
