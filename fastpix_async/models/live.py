"""Live streams, their simulcasts, and the settings to create one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from .base import Model
from .common import AccessPolicy, AccessRestrictions, StrEnum
from .media import MaxResolution, PlaybackId

__all__ = [
    "InputMediaSettings",
    "LiveStream",
    "LiveStreamStatus",
    "PlaybackSettings",
    "Simulcast",
    "SrtPlayback",
    "ViewerCount",
]

MIN_RECONNECT_WINDOW = 60
MAX_RECONNECT_WINDOW = 1800
_LIVE_RESOLUTIONS = (MaxResolution.R1080P, MaxResolution.R720P, MaxResolution.R480P)


class LiveStreamStatus(StrEnum):
    """Idle (no broadcast), preparing, active (broadcasting) or disabled (no more ingest)."""

    IDLE = "idle"
    PREPARING = "preparing"
    ACTIVE = "active"
    DISABLED = "disabled"


# --- write side ---------------------------------------------------------------


def _live_policy(value: AccessPolicy | str) -> AccessPolicy:
    policy = AccessPolicy(value)
    if policy is AccessPolicy.DRM:
        raise ValueError("a live stream is 'public' or 'private' (DRM is for on-demand media)")
    return policy


def _live_resolution(value: MaxResolution | str) -> MaxResolution:
    resolution = MaxResolution(value)
    if resolution not in _LIVE_RESOLUTIONS:
        raise ValueError(f"a live stream's max_resolution is 1080p, 720p or 480p, got {value!r}")
    return resolution


def _check_reconnect_window(_: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name} must be an int of seconds, got {type(value).__name__}")
    if not MIN_RECONNECT_WINDOW <= value <= MAX_RECONNECT_WINDOW:
        raise ValueError(
            f"{attribute.name} must be between {MIN_RECONNECT_WINDOW} and "
            f"{MAX_RECONNECT_WINDOW} seconds, got {value}"
        )


@attrs.frozen(kw_only=True)
class PlaybackSettings(Model):
    """Who may watch a new live stream: ``"public"`` or ``"private"`` (signed tokens), and
    from which domains and user agents (``access_restrictions``)."""

    access_policy: AccessPolicy = attrs.field(default=AccessPolicy.PUBLIC, converter=_live_policy)
    access_restrictions: AccessRestrictions | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(AccessRestrictions)),
    )


@attrs.frozen(kw_only=True)
class InputMediaSettings(Model):
    """How a new live stream is ingested and recorded.

    ``media_policy`` is the access policy of the recording; ``reconnect_window`` how long
    (60 to 1800 seconds) the stream waits for the encoder to come back before it ends;
    ``enable_recording`` whether the broadcast is kept as a media.
    """

    max_resolution: MaxResolution = attrs.field(
        default=MaxResolution.R1080P, converter=_live_resolution
    )
    media_policy: AccessPolicy = attrs.field(default=AccessPolicy.PUBLIC, converter=_live_policy)
    reconnect_window: int | None = attrs.field(default=None, validator=_check_reconnect_window)
    metadata: dict[str, str] | None = None
    enable_dvr_mode: bool | None = None
    enable_recording: bool | None = None


# --- read side ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SrtPlayback(Model):
    """The SRT pull credentials of a stream (the secret is not shown in repr)."""

    srt_playback_stream_id: str | None = None
    srt_playback_secret: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class Simulcast(Model):
    """A re-broadcast of a live stream to another RTMP(S) service (``url`` + ``stream_key``)."""

    simulcast_id: str
    url: str | None = None
    stream_key: str | None = attrs.field(default=None, repr=False)
    is_enabled: bool | None = None
    metadata: dict[str, str] | None = None

    @property
    def id(self) -> str:
        """The simulcast's id (``simulcast_id``)."""
        return self.simulcast_id


@attrs.frozen(kw_only=True)
class LiveStream(Model):
    """A live stream. Encoders push to it with ``stream_key`` (RTMPS) or ``srt_secret`` (SRT):
    both are credentials and never shown in repr."""

    stream_id: str
    status: LiveStreamStatus | str | None = None
    stream_key: str | None = attrs.field(default=None, repr=False)
    srt_secret: str | None = attrs.field(default=None, repr=False)
    srt_playback_response: SrtPlayback | None = None
    playback_ids: list[PlaybackId] = attrs.field(factory=list)
    media_ids: list[str] = attrs.field(factory=list)
    simulcast_responses: list[Simulcast] = attrs.field(factory=list)
    metadata: dict[str, str] | None = None
    max_resolution: str | None = None
    media_policy: AccessPolicy | str | None = None
    reconnect_window: int | None = None
    max_duration: int | None = None
    enable_dvr_mode: bool | None = None
    enable_recording: bool | None = None
    low_latency: bool | None = None
    closed_captions: bool | None = None
    trial: bool | None = None
    created_at: datetime | None = None

    @property
    def id(self) -> str:
        """The live stream's id (``stream_id``)."""
        return self.stream_id

    @property
    def is_active(self) -> bool:
        """Whether the stream is broadcasting now."""
        return self.status == LiveStreamStatus.ACTIVE


@attrs.frozen(kw_only=True)
class ViewerCount(Model):
    """How many viewers are watching a live stream now."""

    views: int | None = None
