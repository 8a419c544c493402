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
from typing import Any, TypeAlias

import attrs
from cattrs import BaseValidationError, transform_error

from . import _json
from ._serde import parse_datetime, structure
from ._shapes import json_key
from .errors import ConfigurationError, WebhookPayloadError, WebhookVerificationError
from .models.base import NO_UNKNOWN_FIELDS
from .models.webhooks import (
    WEBHOOK_DATA_MODELS,
    WebhookData,
    WebhookEvent,
    WebhookObject,
    WebhookPing,
    WebhookWorkspace,
)

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
_MODEL_ERRORS = (BaseValidationError, ValueError, TypeError, KeyError, RecursionError)


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


# The envelope keys a WebhookEvent reads; any other is kept in its ``unknown_fields``.
_EVENT_KEYS = frozenset(json_key(f) for f in attrs.fields(WebhookEvent))


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
    event_type = payload.get("type")
    event_id = payload.get("id")
    if not isinstance(event_type, str) or not event_type:
        raise WebhookPayloadError("it has no 'type'", body=body)
    if not isinstance(event_id, str) or not event_id:
        raise WebhookPayloadError("it has no 'id'", body=body, event_type=event_type)
    try:
        return WebhookEvent(
            id=event_id,
            type=event_type,
            webhook_id=_optional(payload, "webhookId", str),
            object=_optional(payload, "object", WebhookObject),
            workspace=_optional(payload, "workspace", WebhookWorkspace),
            created_at=_created_at(payload),
            attempts=_optional(payload, "attempts", list[dict[str, Any]]) or [],
            data=_data(event_type, payload.get("data")),
            raw=payload,
            unknown_fields={k: v for k, v in payload.items() if k not in _EVENT_KEYS}
            or NO_UNKNOWN_FIELDS,
        )
    except _MODEL_ERRORS as exc:
        raise WebhookPayloadError(
            _describe(exc), body=body, event_type=event_type, event_id=event_id
        ) from None


def _optional(payload: dict[str, Any], key: str, cls: Any) -> Any:
    value = payload.get(key)
    if value is None:
        return None
    if attrs.has(cls) and not isinstance(value, dict):
        # cattrs would read a string's missing keys as all-None fields
        raise ValueError(f"'{key}' is a JSON {type(value).__name__}, not an object")
    try:
        return structure(value, cls)
    except _MODEL_ERRORS as exc:
        raise ValueError(f"'{key}': {_describe(exc)}") from None


def _created_at(payload: dict[str, Any]) -> Any:
    value = payload.get("createdAt")
    try:
        return None if value is None else parse_datetime(value)
    except ValueError:
        raise ValueError("'createdAt' is not a timestamp") from None


def _data(event_type: str, data: Any) -> WebhookData:
    model = WEBHOOK_DATA_MODELS.get(event_type)
    if model is None:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise ValueError(f"'data' is a JSON {type(data).__name__}, not an object")
        return data
    if not isinstance(data, dict):
        raise ValueError(f"'data' of a {event_type} event must be an object")
    try:
        parsed: WebhookData = structure(data, model)
    except _MODEL_ERRORS as exc:
        raise ValueError(f"'data' is not a {model.__name__}: {_describe(exc)}") from None
    return parsed


def _describe(exc: BaseException) -> str:
    # cattrs' own messages name the path and the expected type, never the value.
    if isinstance(exc, BaseValidationError):
        return "; ".join(transform_error(exc))
    return str(exc) or type(exc).__name__
