"""The two shapes side by side: what the live API adds or types differently, present in
``live`` answers and absent from ``spec`` ones (``test_contract`` checks each answer's
types; this checks that the live differences are really there)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.emulator._client import Api

both_shapes = pytest.mark.parametrize("fastpix_emulator", ["live", "spec"], indirect=True)


@both_shapes
async def test_a_validation_error(api: Api) -> None:
    media = await api.create_media()
    reply = await api.patch(f"on-demand/{media['id']}", json={"title": 7})
    assert reply.status == 422
    error = reply.error
    if api.emulator.shape == "live":  # the fields, listed twice, and a top-level message
        listed = [{"field": "title", "message": "must be a string"}]
        assert (error["fields"], reply.json["errors"]) == (listed, listed)
        assert reply.json["message"] == error["description"]
    else:  # only the contract's envelope: the description names the field
        assert set(reply.json) == {"success", "error"} and "fields" not in error
        assert error["description"] == "The request failed validation: title must be a string"


@both_shapes
async def test_uploads_and_live_streams(api: Api) -> None:
    live = api.emulator.shape == "live"
    upload = await api.post("on-demand/upload", json={"corsOrigin": "*"})
    upload_id = upload.data["uploadId"]
    expected = {"id": upload_id, "mediaId": upload_id} if live else {}
    assert {k: upload.data[k] for k in ("id", "mediaId") if k in upload.data} == expected
    (listed,) = (await api.get("on-demand/uploads")).data
    assert ("id" in listed["pushMediaSettings"]["playbackIds"][0]) is live

    stream = await api.create_stream()
    assert ("mediaIds" in stream and "simulcastResponses" in stream) is live
    assert ("accessRestrictions" in stream["playbackIds"][0]) is live
    got = (await api.get(f"live/streams/{stream['streamId']}")).data
    assert (got["mediaIds"], got["simulcastResponses"]) == ([], [])  # both have them here


@both_shapes
async def test_video_data(api: Api) -> None:
    live = api.emulator.shape == "live"
    span = {"timespan[]": "7:days"}
    errored = (await api.get("data/viewlist", params={**span, "errorCode": "1002"})).data[0]
    assert isinstance(errored["errorId"], int if live else str)
    view = (await api.get(f"data/viewlist/{errored['viewId']}")).data
    assert isinstance(view["errorId"], str if live else int)
    assert all(("eventTime" in e) is live for e in view["events"])
    assert view.get("custom1") == (view["custom"]["Custom"][0]["value"] if live else None)

    points = (await api.get("data/viewlist/current-views/getTimeseriesViews")).data
    assert all(p.get("metricValue", "absent") == (p["numberOfViews"] if live else "absent")
               for p in points)  # fmt: skip
    breakdown = await api.get("data/metrics/views/breakdown", params={**span, "groupBy": "country"})
    assert breakdown.json["metadata"].get("granularity") == ("day" if live else None)
    top = (await api.get("data/errors", params=span)).data["topErrors"][0]
    assert ({"id", "description"} <= set(top)) is live


def test_python_m_takes_the_shape_and_refuses_another() -> None:
    refused = subprocess.run(
        [sys.executable, "-m", "fastpix_async.testing", "--shape", "yaml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "--shape: invalid choice: 'yaml' (choose from 'live', 'spec')" in refused.stderr
