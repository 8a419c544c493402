"""pydantic v2 models equivalent to the SDK's ``Media``, for ``bench_reading`` only.

pydantic is benchmark tooling (the ``bench`` extra, ``nox -s bench``), never a
dependency of the SDK: importing this module needs it installed.

Same fields and types as ``fastpix_async.models.Media`` and its nested models, frozen,
camelCase keys, unknown keys ignored; open enums as ``Enum | str`` tried in that order
(a known value becomes the member, others stay text), datetimes parsed, ``mp4Support``
as a typed list of renditions. One difference favours pydantic: the SDK also matches
enum values case-insensitively (``"Ready"`` is ``MediaStatus.READY``); here it stays text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from fastpix_async.models import AccessPolicy, MediaQuality, MediaStatus, TrackType
from fastpix_async.models.common import PolicyAction

E = TypeVar("E")
# ``Enum | str``, the enum first: pydantic's default "smart" union would pick ``str``
# for every text value, which is cheaper but not what the SDK's open enums do.
Open = Annotated[E | str | None, Field(union_mode="left_to_right")]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True)


class RestrictionRules(_Model):
    default_policy: Open[PolicyAction] = None
    allow: list[str] | None = None
    deny: list[str] | None = None


class AccessRestrictions(_Model):
    domains: RestrictionRules | None = None
    user_agents: RestrictionRules | None = None


class PlaybackId(_Model):
    id: str | None = None
    access_policy: Open[AccessPolicy] = None
    access_restrictions: AccessRestrictions | None = None
    resolution: str | None = None
    drm_configuration_id: str | None = None


class Track(_Model):
    id: str | None = None
    type: Open[TrackType] = None
    status: str | None = None
    url: str | None = None
    language_code: str | None = None
    language_name: str | None = None
    width: float | None = None
    height: float | None = None
    frame_rate: str | None = None
    metadata: dict[str, str] | None = None


class Rendition(_Model):
    type: str | None = None
    status: str | None = None
    height: int | None = None
    width: int | None = None
    ext: str | None = None


class GeneratedSubtitle(_Model):
    status: str | None = None
    url: str | None = None


class AIFeatureResult(_Model):
    status: str | None = None
    data: dict[str, Any] | str | None = None


class Media(_Model):
    id: str
    status: Open[MediaStatus] = None
    title: str | None = None
    thumbnail: str | None = None
    workspace_id: str | None = None
    source_media_id: str | None = None
    stream_id: str | None = None
    creator_id: str | None = None
    metadata: dict[str, str] | None = None
    media_quality: Open[MediaQuality] = None
    max_resolution: str | None = None
    source_resolution: str | None = None
    mp4_support: list[Rendition] | str | None = None
    source_access: bool | None = None
    optimize_audio: bool | None = None
    trial: bool | None = None
    playback_ids: list[PlaybackId] = Field(default_factory=list)
    tracks: list[Track] = Field(default_factory=list)
    inputs: list[dict[str, Any]] | None = None
    generated_subtitles: list[GeneratedSubtitle] | None = None
    chapters: AIFeatureResult | None = None
    named_entities: AIFeatureResult | None = None
    moderation: AIFeatureResult | None = None
    is_audio_only: bool | None = None
    subtitle_available: bool | None = None
    duration: float | str | None = None
    frame_rate: str | None = None
    aspect_ratio: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Pagination(_Model):
    total_records: int | None = None
    current_offset: int | None = None
    offset_count: int | None = None


class MediaEnvelope(_Model):
    """``GET /on-demand/{id}``'s body."""

    success: bool
    data: Media


class MediaPageEnvelope(_Model):
    """``GET /on-demand``'s body."""

    success: bool
    data: list[Media]
    pagination: Pagination | None = None
