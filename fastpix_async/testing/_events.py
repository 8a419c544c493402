"""Webhook events: from the emulator's state changes as they happen, or made up on demand.

Routes report their changes here, so an event's ``data`` is the resource as the API
answers with it at that moment. A media becomes ready on the clock rather than through a
request: a timer on the emulator's loop looks again when its processing should be over.
``trigger`` makes up an event of any documented type, with sample data of the right shape
unless given some (Stripe's ``trigger`` is the model).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from aiohttp import web

from ..models.live import LiveStream as LiveStreamModel
from ..models.live import Simulcast as SimulcastModel
from ..models.media import Media as MediaModel
from ..models.media import Track as TrackModel
from ..models.media import Upload as UploadModel
from ..models.webhooks import WEBHOOK_DATA_MODELS
from ._http import JSON
from ._media import apply_ai_settings
from ._state import LiveStream, Media, PlaybackId, Simulcast, State, Track, Upload, hex_id
from ._webhooks import WebhookDispatcher

MEDIA_CREATED = "video.media.created"
MEDIA_READY = "video.media.ready"
MEDIA_FAILED = "video.media.failed"
_SOURCE_READY = "video.media.source.ready"
_SOURCE_DELETED = "video.media.source.deleted"

# What a media's settings switch on, and the event that says it is ready to use.
_FEATURES: tuple[tuple[str, Callable[[Media], bool]], ...] = (
    ("video.mediaAI.summary.ready", lambda media: media.summary.enabled),
    ("video.mediaAI.chapters.ready", lambda media: media.chapters.enabled),
    ("video.mediaAI.named-entities.ready", lambda media: media.named_entities.enabled),
    ("video.mediaAI.moderation.ready", lambda media: media.moderation.enabled),
    ("video.media.mp4Support.ready", lambda media: media.mp4_support != "none"),
    (_SOURCE_READY, lambda media: media.source_access),
)
# A live stream's new status, and the event that reports it ("active": recording starts).
_LIVE_STATUS_EVENTS = {
    "idle": "video.live_stream.idle",
    "active": "video.live_stream.recording",
    "disabled": "video.live_stream.disabled",
}
_LIVE_PREFIX = "video.live_stream."
_SAMPLE_VIDEO = "https://example.com/sample.mp4"


def _about(kind: str, ident: Any) -> JSON:
    """An event's ``object``: what it is about (``media`` or ``live``) and its id."""
    return {"type": kind, "id": ident}


class Events:
    """Publishes the events of the emulator's state changes through its webhook dispatcher."""

    def __init__(self, state: State, dispatcher: WebhookDispatcher) -> None:
        self._state = state
        self._dispatcher = dispatcher

    # -- on-demand media -------------------------------------------------------------------

    def media(self, event_type: str, media: Media) -> None:
        data = self._state.media_json(media)
        self._dispatcher.publish(event_type, data, _about("media", media.id))

    def media_created(self, media: Media, *also: str) -> None:
        """``video.media.created`` (and ``also``), then ``ready`` once processing is over."""
        data = self._state.media_json(media, status="Created")
        for event_type in (MEDIA_CREATED, *also):
            self._dispatcher.publish(event_type, data, _about("media", media.id))
        self._check_media(media.id)

    def media_status_forced(self, media_id: str) -> None:
        """A test pinned a media's status, or gave it back to the clock (any thread)."""
        self._dispatcher.call_soon(self._check_media, media_id)

    def _check_media(self, media_id: str) -> None:
        """Announce a ready or failed media once, or look again when it should be ready."""
        media = self._state.media.get(media_id)
        if media is None:  # deleted meanwhile
            return
        status = self._state.media_status(media)
        if status == "Ready" and self._first_time(media, MEDIA_READY):
            self.media(MEDIA_READY, media)
            for event_type, enabled in _FEATURES:
                if enabled(media):
                    self.media(event_type, media)
        elif status == "Failed" and self._first_time(media, MEDIA_FAILED):
            self.media(MEDIA_FAILED, media)
        elif status not in ("Ready", "Failed") and media.status_override is None:
            left = self._state.processing_seconds - (self._state.clock() - media.started)
            self._dispatcher.call_later(max(left, 0.0), self._check_media, media_id)

    @staticmethod
    def _first_time(media: Media, event_type: str) -> bool:
        if event_type in media.announced:
            return False
        media.announced.add(event_type)
        return True

    @contextlib.contextmanager
    def features_watched(self, media: Media) -> Iterator[None]:
        """Around a change of a media's settings: announce the features it switched on.

        Before the media is ready there is nothing to announce yet: the ready event brings
        the features' own events along.
        """
        before = {event_type for event_type, enabled in _FEATURES if enabled(media)}
        yield
        if MEDIA_READY not in media.announced:
            return
        for event_type, enabled in _FEATURES:
            if enabled(media) and event_type not in before:
                self.media(event_type, media)
        if _SOURCE_READY in before and not media.source_access:
            self.media(_SOURCE_DELETED, media)

    def track(self, event_type: str, media: Media, track: Track) -> None:
        self._dispatcher.publish(
            event_type, track.resource_json(self._state.shape), _about("media", media.id)
        )

    def upload_cancelled(self, upload_id: str, data: JSON) -> None:
        about = _about("media", upload_id)
        self._dispatcher.publish("video.media.upload.cancelled", data, about)

    # -- live streams ----------------------------------------------------------------------

    def live(self, event_type: str, stream: LiveStream) -> None:
        data = stream.to_json(detailed=True, shape=self._state.shape)
        self._dispatcher.publish(event_type, data, _about("live", stream.id))

    def live_status(self, stream: LiveStream, previous: str) -> None:
        """The event of a live stream's move to a new status, if there is one for it."""
        event_type = _LIVE_STATUS_EVENTS.get(stream.status)
        if stream.status != previous and event_type is not None:
            self.live(event_type, stream)

    def simulcast(self, event_type: str, stream: LiveStream, simulcast: Simulcast) -> None:
        self._dispatcher.publish(event_type, simulcast.to_json(), _about("live", stream.id))

    # -- on demand -------------------------------------------------------------------------

    def trigger(self, event_type: str, data: Mapping[str, Any] | None = None) -> JSON:
        """Publish ``event_type`` now, with ``data`` or a sample resource of its shape."""
        if not isinstance(event_type, str) or not event_type.strip():
            raise ValueError("an event type is a non-empty string such as 'video.media.ready'")
        if data is None:
            sample, about = self._sample(event_type)
        elif isinstance(data, Mapping):
            sample, about = dict(data), _about_data(event_type, data)
        else:
            raise TypeError(f"data must be a JSON object (a dict), got {type(data).__name__}")
        return self._dispatcher.publish(event_type, sample, about)

    def _sample(self, event_type: str) -> tuple[JSON, JSON]:
        model = WEBHOOK_DATA_MODELS.get(event_type)
        media = self._sample_media(event_type)
        if model is MediaModel:
            return self._state.media_json(media), _about("media", media.id)
        if model is TrackModel:
            kind = "subtitle" if "subtitle" in event_type else "audio"
            track = Track(kind, "en", "English", f"https://example.com/sample-{kind}")
            return track.resource_json(self._state.shape), _about("media", media.id)
        if model is UploadModel:
            upload = Upload(
                seq=0,
                started=self._state.clock(),
                cors_origin="*",
                settings={"accessPolicy": "public"},
                url="https://example.com/sample-upload",
                path=Path("sample-upload"),  # never opened
                status="cancelled",
            )
            return upload.cancelled_json(), _about("media", upload.id)
        if model is LiveStreamModel or model is SimulcastModel:
            stream = self._sample_stream(event_type)
            if model is SimulcastModel:
                simulcast = Simulcast("rtmps://live.example.com/app", hex_id(), {})
                return simulcast.to_json(), _about("live", stream.id)
            return stream.to_json(detailed=True, shape=self._state.shape), _about("live", stream.id)
        raise ValueError(
            f"{event_type!r} is not an event type FastPix documents: pass data= to send it anyway"
        )

    def _sample_media(self, event_type: str) -> Media:
        """A ready media with every feature on (created and failed ones say so)."""
        status = {MEDIA_FAILED: "Failed", MEDIA_CREATED: "Created"}.get(event_type, "Ready")
        media = Media(
            seq=0,
            started=self._state.clock(),
            inputs=[{"type": "video", "url": _SAMPLE_VIDEO}],
            title="Sample media",
            mp4_support="capped_4k",
            source_access=True,
            playback_ids=[PlaybackId("public")],
            status_override=status,
        )
        ai_settings: JSON = {
            "summary": {"generate": True},
            "chapters": True,
            "namedEntities": True,
            "moderation": {"type": "av"},
        }
        apply_ai_settings(media, ai_settings)
        return media

    @staticmethod
    def _sample_stream(event_type: str) -> LiveStream:
        status = {e: s for s, e in _LIVE_STATUS_EVENTS.items()}.get(event_type, "idle")
        return LiveStream(
            seq=0,
            access_policy="public",
            max_resolution="1080p",
            reconnect_window=60,
            media_policy="public",
            metadata={},
            enable_dvr_mode=False,
            status=status,
            playback_ids=[PlaybackId("public")],
        )


def _about_data(event_type: str, data: Mapping[str, Any]) -> JSON:
    """The ``object`` of a triggered event whose data the caller gave."""
    if event_type.startswith(_LIVE_PREFIX):
        return _about("live", data.get("streamId") or data.get("id"))
    return _about("media", data.get("mediaId") or data.get("id") or data.get("uploadId"))


EVENTS: web.AppKey[Events] = web.AppKey("fastpix_emulator_events", Events)


def events_of(request: web.Request) -> Events:
    return request.app[EVENTS]
