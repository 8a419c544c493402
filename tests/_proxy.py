"""A forward HTTP proxy on 127.0.0.1 for tests: real sockets, every request counted.

It takes plain-http requests in absolute form (``GET http://host:port/path HTTP/1.1``),
as clients send them to a proxy, and forwards them to their host; CONNECT (the tunnel
https traffic needs) is refused with 501. It runs aiohttp on its own thread and loop,
so the async client (on the test's loop) and the sync client both go through it.

``credentials="user:password"`` makes it demand those in ``Proxy-Authorization``
(407 otherwise). It never forwards that header: the server behind sees none.
"""

from __future__ import annotations

import asyncio
import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import aiohttp
import attrs
from aiohttp import web

# Not forwarded either way: they concern one connection (RFC 9110, 7.6.1), or the proxy.
_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",  # recomputed for the body as forwarded
    }
)


@attrs.frozen
class Proxied:
    """One request the proxy received: its method, absolute target and proxy credentials."""

    method: str
    target: str
    proxy_authorization: str | None


class ForwardProxy:
    def __init__(self, credentials: str | None = None) -> None:
        self.requests: list[Proxied] = []
        self.url = ""
        self._expected = (
            None
            if credentials is None
            else "Basic " + base64.b64encode(credentials.encode()).decode("ascii")
        )
        self._session: aiohttp.ClientSession | None = None

    def url_with(self, credentials: str) -> str:
        """This proxy's URL with ``user:password@`` in it."""
        scheme, _, address = self.url.partition("://")
        return f"{scheme}://{credentials}@{address}"

    @property
    def forwarded(self) -> int:
        """How many requests went through (those refused with 407 or 501 not counted)."""
        return sum(1 for request in self.requests if self._allowed(request))

    def _allowed(self, request: Proxied) -> bool:
        return self._expected is None or request.proxy_authorization == self._expected

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        proxied = Proxied(
            request.method, str(request.url), request.headers.get("Proxy-Authorization")
        )
        self.requests.append(proxied)
        if request.method == "CONNECT":
            return web.Response(status=501, text="CONNECT is not supported by this test proxy")
        if not self._allowed(proxied):
            return web.Response(
                status=407,
                text="proxy authentication required",
                headers={"Proxy-Authenticate": 'Basic realm="test"'},
            )
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        assert self._session is not None
        async with self._session.request(
            request.method,
            request.url,
            headers=headers,
            data=await request.read(),
            allow_redirects=False,
        ) as answer:
            body = await answer.read()
            back = {k: v for k, v in answer.headers.items() if k.lower() not in _HOP_BY_HOP}
            return web.Response(status=answer.status, body=body, headers=back)

    async def _open(self) -> None:
        # the body passes through as it came: no decompression, nothing added
        self._session = aiohttp.ClientSession(auto_decompress=False, skip_auto_headers=["*"])

    async def _close(self) -> None:
        if self._session is not None:
            await self._session.close()


@contextmanager
def forward_proxy(credentials: str | None = None) -> Iterator[ForwardProxy]:
    """A running :class:`ForwardProxy`, stopped on exit."""
    proxy = ForwardProxy(credentials)
    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", proxy._handle)
    runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.1)
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(proxy._open())
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        proxy.url = f"http://127.0.0.1:{port}"
        ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.run_until_complete(proxy._close())
        loop.close()

    thread = threading.Thread(target=serve, name="forward-proxy", daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield proxy
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
