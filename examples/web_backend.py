"""A small aiohttp web backend in front of FastPix, holding ONE client for its whole life.

The app opens an ``AsyncFastPix`` when it starts (``cleanup_ctx``) and closes it when it
stops, so every request reuses the same connection pool. Two endpoints:

    POST /videos          {"url": "https://..."}  -> 201 {"id": ..., "status": ...}
    GET  /videos/{id}                             -> 200 {"id": ..., "status": ..., ...}

Run as a script, it serves on a free local port, calls its own endpoints with an aiohttp
client, prints what they answered, and exits. It talks to the real API when
FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY are set, else to the embedded emulator.

    python examples/web_backend.py
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

import aiohttp
from aiohttp import web

from fastpix_async import AsyncFastPix, FastPixError, NotFoundError
from fastpix_async.models import Media, VideoInput

from _offline import connect

SAMPLE_VIDEO = "https://static.fastpix.com/fp-sample-video.mp4"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000404"  # well-formed, and no media has it
FASTPIX = web.AppKey("fastpix", AsyncFastPix)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def fastpix_client(app: web.Application) -> AsyncIterator[None]:
    """One client (and, offline, one emulator) from app start-up to app clean-up."""
    async with AsyncExitStack() as stack:
        app[FASTPIX] = await connect(stack)
        yield


def describe(media: Media) -> dict[str, Any]:
    return {
        "id": media.id,
        "status": None if media.status is None else str(media.status),
        "duration": media.duration,
        "playback_ids": [p.id for p in media.playback_ids],
    }


def problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def create_video(request: web.Request) -> web.Response:
    try:
        payload = await request.json()
    except json.JSONDecodeError:
        payload = None
    url = payload.get("url") if isinstance(payload, dict) else None
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return problem(400, 'send {"url": "https://..."}')
    media = await request.app[FASTPIX].media.create(
        inputs=[VideoInput(url=url)], metadata={"source": "web_backend"}
    )
    return web.json_response(describe(media), status=201)


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower()
    except ValueError:
        return False


async def video_status(request: web.Request) -> web.Response:
    media_id = request.match_info["media_id"]
    if not _is_uuid(media_id):  # FastPix's media ids are UUIDs: no need to ask about another
        return problem(404, "no such video")
    try:
        media = await request.app[FASTPIX].media.get(media_id)
    except NotFoundError:
        return problem(404, "no such video")
    return web.json_response(describe(media))


@web.middleware
async def fastpix_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """FastPix failing (after the SDK's retries) is a bad gateway, not a crash."""
    try:
        return await handler(request)
    except FastPixError as exc:
        return problem(502, f"FastPix: {exc}")


def build_app() -> web.Application:
    app = web.Application(middlewares=[fastpix_errors])
    app.cleanup_ctx.append(fastpix_client)
    app.add_routes([web.post("/videos", create_video), web.get("/videos/{media_id}", video_status)])
    return app


async def call(
    session: aiohttp.ClientSession, method: str, url: str, **kwargs: Any
) -> tuple[int, Any]:
    async with session.request(method, url, **kwargs) as response:
        body = await response.json()
        path = url.split("/", 3)[3]
        print(f"{method} /{path} -> {response.status} {json.dumps(body)}")
        return response.status, body


async def demo() -> None:
    runner = web.AppRunner(build_app())
    await runner.setup()  # runs cleanup_ctx's start: the FastPix client opens here
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        root = f"http://{host}:{port}"
        print(f"Backend listening on {root}")

        async with aiohttp.ClientSession() as session:
            status, created = await call(
                session, "POST", f"{root}/videos", json={"url": SAMPLE_VIDEO}
            )
            if status != 201:
                raise SystemExit(f"the backend could not create a video: {created}")
            for _ in range(240):  # poll our own backend until FastPix says the video is ready
                status, video = await call(session, "GET", f"{root}/videos/{created['id']}")
                if video["status"] in ("ready", "failed"):
                    break
                await asyncio.sleep(0.25)
            print(f"video {video['id']} is {video['status']}")
            await call(session, "GET", f"{root}/videos/{UNKNOWN_ID}")
            await call(session, "POST", f"{root}/videos", json={"url": "not a url"})
    finally:
        await runner.cleanup()  # cleanup_ctx's end: the client (and emulator) close here
    print("Backend stopped.")


if __name__ == "__main__":
    asyncio.run(demo())
