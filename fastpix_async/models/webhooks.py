"""Webhook deliveries: the event envelope, and which SDK model each event type's ``data`` is."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar, TypeAlias

import attrs

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
class WebhookObject:
    """What the event is about: ``type`` ``"media"`` or ``"live"``, and its ``id``."""

    type: str | None = None
    id: str | None = None


@attrs.frozen(kw_only=True)
class WebhookWorkspace:
    name: str | None = None
    id: str | None = None


@attrs.frozen(kw_only=True)
class WebhookEvent:
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


@attrs.frozen
class WebhookPing:
    """The unsigned ``{}`` FastPix sends when a webhook destination is added: answer 200."""

    is_ping: ClassVar[bool] = True
