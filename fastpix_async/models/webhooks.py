"""Webhook deliveries: the event envelope, and which SDK model each event type's ``data`` is."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar, TypeAlias

import attrs

from .._serde import structure
from .._shapes import camel_case, json_key
from .base import NO_UNKNOWN_FIELDS, Model
from .live import LiveStream, Simulcast
from .media import Media, Track, Upload

__all__ = [
    "WEBHOOK_DATA_MODELS",
    "WebhookData",
    "WebhookEvent",
    "WebhookObject",
    "WebhookPing",
    "WebhookWorkspace",
]

#: What an event's ``data`` holds: an SDK model for a known event type, else the JSON object.
WebhookData: TypeAlias = Media | Track | Upload | LiveStream | Simulcast | dict[str, Any]

_MEDIA_EVENTS = (
    "video.media.created",
    "video.media.upload",
    "video.upload.media_created",
    "video.media.ready",
    "video.media.failed",
    "video.media.updated",
    "video.media.deleted",
    "video.media.live_stream.created",
    "video.mediaAI.summary.ready",
    "video.mediaAI.chapters.ready",
    "video.mediaAI.named-entities.ready",
    "video.mediaAI.moderation.ready",
    "video.media.mp4Support.ready",
    "video.media.source.ready",
    "video.media.source.deleted",
)
_TRACK_EVENTS = (
    "video.media.track.created",
    "video.media.track.ready",
    "video.media.track.updated",
    "video.media.track.deleted",
    "video.media.subtitle.generated.ready",
)
_UPLOAD_EVENTS = ("video.media.upload.cancelled",)
_LIVE_STREAM_EVENTS = (
    "video.live_stream.created",
    "video.live_stream.updated",
    "video.live_stream.deleted",
    "video.live_stream.idle",
    "video.live_stream.recording",
    "video.live_stream.disabled",
)
_SIMULCAST_EVENTS = (
    "video.live_stream.simulcast_target.created",
    "video.live_stream.simulcast_target.updated",
    "video.live_stream.simulcast_target.deleted",
)

#: Documented event type → the model its ``data`` is read into. Other types keep a dict.
WEBHOOK_DATA_MODELS: Mapping[str, type[Any]] = {
    **dict.fromkeys(_MEDIA_EVENTS, Media),
    **dict.fromkeys(_TRACK_EVENTS, Track),
    **dict.fromkeys(_UPLOAD_EVENTS, Upload),
    **dict.fromkeys(_LIVE_STREAM_EVENTS, LiveStream),
    **dict.fromkeys(_SIMULCAST_EVENTS, Simulcast),
}


@attrs.frozen(kw_only=True)
class WebhookObject(Model):
    """What the event is about: ``type`` ``"media"`` or ``"live"``, and its ``id``."""

    type: str | None = None
    id: str | None = None


@attrs.frozen(kw_only=True)
class WebhookWorkspace(Model):
    """The workspace a webhook event belongs to."""

    name: str | None = None
    id: str | None = None


@attrs.frozen(kw_only=True)
class WebhookEvent(Model):
    """One verified webhook delivery.

    ``id`` is the event's id: the same on every retry of a delivery, so de-duplicate on it.
    ``data`` is the SDK model for the event ``type`` (see :data:`WEBHOOK_DATA_MODELS`:
    ``Media``, ``Track``, ``Upload``, ``LiveStream``, ``Simulcast``) or, for a type the SDK
    does not know, the JSON object as sent. ``raw`` is the whole decoded body.
    """

    is_ping: ClassVar[bool] = False

    id: str
    type: str
    webhook_id: str | None = None
    object: WebhookObject | None = None
    workspace: WebhookWorkspace | None = None
    created_at: datetime | None = None
    attempts: list[dict[str, Any]] = attrs.field(factory=list)
    data: WebhookData = attrs.field(factory=dict)
    raw: dict[str, Any] = attrs.field(factory=dict, repr=False, eq=False)

    def to_dict(self, *, snake_case: bool = False) -> dict[str, Any]:
        """The event as a delivery's JSON body holds it (see :meth:`Model.to_dict`);
        ``raw``, the body it was read from, is not repeated in it."""
        data = super().to_dict(snake_case=snake_case)
        data.pop("raw", None)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, snake_case: bool = False) -> WebhookEvent:
        """The event ``data`` describes: what :meth:`to_dict` wrote, or a delivery's decoded
        JSON body, read as :func:`fastpix_async.webhooks.parse_event` reads one (no
        signature is checked): ``data`` becomes the model of the event's type, and other
        keys the SDK doesn't know go to ``unknown_fields``.

        Raises:
            TypeError: ``data`` is not a mapping.
            ValueError: ``data`` is not an event; the message says why.
        """
        if not isinstance(data, Mapping):
            raise TypeError(f"WebhookEvent.from_dict() takes a mapping, got {type(data).__name__}")
        try:
            return read_event(dict(data), snake_case=snake_case)
        except ValueError as exc:
            raise ValueError(f"not a WebhookEvent: {exc}") from None


# The envelope keys a WebhookEvent reads, by key style; any other is kept in unknown_fields.
_EVENT_KEYS = {
    False: frozenset(json_key(f) for f in attrs.fields(WebhookEvent)),
    True: frozenset(f.name for f in attrs.fields(WebhookEvent)),
}


def read_event(body: dict[str, Any], *, snake_case: bool = False) -> WebhookEvent:
    """The event a delivery's decoded JSON body (or ``to_dict()``'s output) describes.

    The one reader of the envelope, for :meth:`WebhookEvent.from_dict` and
    :func:`fastpix_async.webhooks.parse_event`: ``data`` becomes the model of the event's
    type, and keys the SDK doesn't know go to ``unknown_fields``.

    Raises:
        ValueError: ``body`` is not an event; the message names the key at fault.
    """
    event_type, event_id = body.get("type"), body.get("id")
    if not isinstance(event_type, str) or not event_type:
        raise ValueError("it has no 'type'")
    if not isinstance(event_id, str) or not event_id:
        raise ValueError("it has no 'id'")
    key = _attribute_name if snake_case else camel_case

    def optional(name: str, tp: Any) -> Any:
        field = key(name)
        value = body.get(field)
        if value is None:
            return None
        if attrs.has(tp) and not isinstance(value, dict):
            # cattrs would read a string's missing keys as all-None fields
            raise ValueError(f"'{field}' is a JSON {type(value).__name__}, not an object")
        return _structured(value, tp, snake_case, f"'{field}'")

    known = _EVENT_KEYS[snake_case]
    return WebhookEvent(
        id=event_id,
        type=event_type,
        webhook_id=optional("webhook_id", str),
        object=optional("object", WebhookObject),
        workspace=optional("workspace", WebhookWorkspace),
        created_at=optional("created_at", datetime),
        attempts=optional("attempts", list[dict[str, Any]]) or [],
        data=_event_data(event_type, body.get(key("data")), snake_case),
        raw=body,
        unknown_fields={k: v for k, v in body.items() if k not in known} or NO_UNKNOWN_FIELDS,
    )


def _attribute_name(name: str) -> str:
    return name


def _event_data(event_type: str, data: Any, snake_case: bool) -> WebhookData:
    model = WEBHOOK_DATA_MODELS.get(event_type)
    if model is None:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise ValueError(f"'data' is a JSON {type(data).__name__}, not an object")
        return data
    if not isinstance(data, dict):
        raise ValueError(f"'data' of a {event_type} event must be an object")
    parsed: WebhookData = _structured(data, model, snake_case, f"'data' is not a {model.__name__}")
    return parsed


def _structured(value: Any, tp: Any, snake_case: bool, where: str) -> Any:
    from cattrs import BaseValidationError, transform_error  # loaded already: _serde uses it

    try:
        return structure(value, tp, snake_case=snake_case)
    except (BaseValidationError, ValueError, TypeError, KeyError, RecursionError) as exc:
        # cattrs' own messages name the path and the expected type, never the value.
        reason = (
            "; ".join(transform_error(exc))
            if isinstance(exc, BaseValidationError)
            else str(exc) or type(exc).__name__
        )
        raise ValueError(f"{where}: {reason}") from None


@attrs.frozen
class WebhookPing(Model):
    """The unsigned ``{}`` FastPix sends when a webhook destination is added: answer 200."""

    is_ping: ClassVar[bool] = True
