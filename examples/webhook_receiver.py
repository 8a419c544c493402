"""A FastPix webhook receiver: verify each delivery, skip duplicates, answer 200 at once.

The handler reads the raw body, checks ``FastPix-Signature`` against the destination's
signing secret (``FASTPIX_WEBHOOK_SECRET``; several, comma-separated, while rotating),
acknowledges, and hands the event to a background task — FastPix retries deliveries
that aren't answered quickly, and an event may arrive more than once or out of order.

    python examples/webhook_receiver.py            # end to end, offline (see below)
    python examples/webhook_receiver.py --serve    # serve on :8000 until Ctrl-C

Run as a script, it serves the receiver on a free port and points the embedded FastPix
emulator at it, with every delivery sent twice; then it creates a media with the SDK and
waits until the receiver has verified and handled ``video.media.ready`` — once. (FastPix
itself can only deliver to a public URL: this part always uses the emulator.) Without
``FASTPIX_WEBHOOK_SECRET`` a random secret is made for it.
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

from fastpix_async import AsyncFastPix, WebhookPayloadError, WebhookVerificationError
from fastpix_async.models import LiveStream, Media, VideoInput, WebhookEvent, WebhookPing
from fastpix_async.webhooks import SIGNATURE_HEADER, compute_signature, verify_and_parse

SECRETS: web.AppKey[list[str]] = web.AppKey("secrets")
SEEN: web.AppKey[OrderedDict[str, None]] = web.AppKey("seen")
TASKS: web.AppKey[set[asyncio.Task[None]]] = web.AppKey("tasks")
PROCESSED: web.AppKey[list[str]] = web.AppKey("processed")
MEDIA_READY: web.AppKey[asyncio.Event] = web.AppKey("media_ready")  # for the demo below
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
    if event.type == "video.media.ready":
        app[MEDIA_READY].set()


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
        return answer("rejected", {"error": str(exc)}, status=401)
    except WebhookPayloadError as exc:
        # Signed by FastPix but not an event this code understands: retrying won't help.
        return answer("unreadable", {"error": exc.reason}, status=400)
    if isinstance(event, WebhookPing):  # sent when the destination is added
        return answer("ping (the unsigned {})", {"ok": True, "ping": True})
    label = f"{event.type} {event.id[:8]}"
    if not remember(app, event.id):
        return answer(label, {"ok": True, "duplicate": True})
    task = asyncio.create_task(handle_event(app, event))
    app[TASKS].add(task)
    task.add_done_callback(app[TASKS].discard)
    return answer(label, {"ok": True})


def answer(what: str, payload: dict[str, object], *, status: int = 200) -> web.Response:
    print(f"  {what:<38} -> {status} {json.dumps(payload)}")
    return web.json_response(payload, status=status)


async def finish_tasks(app: web.Application) -> None:
    if app[TASKS]:
        await asyncio.gather(*app[TASKS])


def make_app(secrets: list[str]) -> web.Application:
    app = web.Application()
    app[SECRETS] = secrets
    app[SEEN] = OrderedDict()
    app[TASKS] = set()
    app[PROCESSED] = []
    app[MEDIA_READY] = asyncio.Event()
    app.router.add_post("/webhooks/fastpix", receive)
    app.on_shutdown.append(finish_tasks)
    return app


# --- end to end: the emulator delivers to this receiver ------------------------------


async def demo(secret: str) -> None:
    from fastpix_async.testing import DeliveryPolicy, FastPixEmulator

    app = make_app([secret])
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)  # a free port
    await site.start()
    host, port = runner.addresses[0][:2]
    url = f"http://{host}:{port}/webhooks/fastpix"
    print(f"receiver listening at {url}")

    twice = DeliveryPolicy(duplicate=True)  # FastPix may deliver an event more than once
    async with FastPixEmulator(webhooks={url: secret}, webhook_delivery=twice) as emulator:
        print(f"the embedded FastPix emulator at {emulator.base_url} delivers there, twice")
        async with AsyncFastPix(
            emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
        ) as fp:
            media = await fp.media.create(inputs=[VideoInput(url="https://example.com/talk.mp4")])
            print(f"created media {media.id}; waiting for video.media.ready")
            await asyncio.wait_for(app[MEDIA_READY].wait(), timeout=30)
        await emulator.wait_for_webhooks()  # the second copies too

    print("deliveries FastPix never sends:")
    forged = json.dumps({"type": "video.media.ready", "id": "forged"}).encode()
    wrong_secret = base64.b64encode(token_bytes(32)).decode()
    async with aiohttp.ClientSession() as session:
        for headers in ({SIGNATURE_HEADER: compute_signature(forged, wrong_secret)}, {}):
            async with session.post(url, data=forged, headers=headers) as response:
                await response.read()

    await runner.cleanup()  # waits for the background tasks (on_shutdown)
    print("processed in the background, once each:")
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
        print("FASTPIX_WEBHOOK_SECRET is not set: using a random secret for this run")
    asyncio.run(demo(secret))


if __name__ == "__main__":
    main()
