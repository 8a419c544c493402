"""Live streams: what creation gives, and the idle / active / disabled rules."""

from __future__ import annotations

import re

import pytest

from fastpix_async.testing import FastPixEmulator
from tests.emulator._client import Api


async def test_a_new_stream_is_idle_with_keys_and_a_playback_id(api: Api) -> None:
    stream = await api.create_stream(
        maxResolution="720p", reconnectWindow=300, metadata={"show": "news"}, enableDvrMode=True
    )
    assert stream["status"] == "idle"
    assert re.fullmatch(r"[0-9a-f]{32}", stream["streamId"])
    assert stream["streamKey"] and stream["srtSecret"]
    assert (stream["maxResolution"], stream["reconnectWindow"]) == ("720p", 300)
    assert stream["metadata"] == {"show": "news"} and stream["enableDvrMode"] is True
    assert [p["accessPolicy"] for p in stream["playbackIds"]] == ["public"]
    assert set(stream["srtPlaybackResponse"]) == {"srtPlaybackStreamId", "srtPlaybackSecret"}
    got = (await api.get(f"live/streams/{stream['streamId']}")).data
    assert got["simulcastResponses"] == [] and got["mediaIds"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"playbackSettings": {"accessPolicy": "public"}},
        {"playbackSettings": {"accessPolicy": "drm"}, "inputMediaSettings": {}},
        {"playbackSettings": {}, "inputMediaSettings": {"reconnectWindow": 10}},
        {"playbackSettings": {}, "inputMediaSettings": {"maxResolution": "2160p"}},
    ],
)
async def test_invalid_stream_settings_get_422(api: Api, body: dict[str, object]) -> None:
    assert (await api.post("live/streams", json=body)).status == 422


async def test_list_update_delete(api: Api) -> None:
    first, second = await api.create_stream(), await api.create_stream()
    listed = await api.get("live/streams", params={"orderBy": "asc"})
    assert [s["streamId"] for s in listed.data] == [first["streamId"], second["streamId"]]
    path = f"live/streams/{first['streamId']}"
    updated = await api.patch(path, json={"metadata": {"a": "b"}, "reconnectWindow": 90})
    assert (updated.data["metadata"], updated.data["reconnectWindow"]) == ({"a": "b"}, 90)
    assert (await api.patch(path, json={"reconnectWindow": 5000})).status == 422
    assert (await api.delete(path)).status == 200
    assert (await api.get(path)).status == 404


async def test_enable_only_from_disabled(api: Api) -> None:
    stream = await api.create_stream()
    path = f"live/streams/{stream['streamId']}"
    refused = await api.put(f"{path}/live-enable")
    assert refused.status == 400 and "idle" in refused.error["description"]
    assert (await api.put(f"{path}/live-disable")).json == {"success": True}
    assert (await api.get(path)).data["status"] == "disabled"
    assert (await api.put(f"{path}/live-enable")).status == 200
    assert (await api.get(path)).data["status"] == "idle"


async def test_complete_only_from_active_and_it_records_a_media(
    api: Api, emu: FastPixEmulator
) -> None:
    stream = await api.create_stream(metadata={"show": "finale"})
    stream_id = stream["streamId"]
    path = f"live/streams/{stream_id}"
    assert (await api.put(f"{path}/finish")).status == 400
    emu.set_live_stream_status(stream_id, "active")
    emu.set_live_viewer_count(stream_id, 12)
    assert (await api.get(f"{path}/viewer-count")).data == {"views": 12}
    assert (await api.put(f"{path}/finish")).status == 200
    after = (await api.get(path)).data
    assert after["status"] == "idle"
    assert (await api.get(f"{path}/viewer-count")).data == {"views": 0}
    [recording] = after["mediaIds"]
    media = (await api.get(f"on-demand/{recording}")).data
    assert media["streamId"] == stream_id and media["metadata"] == {"show": "finale"}
    with pytest.raises(ValueError, match="status"):
        emu.set_live_stream_status(stream_id, "broadcasting")


async def test_simulcasts_only_on_idle_streams(api: Api, emu: FastPixEmulator) -> None:
    stream = await api.create_stream()
    base = f"live/streams/{stream['streamId']}/simulcast"
    target = {"url": "rtmp://live.example.com/app", "streamKey": "abc", "metadata": {"n": "1"}}
    made = await api.post(base, json=target)
    assert made.status == 201
    assert made.data == {**target, "simulcastId": made.data["simulcastId"], "isEnabled": True}
    simulcast = f"{base}/{made.data['simulcastId']}"
    assert (await api.put(simulcast, json={"isEnabled": False})).data["isEnabled"] is False
    assert (await api.get(simulcast)).data["isEnabled"] is False
    listed = (await api.get(f"live/streams/{stream['streamId']}")).data["simulcastResponses"]
    assert [s["simulcastId"] for s in listed] == [made.data["simulcastId"]]
    assert (await api.post(base, json={"url": "rtmp://x"})).status == 422
    emu.set_live_stream_status(stream["streamId"], "active")
    assert (await api.post(base, json=target)).status == 400
    assert (await api.delete(simulcast)).json == {"success": True}
    assert (await api.get(simulcast)).status == 404


async def test_stream_playback_ids(api: Api) -> None:
    stream = await api.create_stream()
    base = f"live/streams/{stream['streamId']}/playback-ids"
    made = await api.post(base, json={"accessPolicy": "private"})
    assert made.status == 201 and made.data["accessPolicy"] == "private"
    assert (await api.post(base, json={"accessPolicy": "drm"})).status == 422
    assert (await api.get(f"{base}/{made.data['id']}")).data == made.data
    assert (await api.delete(base, params={"playbackId": made.data["id"]})).status == 200
    assert (await api.get(f"{base}/{made.data['id']}")).status == 404
    remaining = (await api.get(f"live/streams/{stream['streamId']}")).data["playbackIds"]
    assert remaining == stream["playbackIds"]
