"""A FastPix webhook receiver: verify each delivery, skip duplicates, answer 200 at once.

The handler reads the raw body, checks ``FastPix-Signature`` against the destination's
signing secret (``FASTPIX_WEBHOOK_SECRET``; several, comma-separated, while rotating),
acknowledges, and hands the event to a background task — FastPix retries deliveries
that aren't answered quickly, and an event may arrive more than once or out of order.

    python examples/webhook_receiver.py            # a self-test: posts sample deliveries
    python examples/webhook_receiver.py --serve    # serve on :8000 until Ctrl-C

Without ``FASTPIX_WEBHOOK_SECRET`` a random secret is made for the self-test.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
from collections import OrderedDict
from secrets import token_bytes

import aiohttp
from aiohttp import web

from fastpix_async import WebhookPayloadError, WebhookVerificationError
from fastpix_async.models import LiveStream, Media, WebhookEvent, WebhookPing
from fastpix_async.webhooks import SIGNATURE_HEADER, compute_signature, verify_and_parse

SECRETS: web.AppKey[list[str]] = web.AppKey("secrets")
SEEN: web.AppKey[OrderedDict[str, None]] = web.AppKey("seen")
TASKS: web.AppKey[set[asyncio.Task[None]]] = web.AppKey("tasks")
PROCESSED: web.AppKey[list[str]] = web.AppKey("processed")
MAX_REMEMBERED = 10_000  # production: keep seen ids in your database instead


async def handle_event(app: web.Application, event: WebhookEvent) -> None:
    """The slow part (database writes, notifications…), off the request path."""
    await asyncio.sleep(0.01)
    if isinstance(event.data, Media):
        what = f"media {event.data.id} is {event.data.status}"
    elif isinstance(event.data, LiveStream):
        what = f"live stream {event.data.id} is {event.data.status}"
    else:
        what = f"{type(event.data).__name__} data"
    app[PROCESSED].append(f"{event.type}: {what}")


def remember(app: web.Application, event_id: str) -> bool:
    """True the first time an event id is seen."""
    seen = app[SEEN]
    if event_id in seen:
        return False
    seen[event_id] = None
    if len(seen) > MAX_REMEMBERED:
        seen.popitem(last=False)
    return True


async def receive(request: web.Request) -> web.Response:
    app = request.app
    body = await request.read()  # the raw bytes: the signature covers exactly these
    try:
        event = verify_and_parse(body, request.headers, app[SECRETS])
    except WebhookVerificationError as exc:
        return web.json_response({"error": str(exc)}, status=401)
    except WebhookPayloadError as exc:
        # Signed by FastPix but not an event this code understands: retrying won't help.
        return web.json_response({"error": exc.reason}, status=400)
    if isinstance(event, WebhookPing):  # sent when the destination is added
        return web.json_response({"ok": True, "ping": True})
    if not remember(app, event.id):
        return web.json_response({"ok": True, "duplicate": True})
    task = asyncio.create_task(handle_event(app, event))
    app[TASKS].add(task)
    task.add_done_callback(app[TASKS].discard)
    return web.json_response({"ok": True})


async def finish_tasks(app: web.Application) -> None:
    if app[TASKS]:
        await asyncio.gather(*app[TASKS])


def make_app(secrets: list[str]) -> web.Application:
    app = web.Application()
    app[SECRETS] = secrets
    app[SEEN] = OrderedDict()
    app[TASKS] = set()
    app[PROCESSED] = []
    app.router.add_post("/webhooks/fastpix", receive)
    app.on_shutdown.append(finish_tasks)
    return app


# --- the self-test: post a few deliveries to the running app --------------------------


def sample(event_type: str, event_id: str, data: dict[str, object]) -> bytes:
    is_live = event_type.startswith("video.live_stream")
    return json.dumps(
        {
            "type": event_type,
            "id": event_id,
            "webhookId": "wh-example",
            "object": {"type": "live" if is_live else "media", "id": data.get("id")},
            "workspace": {"name": "Example", "id": "ws-example"},
            "createdAt": "2025-06-10T08:15:30.123456789Z",
            "attempts": [],
            "data": data,
        }
    ).encode()


async def self_test(secret: str) -> None:
    runner = web.AppRunner(make_app([secret]))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)  # a free port
    await site.start()
    host, port = runner.addresses[0][:2]
    url = f"http://{host}:{port}/webhooks/fastpix"
    print(f"receiver listening at {url}")

    ready = sample(
        "video.media.ready",
        "evt-1",
        {"id": "media-1", "status": "Ready", "playbackIds": [{"id": "pb-1"}]},
    )
    idle = sample("video.live_stream.idle", "evt-2", {"streamId": "live-1", "status": "idle"})
    unknown = sample("video.media.hologram.ready", "evt-3", {"id": "media-1"})

    def signed(body: bytes) -> dict[str, str]:
        return {SIGNATURE_HEADER: compute_signature(body, secret)}

    deliveries = [
        ("media ready", ready, signed(ready)),
        ("live stream idle", idle, signed(idle)),
        ("an event type this SDK doesn't know", unknown, signed(unknown)),
        ("the same media ready again", ready, signed(ready)),
        ("a tampered body", ready.replace(b"Ready", b"Failed"), signed(ready)),
        ("no signature", idle, {}),
        ("the unsigned {} validation ping", b"{}", {}),
    ]

    async with aiohttp.ClientSession() as session:
        for name, body, headers in deliveries:
            headers = {"Content-Type": "application/json", **headers}
            async with session.post(url, data=body, headers=headers) as response:
                answer = await response.json()
            print(f"  {name:<38} -> {response.status} {json.dumps(answer)}")

    app = runner.app
    await runner.cleanup()  # waits for the background tasks (on_shutdown)
    print("processed in the background:")
    for line in app[PROCESSED]:
        print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true", help="serve until interrupted")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    configured = os.environ.get("FASTPIX_WEBHOOK_SECRET", "")
    webhook_secrets = [part.strip() for part in configured.split(",") if part.strip()]
    if args.serve:
        if not webhook_secrets:
            parser.error("set FASTPIX_WEBHOOK_SECRET to your webhook's signing secret")
        web.run_app(make_app(webhook_secrets), port=args.port)
        return
    if webhook_secrets:
        secret = webhook_secrets[-1]
    else:
        secret = base64.b64encode(token_bytes(32)).decode()
        print("FASTPIX_WEBHOOK_SECRET is not set: using a random secret for the self-test")
    asyncio.run(self_test(secret))


if __name__ == "__main__":
    main()
