"""On-demand media: create from URL, list, get, update, delete, clips, playback ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from aiohttp import web

from ._events import events_of
from ._http import JSON, lookup, ok, page_response, read_json, required_query
from ._media import CREATE_MEDIA, check_drm, get_media, new_media
from ._state import Media, PlaybackId, State, find_playback_id, iso, state_of
from ._validate import (
    ACCESS_POLICY,
    ACCESS_RESTRICTIONS,
    METADATA,
    RESTRICTION,
    Bool,
    Enum,
    Obj,
    Spec,
    Str,
)

routes = web.RouteTableDef()

# Media fields a live-clips answer leaves out: neither description has the AI features
# there, and the contract lacks the ones after them (the live API sends those).
_NOT_IN_LIVE_CLIPS = ("summary", "chapters", "namedEntities", "moderation")
_LIVE_ONLY_IN_LIVE_CLIPS = ("frameRate", "mediaQuality", "metadata")
# What a media's clip carries: the contract's few fields, and the live API's many.
_CLIP_FIELDS = ("id", "duration", "status", "thumbnail", "createdAt")
_LIVE_CLIP_FIELDS = (
    *_CLIP_FIELDS, "workspaceId", "sourceMediaId", "metadata", "maxResolution",
    "sourceResolution", "sourceAccess", "tracks", "generatedSubtitles", "isAudioOnly",
    "subtitleAvailable", "optimizeAudio", "aspectRatio", "updatedAt",
)  # fmt: skip


# a playback ID's resolution is in the answer to its creation, in neither description's reads
_NOT_ON_READ = ("resolution",)


def _without(data: JSON, keys: tuple[str, ...]) -> JSON:
    return {k: v for k, v in data.items() if k not in keys}


def _changed_media_json(state: State, media: Media) -> JSON:
    """The media as the PATCH operations answer: the contract's lack the frame rate."""
    data = state.media_json(media)
    return data if state.shape == "live" else _without(data, ("frameRate",))


_UPDATE_MEDIA = Obj(
    optional={"metadata": METADATA, "title": Str(max_len=255), "creatorId": Str(max_len=255)}
)
_CREATE_PLAYBACK_ID = Obj(
    required={"accessPolicy": ACCESS_POLICY},
    optional={
        "accessRestrictions": ACCESS_RESTRICTIONS,
        "drmConfigurationId": Str(),
        "resolution": Enum("480p", "720p", "1080p", "1440p", "2160p"),
    },
)


@routes.post("/on-demand")
async def create_media(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await read_json(request, CREATE_MEDIA)
    media = new_media(state, body, body["inputs"])
    events_of(request).media_created(media)
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
    left_out: tuple[str, ...] = _NOT_IN_LIVE_CLIPS
    if state.shape == "spec":
        left_out += _LIVE_ONLY_IN_LIVE_CLIPS

    def clip_json(clip: Media) -> JSON:
        return _without(state.media_json(clip), left_out)

    return page_response(request, items, clip_json, order_key=lambda m: m.seq)


@routes.get("/on-demand/{mediaId}/media-clips")
async def list_media_clips(request: web.Request) -> web.Response:
    state, source = get_media(request)
    items = [m for m in state.media.values() if m.source_media_id == source.id]

    live = state.shape == "live"
    keys = _LIVE_CLIP_FIELDS if live else _CLIP_FIELDS

    def clip_json(clip: Media) -> JSON:
        full = state.media_json(clip)
        out: JSON = {k: full[k] for k in keys if k in full}
        out["playbackIds"] = [
            p.to_json(restrictions=live) if live else {"id": p.id, "accessPolicy": p.access_policy}
            for p in clip.playback_ids
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
    events_of(request).media("video.media.updated", media)
    return ok(_changed_media_json(state, media))


@routes.delete("/on-demand/{mediaId}")
async def delete_media(request: web.Request) -> web.Response:
    state, media = get_media(request)
    events_of(request).media("video.media.deleted", media)
    state.delete_media(media.id)
    return ok()


def _media_setting(path: str, key: str, spec: Spec, attr: str, *, required: bool = True) -> None:
    """One PATCH route that sets a single media field and answers with the media
    (without the field, when it is not ``required``, the media is left as it is)."""
    body_spec = Obj(required={key: spec}) if required else Obj(optional={key: spec})

    async def handler(request: web.Request) -> web.Response:
        state, media = get_media(request)
        body = await read_json(request, body_spec)
        with events_of(request).features_watched(media):
            if body.get(key) is not None:
                setattr(media, attr, body[key])
        media.touch()
        return ok(_changed_media_json(state, media))

    routes.patch(path)(handler)


# the live API takes the body without sourceAccess too (the contract requires it)
_media_setting(
    "/on-demand/{mediaId}/source-access", "sourceAccess", Bool(), "source_access", required=False
)
_media_setting(
    "/on-demand/{mediaId}/update-mp4Support",
    "mp4Support",
    Enum("none", "capped_4k", "audioOnly", "audioOnly,capped_4k"),
    "mp4_support",
)


@routes.get("/on-demand/{mediaId}/input-info")
async def input_info(request: web.Request) -> web.Response:
    state, media = get_media(request)
    url = next((i["url"] for i in media.inputs if "url" in i), "")
    tracks = [t.to_json(state.shape) for t in media.source_tracks]
    data = {"configuration": {"url": url}, "file": {"containerFormat": "mp4", "tracks": tracks}}
    return ok(data)


# -- playback ids --------------------------------------------------------------------------


@routes.post("/on-demand/{mediaId}/playback-ids")
async def create_playback_id(request: web.Request) -> web.Response:
    state, media = get_media(request)
    body = await read_json(request, _CREATE_PLAYBACK_ID)
    check_drm(state, body["accessPolicy"], body.get("drmConfigurationId"))
    playback = PlaybackId.from_request(body["accessPolicy"], body)
    media.playback_ids.append(playback)
    media.touch()
    data = playback.to_json()
    if state.shape == "live":  # the live API answers with a playbackIds list beside it too
        data["playbackIds"] = [_without(data, _NOT_ON_READ)]
    return ok(data, status=201)


@routes.get("/on-demand/{mediaId}/playback-ids")
async def list_playback_ids(request: web.Request) -> web.Response:
    _, media = get_media(request)
    return ok([_without(p.to_json(), _NOT_ON_READ) for p in media.playback_ids])


@routes.delete("/on-demand/{mediaId}/playback-ids")
async def delete_playback_id(request: web.Request) -> web.Response:
    _, media = get_media(request)
    media.playback_ids.remove(
        find_playback_id(media.playback_ids, required_query(request, "playbackId"))
    )
    media.touch()
    return ok()


@routes.get("/on-demand/{mediaId}/playback-ids/{playbackId}")
async def get_playback_id(request: web.Request) -> web.Response:
    _, media = get_media(request)
    playback = find_playback_id(media.playback_ids, request.match_info["playbackId"])
    return ok(_without(playback.to_json(), _NOT_ON_READ))


class Owner(Protocol):
    """A media or a live stream: what has playback ids."""

    playback_ids: list[PlaybackId]

    def touch(self) -> None: ...


def restriction_routes(
    table: web.RouteTableDef, prefix: str, owner: Callable[[web.Request], Owner]
) -> None:
    """PATCH ``{prefix}/domains`` and ``/user-agents``: the rules of a playback id of the
    media or live stream ``owner`` finds; each answers with the new rules."""

    def route(kind: str, attr: str) -> None:
        @table.patch(f"{prefix}/{kind}")
        async def handler(request: web.Request) -> web.Response:
            found = owner(request)
            playback = find_playback_id(found.playback_ids, request.match_info["playbackId"])
            body: dict[str, Any] = await read_json(request, RESTRICTION)
            rules = getattr(playback, attr)
            rules.update({key: value for key, value in body.items() if key in rules})
            found.touch()
            return ok(dict(rules))

    route("domains", "domains")
    route("user-agents", "user_agents")


restriction_routes(
    routes, "/on-demand/{mediaId}/playback-ids/{playbackId}", lambda r: get_media(r)[1]
)
