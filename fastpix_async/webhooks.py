"""Verify FastPix webhook deliveries and read them into typed events.

Each delivery carries ``FastPix-Signature: base64(HMAC-SHA256(key, body))`` where the key
is the base64-decoded signing secret of the webhook destination and ``body`` the raw bytes
as received — verify before parsing, and never re-encode the JSON first::

    event = verify_and_parse(await request.read(), request.headers, secret)
    if event.is_ping:            # the unsigned {} sent when a destination is added
        return web.Response()
    if isinstance(event.data, Media) and event.type == "video.media.ready": ...

``secret`` may be several secrets (a list, or comma-separated in
``FASTPIX_WEBHOOK_SECRET``) while one is being rotated. Nothing time-based is signed:
de-duplicate on ``event.id``, and expect retries and out-of-order deliveries.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from collections.abc import Mapping, Sequence
from typing import TypeAlias

from . import _json
from .errors import ConfigurationError, WebhookPayloadError, WebhookVerificationError
from .models.webhooks import WebhookEvent, WebhookPing, read_event

__all__ = [
    "SECRET_ENV",
    "SIGNATURE_HEADER",
    "WebhookSecret",
    "compute_signature",
    "parse_event",
    "verify_and_parse",
    "verify_signature",
]

SIGNATURE_HEADER = "FastPix-Signature"
SECRET_ENV = "FASTPIX_WEBHOOK_SECRET"
#: One signing secret (base64, as the dashboard shows it), or several during a rotation.
WebhookSecret: TypeAlias = str | bytes | Sequence[str | bytes]

_PING_MAX_BYTES = 64  # an unsigned body is only looked at when it could be the `{}` ping


def _raw_body(body: bytes | bytearray | memoryview) -> bytes:
    if isinstance(body, bytes):
        return body
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    raise TypeError(
        f"body must be the raw bytes of the request as received, got {type(body).__name__} "
        "(parsed or re-encoded JSON does not match the signature)"
    )


def _secret_key(secret: object) -> bytes:
    if not isinstance(secret, (str, bytes)):
        raise TypeError(f"a webhook secret is a str, got {type(secret).__name__}")
    text = secret.strip()
    if not text:
        raise ConfigurationError("a webhook secret is empty")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        # The secret itself is never put in the message.
        raise ConfigurationError(
            "a webhook secret is not valid base64 (use it as the dashboard shows it)"
        ) from None


def _secret_keys(secret: WebhookSecret | None) -> list[bytes]:
    if secret is None:
        configured = os.environ.get(SECRET_ENV, "")
        secret = [part for part in configured.split(",") if part.strip()]
        if not secret:
            raise ConfigurationError(f"no webhook secret: pass secret= or set {SECRET_ENV}")
    if isinstance(secret, (str, bytes)):
        return [_secret_key(secret)]
    if not isinstance(secret, Sequence) or not secret:
        raise ConfigurationError("secret must be a webhook secret or a non-empty list of them")
    return [_secret_key(one) for one in secret]


def compute_signature(body: bytes, secret: str | bytes) -> str:
    """The ``FastPix-Signature`` value FastPix sends for ``body`` (for tests and tooling)."""
    digest = hmac.new(_secret_key(secret), _raw_body(body), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    if not (hasattr(headers, "get") and hasattr(headers, "items")):
        raise TypeError(
            f"headers must be the request's header mapping, got {type(headers).__name__}"
        )
    value = headers.get(name)
    if value is None:  # a plain dict: compare names case-insensitively
        wanted = name.lower()
        value = next((v for k, v in headers.items() if str(k).lower() == wanted), None)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value


def _is_empty_object(body: bytes) -> bool:
    if len(body) > _PING_MAX_BYTES:
        return False
    try:
        payload = _json.loads(body)
    except ValueError:
        return False
    return isinstance(payload, dict) and not payload


def verify_signature(
    body: bytes, headers: Mapping[str, str], secret: WebhookSecret | None = None
) -> None:
    """Check ``FastPix-Signature`` against ``body``; raise WebhookVerificationError if it fails.

    ``headers`` is the request's headers (the name is matched in any case); ``secret``
    defaults to ``FASTPIX_WEBHOOK_SECRET``. The digests are compared in constant time.
    """
    body = _raw_body(body)
    keys = _secret_keys(secret)
    signature = _header(headers, SIGNATURE_HEADER)
    if not signature or not signature.strip():
        raise WebhookVerificationError(f"the request has no {SIGNATURE_HEADER} header")
    try:
        received = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise WebhookVerificationError(f"the {SIGNATURE_HEADER} header is not base64") from None
    for key in keys:
        expected = hmac.new(key, body, hashlib.sha256).digest()
        if hmac.compare_digest(expected, received):
            return
    count = "the secret" if len(keys) == 1 else f"any of the {len(keys)} secrets"
    raise WebhookVerificationError(
        f"the {SIGNATURE_HEADER} header does not match the body with {count}"
    )


def verify_and_parse(
    body: bytes, headers: Mapping[str, str], secret: WebhookSecret | None = None
) -> WebhookEvent | WebhookPing:
    """Verify a delivery (see :func:`verify_signature`), then read it (see :func:`parse_event`).

    The unsigned ``{}`` FastPix sends when a destination is added returns a
    :class:`WebhookPing` (``is_ping`` is true); any other body without a good signature
    raises :class:`WebhookVerificationError`.
    """
    body = _raw_body(body)
    if _header(headers, SIGNATURE_HEADER) is None and _is_empty_object(body):
        _secret_keys(secret)  # a missing secret is still a configuration error
        return WebhookPing()
    verify_signature(body, headers, secret)
    return parse_event(body)


def parse_event(body: bytes) -> WebhookEvent | WebhookPing:
    """Read a delivery's body into a :class:`WebhookEvent`, *without* checking its signature.

    Raises :class:`WebhookPayloadError` when the body is not an event.
    """
    body = _raw_body(body)
    try:
        payload = _json.loads(body)
    except (ValueError, RecursionError) as exc:  # bad UTF-8 or JSON, or absurd nesting
        raise WebhookPayloadError(f"the body is not JSON ({exc})", body=body) from None
    if payload == {}:
        return WebhookPing()
    if not isinstance(payload, dict):
        raise WebhookPayloadError(f"the body is a JSON {type(payload).__name__}", body=body)
    try:
        return read_event(payload)
    except ValueError as exc:
        raise WebhookPayloadError(
            str(exc),
            body=body,
            event_type=_text(payload.get("type")),
            event_id=_text(payload.get("id")),
        ) from None


def _text(value: object) -> str | None:
    """The event's type or id, for the error, if the body got that far."""
    return value if isinstance(value, str) and value else None
