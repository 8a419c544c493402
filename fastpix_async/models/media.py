"""On-demand media: media, tracks, playback IDs, uploads, and the request pieces to create them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypedDict

import attrs

from .base import Model
from .common import AccessPolicy, AccessRestrictions, StrEnum

__all__ = [
    "AIFeatureResult",
    "AIFeatureSettings",
    "AudioInput",
    "GeneratedSubtitle",
    "ImposedTrack",
    "InputConfiguration",
    "InputFile",
    "MaxResolution",
    "Media",
    "MediaInput",
    "MediaInputInfo",
    "MediaQuality",
    "MediaSettings",
    "MediaStatus",
    "ModerationSettings",
    "ModerationType",
    "Mp4Rendition",
    "Mp4RenditionStatus",
    "Mp4RenditionType",
    "Mp4Support",
    "PlaybackId",
    "PushMediaSettings",
    "Segment",
    "SubtitleInput",
    "SubtitleSettings",
    "SummarySettings",
    "Track",
    "TrackType",
    "Upload",
    "UploadSettings",
    "VideoInput",
    "WatermarkInput",
    "WatermarkPlacement",
]


class MediaStatus(StrEnum):
    """A media's processing state. Compared case-insensitively on read (``"Ready"`` → ``READY``)."""

    CREATED = "created"
    DOWNLOADING = "downloading"
    DOWNLOADED = "downloaded"
    VALIDATING = "validating"
    IN_QUEUE = "in queue"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class MediaQuality(StrEnum):
    """The encoding quality tier of a media."""

    STANDARD = "standard"
    PRO = "pro"
    PREMIUM = "premium"


class MaxResolution(StrEnum):
    """The highest resolution a media (or live stream) is encoded in."""

    R2160P = "2160p"
    R1440P = "1440p"
    R1080P = "1080p"
    R720P = "720p"
    R480P = "480p"
    R360P = "360p"


class Mp4Support(StrEnum):
    """Which MP4 files FastPix makes of a media: none, capped 4K video, audio only, or both."""

    NONE = "none"
    CAPPED_4K = "capped_4k"
    AUDIO_ONLY = "audioOnly"
    AUDIO_ONLY_AND_CAPPED_4K = "audioOnly,capped_4k"


class Mp4RenditionType(StrEnum):
    """Which MP4 file a rendition is: the capped-4K video or the audio-only ``.m4a``."""

    CAPPED_4K = "capped_4k"
    AUDIO_ONLY = "audioOnly"


class Mp4RenditionStatus(StrEnum):
    """Whether an MP4 rendition can be downloaded yet."""

    PREPARING = "preparing"
    READY = "ready"
    FAILED = "failed"


class TrackType(StrEnum):
    """The kind of a media's track."""

    VIDEO = "video"
    AUDIO = "audio"
    SUBTITLE = "subtitle"


class ModerationType(StrEnum):
    """What content moderation examines: the video, the audio, or both (``av``)."""

    VIDEO = "video"
    AUDIO = "audio"
    AV = "av"


# --- read side ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PlaybackId(Model):
    """A playback ID of a media or live stream: what players and URLs use.

    ``access_restrictions`` are the domains and user agents allowed to play it (live
    streams' playback IDs carry them too). ``playback_ids``: the live API's answer to
    ``fp.media.playback_ids.create`` also lists the media's playback IDs; ``None`` elsewhere.
    """

    id: str | None = None
    access_policy: AccessPolicy | str | None = None
    access_restrictions: AccessRestrictions | None = None
    resolution: str | None = None
    drm_configuration_id: str | None = None
    playback_ids: list[PlaybackId] | None = None


@attrs.frozen(kw_only=True)
class Track(Model):
    """A video, audio or subtitle track (the fields present depend on ``type``).

    ``width`` and ``height`` are pixels (a float: the live API sends integers, the
    contract allows fractions); ``title`` is the track's display name and
    ``closed_captions`` whether a subtitle track is closed captions.
    """

    id: str | None = None
    type: TrackType | str | None = None
    status: str | None = None
    url: str | None = None
    title: str | None = None
    language_code: str | None = None
    language_name: str | None = None
    closed_captions: bool | None = None
    width: float | None = None
    height: float | None = None
    frame_rate: str | None = None
    metadata: dict[str, str] | None = None


@attrs.frozen(kw_only=True)
class GeneratedSubtitle(Model):
    """A subtitle track generated for a media: its ``status`` and the ``url`` of its file."""

    status: str | None = None
    url: str | None = None


@attrs.frozen(kw_only=True)
class AIFeatureResult(Model):
    """The state and output of an in-video AI feature (chapters, named entities, moderation)."""

    status: str | None = None
    data: dict[str, Any] | str | None = None


@attrs.frozen(kw_only=True)
class Mp4Rendition(Model):
    """One MP4 file FastPix makes of a media (see ``Media.mp4_renditions``), and its state.

    ``type`` is ``capped_4k`` (video, ``ext`` ``"mp4"``) or ``audioOnly`` (``"m4a"``);
    ``status`` is ``preparing``, ``ready`` or ``failed``; ``width`` and ``height`` are
    pixels. Values the enums don't know are kept as text.
    """

    type: Mp4RenditionType | str | None = None
    status: Mp4RenditionStatus | str | None = None
    height: int | None = None
    width: int | None = None
    ext: str | None = None


@attrs.frozen(kw_only=True)
class Media(Model):
    """A video or audio asset; clips (cut from a media, or recorded from a live stream)
    are media too. Every field but ``id`` may be absent (``None``).

    Two fields read either shape the API answers in:

    - ``duration``: seconds, as a float, whether the answer wrote a number (``90.5``)
      or a clock reading (``"00:01:30.5"``).
    - ``mp4Support`` is the MP4 setting in the contract (``"capped_4k"``) and the list
      of MP4 renditions in the live API. The setting is ``mp4_support`` (an
      :class:`Mp4Support`, or the text of a value it doesn't know); the renditions are
      ``mp4_renditions`` (a list of :class:`Mp4Rendition`). Whichever arrived is
      filled, the other is ``None``.

    ``source_media_id`` is the media a clip was cut from; ``stream_id`` the live stream
    a recording came from.
    """

    id: str
    status: MediaStatus | str | None = None
    title: str | None = None
    thumbnail: str | None = None
    workspace_id: str | None = None
    source_media_id: str | None = None
    stream_id: str | None = None
    creator_id: str | None = None
    metadata: dict[str, str] | None = None
    media_quality: MediaQuality | str | None = None
    max_resolution: str | None = None
    source_resolution: str | None = None
    # One JSON key, two fields: each reads the shape that is its own (see the docstring).
    mp4_support: Mp4Support | str | None = attrs.field(default=None, metadata={"key": "mp4Support"})
    mp4_renditions: list[Mp4Rendition] | None = attrs.field(
        default=None, metadata={"key": "mp4Support"}
    )
    source_access: bool | None = None
    optimize_audio: bool | None = None
    trial: bool | None = None
    playback_ids: list[PlaybackId] = attrs.field(factory=list)
    tracks: list[Track] = attrs.field(factory=list)
    inputs: list[dict[str, Any]] | None = None
    generated_subtitles: list[GeneratedSubtitle] | None = None
    summary: AIFeatureResult | None = None
    chapters: AIFeatureResult | None = None
    named_entities: AIFeatureResult | None = None
    moderation: AIFeatureResult | None = None
    is_audio_only: bool | None = None
    subtitle_available: bool | None = None
    # seconds; the contract writes "HH:MM:SS" (only fields marked "clock" read that)
    duration: float | None = attrs.field(default=None, metadata={"clock": True})
    frame_rate: str | None = None
    aspect_ratio: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def is_ready(self) -> bool:
        """Whether the media has finished processing and can be played."""
        return self.status == MediaStatus.READY

    @property
    def is_failed(self) -> bool:
        """Whether the media's processing failed."""
        return self.status == MediaStatus.FAILED


@attrs.frozen(kw_only=True)
class PushMediaSettings(Model):
    """The media settings an upload applies to the media it creates, as the API echoes them."""

    access_policy: AccessPolicy | str | None = None
    playback_ids: list[PlaybackId] | None = None
    metadata: dict[str, str] | None = None
    media_quality: MediaQuality | str | None = None
    max_resolution: str | None = None
    source_access: bool | None = None
    optimize_audio: bool | None = None
    creator_id: str | None = None


@attrs.frozen(kw_only=True)
class Upload(Model):
    """A direct upload: ``url`` is where the file's bytes go (a capability: not shown in repr).

    ``media_id`` is the media the upload creates, once the file has arrived; ``id`` is
    the upload's id where the live API sends one beside ``upload_id``. ``title``,
    ``metadata`` and the other settings are the new media's, as the API echoes them.
    """

    upload_id: str
    id: str | None = None
    status: str | None = None
    url: str | None = attrs.field(default=None, repr=False)
    timeout: float | None = None
    cors_origin: str | None = None
    trial: bool | None = None
    push_media_settings: PushMediaSettings | None = None
    media_id: str | None = None
    max_resolution: str | None = None
    access_policy: AccessPolicy | str | None = None
    metadata: dict[str, str] | None = None
    title: str | None = None
    creator_id: str | None = None


@attrs.frozen(kw_only=True)
class InputConfiguration(Model):
    """Where a media's source came from (its ``url``)."""

    url: str | None = None


@attrs.frozen(kw_only=True)
class InputFile(Model):
    """A media's source file: its container format and tracks."""

    container_format: str | None = None
    tracks: list[Track] = attrs.field(factory=list)


@attrs.frozen(kw_only=True)
class MediaInputInfo(Model):
    """What FastPix read from a media's source file."""

    configuration: InputConfiguration | None = None
    file: InputFile | None = None


@attrs.frozen(kw_only=True)
class AIFeatureSettings(Model):
    """Which AI features are switched on for a media, as the toggling calls return it."""

    media_id: str | None = None
    is_summary_enabled: bool | None = None
    is_chapters_enabled: bool | None = None
    is_named_entities_enabled: bool | None = None
    is_moderation_enabled: bool | None = None


# --- write side ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Segment(Model):
    """A clip stitched into a video: at ``insert_at`` seconds, or at the end."""

    url: str
    insert_at: int | None = None
    insert_at_end: bool | None = None

    def __attrs_post_init__(self) -> None:
        if (self.insert_at is None) == (self.insert_at_end is None):
            raise ValueError("a Segment needs exactly one of insert_at or insert_at_end")


@attrs.frozen(kw_only=True)
class VideoInput(Model):
    """The video to ingest: a URL to pull (for ``media.create``); optional for uploads."""

    url: str | None = None
    type: str = "video"
    #: the part of the video to keep, in seconds (fractions too: ``12.5``)
    start_time: float | None = None
    end_time: float | None = None
    intro_url: str | None = None
    outro_url: str | None = None
    expunge_segments: list[str] | None = None
    segments: list[Segment] | None = None


@attrs.frozen(kw_only=True)
class WatermarkPlacement(Model):
    """Where a watermark sits: its alignment and margins on each axis."""

    x_align: str | None = None
    x_margin: str | None = None
    y_align: str | None = None
    y_margin: str | None = None


@attrs.frozen(kw_only=True)
class WatermarkInput(Model):
    """An image laid over a new media's video, placed by ``placement``."""

    url: str
    type: str = "watermark"
    placement: WatermarkPlacement | None = None
    width: str | None = None
    height: str | None = None
    opacity: str | None = None


@attrs.frozen(kw_only=True)
class ImposedTrack(Model):
    """An audio track laid over a video's audio from ``start_time`` to ``end_time`` (seconds)."""

    url: str
    start_time: int | None = None
    end_time: int | None = None
    fade_in_level: int | None = None
    fade_out_level: int | None = None


@attrs.frozen(kw_only=True)
class AudioInput(Model):
    """Replace the audio (``swap_track_url``) and/or lay tracks over it (``impose_tracks``)."""

    swap_track_url: str | None = None
    type: str = "audio"
    impose_tracks: list[ImposedTrack] | None = None

    def __attrs_post_init__(self) -> None:
        if self.swap_track_url is None and not self.impose_tracks:
            raise ValueError("an AudioInput needs swap_track_url, impose_tracks or both")


@attrs.frozen(kw_only=True)
class SubtitleInput(Model):
    """A subtitle file to add to a new media, in a language."""

    url: str
    language_name: str
    language_code: str
    type: str = "subtitle"


MediaInput = VideoInput | WatermarkInput | AudioInput | SubtitleInput


@attrs.frozen(kw_only=True)
class SubtitleSettings(Model):
    """Ask for auto-generated subtitles in a language (``"en"``, ``"it"``, ``"pl"``, …)."""

    language_name: str | None = None
    language_code: str | None = None
    metadata: dict[str, str] | None = None


@attrs.frozen(kw_only=True)
class ModerationSettings(Model):
    """Ask for content moderation of a new media's video, audio or both (``av``)."""

    type: ModerationType = attrs.field(default=ModerationType.AV, converter=ModerationType)


MIN_SUMMARY_LENGTH = 30
MAX_SUMMARY_LENGTH = 250


@attrs.frozen(kw_only=True)
class SummarySettings(Model):
    """Ask for an AI summary of the new media, of ``summary_length`` words (30 to 250)."""

    generate: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    summary_length: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            [
                attrs.validators.instance_of(int),
                attrs.validators.ge(MIN_SUMMARY_LENGTH),
                attrs.validators.le(MAX_SUMMARY_LENGTH),
            ]
        ),
    )


class MediaSettings(TypedDict, total=False):
    """The settings of a new media: keywords of ``media.create``, ``media.create_upload`` and
    ``media.upload_file``. Each is optional, and one not given (or ``None``) is not sent.

    ``title`` is up to 255 characters; ``summary`` asks for an AI summary
    (``SummarySettings(summary_length=100)``); ``metadata`` holds up to 10 string keys
    with values up to 255 characters;
    ``mp4_support``, ``max_resolution`` and ``media_quality`` take their enum's members
    or values (``max_resolution="1080p"``).
    """

    title: str | None
    metadata: Mapping[str, str] | None
    creator_id: str | None
    drm_configuration_id: str | None
    subtitles: SubtitleSettings | None
    mp4_support: Mp4Support | str | None
    source_access: bool | None
    optimize_audio: bool | None
    max_resolution: MaxResolution | str | None
    media_quality: MediaQuality | str | None
    chapters: bool | None
    named_entities: bool | None
    summary: SummarySettings | None
    moderation: ModerationSettings | None
    access_restrictions: AccessRestrictions | None


class UploadSettings(MediaSettings, total=False):
    """``MediaSettings`` and what a direct upload adds: the origin browsers may upload from
    (``cors_origin``, default ``"*"``), the ``access_policy`` (default ``"public"``), more
    ``inputs`` (watermark, audio, subtitles) and the part of the video to keep, in seconds."""

    cors_origin: str
    access_policy: AccessPolicy | str
    inputs: Sequence[MediaInput] | None
    start_time: float | None
    end_time: float | None
