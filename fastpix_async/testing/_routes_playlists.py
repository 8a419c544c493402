"""Playlists: manual ones keep the order they are given, smart ones select media by date."""

from __future__ import annotations

from datetime import datetime, timezone

from aiohttp import web

from ._http import JSON, ApiError, lookup, ok, page_response, read_json, unprocessable
from ._shape import duration
from ._state import Media, Playlist, State, iso, state_of, utcnow
from ._validate import Arr, Enum, FieldError, Int, Obj, Spec, Str, Tagged

routes = web.RouteTableDef()

_DATE_RANGE = Obj(optional={"startDate": Str(), "endDate": Str()})
_COMMON: dict[str, Spec] = {"name": Str(), "referenceId": Str()}
_CREATE_PLAYLIST = Tagged(
    "type",
    {
        "manual": Obj(
            required={**_COMMON, "type": Enum("manual")},
            optional={"description": Str(), "limit": Int(1)},
            closed=True,
        ),
        # the contract requires playOrder and metadata; the live API takes a smart
        # playlist without them (newest first, every media)
        "smart": Obj(
            required={**_COMMON, "type": Enum("smart")},
            optional={
                "playOrder": Enum("createdDate ASC", "createdDate DESC"),
                "metadata": Obj(optional={"createdDate": _DATE_RANGE, "updatedDate": _DATE_RANGE}),
                "description": Str(),
                "limit": Int(1),
            },
            closed=True,
        ),
    },
)
_UPDATE_PLAYLIST = Obj(required={"name": Str(), "description": Str()})
_MEDIA_IDS = Obj(required={"mediaIds": Arr(Str())})


def _parse_date(value: str, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise unprocessable([FieldError(field, "must be an ISO-8601 date")]) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _in_range(moment: datetime, window: JSON | None, field: str) -> bool:
    window = window or {}
    start, end = window.get("startDate"), window.get("endDate")
    if start and moment < _parse_date(start, f"{field}.startDate"):
        return False
    if end:
        bound = _parse_date(end, f"{field}.endDate")
        if len(end) == 10:  # a bare date includes that whole day
            bound = bound.replace(hour=23, minute=59, second=59, microsecond=999999)
        if moment > bound:
            return False
    return True


def media_of(state: State, playlist: Playlist) -> list[Media]:
    if playlist.type == "manual":
        return [state.media[i] for i in playlist.media_ids if i in state.media]
    rules = playlist.metadata or {}
    chosen = [
        m
        for m in state.media.values()
        if _in_range(m.created_at, rules.get("createdDate"), "metadata.createdDate")
        and _in_range(m.updated_at, rules.get("updatedDate"), "metadata.updatedDate")
    ]
    chosen.sort(key=lambda m: m.seq, reverse=playlist.play_order == "createdDate DESC")
    return chosen[: playlist.limit]


def _item_json(state: State, media: Media) -> JSON:
    out: JSON = {
        "createdAt": iso(media.created_at),
        "creatorId": media.creator_id,
        "duration": duration(media.duration_seconds, state.shape),
        "id": media.id,
        "sourceResolution": "1080p",
        "status": state.media_status(media),
    }
    if media.thumbnail:
        out["thumbnail"] = media.thumbnail
    out["title"] = media.title
    return out


def playlist_json(state: State, playlist: Playlist) -> JSON:
    items = media_of(state, playlist)
    out: JSON = {
        "id": playlist.id,
        "name": playlist.name,
        "referenceId": playlist.reference_id,
        "type": playlist.type,
    }
    if playlist.description is not None:
        out["description"] = playlist.description
    if playlist.type == "smart":
        out["playOrder"] = playlist.play_order
        out["metadata"] = playlist.metadata
    out.update(
        mediaList=[_item_json(state, m) for m in items],
        workspaceId=state.workspace_id,
        createdAt=iso(playlist.created_at),
        updatedAt=iso(playlist.updated_at),
        mediaCount=len(items),
    )
    return out


def _get(request: web.Request) -> tuple[State, Playlist]:
    state = state_of(request)
    return state, lookup(state.playlists, request.match_info["playlistId"], "Playlist")


def _manual(playlist: Playlist) -> Playlist:
    if playlist.type != "manual":
        raise ApiError(400, "A smart playlist chooses its own media; only manual ones take ids")
    return playlist


@routes.post("/on-demand/playlists")
async def create_playlist(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await read_json(request, _CREATE_PLAYLIST)
    if any(p.reference_id == body["referenceId"] for p in state.playlists.values()):
        raise ApiError(409, f"A playlist with referenceId '{body['referenceId']}' already exists")
    playlist = Playlist(
        seq=state.next_seq(),
        name=body["name"],
        reference_id=body["referenceId"],
        type=body["type"],
        description=body.get("description"),
        limit=body.get("limit", 1000),
        play_order=body.get("playOrder", "createdDate DESC" if body["type"] == "smart" else None),
        metadata=body.get("metadata", {} if body["type"] == "smart" else None),
    )
    media_of(state, playlist)  # a smart playlist's dates are checked now, not on first read
    state.playlists[playlist.id] = playlist
    return ok(playlist_json(state, playlist), status=201)


@routes.get("/on-demand/playlists")
async def list_playlists(request: web.Request) -> web.Response:
    state = state_of(request)

    def summary(playlist: Playlist) -> JSON:
        full = playlist_json(state, playlist)
        return {
            k: full[k] for k in ("id", "name", "type", "referenceId", "createdAt", "mediaCount")
        }

    items = sorted(state.playlists.values(), key=lambda p: p.seq, reverse=True)
    return page_response(request, items, summary)


@routes.get("/on-demand/playlists/{playlistId}")
async def get_playlist(request: web.Request) -> web.Response:
    state, playlist = _get(request)
    return ok(playlist_json(state, playlist))


@routes.put("/on-demand/playlists/{playlistId}")
async def update_playlist(request: web.Request) -> web.Response:
    state, playlist = _get(request)
    body = await read_json(request, _UPDATE_PLAYLIST)
    playlist.name, playlist.description = body["name"], body["description"]
    playlist.updated_at = utcnow()
    return ok(playlist_json(state, playlist))


@routes.delete("/on-demand/playlists/{playlistId}")
async def delete_playlist(request: web.Request) -> web.Response:
    state, playlist = _get(request)
    del state.playlists[playlist.id]
    return ok([]) if state.shape == "live" else ok()  # the live API answers ``data: []``


@routes.patch("/on-demand/playlists/{playlistId}/media")
async def add_media(request: web.Request) -> web.Response:
    state, playlist = _get(request)
    ids = (await read_json(request, _MEDIA_IDS))["mediaIds"]
    _manual(playlist)
    for media_id in ids:
        lookup(state.media, media_id, "Media")
    new = [i for i in dict.fromkeys(ids) if i not in playlist.media_ids]
    if len(playlist.media_ids) + len(new) > playlist.limit:
        raise ApiError(400, f"The playlist holds at most {playlist.limit} media")
    playlist.media_ids.extend(new)
    playlist.updated_at = utcnow()
    return ok(playlist_json(state, playlist))


@routes.put("/on-demand/playlists/{playlistId}/media")
async def reorder_media(request: web.Request) -> web.Response:
    state, playlist = _get(request)
    ids = (await read_json(request, _MEDIA_IDS))["mediaIds"]
    _manual(playlist)
    if sorted(ids) != sorted(playlist.media_ids):
        raise ApiError(400, "The new order must list exactly the media already in the playlist")
    playlist.media_ids = list(ids)
    playlist.updated_at = utcnow()
    return ok(playlist_json(state, playlist))


@routes.delete("/on-demand/playlists/{playlistId}/media")
async def remove_media(request: web.Request) -> web.Response:
    state, playlist = _get(request)
    ids = (await read_json(request, _MEDIA_IDS))["mediaIds"]
    _manual(playlist)
    missing = [i for i in ids if i not in playlist.media_ids]
    if missing:
        raise ApiError(404, f"Not in the playlist: {', '.join(missing)}", message="Media not found")
    playlist.media_ids = [i for i in playlist.media_ids if i not in ids]
    playlist.updated_at = utcnow()
    return ok(playlist_json(state, playlist))
