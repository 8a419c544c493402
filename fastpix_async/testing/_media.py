"""On-demand media: the settings a media is created with, and how a new one is built.

Shared by create-media, direct uploads (their ``pushMediaSettings``) and live streams
(a finished broadcast's recording).
"""

from __future__ import annotations

import itertools

from aiohttp import web

from ._http import JSON, lookup, not_found, unprocessable
from ._state import AiFeature, Media, PlaybackId, State, state_of
from ._validate import (
    ACCESS_POLICY,
    ACCESS_RESTRICTIONS,
    LANGUAGE_CODES,
    MEDIA_QUALITY,
    METADATA,
    RESOLUTIONS,
    Arr,
    Bool,
    Enum,
    FieldError,
    Int,
    Num,
    Obj,
    Spec,
    Str,
    Tagged,
)

_SEGMENT = Obj(required={"url": Str()}, optional={"insertAt": Int(), "insertAtEnd": Bool()})
_VIDEO_EDITS: dict[str, Spec] = {
    "introUrl": Str(),
    "outroUrl": Str(),
    "expungeSegments": Arr(Str()),
    "segments": Arr(_SEGMENT),
}
_INPUT = Tagged(
    "type",
    {
        "video": Obj(
            required={"url": Str()},
            optional={"startTime": Num(0), "endTime": Num(0), **_VIDEO_EDITS},
        ),
        "watermark": Obj(
            required={"url": Str()},
            optional={
                "placement": Obj(
                    optional={
                        "xAlign": Enum("left", "center", "right"),
                        "xMargin": Str(),
                        "yAlign": Enum("top", "middle", "bottom"),
                        "yMargin": Str(),
                    }
                ),
                "width": Str(),
                "height": Str(),
                "opacity": Str(),
            },
        ),
        "audio": Obj(  # the live API takes imposeTracks alone (no swapTrackUrl) too
            optional={
                "swapTrackUrl": Str(),
                "imposeTracks": Arr(
                    Obj(
                        required={"url": Str()},
                        optional={
                            k: Int()
                            for k in ("startTime", "endTime", "fadeInLevel", "fadeOutLevel")
                        },
                    )
                ),
            },
        ),
        "subtitle": Obj(
            required={"url": Str(), "languageName": Str(), "languageCode": Enum(*LANGUAGE_CODES)}
        ),
    },
)

# Settings shared by create-media and a direct upload's pushMediaSettings.
MEDIA_SETTINGS: dict[str, Spec] = {
    "metadata": METADATA,
    "drmConfigurationId": Str(),
    "title": Str(max_len=255),
    "creatorId": Str(max_len=255),
    "subtitles": Obj(
        optional={
            "languageName": Str(),
            "metadata": METADATA,
            "languageCode": Enum("en", "it", "pl", "es", "fr", "ru", "nl"),
        }
    ),
    "mp4Support": Enum("capped_4k", "audioOnly", "audioOnly,capped_4k"),
    "sourceAccess": Bool(),
    "optimizeAudio": Bool(),
    "maxResolution": Enum(*RESOLUTIONS),
    "mediaQuality": MEDIA_QUALITY,
    "summary": Obj(optional={"generate": Bool(), "summaryLength": Int(30, 250)}),
    "chapters": Bool(),
    "namedEntities": Bool(),
    "moderation": Obj(optional={"type": Enum("video", "audio", "av")}),
    "accessRestrictions": ACCESS_RESTRICTIONS,
}
CREATE_MEDIA = Obj(
    required={"inputs": Arr(_INPUT, min_items=1), "accessPolicy": ACCESS_POLICY},
    optional=MEDIA_SETTINGS,
)
CLIP_OF_MEDIA = "fp_mediaId://"
CLIP_OF_STREAM = "fp_livestream://"
_WORDS = ["this", "emulated", "summary", "stands", "in", "for", "the", "text", "fastpix", "writes"]


def get_media(request: web.Request) -> tuple[State, Media]:
    state = state_of(request)
    return state, lookup(state.media, request.match_info["mediaId"], "Media")


def check_drm(state: State, access_policy: str, drm_configuration_id: str | None) -> None:
    """A ``drm`` playback id needs one of the workspace's DRM configurations."""
    if access_policy != "drm":
        return
    if not drm_configuration_id:
        field = FieldError("drmConfigurationId", "is required when accessPolicy is drm")
        raise unprocessable([field])
    if drm_configuration_id not in state.drm_configurations:
        raise not_found("DRM configuration", drm_configuration_id)


def summary_text(media: Media, words: int) -> str:
    """``words`` words, starting with the media's title (or id)."""
    subject = (media.title or media.id).split()
    text = itertools.islice(itertools.chain(subject, itertools.cycle(_WORDS)), max(words, 1))
    return " ".join(text) + "."


def apply_ai_settings(media: Media, body: JSON) -> None:
    summary = body.get("summary") or {}
    if summary.get("generate"):
        media.summary = AiFeature(True, summary_text(media, summary.get("summaryLength", 100)))
    if body.get("chapters"):
        media.chapters = AiFeature(True, chapters_data(media))
    if body.get("namedEntities"):
        media.named_entities = AiFeature(True, {"entities": []})
    if body.get("moderation"):
        media.moderation = AiFeature(True, moderation_data(body["moderation"]))


def chapters_data(media: Media) -> JSON:
    end = int(media.duration_seconds)
    half = end // 2
    return {
        "chapters": [
            {"chapter": 1, "startTime": 0, "endTime": half, "title": "Opening"},
            {"chapter": 2, "startTime": half, "endTime": end, "title": "Close"},
        ]
    }


def moderation_data(settings: JSON) -> JSON:
    return {"type": settings.get("type", "av"), "flagged": False, "categories": []}


def new_media(
    state: State, settings: JSON, inputs: list[JSON], *, media_id: str | None = None
) -> Media:
    """A media built from create-media's body or an upload's ``pushMediaSettings``."""
    access_policy = settings.get("accessPolicy", "public")
    check_drm(state, access_policy, settings.get("drmConfigurationId"))
    media = Media(
        seq=state.next_seq(),
        started=state.clock(),
        inputs=inputs,
        access_policy=access_policy,
        metadata=dict(settings.get("metadata") or {}),
        title=settings.get("title"),
        creator_id=settings.get("creatorId"),
        media_quality=settings.get("mediaQuality", "standard"),
        max_resolution=settings.get("maxResolution", "1080p"),
        source_access=bool(settings.get("sourceAccess", False)),
        optimize_audio=bool(settings.get("optimizeAudio", False)),
        mp4_support=settings.get("mp4Support", "none"),
        playback_ids=[PlaybackId.from_request(access_policy, settings)],
    )
    if media_id is not None:
        media.id = media_id
    _link_clip(state, media, inputs)
    apply_ai_settings(media, settings)
    return state.add_media(media)


def _link_clip(state: State, media: Media, inputs: list[JSON]) -> None:
    """An input URL ``fp_mediaId://ID`` or ``fp_livestream://ID`` makes the media a clip."""
    for item in inputs:
        url = str(item.get("url", ""))
        if url.startswith(CLIP_OF_MEDIA):
            source = lookup(state.media, url.removeprefix(CLIP_OF_MEDIA), "Media")
            media.source_media_id = source.id
            media.duration_seconds = source.duration_seconds
        elif url.startswith(CLIP_OF_STREAM):
            media.stream_id = lookup(
                state.live_streams, url.removeprefix(CLIP_OF_STREAM), "Live stream"
            ).id
        else:
            continue
        start, end = item.get("startTime"), item.get("endTime")
        if isinstance(start, (int, float)) and isinstance(end, (int, float)) and end > start:
            media.duration_seconds = float(end - start)  # fractions of a second too
