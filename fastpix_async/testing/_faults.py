"""Faults injected on demand: bad statuses, latency, broken connections, upload mishaps.

Tests add faults from their own thread while the server may run in another, so the
book of pending faults is guarded by a plain lock.
"""

from __future__ import annotations

import asyncio
import random
import threading
from dataclasses import dataclass
from typing import Literal, TypeVar

from aiohttp import web

from ._http import error_envelope

UploadFaultKind = Literal["hold_back", "drop_chunk", "expire"]


@dataclass
class Fault:
    """What the next ``times`` requests matching ``method`` and ``path`` get instead.

    ``path`` is a contract template (``/on-demand/{mediaId}``), the upload route
    ``/upload/{uploadId}``, or ``"*"``. With neither ``status`` nor ``body`` the request
    reaches the real handler and only the delivery of its answer is disturbed. With a
    ``probability`` below 1 each matching request is disturbed with that chance, and
    ``times`` counts the disturbed ones.
    """

    method: str
    path: str
    status: int | None = None
    times: int = 1
    retry_after: str | None = None
    latency: float = 0.0
    drop_connection: bool = False
    truncate_body: bool = False
    body: bytes | None = None
    content_type: str | None = None
    probability: float = 1.0
    hits: int = 0

    def matches(self, method: str, template: str) -> bool:
        """Whether this fault is for ``method`` on the route ``template`` (``*`` matches any)."""
        return (
            self.method in ("*", method.upper())
            and self.path in ("*", template)
            and (self.probability >= 1.0 or random.random() < self.probability)
        )

    @property
    def replaces_answer(self) -> bool:
        """A ``status`` or ``body`` answers instead of the route's handler."""
        return self.status is not None or self.body is not None

    def synthetic_response(self) -> web.Response:
        """The answer given instead of the handler's: the error envelope, or the raw ``body``."""
        status = self.status if self.status is not None else 200
        if self.body is not None:
            content_type = self.content_type or "text/plain"
            return web.Response(body=self.body, status=status, content_type=content_type)
        if status < 400:
            return web.json_response({"success": True}, status=status)
        message = "The emulator was told to fail this request"
        return web.json_response(error_envelope(status, "Injected fault", message), status=status)


@dataclass
class UploadFault:
    """A mishap for the next ``times`` chunk PUTs (status queries are left alone).

    ``hold_back``: keep only ``keep_bytes`` of the chunk (default half) and answer 308;
    ``drop_chunk``: store nothing and answer 503; ``expire``: the session is gone (410),
    for good.
    """

    kind: UploadFaultKind
    times: int = 1
    upload_id: str | None = None
    keep_bytes: int | None = None
    hits: int = 0


_F = TypeVar("_F", Fault, UploadFault)


class FaultBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._upload_faults: list[UploadFault] = []

    def add(self, fault: Fault) -> Fault:
        if fault.times < 1:
            raise ValueError("times must be at least 1")
        if not 0.0 < fault.probability <= 1.0:
            raise ValueError("probability must be above 0 and at most 1")
        fault.method = fault.method.upper()
        with self._lock:
            self._faults.append(fault)
        return fault

    def add_upload(self, fault: UploadFault) -> UploadFault:
        if fault.times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._upload_faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._upload_faults.clear()

    def take(self, method: str, template: str) -> Fault | None:
        """The first pending fault for this request, used up by one."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, template):
                    return self._spend(self._faults, fault)
        return None

    def take_upload(self, upload_id: str) -> UploadFault | None:
        with self._lock:
            for fault in self._upload_faults:
                if fault.upload_id in (None, upload_id):
                    return self._spend(self._upload_faults, fault)
        return None

    @staticmethod
    def _spend(pending: list[_F], fault: _F) -> _F:
        fault.hits += 1
        if fault.hits >= fault.times:
            pending.remove(fault)
        return fault


async def deliver(
    request: web.Request, fault: Fault, response: web.StreamResponse
) -> web.StreamResponse:
    """Send ``response`` the way ``fault`` says: whole, cut mid-body, or short of its length."""
    if fault.retry_after is not None:
        response.headers["Retry-After"] = fault.retry_after
    if not (fault.drop_connection or fault.truncate_body):
        return response
    body = response.body if isinstance(response, web.Response) else b""
    payload = bytes(body) if isinstance(body, (bytes, bytearray)) else b""
    broken = web.StreamResponse(status=response.status, headers=response.headers)
    transport = request.transport
    if fault.drop_connection:
        # headers and half the body, then a reset: the client sees the connection die
        broken.content_length = max(len(payload), 2)
        await broken.prepare(request)
        await broken.write(payload[: len(payload) // 2])
        await asyncio.sleep(0)
        if transport is not None:
            transport.abort()
    else:
        # the whole body but a Content-Length promising more, then a clean close
        broken.content_length = len(payload) + 64
        await broken.prepare(request)
        await broken.write(payload)
        await asyncio.sleep(0)
        if transport is not None:
            transport.close()
    return broken


FAULTS: web.AppKey[FaultBook] = web.AppKey("fastpix_emulator_faults", FaultBook)


def faults_of(request: web.Request) -> FaultBook:
    return request.app[FAULTS]
