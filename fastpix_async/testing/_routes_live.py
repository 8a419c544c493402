"""Live streams: create and manage, the idle/active/disabled rules, playback ids, simulcasts."""

from __future__ import annotations

from aiohttp import web

from ._events import events_of
from ._http import ApiError, lookup, ok, page_response, read_json, required_query
from ._media import new_media
from ._routes_media import restriction_routes
from ._state import LiveStream, PlaybackId, Simulcast, State, find_playback_id, state_of
from ._validate import (
    ACCESS_RESTRICTIONS,
    BASIC_ACCESS_POLICY,
    METADATA,
    Bool,
    Enum,
    Int,
    Obj,
    Str,
)

routes = web.RouteTableDef()

_RECONNECT_WINDOW = Int(60, 1800)
_CREATE_PLAYBACK_ID = Obj(
    optional={"accessPolicy": BASIC_ACCESS_POLICY, "accessRestrictions": ACCESS_RESTRICTIONS}
)
_CREATE_STREAM = Obj(
    required={
        "playbackSettings": _CREATE_PLAYBACK_ID,
        "inputMediaSettings": Obj(
            optional={
                "maxResolution": Enum("1080p", "720p", "480p"),
                "reconnectWindow": _RECONNECT_WINDOW,
                "mediaPolicy": BASIC_ACCESS_POLICY,
                "metadata": METADATA,
                "enableDvrMode": Bool(),
                "enableRecording": Bool(),
            }
        ),
    }
)
_UPDATE_STREAM = Obj(optional={"metadata": METADATA, "reconnectWindow": _RECONNECT_WINDOW})
_CREATE_SIMULCAST = Obj(
    required={"url": Str(), "streamKey": Str()}, optional={"metadata": METADATA}
)
_UPDATE_SIMULCAST = Obj(optional={"isEnabled": Bool(), "metadata": METADATA})


def get_stream(request: web.Request) -> tuple[State, LiveStream]:
    state = state_of(request)
    return state, lookup(state.live_streams, request.match_info["streamId"], "Live stream")


def _refuse(stream: LiveStream, action: str, needs: str) -> ApiError:
    return ApiError(
        400,
        f"Live stream '{stream.id}' is {stream.status}; it can {action} only when {needs}",
        message="Invalid live stream state",
    )


@routes.post("/live/streams")
async def create_stream(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await read_json(request, _CREATE_STREAM)
    settings = body["inputMediaSettings"]
    playback = body["playbackSettings"]
    access_policy = playback.get("accessPolicy", "public")
    stream = LiveStream(
        seq=state.next_seq(),
        access_policy=access_policy,
        max_resolution=settings.get("maxResolution", "1080p"),
        reconnect_window=settings.get("reconnectWindow", 60),
        media_policy=settings.get("mediaPolicy", "public"),
        metadata=dict(settings.get("metadata") or {}),
        enable_dvr_mode=bool(settings.get("enableDvrMode", False)),
        enable_recording=bool(settings.get("enableRecording", True)),
        playback_ids=[PlaybackId.from_request(access_policy, playback)],
    )
    state.live_streams[stream.id] = stream
    events_of(request).live("video.live_stream.created", stream)
    live = state.shape == "live"  # the live API's answer lists recordings and simulcasts
    return ok(stream.to_json(detailed=live, shape=state.shape), status=201)


@routes.get("/live/streams")
async def list_streams(request: web.Request) -> web.Response:
    state = state_of(request)
    items = list(state.live_streams.values())
    return page_response(
        request,
        items,
        lambda s: s.to_json(detailed=True, shape=state.shape),
        order_key=lambda s: s.seq,
    )


@routes.get("/live/streams/{streamId}")
async def get_stream_by_id(request: web.Request) -> web.Response:
    state, stream = get_stream(request)
    return ok(stream.to_json(detailed=True, shape=state.shape))


@routes.patch("/live/streams/{streamId}")
async def update_stream(request: web.Request) -> web.Response:
    state, stream = get_stream(request)
    body = await read_json(request, _UPDATE_STREAM)
    if "metadata" in body:
        stream.metadata = dict(body["metadata"])
    stream.reconnect_window = body.get("reconnectWindow", stream.reconnect_window)
    events_of(request).live("video.live_stream.updated", stream)
    return ok(stream.to_json(detailed=False, shape=state.shape))


@routes.delete("/live/streams/{streamId}")
async def delete_stream(request: web.Request) -> web.Response:
    state, stream = get_stream(request)
    events_of(request).live("video.live_stream.deleted", stream)
    del state.live_streams[stream.id]
    return ok()


@routes.get("/live/streams/{streamId}/viewer-count")
async def viewer_count(request: web.Request) -> web.Response:
    _, stream = get_stream(request)
    return ok({"views": stream.viewer_count if stream.status == "active" else 0})


@routes.put("/live/streams/{streamId}/live-enable")
async def enable_stream(request: web.Request) -> web.Response:
    _, stream = get_stream(request)
    if stream.status != "disabled":
        raise _refuse(stream, "be enabled", "disabled")
    stream.status = "idle"
    events_of(request).live_status(stream, "disabled")
    return ok()


@routes.put("/live/streams/{streamId}/live-disable")
async def disable_stream(request: web.Request) -> web.Response:
    _, stream = get_stream(request)
    previous, stream.status = stream.status, "disabled"
    stream.viewer_count = 0
    events_of(request).live_status(stream, previous)
    return ok()


@routes.put("/live/streams/{streamId}/finish")
async def complete_stream(request: web.Request) -> web.Response:
    """Ends the broadcast: the stream goes idle and its recording becomes a media."""
    state, stream = get_stream(request)
    if stream.status != "active":
        raise _refuse(stream, "be completed", "active")
    stream.status = "idle"
    stream.viewer_count = 0
    recording = new_media(
        state,
        {"accessPolicy": stream.media_policy, "metadata": stream.metadata},
        [{"type": "video", "url": f"fp_livestream://{stream.id}"}],
    )
    stream.media_ids.append(recording.id)
    events = events_of(request)
    events.live_status(stream, "active")
    events.media_created(recording, "video.media.live_stream.created")
    return ok()


# -- playback ids --------------------------------------------------------------------------


@routes.post("/live/streams/{streamId}/playback-ids")
async def create_playback_id(request: web.Request) -> web.Response:
    state, stream = get_stream(request)
    body = await read_json(request, _CREATE_PLAYBACK_ID)
    playback = PlaybackId.from_request(body.get("accessPolicy", "public"), body)
    stream.playback_ids.append(playback)
    return ok(playback.to_json(restrictions=state.shape == "live"), status=201)


@routes.get("/live/streams/{streamId}/playback-ids/{playbackId}")
async def get_playback_id(request: web.Request) -> web.Response:
    state, stream = get_stream(request)
    playback = find_playback_id(stream.playback_ids, request.match_info["playbackId"])
    return ok(playback.to_json(restrictions=state.shape == "live"))


restriction_routes(
    routes, "/live/streams/{streamId}/playback-ids/{playbackId}", lambda r: get_stream(r)[1]
)


@routes.delete("/live/streams/{streamId}/playback-ids")
async def delete_playback_id(request: web.Request) -> web.Response:
    _, stream = get_stream(request)
    stream.playback_ids.remove(
        find_playback_id(stream.playback_ids, required_query(request, "playbackId"))
    )
    return ok()


# -- simulcasts ----------------------------------------------------------------------------


def _simulcast(request: web.Request) -> tuple[LiveStream, Simulcast]:
    _, stream = get_stream(request)
    return stream, lookup(stream.simulcasts, request.match_info["simulcastId"], "Simulcast")


@routes.post("/live/streams/{streamId}/simulcast")
async def create_simulcast(request: web.Request) -> web.Response:
    _, stream = get_stream(request)
    body = await read_json(request, _CREATE_SIMULCAST)
    if stream.status != "idle":
        raise _refuse(stream, "get a simulcast", "idle")
    simulcast = Simulcast(body["url"], body["streamKey"], dict(body.get("metadata") or {}))
    stream.simulcasts[simulcast.id] = simulcast
    events_of(request).simulcast("video.live_stream.simulcast_target.created", stream, simulcast)
    return ok(simulcast.to_json(), status=201)


@routes.get("/live/streams/{streamId}/simulcast/{simulcastId}")
async def get_simulcast(request: web.Request) -> web.Response:
    _, simulcast = _simulcast(request)
    return ok(simulcast.to_json())


@routes.put("/live/streams/{streamId}/simulcast/{simulcastId}")
async def update_simulcast(request: web.Request) -> web.Response:
    stream, simulcast = _simulcast(request)
    body = await read_json(request, _UPDATE_SIMULCAST)
    simulcast.is_enabled = body.get("isEnabled", simulcast.is_enabled)
    if "metadata" in body:
        simulcast.metadata = dict(body["metadata"])
    events_of(request).simulcast("video.live_stream.simulcast_target.updated", stream, simulcast)
    return ok(simulcast.to_json())


@routes.delete("/live/streams/{streamId}/simulcast/{simulcastId}")
async def delete_simulcast(request: web.Request) -> web.Response:
    stream, simulcast = _simulcast(request)
    del stream.simulcasts[simulcast.id]
    events_of(request).simulcast("video.live_stream.simulcast_target.deleted", stream, simulcast)
    return ok()
