"""A local webhook endpoint for tests: it collects deliveries and lets a test wait for one.

It answers every POST (any path) with 200 unless told to fail (``fail_next``), and keeps
what arrived: the raw body and headers, to verify with the SDK as a real receiver would.
Deliveries arrive on the receiver's event loop while a test may wait on another thread
(``wait_for`` blocks) or another loop (``await wait_for_async``), so the inbox is
guarded by a lock, and async waiters are woken on their own loops.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import web

from ._faults import Fault, FaultBook, deliver
from ._serving import origin, start_server
from ._webhooks import new_webhook_secret

Match = Callable[["ReceivedWebhook"], bool]


@dataclass(frozen=True)
class ReceivedWebhook:
    """One delivery as the receiver got it, and what it answered.

    ``accepted`` is true when it answered 2xx with no fault in the way: the delivery
    the emulator counts as done.
    """

    body: bytes = field(repr=False)
    headers: dict[str, str] = field(repr=False)
    payload: dict[str, Any] = field(repr=False)  # the decoded body ({} if not an object)
    status: int
    accepted: bool

    @property
    def type(self) -> str | None:
        """The event's ``type`` (``video.media.ready``), ``None`` for a ping."""
        value = self.payload.get("type")
        return value if isinstance(value, str) else None

    @property
    def id(self) -> str | None:
        """The event's ``id``: the same on each delivery of one event."""
        value = self.payload.get("id")
        return value if isinstance(value, str) else None

    @property
    def is_ping(self) -> bool:
        """The unsigned ``{}`` sent when a destination is added."""
        return not self.payload and self.body.strip() == b"{}"

    @property
    def attempts(self) -> list[Any]:
        """The failed deliveries of this event before this one, as its ``attempts`` lists them."""
        value = self.payload.get("attempts")
        return value if isinstance(value, list) else []

    def __repr__(self) -> str:
        what = "ping" if self.is_ping else f"{self.type} {self.id}"
        return f"<ReceivedWebhook {what} answered {self.status}>"


@dataclass(frozen=True)
class _Query:
    event_type: str | None
    where: Match | None
    count: int

    def describe(self) -> str:
        what = self.event_type or "delivery"
        return what if self.count == 1 else f"{self.count} x {what}"


@dataclass(frozen=True, eq=False)
class _Waiter:
    query: _Query
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[ReceivedWebhook]


def _decode(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body)
    except ValueError:
        return {}
    return payload if isinstance(payload, dict) else {}


def _settle(future: asyncio.Future[ReceivedWebhook], found: ReceivedWebhook) -> None:
    if not future.done():
        future.set_result(found)


class WebhookReceiver:
    """``async with WebhookReceiver() as receiver:`` serves on a free local port.

    Give the emulator ``receiver.url`` and ``receiver.secret``, then wait for deliveries:
    ``receiver.wait_for("video.media.ready")`` blocks (sync tests, with the receiver on
    another thread), ``await receiver.wait_for_async(...)`` doesn't.
    """

    def __init__(self, *, secret: str | None = None, host: str = "127.0.0.1") -> None:
        self.secret: str = secret or new_webhook_secret()
        self.host = host
        self._faults = FaultBook()
        self._received: list[ReceivedWebhook] = []
        self._changed = threading.Condition()
        self._waiters: list[_Waiter] = []
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def __repr__(self) -> str:
        where = self.url if self._port is not None else "not started"
        return f"<WebhookReceiver {where}>"

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> WebhookReceiver:
        """Listen on a free port; ``async with`` does this."""
        if self._runner is not None:
            raise RuntimeError("the receiver is already running")
        app = web.Application()
        app.router.add_post("/{path:.*}", self._receive)
        self._runner, self._port = await start_server(app, self.host, 0)
        self._loop = asyncio.get_running_loop()
        return self

    async def close(self) -> None:
        """Stop listening (harmless when not started)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> WebhookReceiver:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def url(self) -> str:
        """Where to deliver to (``http://host:port/webhooks``); the receiver must be started."""
        if self._port is None:
            raise RuntimeError("the receiver is not started")
        return f"{origin(self.host, self._port)}/webhooks"

    # -- what arrived ----------------------------------------------------------------------

    @property
    def deliveries(self) -> list[ReceivedWebhook]:
        """Everything received so far, in arrival order, refused attempts included."""
        with self._changed:
            return list(self._received)

    def accepted(self, event_type: str | None = None) -> list[ReceivedWebhook]:
        """The deliveries it accepted (of ``event_type``), in arrival order."""
        return [d for d in self.deliveries if d.accepted and event_type in (None, d.type)]

    def fail_next(
        self,
        times: int = 1,
        *,
        status: int = 500,
        latency: float = 0.0,
        drop_connection: bool = False,
    ) -> Fault:
        """Refuse the next ``times`` deliveries: answer ``status``, after ``latency``
        seconds (longer than the emulator's timeout: a timeout), or reset the connection."""
        fault = Fault(
            method="POST",
            path="*",
            status=None if drop_connection else status,
            times=times,
            latency=latency,
            drop_connection=drop_connection,
        )
        return self._faults.add(fault)

    async def _receive(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        fault = self._faults.take("POST", "*")
        if fault is not None and fault.replaces_answer:
            response = fault.synthetic_response()
        else:
            response = web.json_response({"received": True})
        # kept on arrival, so a slow answer doesn't reorder what the test sees
        self._keep(
            ReceivedWebhook(
                body=body,
                headers=dict(request.headers),
                payload=_decode(body),
                status=response.status,
                accepted=fault is None and response.status < 300,
            )
        )
        if fault is None:
            return response
        if fault.latency:
            await asyncio.sleep(fault.latency)
        return await deliver(request, fault, response)

    def _keep(self, delivery: ReceivedWebhook) -> None:
        with self._changed:
            self._received.append(delivery)
            self._changed.notify_all()
            for waiter in list(self._waiters):
                found = self._find(waiter.query)
                if found is not None:
                    self._waiters.remove(waiter)
                    self._wake(waiter, found)

    @staticmethod
    def _wake(waiter: _Waiter, found: ReceivedWebhook) -> None:
        # a RuntimeError: the waiter's loop is gone, and nobody is waiting any more
        with contextlib.suppress(RuntimeError):
            waiter.loop.call_soon_threadsafe(_settle, waiter.future, found)

    def _find(self, query: _Query) -> ReceivedWebhook | None:
        """The ``count``-th accepted delivery matching ``query`` (the lock is held)."""
        matches = [
            d
            for d in self._received
            if d.accepted
            and query.event_type in (None, d.type)
            and (query.where is None or query.where(d))
        ]
        return matches[query.count - 1] if len(matches) >= query.count else None

    # -- waiting ---------------------------------------------------------------------------

    def wait_for(
        self,
        event_type: str | None = None,
        *,
        where: Match | None = None,
        count: int = 1,
        timeout: float = 5.0,
    ) -> ReceivedWebhook:
        """Block until a ``count``-th accepted delivery of ``event_type`` (None: any) for
        which ``where`` holds has arrived, and return it; TimeoutError after ``timeout``.

        For synchronous code: the receiver must run on another thread (an async test
        awaits :meth:`wait_for_async` instead).
        """
        query = _Query(event_type, where, count)
        if self._loop is not None and _running_loop() is self._loop:
            raise RuntimeError("wait_for would block the receiver's own loop: use wait_for_async")
        with self._changed:
            found = self._changed.wait_for(lambda: self._find(query), timeout)
            if found is None:
                raise TimeoutError(self._missing(query, timeout))
            return found

    async def wait_for_async(
        self,
        event_type: str | None = None,
        *,
        where: Match | None = None,
        count: int = 1,
        timeout: float = 5.0,
    ) -> ReceivedWebhook:
        """:meth:`wait_for` without blocking the event loop (any loop, any thread)."""
        query = _Query(event_type, where, count)
        loop = asyncio.get_running_loop()
        with self._changed:
            found = self._find(query)
            if found is not None:
                return found
            waiter = _Waiter(query, loop, loop.create_future())
            self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(waiter.future, timeout)
        except asyncio.TimeoutError:
            raise TimeoutError(self._missing(query, timeout)) from None
        finally:
            with self._changed:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)

    def _missing(self, query: _Query, timeout: float) -> str:
        seen = ", ".join(repr(d) for d in self.deliveries) or "nothing"
        return f"no accepted {query.describe()} within {timeout:g}s; received: {seen}"


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
