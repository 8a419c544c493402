"""Every operation of the contract, once, against the emulator in both of its shapes,
each answer validated (formats included: the emulator's ids are UUIDs) and strictly (no
key its description lacks): ``spec`` answers against the contract's response schemas,
``live`` ones against the same with the live API's differences (``_live_contract``).

The contract is the project's derived file, the one the SDK's own contract tests read.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from fastpix_async.testing import FastPixEmulator
from tests.contract._contract import ROUTES, fill, response_schema, schema_errors
from tests.emulator._client import Api, Reply
from tests.emulator._live_contract import live_response_schema, undeclared_keys

both_shapes = pytest.mark.parametrize("fastpix_emulator", ["live", "spec"], indirect=True)


def validate(shape: str, method: str, template: str, status: int, body: Any) -> None:
    op = ROUTES[(method, template)]
    schema = live_response_schema(op, status) if shape == "live" else response_schema(op, status)
    assert schema is not None, f"{op} {status} has no body in the contract"
    problems = schema_errors(schema, body, formats=True)
    problems += [f"{where} is in neither description" for where in undeclared_keys(schema, body)]
    assert not problems, f"{shape} answer of {op} ({status}):\n  " + "\n  ".join(problems)


class ContractWalk:
    def __init__(self, api: Api) -> None:
        self.api = api
        self.shape = api.emulator.shape
        self.seen: set[tuple[str, str]] = set()

    async def __call__(
        self, method: str, template: str, status: int = 200, /, **kwargs: Any
    ) -> Reply:
        ids = {k: kwargs.pop(k) for k in list(kwargs) if k[0].islower() and k.endswith("Id")}
        ids.update(kwargs.pop("path_ids", {}))
        path = fill(template, **ids)
        reply = await self.api.request(method, path.lstrip("/"), **kwargs)
        assert reply.status == status, (method, path, reply.status, reply.raw[:500])
        validate(self.shape, method, template, status, reply.json)
        self.seen.add((method, template))
        return reply


@both_shapes
async def test_every_operation_answers_in_its_descriptions_shape(
    api: Api, emu: FastPixEmulator
) -> None:
    call = ContractWalk(api)

    # -- media ---------------------------------------------------------------------------
    video = {"type": "video", "url": "https://static.fastpix.com/fp-sample-video.mp4"}
    created = await call(
        "POST",
        "/on-demand",
        201,
        json={
            "inputs": [video],
            "accessPolicy": "public",
            "metadata": {"key1": "value1"},
            "title": "Contract walk",
            "creatorId": "creator-1",
            "summary": {"generate": True, "summaryLength": 40},
        },
    )
    media_id = created.data["id"]
    await call("GET", "/on-demand", params={"limit": 5})
    got = await call("GET", "/on-demand/{mediaId}", mediaId=media_id)
    assert got.data["status"] == "Ready"
    await call("PATCH", "/on-demand/{mediaId}", mediaId=media_id, json={"metadata": {"user": "x"}})
    track = await call(
        "POST",
        "/on-demand/{mediaId}/tracks",
        201,
        mediaId=media_id,
        json={
            "tracks": {
                "url": "https://static.fastpix.com/music-1.mp3",
                "type": "audio",
                "languageCode": "it",
                "languageName": "Italian",
            }
        },
    )
    track_id = track.data["id"]
    await call(
        "PATCH",
        "/on-demand/{mediaId}/tracks/{trackId}",
        mediaId=media_id,
        trackId=track_id,
        json={"url": "https://example.com/fr.vtt", "languageCode": "fr", "languageName": "French"},
    )
    await call(
        "POST",
        "/on-demand/{mediaId}/tracks/{trackId}/generate-subtitles",
        mediaId=media_id,
        trackId=track_id,
        json={"languageName": "French", "languageCode": "fr-FR", "metadata": {"k": "v"}},
    )
    await call(
        "DELETE", "/on-demand/{mediaId}/tracks/{trackId}", mediaId=media_id, trackId=track_id
    )
    await call(
        "PATCH",
        "/on-demand/{mediaId}/summary",
        mediaId=media_id,
        json={"generate": True, "summaryLength": 60},
    )
    summary = await call("GET", "/on-demand/{mediaId}/summary", mediaId=media_id)
    assert isinstance(summary.data, str)
    await call("PATCH", "/on-demand/{mediaId}/chapters", mediaId=media_id, json={"chapters": True})
    await call(
        "PATCH",
        "/on-demand/{mediaId}/named-entities",
        mediaId=media_id,
        json={"namedEntities": True},
    )
    await call(
        "PATCH",
        "/on-demand/{mediaId}/moderation",
        mediaId=media_id,
        json={"moderation": {"type": "av"}},
    )
    await call(
        "PATCH", "/on-demand/{mediaId}/source-access", mediaId=media_id, json={"sourceAccess": True}
    )
    await call(
        "PATCH",
        "/on-demand/{mediaId}/update-mp4Support",
        mediaId=media_id,
        json={"mp4Support": "capped_4k"},
    )
    await call("GET", "/on-demand/{mediaId}/input-info", mediaId=media_id)

    # playback ids, including a DRM one on a seeded DRM configuration
    drm_list = await call("GET", "/on-demand/drm-configurations")
    drm_id = drm_list.data[0]["id"]
    await call(
        "GET",
        "/on-demand/drm-configurations/{drmConfigurationId}",
        path_ids={"drmConfigurationId": drm_id},
    )
    playback = await call(
        "POST",
        "/on-demand/{mediaId}/playback-ids",
        201,
        mediaId=media_id,
        json={"accessPolicy": "drm", "drmConfigurationId": drm_id, "resolution": "1080p"},
    )
    playback_id = playback.data["id"]
    await call("GET", "/on-demand/{mediaId}/playback-ids", mediaId=media_id)
    await call(
        "GET",
        "/on-demand/{mediaId}/playback-ids/{playbackId}",
        mediaId=media_id,
        playbackId=playback_id,
    )
    await call(
        "PATCH",
        "/on-demand/{mediaId}/playback-ids/{playbackId}/domains",
        mediaId=media_id,
        playbackId=playback_id,
        json={"defaultPolicy": "deny", "allow": ["example.com"], "deny": []},
    )
    await call(
        "PATCH",
        "/on-demand/{mediaId}/playback-ids/{playbackId}/user-agents",
        mediaId=media_id,
        playbackId=playback_id,
        json={"defaultPolicy": "allow", "allow": [], "deny": ["curl/8.0"]},
    )
    await call(
        "DELETE",
        "/on-demand/{mediaId}/playback-ids",
        mediaId=media_id,
        params={"playbackId": playback_id},
    )

    # clips of the media and of a live stream
    clip = {**video, "url": f"fp_mediaId://{media_id}", "startTime": 0, "endTime": 5}
    await call("POST", "/on-demand", 201, json={"inputs": [clip], "accessPolicy": "public"})
    clips = await call("GET", "/on-demand/{mediaId}/media-clips", mediaId=media_id)
    assert len(clips.data) == 1

    # -- direct uploads ------------------------------------------------------------------
    upload = await call(
        "POST",
        "/on-demand/upload",
        201,
        json={"corsOrigin": "*", "pushMediaSettings": {"accessPolicy": "public"}},
    )
    await call("GET", "/on-demand/uploads")
    await call(
        "PUT",
        "/on-demand/upload/{uploadId}/cancel",
        path_ids={"uploadId": upload.data["uploadId"]},
    )

    # -- playlists -----------------------------------------------------------------------
    playlist = await call(
        "POST",
        "/on-demand/playlists",
        201,
        json={"name": "Walk", "referenceId": "walk-1", "type": "manual", "description": "d"},
    )
    playlist_id = playlist.data["id"]
    await call(
        "POST",
        "/on-demand/playlists",
        201,
        json={
            "name": "Smart",
            "referenceId": "walk-2",
            "type": "smart",
            "playOrder": "createdDate DESC",
            "metadata": {"createdDate": {"startDate": "2020-01-01", "endDate": "2099-12-31"}},
        },
    )
    await call("GET", "/on-demand/playlists")
    await call("GET", "/on-demand/playlists/{playlistId}", playlistId=playlist_id)
    await call(
        "PUT",
        "/on-demand/playlists/{playlistId}",
        playlistId=playlist_id,
        json={"name": "Walk 2", "description": "renamed"},
    )
    second = await api.create_media()
    ids = [media_id, second["id"]]
    await call(
        "PATCH",
        "/on-demand/playlists/{playlistId}/media",
        playlistId=playlist_id,
        json={"mediaIds": ids},
    )
    await call(
        "PUT",
        "/on-demand/playlists/{playlistId}/media",
        playlistId=playlist_id,
        json={"mediaIds": ids[::-1]},
    )
    await call(
        "DELETE",
        "/on-demand/playlists/{playlistId}/media",
        playlistId=playlist_id,
        json={"mediaIds": ids[:1]},
    )
    await call("DELETE", "/on-demand/playlists/{playlistId}", playlistId=playlist_id)

    # -- live streams --------------------------------------------------------------------
    stream = await call(
        "POST",
        "/live/streams",
        201,
        json={
            "playbackSettings": {"accessPolicy": "public"},
            "inputMediaSettings": {"maxResolution": "1080p", "metadata": {"name": "walk"}},
        },
    )
    stream_id = stream.data["streamId"]
    await call("GET", "/live/streams")
    await call("GET", "/live/streams/{streamId}", streamId=stream_id)
    await call(
        "PATCH", "/live/streams/{streamId}", streamId=stream_id, json={"reconnectWindow": 120}
    )
    simulcast = await call(
        "POST",
        "/live/streams/{streamId}/simulcast",
        201,
        streamId=stream_id,
        json={"url": "rtmp://example.com/app", "streamKey": "key-1"},
    )
    simulcast_id = simulcast.data["simulcastId"]
    await call(
        "GET",
        "/live/streams/{streamId}/simulcast/{simulcastId}",
        streamId=stream_id,
        simulcastId=simulcast_id,
    )
    await call(
        "PUT",
        "/live/streams/{streamId}/simulcast/{simulcastId}",
        streamId=stream_id,
        simulcastId=simulcast_id,
        json={"isEnabled": False},
    )
    await call(
        "DELETE",
        "/live/streams/{streamId}/simulcast/{simulcastId}",
        streamId=stream_id,
        simulcastId=simulcast_id,
    )
    live_playback = await call(
        "POST",
        "/live/streams/{streamId}/playback-ids",
        201,
        streamId=stream_id,
        json={"accessPolicy": "private"},
    )
    live_playback_id = live_playback.data["id"]
    for kind, rules in (
        ("domains", {"defaultPolicy": "deny", "allow": ["example.com"], "deny": []}),
        ("user-agents", {"defaultPolicy": "allow", "allow": [], "deny": ["curl/8.0"]}),
    ):
        await call(
            "PATCH",
            "/live/streams/{streamId}/playback-ids/{playbackId}/" + kind,
            streamId=stream_id,
            playbackId=live_playback_id,
            json=rules,
        )
    restricted = await call(
        "GET",
        "/live/streams/{streamId}/playback-ids/{playbackId}",
        streamId=stream_id,
        playbackId=live_playback_id,
    )
    if emu.shape == "live":  # the contract has no restrictions on a live playback ID
        assert restricted.data["accessRestrictions"]["userAgents"]["deny"] == ["curl/8.0"]
    else:
        assert "accessRestrictions" not in restricted.data
    await call(
        "DELETE",
        "/live/streams/{streamId}/playback-ids",
        streamId=stream_id,
        params={"playbackId": live_playback_id},
    )
    await call("PUT", "/live/streams/{streamId}/live-disable", streamId=stream_id)
    await call("PUT", "/live/streams/{streamId}/live-enable", streamId=stream_id)
    emu.set_live_stream_status(stream_id, "active")
    emu.set_live_viewer_count(stream_id, 3)
    viewers = await call("GET", "/live/streams/{streamId}/viewer-count", streamId=stream_id)
    assert viewers.data == {"views": 3}
    await call("PUT", "/live/streams/{streamId}/finish", streamId=stream_id)
    live_clips = await call(
        "GET", "/on-demand/{livestreamId}/live-clips", path_ids={"livestreamId": stream_id}
    )
    assert len(live_clips.data) == 1  # the recording of the broadcast
    await call("DELETE", "/live/streams/{streamId}", streamId=stream_id)

    # -- signing keys --------------------------------------------------------------------
    key = await call("POST", "/iam/signing-keys", 201)
    key_id = key.data["id"]
    await call("GET", "/iam/signing-keys")
    await call("GET", "/iam/signing-keys/{signingKeyId}", signingKeyId=key_id)
    await call("DELETE", "/iam/signing-keys/{signingKeyId}", signingKeyId=key_id)

    # -- video data ----------------------------------------------------------------------
    span = {"timespan[]": "7:days"}
    views = await call("GET", "/data/viewlist", params={**span, "limit": 5})
    await call("GET", "/data/viewlist/{viewId}", viewId=views.data[0]["viewId"])
    errored = await call("GET", "/data/viewlist", params={**span, "errorCode": "1002"})
    await call("GET", "/data/viewlist/{viewId}", viewId=errored.data[0]["viewId"])
    await call("GET", "/data/viewlist/top-content", params=span)
    await call("GET", "/data/dimensions")
    await call(
        "GET",
        "/data/dimensions/{dimensionsId}",
        path_ids={"dimensionsId": "browser_name"},
        params=span,
    )
    metric = {"metricId": "quality_of_experience_score"}
    await call("GET", "/data/metrics/{metricId}/overall", path_ids=metric, params=span)
    await call(
        "GET",
        "/data/metrics/{metricId}/breakdown",
        path_ids=metric,
        params={**span, "groupBy": "country"},
    )
    await call("GET", "/data/metrics/{metricId}/timeseries", path_ids=metric, params=span)
    await call(
        "GET",
        "/data/metrics/comparison",
        params={**span, "dimension": "browser_name", "value": "Chrome"},
    )
    await call("GET", "/data/errors", params={**span, "limit": 3})
    await call("GET", "/data/viewlist/current-views/getTimeseriesViews")
    await call("GET", "/data/viewlist/current-views/filter", params={"dimension": "country"})

    # -- and finally -----------------------------------------------------------------------
    await call("DELETE", "/on-demand/{mediaId}", mediaId=media_id)

    assert set(ROUTES) - call.seen == set()


@both_shapes
async def test_error_answers_match_the_default_error_schema(api: Api) -> None:
    media = await api.create_media()
    for method, path, media_id, status in [
        ("GET", "/on-demand/{mediaId}", "nope", 404),
        ("PATCH", "/on-demand/{mediaId}", media["id"], 422),
    ]:
        reply = await api.request(
            method, fill(path, mediaId=media_id).lstrip("/"), json={"title": 7}
        )
        assert reply.status == status
        validate(api.emulator.shape, method, path, status, reply.json)
    async with aiohttp.ClientSession() as session:
        anonymous = Api(session, api.emulator)
        reply = await anonymous.get("on-demand", auth=False)
    assert reply.status == 401
    validate(api.emulator.shape, "GET", "/on-demand", 401, reply.json)
