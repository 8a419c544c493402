"""Responses in the contract's (YAML) shapes and in the live API's read to the same values.

Where the two descriptions of the API disagree on a response field's shape, the model
reads both and holds one type (``../shared/spec/live-api.md``). Each payload here is
read three ways, which must agree: ``_serde.structure`` (what a call returns), the
compiled fast path on its own (no fallback: a shape it can't read fails the test) and
the plain cattrs converter.
"""

from __future__ import annotations

import copy
import json
from typing import Any, TypeVar

import cattrs
import pytest

from fastpix_async import _serde as serde
from fastpix_async import models
from fastpix_async._fastpath import compile_structure
from fastpix_async.errors import APIErrorDetail, FieldError, UnprocessableEntityError
from fastpix_sync import FastPix

T = TypeVar("T")


def read(payload: Any, cls: type[T]) -> T:
    """``payload`` as ``cls``, checking that every reader gives the same model."""
    public = serde.structure(copy.deepcopy(payload), cls)
    compiled = compile_structure(serde.converter, cls)(copy.deepcopy(payload))
    plain = serde.converter.structure(copy.deepcopy(payload), cls)
    assert public == compiled == plain
    assert repr(public) == repr(compiled) == repr(plain)
    return public


# --- media: duration and mp4Support ---------------------------------------------

MEDIA_ID = "8ab6c5f1-0d51-4b0c-9f7e-4a6a2cbb73f1"


def contract_media(**changes: Any) -> dict[str, Any]:
    """A media as the YAML's ``GET /on-demand/{mediaId}`` example has it."""
    media = {
        "id": MEDIA_ID,
        "workspaceId": "4fa85f64-5717-4562-b3fc-2c963f66afa6",
        "title": "Quarterly review",
        "status": "Ready",
        "mediaQuality": "standard",
        "maxResolution": "1080p",
        "sourceResolution": "1080p",
        "mp4Support": "capped_4k",
        "sourceAccess": False,
        "duration": "00:01:30.5",
        "frameRate": "30/1",
        "aspectRatio": "16:9",
        "playbackIds": [{"id": "b1d0c3a2", "accessPolicy": "public"}],
        "tracks": [
            {"id": "c6a1", "type": "video", "width": 1920.0, "height": 1080.0},
            {"id": "d7b2", "type": "audio", "languageCode": "en", "status": "available"},
        ],
        "generatedSubtitles": [{"status": "ready", "url": "https://e.com/en.vtt"}],
        "chapters": {"status": "ready", "data": "chapters"},
        "createdAt": "2026-03-01T10:15:30Z",
    }
    return {**media, **changes}


def live_media(**changes: Any) -> dict[str, Any]:
    """The same media as the live API answers it (FastPix's own SDK's ``Media``)."""
    rules = {"defaultPolicy": "allow", "allow": ["example.com"], "deny": []}
    media = {
        **contract_media(),
        "duration": 90.5,
        "mp4Support": [
            {"type": "capped_4k", "status": "ready", "height": 1080, "width": 1920, "ext": "mp4"},
            {"type": "audioOnly", "status": "preparing", "ext": "m4a"},
        ],
        "optimizeAudio": True,
        "sourceMediaId": "0c4d2e8f-6f8e-4b7c-a3d1-0e7d0e0f7a11",
        "streamId": "e2b7a3c1",
        "playbackIds": [
            {
                "id": "b1d0c3a2",
                "accessPolicy": "public",
                "accessRestrictions": {"domains": rules, "userAgents": rules},
            }
        ],
        "tracks": [
            {"id": "c6a1", "type": "video", "width": 1920, "height": 1080},
            {"id": "e8c3", "type": "subtitle", "title": "English CC", "closedCaptions": True},
        ],
        "generatedSubtitles": [],
    }
    del media["chapters"]
    return {**media, **changes}


@pytest.mark.parametrize(
    "raw, seconds",
    [
        ("00:01:30.5", 90.5),  # the contract
        ("00:01:30", 90.0),
        ("01:00:00.25", 3600.25),
        (90.5, 90.5),  # the live API
        (90, 90.0),
        ("90.5", 90.5),
    ],
)
def test_a_media_duration_is_float_seconds_in_either_shape(raw: Any, seconds: float) -> None:
    for payload in (contract_media(duration=raw), live_media(duration=raw)):
        duration = read(payload, models.Media).duration
        assert duration == seconds and type(duration) is float


@pytest.mark.parametrize("raw", ["ninety seconds", "00:01:90", "1:30:00:00", "00:01:"])
def test_a_malformed_duration_is_a_validation_error_not_none(raw: str) -> None:
    with pytest.raises(cattrs.BaseValidationError) as caught:
        serde.structure(contract_media(duration=raw), models.Media)
    assert any("@ $.duration" in line for line in cattrs.transform_error(caught.value))


@pytest.mark.parametrize("raw", ["00:01:30", "01:30.5"])
def test_clock_text_is_a_duration_only_in_duration_fields(raw: str) -> None:
    # A float field that is no duration (a view's watch time) refuses clock text, in the
    # compiled reader as in cattrs: the error names the field.
    payload = {"viewId": "v-1", "viewWatchTime": raw}
    with pytest.raises(Exception):  # noqa: B017 (the compiled reader's own failure)
        compile_structure(serde.converter, models.View)(copy.deepcopy(payload))
    with pytest.raises(cattrs.BaseValidationError) as caught:
        serde.structure(payload, models.View)
    assert any("@ $.view_watch_time" in line for line in cattrs.transform_error(caught.value))
    assert read({**payload, "viewWatchTime": "90.5"}, models.View).view_watch_time == 90.5
    # ... while both duration fields read it (their annotation stays ``float | None``)
    assert read(contract_media(duration=raw), models.Media).duration == clock(raw)
    item = read({"id": "m-1", "duration": raw}, models.PlaylistMediaItem)
    assert item.duration == clock(raw)
    assert models.Media.__annotations__["duration"] == "float | None"


def clock(text: str) -> float:
    *whole, seconds = text.split(":")
    return sum(int(part) * 60 ** (len(whole) - i) for i, part in enumerate(whole)) + float(seconds)


def test_the_contracts_mp4_support_is_the_setting() -> None:
    media = read(contract_media(), models.Media)
    assert media.mp4_support is models.Mp4Support.CAPPED_4K
    assert media.mp4_renditions is None
    both = read(contract_media(mp4Support="audioOnly,capped_4k"), models.Media)
    assert both.mp4_support is models.Mp4Support.AUDIO_ONLY_AND_CAPPED_4K
    unknown = read(contract_media(mp4Support="capped_8k"), models.Media)
    assert unknown.mp4_support == "capped_8k" and unknown.mp4_renditions is None


def test_the_live_mp4_support_is_the_renditions() -> None:
    media = read(live_media(), models.Media)
    assert media.mp4_support is None
    assert media.mp4_renditions == [
        models.Mp4Rendition(
            type=models.Mp4RenditionType.CAPPED_4K,
            status=models.Mp4RenditionStatus.READY,
            height=1080,
            width=1920,
            ext="mp4",
        ),
        models.Mp4Rendition(
            type=models.Mp4RenditionType.AUDIO_ONLY,
            status=models.Mp4RenditionStatus.PREPARING,
            ext="m4a",
        ),
    ]
    # an empty list: no renditions (yet), still not a setting
    none_yet = read(live_media(mp4Support=[]), models.Media)
    assert none_yet.mp4_renditions == [] and none_yet.mp4_support is None
    # a status this SDK doesn't know is kept as text
    later = read(live_media(mp4Support=[{"type": "capped_4k", "status": "Archived"}]), models.Media)
    assert later.mp4_renditions is not None and later.mp4_renditions[0].status == "Archived"


def test_mp4_support_is_written_back_as_it_was_read() -> None:
    for payload in (contract_media(), live_media()):
        assert read(payload, models.Media).to_dict()["mp4Support"] == payload["mp4Support"]


def test_the_live_media_fields_are_on_the_model() -> None:
    media = read(live_media(), models.Media)
    assert media.optimize_audio is True
    assert media.source_media_id == "0c4d2e8f-6f8e-4b7c-a3d1-0e7d0e0f7a11"
    assert media.stream_id == "e2b7a3c1" and media.frame_rate == "30/1"
    subtitle = media.tracks[1]
    assert (subtitle.title, subtitle.closed_captions) == ("English CC", True)
    restrictions = media.playback_ids[0].access_restrictions
    assert restrictions is not None and restrictions.domains is not None
    assert restrictions.domains.allow == ["example.com"]
    assert media.unknown_fields == {}  # every key of the live media has its field
    # the contract's fields the live media lacks are simply absent
    assert media.chapters is None
    contract = read(contract_media(), models.Media)
    assert contract.chapters == models.AIFeatureResult(status="ready", data="chapters")
    assert contract.tracks[0].width == 1920.0 and contract.unknown_fields == {}


def test_a_clip_carries_the_media_fields() -> None:
    # GET /on-demand/{sourceMediaId}/media-clips, the live item: a media cut from another
    clip = {
        **live_media(duration=12.25),
        "id": "a9f3",
        "metadata": {"scene": "intro"},
        "isAudioOnly": False,
        "subtitleAvailable": True,
        "updatedAt": "2026-03-02T08:00:00Z",
    }
    page = read([clip, contract_media(id="b0e4", duration="00:00:12.25")], list[models.Media])
    assert [c.duration for c in page] == [12.25, 12.25]
    assert page[0].source_media_id is not None and page[0].subtitle_available is True
    assert page[0].metadata == {"scene": "intro"} and page[0].updated_at is not None


# --- playlists ----------------------------------------------------------------


def test_playlist_items_durations_are_float_seconds_and_metadata_may_be_absent() -> None:
    item = {"id": MEDIA_ID, "thumbnail": "https://e.com/t.jpg", "status": "Ready"}
    contract = {
        "id": "pl-1",
        "name": "Highlights",
        "type": "smart",
        "playOrder": "createdDate ASC",
        "metadata": {"createdDate": {"startDate": "2024-01-01"}},
        "mediaList": [{**item, "duration": "00:00:10", "title": "Intro", "creatorId": "c-1"}],
    }
    live = {
        "id": "pl-1",
        "name": "Highlights",
        "type": "manual",
        "mediaList": [{**item, "duration": 10}],
    }
    from_contract, from_live = read(contract, models.Playlist), read(live, models.Playlist)
    assert from_contract.media_list[0].duration == from_live.media_list[0].duration == 10.0
    assert from_contract.play_order is models.PlaylistPlayOrder.CREATED_DATE_ASC
    assert from_live.play_order is None and from_live.metadata is None


# --- live streams, playback IDs, uploads, signing keys -------------------------


def test_a_new_live_stream_lists_its_media_and_simulcasts() -> None:
    rules = {"defaultPolicy": "deny", "allow": ["example.com"], "deny": []}
    stream = {
        "streamId": "ls-1",
        "streamKey": "sk-secret",
        "status": "idle",
        "playbackIds": [
            {"id": "p-1", "accessPolicy": "public", "accessRestrictions": {"domains": rules}}
        ],
        "mediaIds": ["m-1", "m-2"],
        "simulcastResponses": [
            {
                "simulcastId": "s-1",
                "url": "rtmps://live.example/app",
                "streamKey": "k",
                "isEnabled": True,
            }
        ],
    }
    live = read(stream, models.LiveStream)
    assert live.media_ids == ["m-1", "m-2"]
    assert [s.simulcast_id for s in live.simulcast_responses] == ["s-1"]
    domains = live.playback_ids[0].access_restrictions
    assert domains is not None and domains.domains is not None
    assert domains.domains.default_policy is models.PolicyAction.DENY
    # the contract's answer, without them
    bare = read({"streamId": "ls-1", "playbackIds": [{"id": "p-1"}]}, models.LiveStream)
    assert bare.media_ids == [] and bare.simulcast_responses == []


def test_a_new_media_playback_id_may_list_the_media_playback_ids() -> None:
    answer = {
        "id": "p-2",
        "accessPolicy": "private",
        "resolution": "1080p",
        "playbackIds": [
            {"id": "p-1", "accessPolicy": "public"},
            {"id": "p-2", "accessPolicy": "private"},
        ],
    }
    playback = read(answer, models.PlaybackId)
    assert playback.playback_ids is not None and [p.id for p in playback.playback_ids] == [
        "p-1",
        "p-2",
    ]
    assert read({"id": "p-2", "accessPolicy": "drm"}, models.PlaybackId).playback_ids is None


def test_an_upload_carries_its_id_and_media_id() -> None:
    live = {
        "uploadId": "u-1",
        "id": "u-1",
        "mediaId": MEDIA_ID,
        "status": "waiting",
        "timeout": 14400,
        "url": "https://storage.example/u-1?sig=SECRET",
        "pushMediaSettings": {
            "accessPolicy": "public",
            "mediaQuality": "standard",
            "playbackIds": [{"id": "p-9"}],
        },
    }
    upload = read(live, models.Upload)
    assert (upload.id, upload.media_id, upload.timeout) == ("u-1", MEDIA_ID, 14400.0)
    assert upload.push_media_settings is not None
    assert upload.push_media_settings.playback_ids == [models.PlaybackId(id="p-9")]
    assert read({"uploadId": "u-1", "timeout": 3600.5}, models.Upload).id is None


def test_a_listed_signing_key_names_its_workspace() -> None:
    listed = {
        "id": "key-1",
        "createdAt": "2026-03-01T10:15:30Z",
        "workspace": [{"id": "w-1", "name": "Production", "workspaceType": "live"}],
        "pagination": {"totalRecords": 1, "currentOffset": 1, "offsetCount": 1},
    }
    key = read(listed, models.SigningKey)
    assert key.workspace == [
        models.SigningKeyWorkspace(id="w-1", name="Production", workspace_type="live")
    ]
    assert key.pagination == models.Pagination(total_records=1, current_offset=1, offset_count=1)
    assert read({"id": "key-1"}, models.SigningKey).workspace is None


# --- video data ------------------------------------------------------------------


def view(**changes: Any) -> dict[str, Any]:
    return {"viewId": "v-1", "videoTitle": "Quarterly review", **changes}


@pytest.mark.parametrize("raw", [1003, "1003"])
def test_an_error_id_is_text_whichever_way_it_comes(raw: Any) -> None:
    # the contract: a number in the details and text in the list; the live API: the reverse
    assert read(view(errorId=raw), models.View).error_id == "1003"
    assert read([view(errorId=raw)], list[models.View])[0].error_id == "1003"


@pytest.mark.parametrize(
    "raw, expected", [(False, False), ("false", False), (True, True), ("true", True)]
)
def test_fp_embed_is_a_bool_whichever_way_it_comes(raw: Any, expected: bool) -> None:
    assert read(view(fpEmbed=raw), models.View).fp_embed is expected


@pytest.mark.parametrize(
    "raw, text", [(393, "393"), ("393", "393"), (393.5, "393.5"), ("100%", "100%")]
)
def test_player_size_is_text_whichever_way_it_comes(raw: Any, text: str) -> None:
    details = read(view(playerWidth=raw, playerHeight=raw), models.View)
    assert details.player_width == details.player_height == text


@pytest.mark.parametrize("raw", [12, 12.0, "12"])
def test_live_stream_latency_is_a_float(raw: Any) -> None:
    latency = read(view(liveStreamLatency=raw), models.View).live_stream_latency
    assert latency == 12.0 and type(latency) is float


@pytest.mark.parametrize("raw", [7, "7"])
def test_property_id_is_text_whichever_way_it_comes(raw: Any) -> None:
    assert read(view(propertyId=raw), models.View).property_id == "7"


def test_view_events_and_flat_custom_dimensions() -> None:
    details = read(
        view(
            custom1="gold",
            custom10="beta",
            custom={"Custom": [{"dimensionName": "custom_1", "value": "gold"}]},
            events=[
                {"e": "playing", "vt": 1710591347846, "pt": 8990},  # the contract
                {
                    "e": "variantChanged",
                    "vt": "1710592342067",
                    "eventTime": "1710592342070",
                    "d": {"br": 7837883, "cd": "avc1.4d4028", "h": 1920, "w": "1080"},
                },
            ],
        ),
        models.View,
    )
    assert (details.custom1, details.custom2, details.custom10) == ("gold", None, "beta")
    assert details.custom is not None and details.custom.custom is not None
    assert details.custom.custom[0].value == "gold"
    first, second = details.events
    assert (first.vt, first.event_time) == ("1710591347846", None)
    assert (second.vt, second.event_time) == ("1710592342067", "1710592342070")
    assert second.d == {"br": 7837883, "cd": "avc1.4d4028", "h": 1920, "w": "1080"}


def test_metric_comparison_items_are_typed() -> None:
    answer = [
        {
            "type": "metric",
            "name": "Playback Score",
            "metric": "playback_score",
            "measurement": "avg",
            "value": 91,
            "items": [
                {
                    "type": "metric",
                    "name": "Playback Failure",
                    "metric": "playback_failure_percentage",
                    "measurement": "avg",
                    "value": 0.5,
                    "items": [],
                }
            ],
        }
    ]
    (score,) = read(answer, list[models.MetricComparison])
    assert score.value == 91.0 and score.items is not None
    assert score.items[0] == models.MetricComparison(
        type="metric",
        name="Playback Failure",
        metric="playback_failure_percentage",
        measurement="avg",
        value=0.5,
        items=[],
    )


def test_top_errors_carry_their_id_and_description() -> None:
    report = read(
        {
            "errors": [{"code": 1003, "message": "Decode error", "count": 4, "percentage": 0.1}],
            "topErrors": [
                {
                    "id": "e-1",
                    "code": "1003",
                    "description": "The media could not be decoded",
                    "count": 4,
                }
            ],
        },
        models.PlaybackErrorReport,
    )
    assert report.errors[0].code == report.top_errors[0].code == "1003"
    assert (report.top_errors[0].id, report.top_errors[0].description) == (
        "e-1",
        "The media could not be decoded",
    )


def test_concurrent_viewer_points_carry_either_count() -> None:
    contract = {"intervalTime": "2026-03-01T10:15:00Z", "numberOfViews": 12}
    live = {"intervalTime": "2026-03-01T10:15:00Z", "metricValue": 12}
    points = read([contract, live], list[models.ConcurrentViewersPoint])
    assert (points[0].number_of_views, points[0].metric_value) == (12, None)
    assert (points[1].number_of_views, points[1].metric_value) == (None, 12)
    assert points[0].interval_time == points[1].interval_time


# --- the 422 body -------------------------------------------------------------------


def test_a_contract_422_names_its_fields() -> None:
    body = {
        "success": False,
        "error": {
            "code": 422,
            "message": "Invalid request",
            "description": "Fields are invalid",
            "fields": [{"field": "metadata", "message": "too many keys"}],
        },
    }
    assert APIErrorDetail.from_body(body) == APIErrorDetail(
        code=422,
        message="Invalid request",
        description="Fields are invalid",
        fields=(FieldError(field="metadata", message="too many keys"),),
    )


def test_a_live_422_is_read_with_its_top_level_message_and_errors() -> None:
    body = {
        "success": False,
        "message": "Validation failed",
        "error": {"code": 422.0, "fields": [{"field": "metadata", "message": "too many keys"}]},
        "errors": [
            {"field": "metadata", "message": "too many keys"},  # the same one, listed twice
            {"field": "title", "message": "at most 255 characters"},
            "accessPolicy is required",
        ],
    }
    detail = APIErrorDetail.from_body(body)
    assert detail == APIErrorDetail(
        code=422,
        message="Validation failed",
        fields=(
            FieldError(field="metadata", message="too many keys"),
            FieldError(field="title", message="at most 255 characters"),
            FieldError(message="accessPolicy is required"),
        ),
    )
    error = UnprocessableEntityError(
        status_code=422,
        error=detail,
        method="POST",
        url="https://api.example/v1/on-demand",
        headers={},
        body=b"{}",
    )
    assert "Validation failed; metadata: too many keys; title: at most 255 characters" in str(error)
    # only the top-level list: the live API without error.fields
    only_errors = APIErrorDetail.from_body(
        {"success": False, "message": "Bad", "errors": [{"field": "title"}]}
    )
    assert only_errors is not None and only_errors.fields == (FieldError(field="title"),)


def test_models_read_back_what_they_write_in_either_shape() -> None:
    for payload in (contract_media(), live_media()):
        media = read(payload, models.Media)
        assert models.Media.from_dict(media.to_dict()) == media
        assert models.Media.from_dict(media.to_dict(snake_case=True), snake_case=True) == media


# --- through the emulator, in both shapes --------------------------------------------

both_shapes = pytest.mark.parametrize("fastpix_emulator_thread", ["live", "spec"], indirect=True)


@both_shapes
def test_a_media_reads_the_same_from_either_shape(fastpix_emulator_thread: Any) -> None:
    emu = fastpix_emulator_thread
    with FastPix(emu.access_token_id, emu.secret_key, base_url=emu.base_url) as fp:
        video = models.VideoInput(url="https://example.com/a.mp4")
        created = fp.media.create(inputs=[video], mp4_support="capped_4k")
        media = fp.media.get(created.id)
    assert media.duration == 10.0 and type(media.duration) is float
    if emu.shape == "spec":
        assert media.mp4_support is models.Mp4Support.CAPPED_4K and media.mp4_renditions is None
    else:
        assert media.mp4_support is None and media.mp4_renditions
        assert media.mp4_renditions[0].type is models.Mp4RenditionType.CAPPED_4K
    assert media.unknown_fields == {}  # no key of either shape goes unread


@both_shapes
def test_deletes_answer_none_whatever_data_comes_back(fastpix_emulator_thread: Any) -> None:
    # live: playlist delete answers ``data: []``, signing key delete ``data: {message}``
    emu = fastpix_emulator_thread
    with FastPix(emu.access_token_id, emu.secret_key, base_url=emu.base_url) as fp:
        playlist = fp.playlists.create(name="Highlights", reference_id="hl-1", type="manual")
        key = fp.signing_keys.create()
        assert fp.playlists.delete(playlist.id) is None
        assert fp.signing_keys.delete(key.id) is None


@both_shapes
def test_a_view_reads_the_same_from_either_shape(fastpix_emulator_thread: Any) -> None:
    emu = fastpix_emulator_thread
    with FastPix(emu.access_token_id, emu.secret_key, base_url=emu.base_url) as fp:
        listed = fp.views.list().data[0]
        details = fp.views.get(listed.view_id)
        keys = fp.signing_keys.list().data
    assert isinstance(details.fp_embed, bool)
    assert all(isinstance(e.vt, str) and e.vt.isdigit() for e in details.events)
    assert details.unknown_fields == listed.unknown_fields == {}
    assert all(k.unknown_fields == {} for k in keys)


def test_a_live_422_names_every_invalid_field(fastpix_emulator_thread: Any) -> None:
    emu = fastpix_emulator_thread
    body = {
        "success": False,
        "message": "Validation failed",
        "error": {
            "code": 422,
            "message": "Invalid request",
            "fields": [{"field": "title", "message": "too long"}],
        },
        "errors": [
            {"field": "title", "message": "too long"},
            {"field": "metadata", "message": "too many keys"},
        ],
    }
    emu.add_fault(
        "POST",
        "/on-demand",
        status=422,
        body=json.dumps(body).encode(),
        content_type="application/json",
    )
    with FastPix(emu.access_token_id, emu.secret_key, base_url=emu.base_url) as fp:
        with pytest.raises(UnprocessableEntityError) as caught:
            fp.media.create(inputs=[models.VideoInput(url="https://example.com/a.mp4")])
    assert caught.value.error is not None
    assert caught.value.error.fields == (
        FieldError(field="title", message="too long"),
        FieldError(field="metadata", message="too many keys"),
    )
