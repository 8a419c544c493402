"""``python -m fastpix_async.testing``: serve the FastPix emulator until Ctrl-C.

``python -m fastpix_async.testing trigger EVENT`` asks a running one to send a webhook
event now (its control API: ``POST /_emulator/events``).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import contextlib
import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from ._emulator import FastPixEmulator
from ._routes_control import CONTROL_PREFIX
from ._runner import serve_until_stopped
from ._shape import SHAPES
from ._webhooks import DeliveryPolicy, new_webhook_secret

_DEFAULT_BASE_URL = "http://127.0.0.1:8765/v1/"


def _webhook(text: str) -> tuple[str, str | None]:
    """``URL`` or ``URL=SECRET``: the secret follows the first ``=`` that base64 follows
    (a URL's query has ``=`` too; a base64 secret ends in ``=`` padding)."""
    for index, char in enumerate(text):
        if char == "=" and _is_base64(text[index + 1 :]):
            return text[:index], text[index + 1 :]
    return text, None


def _is_base64(text: str) -> bool:
    try:
        return bool(text) and bool(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return False


def _delays(text: str) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError("a comma-separated list of seconds") from None


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError('a JSON object, e.g. \'{"id": "..."}\'')
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m fastpix_async.testing",
        description="Serve the FastPix emulator and print the settings to reach it.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--processing-seconds", type=float, default=0.3)
    parser.add_argument("--access-token-id", default=None)
    parser.add_argument("--secret-key", default=None)
    parser.add_argument("--workspace-id", default=None)
    parser.add_argument(
        "--shape",
        choices=SHAPES,
        default="live",
        help="answer as the live API does (seconds for durations, MP4 renditions; the "
        "default) or exactly as the OpenAPI contract says (spec)",
    )
    hooks = parser.add_argument_group("webhooks")
    hooks.add_argument(
        "--webhook",
        action="append",
        type=_webhook,
        default=[],
        metavar="URL[=SECRET]",
        help="deliver events to URL, signed with SECRET (base64; made up and printed if left "
        "out); repeat for more destinations",
    )
    defaults = DeliveryPolicy()
    hooks.add_argument(
        "--webhook-retry-delays",
        type=_delays,
        default=defaults.retry_delays,
        metavar="S,S,...",
        help="seconds to wait before each retry of a failed delivery (default: %(default)s)",
    )
    hooks.add_argument("--webhook-timeout", type=float, default=defaults.timeout)
    hooks.add_argument("--webhook-shuffle", action="store_true", help="deliver out of order")
    hooks.add_argument("--webhook-duplicate", action="store_true", help="deliver each twice")

    commands = parser.add_subparsers(dest="command", metavar="{trigger}")
    trigger = commands.add_parser(
        "trigger", help="make a running emulator send a webhook event now"
    )
    trigger.add_argument("event", help="an event type, e.g. video.media.ready")
    trigger.add_argument("--data", type=_json_object, help="the event's data (a JSON object)")
    trigger.add_argument(
        "--url",
        default=os.environ.get("FASTPIX_BASE_URL", _DEFAULT_BASE_URL),
        help="the emulator's base URL (default: FASTPIX_BASE_URL, else %(default)s)",
    )
    trigger.add_argument("--access-token-id", dest="trigger_token_id", default=None)
    trigger.add_argument("--secret-key", dest="trigger_secret_key", default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    """``python -m fastpix_async.testing``: serve an emulator, or ``trigger`` an event
    on a running one; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "trigger":
        return _trigger(args)
    webhooks: dict[str, str | None] = {}
    generated = []
    for url, secret in args.webhook:
        if secret is None:
            secret = new_webhook_secret()
            generated.append(secret)
        webhooks[url] = secret
    if generated:  # as the dashboard shows a new webhook's secret: once
        print(f"FASTPIX_WEBHOOK_SECRET={','.join(generated)}", flush=True)
    emulator = FastPixEmulator(
        host=args.host,
        port=args.port,
        processing_seconds=args.processing_seconds,
        access_token_id=args.access_token_id,
        secret_key=args.secret_key,
        workspace_id=args.workspace_id,
        shape=args.shape,
        webhooks=webhooks,
        webhook_delivery=DeliveryPolicy(
            retry_delays=args.webhook_retry_delays,
            timeout=args.webhook_timeout,
            shuffle=args.webhook_shuffle,
            duplicate=args.webhook_duplicate,
        ),
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_until_stopped(emulator))
    return 0


def _trigger(args: argparse.Namespace) -> int:
    token_id = args.trigger_token_id or os.environ.get("FASTPIX_ACCESS_TOKEN_ID")
    secret_key = args.trigger_secret_key or os.environ.get("FASTPIX_SECRET_KEY")
    if not (token_id and secret_key):
        print(
            "trigger needs the emulator's credentials: --access-token-id and --secret-key, "
            "or FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY",
            file=sys.stderr,
        )
        return 2
    where = urlsplit(args.url)
    body: dict[str, Any] = {"type": args.event}
    if args.data is not None:
        body["data"] = args.data
    pair = base64.b64encode(f"{token_id}:{secret_key}".encode()).decode()
    request = urllib.request.Request(
        f"{where.scheme}://{where.netloc}{CONTROL_PREFIX}/events",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Basic {pair}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            event = json.load(response)["data"]
    except urllib.error.HTTPError as error:
        with error:
            answer = json.loads(error.read() or b"{}").get("error") or {}
        print(f"the emulator refused: {answer.get('description', error.reason)}", file=sys.stderr)
        return 1
    except (urllib.error.URLError, OSError) as error:
        print(f"could not reach the emulator at {args.url}: {error}", file=sys.stderr)
        return 1
    print(f"triggered {event['type']} {event['id']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
