"""A scripted HTTP server on 127.0.0.1 for tests: real sockets, canned answers, recorded requests.

It runs aiohttp.web on its own thread and loop, so the async client (on the test's
loop) and the sync client (blocking the test's thread) both talk to it for real.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import attrs
from aiohttp import web

BASE_PATH = "/v1"


@attrs.define
class Recorded:
    method: str
    path: str  # relative to /v1, still percent-encoded as sent
    raw_path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    peer: tuple[str, int] | None = None  # the client's address: one per connection

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@attrs.define
class Canned:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = attrs.Factory(dict)
    delay: float = 0.0
    drop: bool = False  # close the connection without answering


class ScriptedServer:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._script: deque[Canned] = deque()
        self._lock = threading.Lock()
        self.url = ""

    # --- scripting (from the test's thread) ---
    def respond(
        self,
        status: int = 200,
        json_body: Any = None,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        drop: bool = False,
        times: int = 1,
    ) -> None:
        if body is None:
            body = b"" if json_body is None else json.dumps(json_body).encode()
        all_headers = {"Content-Type": "application/json"} if json_body is not None else {}
        all_headers.update(headers or {})
        with self._lock:
            for _ in range(times):
                self._script.append(Canned(status, body, all_headers, delay, drop))

    def respond_data(
        self, data: Any, status: int = 200, *, pagination: Any = None, **options: Any
    ) -> None:
        """The API's success envelope around ``data`` (``options`` as for ``respond``)."""
        envelope = {"success": True, "data": data}
        if pagination is not None:
            envelope["pagination"] = pagination
        self.respond(status, envelope, **options)

    @property
    def last(self) -> Recorded:
        return self.requests[-1]

    # --- serving (on the server's thread) ---
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(request)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        raw_path = request.raw_path.split("?", 1)[0]
        self.requests.append(
            Recorded(
                method=request.method,
                path=raw_path[len(BASE_PATH) :] if raw_path.startswith(BASE_PATH) else raw_path,
                raw_path=request.raw_path,
                query=list(request.query.items()),
                headers=dict(request.headers),
                body=body,
                peer=request.transport.get_extra_info("peername") if request.transport else None,
            )
        )
        with self._lock:
            canned = self._script.popleft() if self._script else None
        if canned is None:
            return web.json_response(
                {"success": False, "error": {"code": 599, "message": "no scripted response"}},
                status=599,
            )
        if canned.delay:
            await asyncio.sleep(canned.delay)
        if canned.drop:
            assert request.transport is not None
            request.transport.close()
            raise asyncio.CancelledError
        return web.Response(status=canned.status, body=canned.body, headers=canned.headers)


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", server._handle)
    runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.1)
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        server.url = f"http://127.0.0.1:{port}{BASE_PATH}/"
        ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        # Handlers still sleeping (a timeout test's slow answer) are cancelled, not leaked.
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.close()

    thread = threading.Thread(target=serve, name="scripted-server", daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def split_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.path, parts.query
