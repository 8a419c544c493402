"""Media tracks (audio, subtitles, generated subtitles) and the in-video AI features."""

from __future__ import annotations

from aiohttp import web

from ._events import events_of
from ._http import ApiError, not_found, ok, read_json
from ._media import MEDIA_SETTINGS, chapters_data, get_media, moderation_data, summary_text
from ._state import AiFeature, Media, State, Track
from ._validate import LANGUAGE_CODES, METADATA, Bool, Enum, Int, Obj, Spec, Str

routes = web.RouteTableDef()

_TRACK_FIELDS: dict[str, Spec] = {"url": Str(), "languageCode": Str(), "languageName": Str()}
_TITLE: dict[str, Spec] = {"title": Str()}
_ADD_TRACK = Obj(
    required={
        "tracks": Obj(
            required={**_TRACK_FIELDS, "type": Enum("audio", "subtitle")}, optional=_TITLE
        )
    }
)
# the live API takes any of the fields; the contract's file required the first three
_UPDATE_TRACK = Obj(optional={**_TRACK_FIELDS, **_TITLE})
_GENERATE_SUBTITLES = Obj(
    required={"languageName": Str(), "languageCode": Enum(*LANGUAGE_CODES)},
    optional={"metadata": METADATA, **_TITLE},
)
_TRACK_ATTRIBUTES = {
    "url": "url",
    "languageCode": "language_code",
    "languageName": "language_name",
    "title": "title",
}
_SUMMARY = Obj(required={"generate": Bool()}, optional={"summaryLength": Int(30, 250)})

# -- tracks ------------------------------------------------------------------------------


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
    state, media = get_media(request)
    spec = (await read_json(request, _ADD_TRACK))["tracks"]
    track = Track(
        spec["type"], spec["languageCode"], spec["languageName"], spec["url"], spec.get("title")
    )
    media.added_tracks.append(track)
    media.touch()
    events = events_of(request)
    events.track("video.media.track.created", media, track)
    events.track("video.media.track.ready", media, track)  # nothing to process here
    return ok(track.resource_json(state.shape), status=201)


@routes.patch("/on-demand/{mediaId}/tracks/{trackId}")
async def update_track(request: web.Request) -> web.Response:
    state, media = get_media(request)
    track = _added_track(state, media, request.match_info["trackId"])
    body = await read_json(request, _UPDATE_TRACK)
    for key, attribute in _TRACK_ATTRIBUTES.items():
        if body.get(key) is not None:
            setattr(track, attribute, body[key])
    media.touch()
    events_of(request).track("video.media.track.updated", media, track)
    return ok(track.resource_json(state.shape))


@routes.delete("/on-demand/{mediaId}/tracks/{trackId}")
async def delete_track(request: web.Request) -> web.Response:
    state, media = get_media(request)
    track = _added_track(state, media, request.match_info["trackId"])
    media.added_tracks.remove(track)
    media.touch()
    events_of(request).track("video.media.track.deleted", media, track)
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
    subtitle = Track(
        "subtitle", body["languageCode"], body["languageName"], title=body.get("title")
    )
    media.added_tracks.append(subtitle)
    url = f"https://stream.fastpix.com/{media.id}/subtitles/{subtitle.id}.vtt"
    media.generated_subtitles.append({"status": "ready", "url": url})
    media.touch()
    events_of(request).track("video.media.subtitle.generated.ready", media, subtitle)
    data = {
        "id": subtitle.id,
        "type": "subtitle",
        "languageCode": subtitle.language_code,
        "languageName": subtitle.language_name,
        "metadata": body.get("metadata", {}),
    }
    if state.shape == "live" and subtitle.title is not None:
        data["title"] = subtitle.title
    return ok(data)


# -- in-video AI, MP4 and source access --------------------------------------------------


@routes.patch("/on-demand/{mediaId}/summary")
async def generate_summary(request: web.Request) -> web.Response:
    _, media = get_media(request)
    body = await read_json(request, _SUMMARY)
    words = body.get("summaryLength", 100)
    with events_of(request).features_watched(media):
        enabled = body["generate"]
        media.summary = AiFeature(True, summary_text(media, words)) if enabled else AiFeature()
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
        data = chapters_data(media) if attr == "chapters" else {"entities": []}
        with events_of(request).features_watched(media):
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
    with events_of(request).features_watched(media):
        media.moderation = AiFeature(True, moderation_data(settings)) if settings else AiFeature()
    media.touch()
    return ok({"mediaId": media.id, "isModerationEnabled": media.moderation.enabled})
