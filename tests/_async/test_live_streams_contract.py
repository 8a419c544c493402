"""Every live stream operation (with playback IDs and simulcasts) matches the contract."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncPage
from fastpix_async.models import (
    AccessRestrictions,
    InputMediaSettings,
    LiveStream,
    LiveStreamStatus,
    PlaybackId,
    PlaybackSettings,
    RestrictionRules,
    Simulcast,
    ViewerCount,
)
from tests._server import ScriptedServer

from ._contract_checks import (
    Call,
    Calls,
    generated_response_parses,
    make_client,
    not_found_raises,
    operations_under,
    rejected_before_sending,
    request_matches_and_example_parses,
)

LIVE_CALLS: Calls = {
    "create-new-stream": (
        lambda fp: fp.live_streams.create(
            playback_settings=PlaybackSettings(
                access_policy="private",
                access_restrictions=AccessRestrictions(
                    user_agents=RestrictionRules(default_policy="allow", deny=["BadBot/1.0"])
                ),
            ),
            input_media_settings=InputMediaSettings(
                max_resolution="720p",
                media_policy="public",
                reconnect_window=120,
                metadata={"event": "keynote"},
                enable_dvr_mode=True,
                enable_recording=False,
            ),
        ),
        LiveStream,
    ),
    "get-all-streams": (
        lambda fp: fp.live_streams.list(limit=5, offset=1, order_by="asc"),
        (AsyncPage, LiveStream),
    ),
    "get-live-stream-by-id": (lambda fp: fp.live_streams.get("ls-1"), LiveStream),
    "update-live-stream": (
        lambda fp: fp.live_streams.update("ls-1", metadata={"k": "v"}, reconnect_window=300),
        LiveStream,
    ),
    "delete-live-stream": (lambda fp: fp.live_streams.delete("ls-1"), type(None)),
    "enable-live-stream": (lambda fp: fp.live_streams.enable("ls-1"), type(None)),
    "disable-live-stream": (lambda fp: fp.live_streams.disable("ls-1"), type(None)),
    "complete-live-stream": (lambda fp: fp.live_streams.complete("ls-1"), type(None)),
    "get-live-stream-viewer-count-by-id": (
        lambda fp: fp.live_streams.viewer_count("ls-1"),
        ViewerCount,
    ),
    "create-playbackId-of-stream": (
        lambda fp: fp.live_streams.playback_ids.create(
            "ls-1",
            access_policy="private",
            access_restrictions=AccessRestrictions(
                domains=RestrictionRules(default_policy="deny", allow=["example.com"])
            ),
        ),
        PlaybackId,
    ),
    "update-live-stream-domain-restrictions": (
        lambda fp: fp.live_streams.playback_ids.update_domain_restrictions(
            "ls-1", "pb-1", default_policy="deny", allow=["example.com"]
        ),
        RestrictionRules,
    ),
    "update-live-stream-user-agent-restrictions": (
        lambda fp: fp.live_streams.playback_ids.update_user_agent_restrictions(
            "ls-1", "pb-1", default_policy="allow", deny=["BadBot/1.0"]
        ),
        RestrictionRules,
    ),
    "get-live-stream-playback-id": (
        lambda fp: fp.live_streams.playback_ids.get("ls-1", "pb-1"),
        PlaybackId,
    ),
    "delete-playbackId-of-stream": (
        lambda fp: fp.live_streams.playback_ids.delete("ls-1", "pb-1"),
        type(None),
    ),
    "create-simulcast-of-stream": (
        lambda fp: fp.live_streams.simulcasts.create(
            "ls-1",
            url="rtmps://live.example.com/app",
            stream_key="target-key",
            metadata={"platform": "example"},
        ),
        Simulcast,
    ),
    "get-specific-simulcast-of-stream": (
        lambda fp: fp.live_streams.simulcasts.get("ls-1", "sc-1"),
        Simulcast,
    ),
    "update-specific-simulcast-of-stream": (
        lambda fp: fp.live_streams.simulcasts.update("ls-1", "sc-1", is_enabled=False),
        Simulcast,
    ),
    "delete-simulcast-of-stream": (
        lambda fp: fp.live_streams.simulcasts.delete("ls-1", "sc-1"),
        type(None),
    ),
}


def test_every_live_stream_operation_is_covered() -> None:
    assert set(LIVE_CALLS) == operations_under("/live/")
    assert len(LIVE_CALLS) == 18


@pytest.mark.parametrize("operation_id", sorted(LIVE_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *LIVE_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(LIVE_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *LIVE_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(LIVE_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, LIVE_CALLS[operation_id][0])


async def test_create_without_arguments_sends_the_contract_defaults(
    server: ScriptedServer,
) -> None:
    server.respond_data({"streamId": "ls-1", "status": "idle"}, status=201)
    async with make_client(server) as fp:
        stream = await fp.live_streams.create()
    assert server.last.json == {
        "playbackSettings": {"accessPolicy": "public"},
        "inputMediaSettings": {"maxResolution": "1080p", "mediaPolicy": "public"},
    }
    assert stream.id == "ls-1" and stream.status is LiveStreamStatus.IDLE


async def test_playback_id_delete_names_it_in_the_query(server: ScriptedServer) -> None:
    server.respond(200, {"success": True})
    async with make_client(server) as fp:
        await fp.live_streams.playback_ids.delete("ls-1", "pb/1")
    assert server.last.path == "/live/streams/ls-1/playback-ids"
    assert server.last.query == [("playbackId", "pb/1")]


async def test_secrets_never_reach_a_repr(server: ScriptedServer) -> None:
    server.respond_data(
        {
            "streamId": "ls-1",
            "streamKey": "STREAM-KEY-SECRET",
            "srtSecret": "SRT-SECRET",
            "srtPlaybackResponse": {
                "srtPlaybackStreamId": "play-ls-1",
                "srtPlaybackSecret": "SRT-PLAYBACK-SECRET",
            },
            "simulcastResponses": [
                {"simulcastId": "sc-1", "url": "rtmps://x/app", "streamKey": "SIMULCAST-SECRET"}
            ],
        }
    )
    async with make_client(server) as fp:
        stream = await fp.live_streams.get("ls-1")
    text = repr(stream) + str(stream)
    for secret in ("STREAM-KEY-SECRET", "SRT-SECRET", "SRT-PLAYBACK-SECRET", "SIMULCAST-SECRET"):
        assert secret not in text
    # ... while the values stay readable
    assert stream.stream_key == "STREAM-KEY-SECRET" and stream.srt_secret == "SRT-SECRET"
    assert stream.simulcast_responses[0].stream_key == "SIMULCAST-SECRET"
    assert "play-ls-1" in text and "sc-1" in text


async def test_status_is_read_in_any_case_and_unknown_values_are_kept(
    server: ScriptedServer,
) -> None:
    server.respond_data(
        [{"streamId": "a", "status": "Active"}, {"streamId": "b", "status": "Paused"}]
    )
    async with make_client(server) as fp:
        page = await fp.live_streams.list()
    assert page.data[0].status is LiveStreamStatus.ACTIVE and page.data[0].is_active
    assert page.data[1].status == "Paused" and not page.data[1].is_active
    assert page.pagination is None and not page.has_next_page()


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda fp: fp.live_streams.get(""), ValueError, "stream_id"),
        (lambda fp: fp.live_streams.enable("   "), ValueError, "stream_id"),
        (lambda fp: fp.live_streams.list(limit=51), ValueError, "limit"),
        (lambda fp: fp.live_streams.list(order_by="newest"), ValueError, "SortOrder"),
        (lambda fp: fp.live_streams.update("ls-1"), ValueError, "at least one"),
        (
            lambda fp: fp.live_streams.playback_ids.create(
                "ls-1", access_restrictions={"domains": {"allow": ["example.com"]}}
            ),
            TypeError,
            "access_restrictions",
        ),
        (
            lambda fp: fp.live_streams.playback_ids.update_domain_restrictions(
                "ls-1", "pb-1", default_policy="block"
            ),
            ValueError,
            "PolicyAction",
        ),
        (lambda fp: fp.live_streams.update("ls-1", reconnect_window=5000), ValueError, None),
        (
            lambda fp: fp.live_streams.update("ls-1", metadata={str(i): "v" for i in range(11)}),
            ValueError,
            "at most 10",
        ),
        (
            lambda fp: fp.live_streams.create(
                input_media_settings=InputMediaSettings(metadata={"k": "v" * 256})
            ),
            ValueError,
            "255",
        ),
        (
            lambda fp: fp.live_streams.create(playback_settings={"accessPolicy": "public"}),
            TypeError,
            "PlaybackSettings",
        ),
        (
            lambda fp: fp.live_streams.playback_ids.create("ls-1", access_policy="drm"),
            ValueError,
            None,
        ),
        (lambda fp: fp.live_streams.playback_ids.delete("ls-1", ""), ValueError, None),
        (
            lambda fp: fp.live_streams.simulcasts.create("ls-1", url="rtmp://x/app", stream_key=""),
            ValueError,
            "stream_key",
        ),
        (
            lambda fp: fp.live_streams.simulcasts.update("ls-1", "sc-1"),
            ValueError,
            "at least one",
        ),
        (
            lambda fp: fp.live_streams.simulcasts.update("ls-1", "sc-1", is_enabled="yes"),
            TypeError,
            "is_enabled",
        ),
        (lambda fp: fp.live_streams.simulcasts.delete("ls-1", ""), ValueError, "simulcast_id"),
    ],
)
async def test_bad_arguments_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None
) -> None:
    await rejected_before_sending(server, call, error, match)
