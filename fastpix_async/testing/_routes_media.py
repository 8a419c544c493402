"""On-demand media: create from URL, manage, tracks, AI features, playback ids, clips."""

from __future__ import annotations

import itertools
from typing import Any

from aiohttp import web

from ._http import (
    JSON,
    ApiError,
    lookup,
    not_found,
    ok,
    page_response,
    read_json,
    required_query,
    unprocessable,
)
from ._state import AiFeature, Media, PlaybackId, State, Track, iso, state_of
from ._validate import (
    ACCESS_POLICY,
    ACCESS_RESTRICTIONS,
    LANGUAGE_CODES,
    MEDIA_QUALITY,
    METADATA,
    POLICY_ACTION,
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

routes = web.RouteTableDef()

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
        "audio": Obj(
            required={"swapTrackUrl": Str()},
            optional={
                "imposeTracks": Arr(
                    Obj(
                        required={"url": Str()},
                        optional={
                            k: Int()
                            for k in ("startTime", "endTime", "fadeInLevel", "fadeOutLevel")
                        },
                    )
                )
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
_UPDATE_MEDIA = Obj(
    optional={"metadata": METADATA, "title": Str(max_len=255), "creatorId": Str(max_len=255)}
)
_TRACK_FIELDS: dict[str, Spec] = {"url": Str(), "languageCode": Str(), "languageName": Str()}
_ADD_TRACK = Obj(
    required={"tracks": Obj(required={**_TRACK_FIELDS, "type": Enum("audio", "subtitle")})}
)
_UPDATE_TRACK = Obj(required=_TRACK_FIELDS)
_GENERATE_SUBTITLES = Obj(
    required={"languageName": Str(), "languageCode": Enum(*LANGUAGE_CODES)},
    optional={"metadata": METADATA},
)
_SUMMARY = Obj(required={"generate": Bool()}, optional={"summaryLength": Int(30, 250)})
_RESTRICTION = Obj(
    optional={"defaultPolicy": POLICY_ACTION, "allow": Arr(Str()), "deny": Arr(Str())}
)
_CREATE_PLAYBACK_ID = Obj(
    required={"accessPolicy": ACCESS_POLICY},
    optional={
        "accessRestrictions": ACCESS_RESTRICTIONS,
        "drmConfigurationId": Str(),
        "resolution": Enum("480p", "720p", "1080p", "1440p", "2160p"),
    },
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
        media.chapters = AiFeature(True, _chapters(media))
    if body.get("namedEntities"):
        media.named_entities = AiFeature(True, {"entities": []})
    if body.get("moderation"):
        media.moderation = AiFeature(True, _moderation(body["moderation"]))


def _chapters(media: Media) -> JSON:
    half = media.duration_seconds // 2
    return {
        "chapters": [
            {"chapter": 1, "startTime": 0, "endTime": half, "title": "Opening"},
            {"chapter": 2, "startTime": half, "endTime": media.duration_seconds, "title": "Close"},
        ]
    }


def _moderation(settings: JSON) -> JSON:
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
            media.duration_seconds = int(end - start)


@routes.post("/on-demand")
async def create_media(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await read_json(request, CREATE_MEDIA)
    media = new_media(state, body, body["inputs"])
    data = {
        "id": media.id,
        "trial": False,
        "status": "Created",
        "createdAt": iso(media.created_at),
        "updatedAt": iso(media.updated_at),
        "playbackIds": [p.to_json() for p in media.playback_ids],
        "metadata": media.metadata,
        "mediaQuality": media.media_quality,
        "sourceAccess": media.source_access,
        "maxResolution": media.max_resolution,
        "inputs": [
            {"type": i.get("type"), "url": i.get("url", i.get("swapTrackUrl"))}
            for i in media.inputs
        ],
        "optimizeAudio": media.optimize_audio,
    }
    return ok(data, status=201)


@routes.get("/on-demand")
async def list_media(request: web.Request) -> web.Response:
    state = state_of(request)
    items = list(state.media.values())
    return page_response(request, items, state.media_json, order_key=lambda m: m.seq)


@routes.get("/on-demand/{livestreamId}/live-clips")
async def list_live_clips(request: web.Request) -> web.Response:
    state = state_of(request)
    stream = lookup(state.live_streams, request.match_info["livestreamId"], "Live stream")
    items = [m for m in state.media.values() if m.stream_id == stream.id]
    return page_response(request, items, state.media_json, order_key=lambda m: m.seq)


@routes.get("/on-demand/{mediaId}/media-clips")
async def list_media_clips(request: web.Request) -> web.Response:
    state, source = get_media(request)
    items = [m for m in state.media.values() if m.source_media_id == source.id]

    def clip_json(clip: Media) -> JSON:
        full = state.media_json(clip)
        keys = ("id", "duration", "status", "thumbnail", "createdAt")
        out: JSON = {k: full[k] for k in keys if k in full}
        out["playbackIds"] = [
            {"id": p.id, "accessPolicy": p.access_policy} for p in clip.playback_ids
        ]
        return out

    return page_response(request, items, clip_json, order_key=lambda m: m.seq)


@routes.get("/on-demand/{mediaId}")
async def retrieve_media(request: web.Request) -> web.Response:
    state, media = get_media(request)
    return ok(state.media_json(media))


@routes.patch("/on-demand/{mediaId}")
async def update_media(request: web.Request) -> web.Response:
    state, media = get_media(request)
    body = await read_json(request, _UPDATE_MEDIA)
    if "metadata" in body:
        media.metadata = dict(body["metadata"])
    if "title" in body:
        media.title = body["title"]
    if "creatorId" in body:
        media.creator_id = body["creatorId"]
    media.touch()
    return ok(state.media_json(media))


@routes.delete("/on-demand/{mediaId}")
async def delete_media(request: web.Request) -> web.Response:
    state, media = get_media(request)
    state.delete_media(media.id)
    return ok()


# -- tracks ------------------------------------------------------------------------------


def _track_json(track: Track) -> JSON:
    return {
        "id": track.id,
        "type": track.type,
        "url": track.url,
        "languageCode": track.language_code,
        "languageName": track.language_name,
    }


def _added_track(state: State, media: Media, track_id: str) -> Track:
    """Tracks added through the API can change; those found in the source can't."""
    for track in media.added_tracks:
        if track.id == track_id:
            return track
    if any(t.id == track_id for t in media.source_tracks) and state.media_status(media) == "Ready":
        raise ApiError(400, f"Track '{track_id}' comes from the source file and cannot be changed")
    raise not_found("Track", track_id)


@routes.post("/on-demand/{mediaId}/tracks")
async def add_track(request: web.Request) -> web.Response:
    _, media = get_media(request)
    spec = (await read_json(request, _ADD_TRACK))["tracks"]
    track = Track(spec["type"], spec["languageCode"], spec["languageName"], spec["url"])
    media.added_tracks.append(track)
    media.touch()
    return ok(_track_json(track), status=201)


@routes.patch("/on-demand/{mediaId}/tracks/{trackId}")
async def update_track(request: web.Request) -> web.Response:
    state, media = get_media(request)
    track = _added_track(state, media, request.match_info["trackId"])
    body = await read_json(request, _UPDATE_TRACK)
    track.url, track.language_code = body["url"], body["languageCode"]
    track.language_name = body["languageName"]
    media.touch()
    return ok(_track_json(track))


@routes.delete("/on-demand/{mediaId}/tracks/{trackId}")
async def delete_track(request: web.Request) -> web.Response:
    state, media = get_media(request)
    media.added_tracks.remove(_added_track(state, media, request.match_info["trackId"]))
    media.touch()
    return ok()


@routes.post("/on-demand/{mediaId}/tracks/{trackId}/generate-subtitles")
async def generate_subtitles(request: web.Request) -> web.Response:
    state, media = get_media(request)
    track_id = request.match_info["trackId"]
    visible = media.source_tracks if state.media_status(media) == "Ready" else []
    track = next((t for t in [*visible, *media.added_tracks] if t.id == track_id), None)
    if track is None:
        raise not_found("Track", track_id)
    if track.type != "audio":
        raise ApiError(400, "Subtitles can only be generated from an audio track")
    body = await read_json(request, _GENERATE_SUBTITLES)
    subtitle = Track("subtitle", body["languageCode"], body["languageName"])
    media.added_tracks.append(subtitle)
    url = f"https://stream.fastpix.com/{media.id}/subtitles/{subtitle.id}.vtt"
    media.generated_subtitles.append({"status": "ready", "url": url})
    media.touch()
    data = {
        "id": subtitle.id,
        "type": "subtitle",
        "languageCode": subtitle.language_code,
        "languageName": subtitle.language_name,
        "metadata": body.get("metadata", {}),
    }
    return ok(data)


# -- in-video AI, MP4 and source access --------------------------------------------------


@routes.patch("/on-demand/{mediaId}/summary")
async def generate_summary(request: web.Request) -> web.Response:
    _, media = get_media(request)
    body = await read_json(request, _SUMMARY)
    words = body.get("summaryLength", 100)
    media.summary = AiFeature(True, summary_text(media, words)) if body["generate"] else AiFeature()
    media.touch()
    return ok({"mediaId": media.id, "isSummaryEnabled": media.summary.enabled})


@routes.get("/on-demand/{mediaId}/summary")
async def get_summary(request: web.Request) -> web.Response:
    _, media = get_media(request)
    if not media.summary.enabled:
        raise ApiError(404, f"No summary has been generated for media '{media.id}'")
    return ok(media.summary.data)


def _ai_toggle(path: str, key: str, flag: str, attr: str) -> None:
    """One PATCH route that switches an AI feature on or off and echoes its flag."""
    spec = Obj(required={key: Bool()})

    async def handler(request: web.Request) -> web.Response:
        _, media = get_media(request)
        body = await read_json(request, spec)
        data = _chapters(media) if attr == "chapters" else {"entities": []}
        setattr(media, attr, AiFeature(True, data) if body[key] else AiFeature())
        media.touch()
        return ok({"mediaId": media.id, flag: bool(body[key])})

    routes.patch(path)(handler)


_ai_toggle("/on-demand/{mediaId}/chapters", "chapters", "isChaptersEnabled", "chapters")
_ai_toggle(
    "/on-demand/{mediaId}/named-entities",
    "namedEntities",
    "isNamedEntitiesEnabled",
    "named_entities",
)


@routes.patch("/on-demand/{mediaId}/moderation")
async def update_moderation(request: web.Request) -> web.Response:
    _, media = get_media(request)
    body = await read_json(request, Obj(optional={"moderation": MEDIA_SETTINGS["moderation"]}))
    settings = body.get("moderation")
    media.moderation = AiFeature(True, _moderation(settings)) if settings else AiFeature()
    media.touch()
    return ok({"mediaId": media.id, "isModerationEnabled": media.moderation.enabled})


def _media_setting(path: str, key: str, spec: Spec, attr: str) -> None:
    """One PATCH route that sets a single media field and answers with the media."""
    body_spec = Obj(required={key: spec})

    async def handler(request: web.Request) -> web.Response:
        state, media = get_media(request)
        setattr(media, attr, (await read_json(request, body_spec))[key])
        media.touch()
        return ok(state.media_json(media))

    routes.patch(path)(handler)


_media_setting("/on-demand/{mediaId}/source-access", "sourceAccess", Bool(), "source_access")
_media_setting(
    "/on-demand/{mediaId}/update-mp4Support",
    "mp4Support",
    Enum("none", "capped_4k", "audioOnly", "audioOnly,capped_4k"),
    "mp4_support",
)


@routes.get("/on-demand/{mediaId}/input-info")
async def input_info(request: web.Request) -> web.Response:
    _, media = get_media(request)
    url = next((i["url"] for i in media.inputs if "url" in i), "")
    data = {
        "configuration": {"url": url},
        "file": {"containerFormat": "mp4", "tracks": [t.to_json() for t in media.source_tracks]},
    }
    return ok(data)


# -- playback ids --------------------------------------------------------------------------


def _playback_id(media: Media, playback_id: str) -> PlaybackId:
    for item in media.playback_ids:
        if item.id == playback_id:
            return item
    raise not_found("Playback ID", playback_id)


@routes.post("/on-demand/{mediaId}/playback-ids")
async def create_playback_id(request: web.Request) -> web.Response:
    state, media = get_media(request)
    body = await read_json(request, _CREATE_PLAYBACK_ID)
    check_drm(state, body["accessPolicy"], body.get("drmConfigurationId"))
    playback = PlaybackId.from_request(body["accessPolicy"], body)
    media.playback_ids.append(playback)
    media.touch()
    return ok(playback.to_json(), status=201)


@routes.get("/on-demand/{mediaId}/playback-ids")
async def list_playback_ids(request: web.Request) -> web.Response:
    _, media = get_media(request)
    return ok([p.to_json() for p in media.playback_ids])


@routes.delete("/on-demand/{mediaId}/playback-ids")
async def delete_playback_id(request: web.Request) -> web.Response:
    _, media = get_media(request)
    media.playback_ids.remove(_playback_id(media, required_query(request, "playbackId")))
    media.touch()
    return ok()


@routes.get("/on-demand/{mediaId}/playback-ids/{playbackId}")
async def get_playback_id(request: web.Request) -> web.Response:
    _, media = get_media(request)
    return ok(_playback_id(media, request.match_info["playbackId"]).to_json())


def _restriction_route(path: str, attr: str) -> None:
    """PATCH the domain or user-agent rules of a playback id; answers with the new rules."""

    async def handler(request: web.Request) -> web.Response:
        _, media = get_media(request)
        playback = _playback_id(media, request.match_info["playbackId"])
        body: dict[str, Any] = await read_json(request, _RESTRICTION)
        rules = getattr(playback, attr)
        rules.update({k: v for k, v in body.items() if k in ("defaultPolicy", "allow", "deny")})
        media.touch()
        return ok(dict(rules))

    routes.patch(path)(handler)


_restriction_route("/on-demand/{mediaId}/playback-ids/{playbackId}/domains", "domains")
_restriction_route("/on-demand/{mediaId}/playback-ids/{playbackId}/user-agents", "user_agents")
