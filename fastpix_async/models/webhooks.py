"""Webhook deliveries: the event envelope, and which SDK model each event type's ``data`` is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, ClassVar, TypeAlias

import attrs

from .._serde import structure
from .._shapes import camel_case
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
        key = _attribute_name if snake_case else camel_case
        try:
            return _read_event(dict(data), key, snake_case)
        except Exception as exc:  # cattrs' errors name the path, never the value
            raise ValueError(f"not a WebhookEvent: {_describe(exc)}") from None


def _attribute_name(name: str) -> str:
    return name


def _read_event(body: dict[str, Any], key: Callable[[str], str], snake_case: bool) -> WebhookEvent:
    def optional(name: str, tp: Any) -> Any:
        value = body.get(key(name))
        return None if value is None else structure(value, tp)

    event_type = structure(body["type"], str)
    data = body.get("data")
    model = WEBHOOK_DATA_MODELS.get(event_type)
    if model is not None:
        data = model.from_dict(data, snake_case=snake_case)
    elif data is None:
        data = {}
    elif not isinstance(data, dict):
        raise ValueError(f"'data' is a JSON {type(data).__name__}, not an object")
    known = {key(f.name) for f in attrs.fields(WebhookEvent)}
    return WebhookEvent(
        id=structure(body["id"], str),
        type=event_type,
        webhook_id=optional("webhook_id", str),
        object=optional("object", WebhookObject),
        workspace=optional("workspace", WebhookWorkspace),
        created_at=optional("created_at", datetime),
        attempts=optional("attempts", list[dict[str, Any]]) or [],
        data=data,
        raw=body,
        unknown_fields={k: v for k, v in body.items() if k not in known} or NO_UNKNOWN_FIELDS,
    )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"it has no {exc.args[0]!r}"
    from cattrs import BaseValidationError, transform_error

    if isinstance(exc, BaseValidationError):  # the path to each bad value
        return "; ".join(transform_error(exc))
    return str(exc)


@attrs.frozen
class WebhookPing(Model):
    """The unsigned ``{}`` FastPix sends when a webhook destination is added: answer 200."""

    is_ping: ClassVar[bool] = True
