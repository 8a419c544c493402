"""The synchronous backend: a urllib3 pool, ``time.sleep``.

Handwritten twin of ``fastpix_async/_backend.py`` (same names, same contract);
everything else in ``fastpix_sync`` is generated from ``fastpix_async``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from queue import SimpleQueue
from typing import BinaryIO, Generic, TypeVar, cast

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProxyError,
    TimeoutError,
)

from fastpix_async import _fork
from fastpix_async._proxy import Proxy, ProxyRoutes, connection_failed
from fastpix_async._timeout import TimeoutSetting, limits, timed_out_message
from fastpix_async.batch import Outcome
from fastpix_async.errors import APIConnectionError, APITimeoutError

from ._types import Response

__all__ = [
    "TRANSPORT_NAME",
    "Calls",
    "HTTPSession",
    "MapFunction",
    "MapItems",
    "Transport",
    "iterate",
    "read_at",
    "sleep",
]

T = TypeVar("T")
R = TypeVar("R")

# What the batch helpers call for each item: a plain function here.
MapFunction = Callable[[T], R]
# What they call it over.
MapItems = Iterable[T]

TRANSPORT_NAME = "urllib3"

HTTPSession = urllib3.PoolManager

sleep = time.sleep


class Transport:
    """A urllib3 ``PoolManager`` that blocks rather than open more than ``max_connections``.

    Requests that go through a proxy use a ``ProxyManager`` of that proxy's (urllib3
    reads no proxy from the environment: ``proxies`` chooses, per request URL).
    """

    def __init__(
        self,
        *,
        max_connections: int,
        session: urllib3.PoolManager | None,
        proxies: ProxyRoutes | None = None,
    ) -> None:
        self.max_connections = max_connections
        self.owns_session: bool = session is None
        self.proxies: ProxyRoutes = proxies or ProxyRoutes()
        self._pool = session or self._new_pool()
        self._proxy_pools: dict[Proxy, urllib3.ProxyManager] = {}
        self._proxy_lock = threading.Lock()
        self._timeouts: dict[TimeoutSetting, urllib3.Timeout] = {}
        self.closed: bool = False
        _fork.track(self)

    def _new_pool(self) -> urllib3.PoolManager:
        return urllib3.PoolManager(
            num_pools=4, maxsize=self.max_connections, block=True, retries=False
        )

    def _pool_for(self, url: str) -> tuple[urllib3.PoolManager, Proxy | None]:
        proxy = self.proxies.for_url(url)
        if proxy is None:
            return self._pool, None
        pool = self._proxy_pools.get(proxy)
        if pool is None:
            with self._proxy_lock:  # threads sharing the client make one pool per proxy
                pool = self._proxy_pools.get(proxy)
                if pool is None:
                    pool = self._proxy_pools[proxy] = self._new_proxy_pool(proxy)
        return pool, proxy

    def _new_proxy_pool(self, proxy: Proxy) -> urllib3.ProxyManager:
        # The URL without credentials: urllib3 ignores them there (and would show them
        # in its pool's repr); they go in the header it sends to the proxy.
        authorization = proxy.authorization
        return urllib3.ProxyManager(
            proxy.url,
            proxy_headers=None if authorization is None else {"Proxy-Authorization": authorization},
            num_pools=4,
            maxsize=self.max_connections,
            block=True,
            retries=False,
        )

    def start_over_after_fork(self) -> object:
        """In a forked child: a new pool (the parent's is returned, to keep it unused)."""
        if not self.owns_session:  # the caller's pool is the caller's to replace
            return None
        # Not closed here: another of the parent's threads may have held one of its locks
        # at the fork, and the child would wait for it forever.
        inherited = (self._pool, self._proxy_pools)
        self._pool, self._proxy_pools = self._new_pool(), {}
        self._proxy_lock = threading.Lock()
        return inherited

    def _timeout(self, setting: TimeoutSetting) -> urllib3.Timeout:
        timeout = self._timeouts.get(setting)
        if timeout is None:
            connect, read, total = limits(setting)
            timeout = self._timeouts[setting] = urllib3.Timeout(
                connect=connect, read=read, total=total
            )
        return timeout

    def send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: TimeoutSetting,
    ) -> Response:
        """Send one request and read the whole answer; network failures raise
        ``APIConnectionError`` or ``APITimeoutError``."""
        # urllib3's read timeout is per socket read: a server dripping bytes never trips
        # it, so the body is read against a deadline for the whole request.
        connect, _, total = limits(timeout)
        deadline = None if total is None else time.monotonic() + total
        pool, proxy = self._pool_for(url)
        send: bytes | Iterator[bytes] | None = body
        if connect is not None and body is not None and len(body) > _SEND_BLOCK:
            send, headers = _in_blocks(body), {**headers, "Content-Length": str(len(body))}
        try:
            response = pool.request(
                method,
                url,
                body=send,
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
        except (HTTPError, _DeadlinePassed) as exc:
            cause = exc.original_error if isinstance(exc, ProxyError) else exc
            # NewConnectionError (refused, unreachable, DNS) is no timeout, though urllib3
            # derives it from its ConnectTimeoutError
            if isinstance(cause, (TimeoutError, _DeadlinePassed)) and not isinstance(
                cause, NewConnectionError
            ):
                limit = _limit_that_ran_out(cause, connect, total, deadline)
                raise APITimeoutError(
                    timed_out_message(timeout, limit), method=method, url=url
                ) from exc
            raise APIConnectionError(connection_failed(exc, proxy), method=method, url=url) from exc
        return Response(response.status, response.headers, payload)

    def close(self) -> None:
        """Close the pool the transport made (a caller's pool is the caller's)."""
        self.closed = True
        if self.owns_session:
            for manager in (self._pool, *self._proxy_pools.values()):
                _close_pools(manager)


def _close_pools(manager: urllib3.PoolManager) -> None:
    """Close each of ``manager``'s pools and their idle sockets.

    urllib3 2's PoolManager.clear() only forgets its pools: their idle sockets close
    when a pool is garbage-collected. A failed response still alive holds its pool (a
    caller keeping the error, whose traceback has it; on 3.12+ also a contextlib cycle,
    CPython gh-129280), so close each pool explicitly. A request still running on
    another thread closes its socket when it returns.
    """
    pools = manager.pools
    keys = pools.keys()  # a copy taken under its lock: the container refuses iter()
    for key in keys:
        pool = pools.get(key)
        if pool is not None:
            pool.close()
    manager.clear()


# urllib3 sends the body under the connect timeout (as the socket's timeout), and one
# sendall() of a whole chunk must finish within it. With a short connect limit, a large
# body goes in blocks: each must get through in time, not the whole upload chunk.
_SEND_BLOCK = 64 * 1024


def _in_blocks(body: bytes) -> Iterator[bytes]:
    """``body`` in blocks of ``_SEND_BLOCK``, as views: nothing is copied."""
    view = memoryview(body)
    blocks = (view[start : start + _SEND_BLOCK] for start in range(0, len(view), _SEND_BLOCK))
    return cast("Iterator[bytes]", blocks)  # urllib3 hands each to sendall(), which takes views


def _limit_that_ran_out(
    exc: BaseException, connect: float | None, total: float | None, deadline: float | None
) -> str:
    """Which limit raised ``exc``. urllib3 uses the smaller of connect (or read) and the
    time left of the total, so the total is the one when its deadline has come."""
    if isinstance(exc, _DeadlinePassed):
        return "total"
    if isinstance(exc, ConnectTimeoutError):
        return "connect" if connect is not None and (total is None or connect < total) else "total"
    if deadline is not None and time.monotonic() >= deadline - _DEADLINE_MARGIN:
        return "total"
    return "read"


# A socket timeout set to the time left ends a hair early by the monotonic clock.
_DEADLINE_MARGIN = 0.05


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
        if response.length_remaining == 0 and not decode:
            return b"".join(chunks)  # all its Content-Length: no read just to find the end


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


iterate = iter


class Calls(Generic[T, R]):
    """Calls of ``function`` on up to ``concurrency`` threads, handed back as they finish.

    The threads share the client's urllib3 pool (which blocks rather than open more
    connections than it holds). The caller bounds how many calls it starts (see
    ``_bounded.bounded_stream``), so a thread is always free for the next one.
    """

    def __init__(self, function: MapFunction[T, R], *, concurrency: int) -> None:
        self._function = function
        self._concurrency = concurrency
        self._threads: list[threading.Thread] = []
        self._to_call: SimpleQueue[tuple[int, T] | None] = SimpleQueue()  # None: stop
        self._finished: SimpleQueue[Outcome[T, R] | BaseException] = SimpleQueue()
        self._stopping = False

    def start(self, index: int, item: T) -> None:
        if len(self._threads) < self._concurrency:
            # Daemon threads: a second Ctrl-C ends the program without waiting for them.
            thread = threading.Thread(target=self._work, name="fastpix-call", daemon=True)
            self._threads.append(thread)  # first: a Ctrl-C inside start() can't lose it
            thread.start()
        self._to_call.put((index, item))

    def _work(self) -> None:
        for index, item in iter(self._to_call.get, None):
            if self._stopping:  # stopped before this call began: it never does
                return
            try:
                self._finished.put(_call(self._function, index, item))
            except BaseException as exc:  # SystemExit…: no outcome holds it, the caller raises it
                self._finished.put(exc)
                return

    def next_finished(self) -> Outcome[T, R]:
        finished = self._finished.get()  # Ctrl-C interrupts the wait
        if isinstance(finished, BaseException):
            raise finished
        return finished

    def stop(self) -> None:
        """Let the calls already running finish (a thread can't be interrupted mid-call),
        start no other, and wait for every thread to end."""
        self._stopping = True
        for _ in self._threads:
            self._to_call.put(None)
        for thread in self._threads:
            if thread.is_alive():  # not if a Ctrl-C stopped its start(): it ends on its own
                thread.join()
        self._threads.clear()


def _call(function: MapFunction[T, R], index: int, item: T) -> Outcome[T, R]:
    try:
        return Outcome(index, item, function(item))
    except Exception as exc:
        return Outcome(index, item, exception=exc)
