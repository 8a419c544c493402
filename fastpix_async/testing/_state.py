"""The emulator's in-memory store and the JSON shapes of its resources."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from aiohttp import web

from ._analytics import View, seed_views
from ._http import JSON, not_found
from ._shape import ResponseShape, duration, mp4_support

MEDIA_STATUSES = (
    "Created", "Downloading", "Downloaded", "Validating", "In Queue", "Processing", "Ready",
    "Failed",
)  # fmt: skip
LIVE_STATUSES = ("idle", "preparing", "active", "disabled")
UPLOAD_SESSION_TIMEOUT = 14400  # seconds, as the API announces in an upload's ``timeout``


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z``, as the API writes timestamps."""
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


def hex_id() -> str:
    """Live stream ids and keys are 32 hex characters, not UUIDs."""
    return secrets.token_hex(16)


def restriction(source: JSON | None = None) -> JSON:
    source = source or {}
    return {
        "defaultPolicy": source.get("defaultPolicy", "allow"),
        "allow": list(source.get("allow", [])),
        "deny": list(source.get("deny", [])),
    }


@dataclass
class PlaybackId:
    access_policy: str
    id: str = field(default_factory=new_id)
    domains: JSON = field(default_factory=restriction)
    user_agents: JSON = field(default_factory=restriction)
    resolution: str | None = None
    drm_configuration_id: str | None = None

    @classmethod
    def from_request(cls, access_policy: str, body: JSON) -> PlaybackId:
        restrictions = body.get("accessRestrictions") or {}
        return cls(
            access_policy=access_policy,
            domains=restriction(restrictions.get("domains")),
            user_agents=restriction(restrictions.get("userAgents")),
            resolution=body.get("resolution"),
            drm_configuration_id=body.get("drmConfigurationId"),
        )

    def to_json(self, *, with_id: bool = True, restrictions: bool = True) -> JSON:
        """``restrictions=False`` leaves out ``accessRestrictions`` (the contract has them on
        a media's playback IDs, only the live API on a live stream's)."""
        out: JSON = {"id": self.id} if with_id else {}
        out["accessPolicy"] = self.access_policy
        if restrictions:
            out["accessRestrictions"] = {"domains": self.domains, "userAgents": self.user_agents}
        if self.resolution:
            out["resolution"] = self.resolution
        return out


def find_playback_id(playback_ids: list[PlaybackId], playback_id: str) -> PlaybackId:
    """A media's or live stream's playback ID by id, or the API's 404."""
    for item in playback_ids:
        if item.id == playback_id:
            return item
    raise not_found("Playback ID", playback_id)


@dataclass
class Track:
    type: str  # video | audio | subtitle
    language_code: str | None = None
    language_name: str | None = None
    url: str | None = None
    title: str | None = None
    id: str = field(default_factory=new_id)

    def to_json(self, shape: ResponseShape = "live") -> JSON:
        """The track inside a media; ``title`` and ``closedCaptions`` only the live API has."""
        out: JSON = {"id": self.id, "type": self.type}
        if self.type == "video":
            out.update(width=1920, height=1080, frameRate="30/1")
        else:
            out.update(languageCode=self.language_code, languageName=self.language_name)
        if self.url:
            out["url"] = self.url
        if shape == "live":
            if self.title is not None:
                out["title"] = self.title
            if self.type == "subtitle":
                out["closedCaptions"] = False
        out["status"] = "available"
        return out

    def resource_json(self, shape: ResponseShape = "live") -> JSON:
        """The track as the tracks API answers with it (add, update)."""
        out: JSON = {
            "id": self.id,
            "type": self.type,
            "url": self.url,
            "languageCode": self.language_code,
            "languageName": self.language_name,
        }
        if shape == "live" and self.title is not None:
            out["title"] = self.title
        return out


@dataclass
class AiFeature:
    """Chapters, named entities, moderation and summary: requested or not, and their data."""

    enabled: bool = False
    data: Any = None

    def to_json(self) -> JSON:
        return {"status": "ready" if self.enabled else None, "data": self.data}


@dataclass
class Media:
    seq: int
    started: float  # clock reading when processing began
    inputs: list[JSON]
    access_policy: str = "public"
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    metadata: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    creator_id: str | None = None
    media_quality: str = "standard"
    max_resolution: str = "1080p"
    source_access: bool = False
    optimize_audio: bool = False
    mp4_support: str = "none"  # the setting; the live API answers with its renditions
    duration_seconds: float = 10.0
    playback_ids: list[PlaybackId] = field(default_factory=list)
    # the tracks processing finds in the source; shown once the media is ready
    source_tracks: list[Track] = field(
        default_factory=lambda: [Track("video"), Track("audio", "en", "English")]
    )
    added_tracks: list[Track] = field(default_factory=list)
    generated_subtitles: list[JSON] = field(default_factory=list)
    summary: AiFeature = field(default_factory=AiFeature)
    chapters: AiFeature = field(default_factory=AiFeature)
    named_entities: AiFeature = field(default_factory=AiFeature)
    moderation: AiFeature = field(default_factory=AiFeature)
    source_media_id: str | None = None
    stream_id: str | None = None
    status_override: str | None = None
    announced: set[str] = field(default_factory=set)  # once-only webhook events already sent

    def touch(self) -> None:
        self.updated_at = utcnow()

    @property
    def thumbnail(self) -> str | None:
        if not self.playback_ids:
            return None
        return f"https://images.fastpix.com/{self.playback_ids[0].id}/thumbnail.png"


@dataclass
class Simulcast:
    url: str
    stream_key: str
    metadata: dict[str, str]
    id: str = field(default_factory=hex_id)
    is_enabled: bool = True

    def to_json(self) -> JSON:
        return {
            "simulcastId": self.id,
            "url": self.url,
            "streamKey": self.stream_key,
            "isEnabled": self.is_enabled,
            "metadata": self.metadata,
        }


@dataclass
class LiveStream:
    seq: int
    access_policy: str
    max_resolution: str
    reconnect_window: int
    media_policy: str
    metadata: dict[str, str]
    enable_dvr_mode: bool
    enable_recording: bool = True
    id: str = field(default_factory=hex_id)
    stream_key: str = field(default_factory=hex_id)
    srt_secret: str = field(default_factory=hex_id)
    status: str = "idle"
    created_at: datetime = field(default_factory=utcnow)
    playback_ids: list[PlaybackId] = field(default_factory=list)
    simulcasts: dict[str, Simulcast] = field(default_factory=dict)
    media_ids: list[str] = field(default_factory=list)
    viewer_count: int = 0
    srt_playback_stream_id: str = field(default_factory=hex_id)
    srt_playback_secret: str = field(default_factory=hex_id)

    def touch(self) -> None:
        """A live stream keeps no time of its last change (a media does)."""

    def to_json(self, *, detailed: bool, shape: ResponseShape = "live") -> JSON:
        """``detailed`` adds what get/list (and the live API's create) answer with:
        simulcasts and recordings. The live API's playback IDs carry their restrictions."""
        live = shape == "live"
        out: JSON = {
            "streamId": self.id,
            "streamKey": self.stream_key,
            "srtSecret": self.srt_secret,
            "trial": False,
            "status": self.status,
            "maxResolution": self.max_resolution,
            "maxDuration": 28800,
            "createdAt": iso(self.created_at),
            "reconnectWindow": self.reconnect_window,
            "enableRecording": self.enable_recording,
            "enableDvrMode": self.enable_dvr_mode,
            "mediaPolicy": self.media_policy,
            "metadata": self.metadata,
            "lowLatency": False,
            "closedCaptions": False,
            "playbackIds": [p.to_json(restrictions=live) for p in self.playback_ids],
            "srtPlaybackResponse": {
                "srtPlaybackStreamId": self.srt_playback_stream_id,
                "srtPlaybackSecret": self.srt_playback_secret,
            },
        }
        if detailed:
            out["simulcastResponses"] = [s.to_json() for s in self.simulcasts.values()]
            out["mediaIds"] = list(self.media_ids)
        return out


@dataclass
class Playlist:
    seq: int
    name: str
    reference_id: str
    type: str  # manual | smart
    description: str | None = None
    limit: int = 1000
    play_order: str | None = None
    metadata: JSON | None = None
    id: str = field(default_factory=new_id)
    media_ids: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)


@dataclass
class SigningKey:
    seq: int
    public_pem: bytes
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)


@dataclass
class Upload:
    """A direct upload: its settings, and the bytes received so far in a file on disk."""

    seq: int
    started: float  # clock reading at creation, for the session timeout
    cors_origin: str
    settings: JSON
    url: str
    path: Path
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    status: str = "waiting"  # waiting | completed | cancelled | expired
    size: int = 0
    total: int | None = None
    sha256: Any = field(default_factory=hashlib.sha256)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def cancelled_json(self) -> JSON:
        """The upload as cancel-upload answers with it."""
        settings = self.settings
        return {
            "uploadId": self.id,
            "trial": False,
            "status": self.status,
            "url": self.url,
            "timeout": UPLOAD_SESSION_TIMEOUT,
            "corsOrigin": self.cors_origin,
            "maxResolution": settings.get("maxResolution", "1080p"),
            "accessPolicy": settings.get("accessPolicy", "public"),
            "metadata": settings.get("metadata", {}),
            "title": settings.get("title"),
            "creatorId": settings.get("creatorId"),
        }


class State:
    """Everything the emulator knows; handlers reach it through ``state_of(request)``."""

    def __init__(
        self,
        *,
        workspace_id: str,
        processing_seconds: float,
        upload_dir: Path,
        clock: Callable[[], float] = time.monotonic,
        shape: ResponseShape = "live",
    ) -> None:
        self.workspace_id = workspace_id
        self.shape: ResponseShape = shape
        self.processing_seconds = processing_seconds
        self.clock = clock
        self._seq = itertools.count(1)
        self.media: dict[str, Media] = {}
        self.live_streams: dict[str, LiveStream] = {}
        self.playlists: dict[str, Playlist] = {}
        self.signing_keys: dict[str, SigningKey] = {}
        self.uploads: dict[str, Upload] = {}
        self.views: list[View] = seed_views(utcnow())
        self.upload_dir = upload_dir
        # two fixed DRM configurations, as a workspace with DRM enabled has
        self.drm_configurations: list[str] = [
            str(uuid.uuid5(uuid.NAMESPACE_URL, f"fastpix-emulator/drm/{n}")) for n in (1, 2)
        ]

    def next_seq(self) -> int:
        return next(self._seq)

    # -- media ---------------------------------------------------------------------------

    def add_media(self, media: Media) -> Media:
        self.media[media.id] = media
        return media

    def media_status(self, media: Media) -> str:
        """Created, then Processing, then Ready, on the ``processing_seconds`` clock."""
        if media.status_override is not None:
            return media.status_override
        elapsed = self.clock() - media.started
        if elapsed >= self.processing_seconds:
            return "Ready"
        return "Created" if elapsed < self.processing_seconds / 2 else "Processing"

    def media_json(self, media: Media, *, status: str | None = None) -> JSON:
        """The full media object (``Media``/``GetMediaResponse`` in the contract), as it is
        now or, with ``status``, as it was at that step (a webhook about its creation)."""
        status = status or self.media_status(media)
        shape = self.shape
        tracks = media.source_tracks if status == "Ready" else []
        tracks = [*tracks, *media.added_tracks]
        out: JSON = {}
        if media.thumbnail:
            out["thumbnail"] = media.thumbnail
        out["id"] = media.id
        # what a clip was cut from: only the live API says
        if media.source_media_id and shape == "live":
            out["sourceMediaId"] = media.source_media_id
        out["workspaceId"] = self.workspace_id
        if media.stream_id and shape == "live":
            out["streamId"] = media.stream_id
        out["metadata"] = media.metadata
        out["mediaQuality"] = media.media_quality
        if media.creator_id is not None:
            out["creatorId"] = media.creator_id
        if media.title is not None:
            out["title"] = media.title
        out.update(
            maxResolution=media.max_resolution,
            sourceResolution="1080p",
            status=status,
            mp4Support=mp4_support(media.mp4_support, status == "Ready", shape),
            sourceAccess=media.source_access,
            playbackIds=[p.to_json() for p in media.playback_ids],
            tracks=[t.to_json(shape) for t in tracks],
            generatedSubtitles=list(media.generated_subtitles),
            summary=media.summary.to_json(),
            chapters=media.chapters.to_json(),
            namedEntities=media.named_entities.to_json(),
            moderation=media.moderation.to_json(),
            isAudioOnly=False,
            subtitleAvailable=any(t.type == "subtitle" for t in tracks),
            duration=duration(media.duration_seconds, shape),
            frameRate="30/1",
            aspectRatio="16:9",
            createdAt=iso(media.created_at),
            updatedAt=iso(media.updated_at),
        )
        if shape == "live":
            out["optimizeAudio"] = media.optimize_audio
        return out

    def delete_media(self, media_id: str) -> None:
        del self.media[media_id]
        for playlist in self.playlists.values():
            if media_id in playlist.media_ids:
                playlist.media_ids.remove(media_id)


STATE: web.AppKey[State] = web.AppKey("fastpix_emulator_state", State)


def state_of(request: web.Request) -> State:
    return request.app[STATE]
