"""Live streams, their playback IDs and simulcasts through the SDK, against the emulator.

The emulator plays the broadcaster: ``set_live_stream_status`` moves a stream to
``active`` as pushing video to it would.
"""

from __future__ import annotations

import pytest

from fastpix_async import AsyncFastPix, BadRequestError, NotFoundError
from fastpix_async.models import (
    AccessRestrictions,
    InputMediaSettings,
    LiveStream,
    LiveStreamStatus,
    PlaybackSettings,
    RestrictionRules,
)
from fastpix_async.testing import FastPixEmulator

from ._integration import Coverage, make_client

COVERAGE = Coverage.of_group("live_streams")
TARGET = "rtmps://live.example.com/app"


async def new_stream(fp: AsyncFastPix) -> LiveStream:
    return await fp.live_streams.create(
        playback_settings=PlaybackSettings(
            access_policy="private",
            access_restrictions=AccessRestrictions(
                domains=RestrictionRules(default_policy="deny", allow=["example.com"])
            ),
        ),
        input_media_settings=InputMediaSettings(
            max_resolution="720p",
            reconnect_window=120,
            metadata={"event": "keynote"},
            enable_recording=False,
        ),
    )


async def status_of(fp: AsyncFastPix, stream_id: str) -> object:
    return (await fp.live_streams.get(stream_id)).status


async def test_live_stream_lifecycle(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        stream = await new_stream(fp)
        stream_id = stream.stream_id
        assert stream.status is LiveStreamStatus.IDLE and stream.stream_key
        assert [p.access_policy for p in stream.playback_ids] == ["private"]
        fetched = await fp.live_streams.get(stream_id)
        assert (fetched.max_resolution, fetched.metadata) == ("720p", {"event": "keynote"})
        assert fetched.enable_recording is False
        first_rules = fetched.playback_ids[0].access_restrictions
        assert first_rules is not None and first_rules.domains is not None
        assert first_rules.domains.allow == ["example.com"]

        await fp.live_streams.update(stream_id, metadata={"event": "q&a"}, reconnect_window=300)
        changed = await fp.live_streams.get(stream_id)
        assert (changed.metadata, changed.reconnect_window) == ({"event": "q&a"}, 300)

        # simulcasts are added while the stream is idle
        simulcast = await fp.live_streams.simulcasts.create(
            stream_id, url=TARGET, stream_key="target-key", metadata={"to": "example"}
        )
        got = await fp.live_streams.simulcasts.get(stream_id, simulcast.simulcast_id)
        assert (got.url, got.is_enabled, got.metadata) == (TARGET, True, {"to": "example"})
        await fp.live_streams.simulcasts.update(stream_id, simulcast.simulcast_id, is_enabled=False)
        listed = (await fp.live_streams.get(stream_id)).simulcast_responses
        assert [(s.simulcast_id, s.is_enabled) for s in listed] == [(simulcast.simulcast_id, False)]
        await fp.live_streams.simulcasts.delete(stream_id, simulcast.simulcast_id)
        with pytest.raises(NotFoundError):
            await fp.live_streams.simulcasts.get(stream_id, simulcast.simulcast_id)

        created = await fp.live_streams.playback_ids.create(
            stream_id,
            access_policy="public",
            access_restrictions=AccessRestrictions(
                user_agents=RestrictionRules(default_policy="allow", deny=["BadBot/1.0"])
            ),
        )
        playback_id = created.id
        assert playback_id is not None and created.access_restrictions is not None
        assert created.access_restrictions.user_agents == RestrictionRules(
            default_policy="allow", allow=[], deny=["BadBot/1.0"]
        )
        # create → restrict → get: the playback ID keeps its rules (each PATCH sends all three)
        domains = await fp.live_streams.playback_ids.update_domain_restrictions(
            stream_id, playback_id, default_policy="deny", allow=["example.com"]
        )
        assert domains == RestrictionRules(default_policy="deny", allow=["example.com"], deny=[])
        agents = await fp.live_streams.playback_ids.update_user_agent_restrictions(
            stream_id, playback_id, default_policy="deny", allow=["GoodPlayer/2.0"]
        )
        assert agents == RestrictionRules(default_policy="deny", allow=["GoodPlayer/2.0"], deny=[])
        playback = await fp.live_streams.playback_ids.get(stream_id, playback_id)
        assert (playback.id, playback.access_policy) == (playback_id, "public")
        assert playback.access_restrictions == AccessRestrictions(
            domains=domains, user_agents=agents
        )
        assert len((await fp.live_streams.get(stream_id)).playback_ids) == 2
        await fp.live_streams.playback_ids.delete(stream_id, playback_id)
        with pytest.raises(NotFoundError):
            await fp.live_streams.playback_ids.get(stream_id, playback_id)
        assert len((await fp.live_streams.get(stream_id)).playback_ids) == 1

        # a broadcast: viewers while active; completing it leaves a recording
        emulator.set_live_stream_status(stream_id, "active")
        emulator.set_live_viewer_count(stream_id, 12)
        assert (await fp.live_streams.viewer_count(stream_id)).views == 12
        await fp.live_streams.complete(stream_id)
        done = await fp.live_streams.get(stream_id)
        assert done.status is LiveStreamStatus.IDLE and len(done.media_ids) == 1
        assert (await fp.live_streams.viewer_count(stream_id)).views == 0

        await fp.live_streams.disable(stream_id)
        assert await status_of(fp, stream_id) is LiveStreamStatus.DISABLED
        await fp.live_streams.enable(stream_id)
        assert await status_of(fp, stream_id) is LiveStreamStatus.IDLE

        second = await new_stream(fp)
        first_page = await fp.live_streams.list(limit=1, order_by="asc")
        assert first_page.pagination is not None and first_page.pagination.total_records == 2
        assert [s.stream_id for s in first_page.data] == [stream_id]
        assert first_page.has_next_page()
        next_page = await first_page.next_page()
        assert [s.stream_id for s in next_page.data] == [second.stream_id]
        assert not next_page.has_next_page()
        everything = [s.stream_id async for s in fp.live_streams.list_all(limit=1)]
        assert everything == [second.stream_id, stream_id]  # newest first by default

        await fp.live_streams.delete(stream_id)
        with pytest.raises(NotFoundError):
            await fp.live_streams.get(stream_id)
    COVERAGE.assert_received(emulator)


async def test_state_rules_are_bad_requests_and_change_nothing(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator, max_retries=0) as fp:
        stream_id = (await new_stream(fp)).stream_id

        with pytest.raises(BadRequestError) as enable_idle:
            await fp.live_streams.enable(stream_id)  # enable only from disabled
        assert enable_idle.value.error is not None
        assert enable_idle.value.error.message == "Invalid live stream state"
        assert "is idle; it can be enabled only when disabled" in (
            enable_idle.value.error.description or ""
        )
        with pytest.raises(BadRequestError):
            await fp.live_streams.complete(stream_id)  # complete only from active
        assert await status_of(fp, stream_id) is LiveStreamStatus.IDLE

        emulator.set_live_stream_status(stream_id, "active")
        with pytest.raises(BadRequestError) as busy:
            await fp.live_streams.simulcasts.create(stream_id, url=TARGET, stream_key="k")
        assert busy.value.error is not None
        assert "can get a simulcast only when idle" in (busy.value.error.description or "")
        assert (await fp.live_streams.get(stream_id)).simulcast_responses == []

        await fp.live_streams.disable(stream_id)
        with pytest.raises(BadRequestError):
            await fp.live_streams.complete(stream_id)
        assert await status_of(fp, stream_id) is LiveStreamStatus.DISABLED


async def test_unknown_streams_are_not_found(fastpix_emulator_thread: FastPixEmulator) -> None:
    async with make_client(fastpix_emulator_thread, max_retries=0) as fp:
        with pytest.raises(NotFoundError) as raised:
            await fp.live_streams.disable("0" * 32)
        assert raised.value.error is not None
        assert raised.value.error.message == "Live stream not found"
        with pytest.raises(NotFoundError):
            await fp.live_streams.simulcasts.update("0" * 32, "1" * 32, is_enabled=True)
