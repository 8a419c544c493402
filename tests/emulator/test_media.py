"""The media lifecycle, tracks, AI features, playback ids and clips."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from fastpix_async.testing import FastPixEmulator
from tests.emulator._client import Api


async def test_media_moves_from_created_through_processing_to_ready() -> None:
    async with FastPixEmulator(processing_seconds=0.8) as emu, aiohttp.ClientSession() as s:
        api = Api(s, emu)
        created = await api.create_media()
        assert created["status"] == "Created"
        seen: list[str] = []
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            status = (await api.get(f"on-demand/{created['id']}")).data["status"]
            if not seen or seen[-1] != status:
                seen.append(status)
            if status == "Ready":
                break
            await asyncio.sleep(0.05)
        assert seen == ["Created", "Processing", "Ready"]


async def test_processing_seconds_zero_means_ready_at_once(api: Api) -> None:
    created = await api.create_media()
    assert created["status"] == "Created"  # the create answer itself, as the API gives it
    media = (await api.get(f"on-demand/{created['id']}")).data
    assert media["status"] == "Ready"
    assert [t["type"] for t in media["tracks"]] == ["video", "audio"]


async def test_a_media_carries_what_it_was_created_with(api: Api) -> None:
    created = await api.create_media(
        metadata={"team": "video"},
        title="Intro",
        creatorId="me",
        maxResolution="720p",
        mediaQuality="premium",
        mp4Support="capped_4k",
        sourceAccess=True,
    )
    media = (await api.get(f"on-demand/{created['id']}")).data
    assert media["id"] == created["id"]
    assert media["workspaceId"] == api.emulator.workspace_id
    assert media["metadata"] == {"team": "video"}
    assert (media["title"], media["creatorId"]) == ("Intro", "me")
    assert (media["maxResolution"], media["mediaQuality"]) == ("720p", "premium")
    assert media["sourceAccess"] is True
    # the live API's shapes: MP4 renditions, seconds
    assert media["mp4Support"] == [
        {"type": "capped_4k", "status": "ready", "ext": "mp4", "width": 1920, "height": 1080}
    ]
    assert (media["duration"], media["optimizeAudio"]) == (10.0, False)
    assert media["createdAt"].endswith("Z") and media["updatedAt"].endswith("Z")
    assert media["playbackIds"] == created["playbackIds"]
    assert media["thumbnail"].endswith(f"{created['playbackIds'][0]['id']}/thumbnail.png")


@pytest.mark.fastpix_emulator(shape="spec")
async def test_in_the_contracts_shape_a_media_has_its_settings_and_a_clock_duration(
    api: Api,
) -> None:
    created = await api.create_media(mp4Support="audioOnly,capped_4k", optimizeAudio=True)
    media = (await api.get(f"on-demand/{created['id']}")).data
    assert (media["mp4Support"], media["duration"]) == ("audioOnly,capped_4k", "00:00:10")
    assert "optimizeAudio" not in media  # only the live API has it


async def test_mp4_renditions_are_preparing_until_the_media_is_ready() -> None:
    async with FastPixEmulator(processing_seconds=60) as emu, aiohttp.ClientSession() as s:
        created = await Api(s, emu).create_media(mp4Support="audioOnly,capped_4k")
        media = (await Api(s, emu).get(f"on-demand/{created['id']}")).data
    assert [(r["type"], r["ext"], r["status"]) for r in media["mp4Support"]] == [
        ("audioOnly", "m4a", "preparing"),
        ("capped_4k", "mp4", "preparing"),
    ]


def test_the_shape_is_checked() -> None:
    with pytest.raises(ValueError, match="shape must be one of 'live', 'spec', not 'yaml'"):
        FastPixEmulator(shape="yaml")  # type: ignore[arg-type]


async def test_set_media_status_pins_a_status(api: Api, emu: FastPixEmulator) -> None:
    media = await api.create_media()
    emu.set_media_status(media["id"], "Failed")
    assert (await api.get(f"on-demand/{media['id']}")).data["status"] == "Failed"
    emu.set_media_status(media["id"], None)
    assert (await api.get(f"on-demand/{media['id']}")).data["status"] == "Ready"
    with pytest.raises(ValueError, match="status"):
        emu.set_media_status(media["id"], "ready-ish")


async def test_update_and_delete(api: Api) -> None:
    media = await api.create_media(metadata={"a": "1"})
    path = f"on-demand/{media['id']}"
    updated = await api.patch(path, json={"metadata": {"b": "2"}, "title": "New", "creatorId": "c"})
    assert updated.status == 200
    assert (updated.data["metadata"], updated.data["title"]) == ({"b": "2"}, "New")
    assert (await api.get(path)).data["creatorId"] == "c"
    assert (await api.delete(path)).status == 200
    assert (await api.get(path)).status == 404
    assert (await api.delete(path)).status == 404


async def test_tracks_are_added_updated_and_deleted(api: Api) -> None:
    media = await api.create_media()
    base = f"on-demand/{media['id']}/tracks"
    track = {"url": "https://x/it.mp3", "type": "audio", "languageCode": "it", "languageName": "It"}
    added = await api.post(base, json={"tracks": track})
    assert added.status == 201
    assert added.data == {**track, "id": added.data["id"]}
    assert (await api.post(base, json=track)).status == 422  # the body nests it in "tracks"
    changed = await api.patch(
        f"{base}/{added.data['id']}",
        json={"url": "https://x/fr.mp3", "languageCode": "fr", "languageName": "Fr"},
    )
    assert changed.data["languageCode"] == "fr"
    media_now = (await api.get(f"on-demand/{media['id']}")).data
    assert {"id": added.data["id"], "type": "audio", "languageCode": "fr"}.items() <= next(
        t for t in media_now["tracks"] if t["id"] == added.data["id"]
    ).items()
    video_track = next(t for t in media_now["tracks"] if t["type"] == "video")
    assert (await api.delete(f"{base}/{video_track['id']}")).status == 400
    assert (await api.delete(f"{base}/{added.data['id']}")).status == 200
    assert (await api.delete(f"{base}/{added.data['id']}")).status == 404


async def test_tracks_keep_their_title_and_take_partial_updates(api: Api) -> None:
    # the live API's track fields: a title, and an update of any one field
    media = await api.create_media()
    base = f"on-demand/{media['id']}/tracks"
    track = {"url": "https://x/it.mp3", "type": "audio", "languageCode": "it", "languageName": "It"}
    added = await api.post(base, json={"tracks": {**track, "title": "Commentary"}})
    assert added.data["title"] == "Commentary"
    path = f"{base}/{added.data['id']}"
    renamed = await api.patch(path, json={"title": "Director's cut"})
    assert renamed.data == {**track, "id": added.data["id"], "title": "Director's cut"}
    assert (await api.patch(path, json={"title": 7})).status == 422
    stored = next(
        t
        for t in (await api.get(f"on-demand/{media['id']}")).data["tracks"]
        if t["id"] == added.data["id"]
    )
    assert stored["title"] == "Director's cut"
    subtitles = await api.post(
        f"{path}/generate-subtitles",
        json={"languageName": "English", "languageCode": "en-US", "title": "English (auto)"},
    )
    assert subtitles.data["title"] == "English (auto)"


async def test_subtitles_are_generated_from_an_audio_track(api: Api) -> None:
    media = await api.create_media()
    tracks = (await api.get(f"on-demand/{media['id']}")).data["tracks"]
    audio = next(t for t in tracks if t["type"] == "audio")
    video = next(t for t in tracks if t["type"] == "video")
    body = {"languageName": "English", "languageCode": "en-US"}
    base = f"on-demand/{media['id']}/tracks"
    made = await api.post(f"{base}/{audio['id']}/generate-subtitles", json=body)
    assert made.status == 200
    assert (made.data["type"], made.data["languageCode"]) == ("subtitle", "en-US")
    refused = await api.post(f"{base}/{video['id']}/generate-subtitles", json=body)
    assert refused.status == 400
    bad = await api.post(
        f"{base}/{audio['id']}/generate-subtitles", json={**body, "languageCode": "en"}
    )
    assert bad.status == 422
    after = (await api.get(f"on-demand/{media['id']}")).data
    assert after["subtitleAvailable"] is True
    assert len(after["generatedSubtitles"]) == 1


async def test_summary_exists_once_generated(api: Api) -> None:
    media = await api.create_media(title="Talk")
    path = f"on-demand/{media['id']}/summary"
    assert (await api.get(path)).status == 404
    enabled = await api.patch(path, json={"generate": True, "summaryLength": 30})
    assert enabled.data == {"mediaId": media["id"], "isSummaryEnabled": True}
    summary = (await api.get(path)).data
    assert isinstance(summary, str) and summary.startswith("Talk")
    assert len(summary.split()) == 30
    assert (await api.patch(path, json={"summaryLength": 30})).status == 422
    assert (await api.patch(path, json={"generate": True, "summaryLength": 10})).status == 422
    await api.patch(path, json={"generate": False})
    assert (await api.get(path)).status == 404


async def test_ai_feature_switches_show_on_the_media(api: Api) -> None:
    media = await api.create_media()
    base = f"on-demand/{media['id']}"
    chapters = await api.patch(f"{base}/chapters", json={"chapters": True})
    assert chapters.data == {"mediaId": media["id"], "isChaptersEnabled": True}
    entities = await api.patch(f"{base}/named-entities", json={"namedEntities": True})
    assert entities.data["isNamedEntitiesEnabled"] is True
    moderation = await api.patch(f"{base}/moderation", json={"moderation": {"type": "video"}})
    assert moderation.data["isModerationEnabled"] is True
    assert (await api.patch(f"{base}/moderation", json={"moderation": {"type": "x"}})).status == 422
    after = (await api.get(base)).data
    assert after["chapters"]["status"] == "ready" and after["chapters"]["data"]["chapters"]
    assert after["namedEntities"]["status"] == after["moderation"]["status"] == "ready"
    assert after["summary"] == {"status": None, "data": None}
    await api.patch(f"{base}/chapters", json={"chapters": False})
    assert (await api.get(base)).data["chapters"] == {"status": None, "data": None}


async def test_mp4_support_and_source_access(api: Api) -> None:
    media = await api.create_media()
    base = f"on-demand/{media['id']}"
    mp4 = await api.patch(f"{base}/update-mp4Support", json={"mp4Support": "audioOnly"})
    assert mp4.data["mp4Support"] == [{"type": "audioOnly", "status": "ready", "ext": "m4a"}]
    none = await api.patch(f"{base}/update-mp4Support", json={"mp4Support": "none"})
    assert none.data["mp4Support"] == []
    assert (await api.patch(f"{base}/update-mp4Support", json={"mp4Support": "all"})).status == 422
    source = await api.patch(f"{base}/source-access", json={"sourceAccess": True})
    assert source.data["sourceAccess"] is True
    assert (await api.patch(f"{base}/source-access", json={"sourceAccess": "yes"})).status == 422


async def test_input_info_names_the_source(api: Api) -> None:
    media = await api.create_media()
    info = (await api.get(f"on-demand/{media['id']}/input-info")).data
    assert info["configuration"]["url"] == "https://static.fastpix.com/fp-sample-video.mp4"
    assert info["file"]["containerFormat"] == "mp4"


async def test_playback_ids_and_their_restrictions(api: Api) -> None:
    media = await api.create_media()
    base = f"on-demand/{media['id']}/playback-ids"
    made = await api.post(base, json={"accessPolicy": "private"})
    assert made.status == 201 and made.data["accessPolicy"] == "private"
    pid = made.data["id"]
    assert len((await api.get(base)).data) == 2
    read = (await api.get(f"{base}/{pid}")).data
    assert made.data["playbackIds"] == [read]  # the live API's create lists it again
    assert read == {k: v for k, v in made.data.items() if k != "playbackIds"}
    domains = await api.patch(
        f"{base}/{pid}/domains", json={"defaultPolicy": "deny", "allow": ["a.com"]}
    )
    assert domains.data == {"defaultPolicy": "deny", "allow": ["a.com"], "deny": []}
    agents = await api.patch(f"{base}/{pid}/user-agents", json={"deny": ["curl"]})
    assert agents.data == {"defaultPolicy": "allow", "allow": [], "deny": ["curl"]}
    got = (await api.get(f"{base}/{pid}")).data["accessRestrictions"]
    assert got == {"domains": domains.data, "userAgents": agents.data}
    assert (await api.delete(base)).status == 422  # playbackId is a required query parameter
    assert (await api.delete(base, params={"playbackId": pid})).status == 200
    assert (await api.get(f"{base}/{pid}")).status == 404
    assert (await api.delete(base, params={"playbackId": pid})).status == 404


async def test_drm_playback_needs_a_known_drm_configuration(api: Api) -> None:
    media = await api.create_media()
    base = f"on-demand/{media['id']}/playback-ids"
    assert (await api.post(base, json={"accessPolicy": "drm"})).status == 422
    unknown = await api.post(
        base,
        json={"accessPolicy": "drm", "drmConfigurationId": "00000000-0000-0000-0000-000000000000"},
    )
    assert unknown.status == 404
    configurations = (await api.get("on-demand/drm-configurations")).data
    assert len(configurations) == 2
    made = await api.post(
        base, json={"accessPolicy": "drm", "drmConfigurationId": configurations[0]["id"]}
    )
    assert made.status == 201
    one = await api.get(f"on-demand/drm-configurations/{configurations[1]['id']}")
    assert one.data == configurations[1]


async def test_clips_of_a_media_and_of_a_live_stream(api: Api) -> None:
    source = await api.create_media()
    clip = await api.create_media(
        inputs=[
            {"type": "video", "url": f"fp_mediaId://{source['id']}", "startTime": 1.5, "endTime": 7}
        ]
    )
    clips = await api.get(f"on-demand/{source['id']}/media-clips")
    assert [c["id"] for c in clips.data] == [clip["id"]]
    assert clips.data[0]["duration"] == 5.5
    assert clips.data[0]["sourceMediaId"] == source["id"]  # the live API's clip is a media
    assert (await api.get(f"on-demand/{clip['id']}")).data["sourceMediaId"] == source["id"]
    missing = await api.post(
        "on-demand",
        json={"inputs": [{"type": "video", "url": "fp_mediaId://nope"}], "accessPolicy": "public"},
    )
    assert missing.status == 404
    stream = await api.create_stream()
    live_clip = await api.create_media(
        inputs=[{"type": "video", "url": f"fp_livestream://{stream['streamId']}"}]
    )
    listed = await api.get(f"on-demand/{stream['streamId']}/live-clips")
    assert [c["id"] for c in listed.data] == [live_clip["id"]]
    assert listed.data[0]["streamId"] == stream["streamId"]
    assert (await api.get("on-demand/nope/live-clips")).status == 404


@pytest.mark.fastpix_emulator(shape="spec")
async def test_in_the_contracts_shape_a_clip_is_brief(api: Api) -> None:
    source = await api.create_media()
    cut = {"type": "video", "url": f"fp_mediaId://{source['id']}", "startTime": 1.5, "endTime": 7}
    clip = await api.create_media(inputs=[cut])
    (listed,) = (await api.get(f"on-demand/{source['id']}/media-clips")).data
    assert set(listed) == {"id", "duration", "status", "thumbnail", "createdAt", "playbackIds"}
    assert (listed["id"], listed["duration"]) == (clip["id"], "00:00:05.5")


async def test_source_access_without_the_field_leaves_the_media_as_it_is(api: Api) -> None:
    media = await api.create_media(sourceAccess=True)
    reply = await api.patch(f"on-demand/{media['id']}/source-access", json={})
    assert (reply.status, reply.data["sourceAccess"]) == (200, True)
