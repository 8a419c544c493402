"""The media operations ``test_media_emulator.py`` does not reach (clips), and a record of
which operations that module's flows do reach, so the coverage test can count them."""

from __future__ import annotations

from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator

from . import test_media_emulator as media_flows
from ._integration import VIDEO, Coverage, contract_group, make_client

CLIPS_COVERAGE = Coverage(
    frozenset({"get-media-clips", "list-live-clips"}),
    setup=frozenset({"create-media", "create-new-stream"}),
)
# What the flows of test_media_emulator.py reach; checked by replaying them below.
MEDIA_FLOWS_COVERAGE = Coverage(contract_group("media") - CLIPS_COVERAGE.covers)


async def test_clips_of_a_media_and_of_a_live_stream(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        source = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        clips = [
            await fp.media.create(
                inputs=[VideoInput(url=f"fp_mediaId://{source.id}", start_time=0, end_time=n)]
            )
            for n in (3, 4, 5)
        ]
        unrelated = await fp.media.create(inputs=[VideoInput(url=VIDEO)])

        first = await fp.media.list_clips(source.id, limit=2, order_by="asc")
        assert first.pagination is not None and first.pagination.total_records == 3
        assert [c.id for c in first.data] == [c.id for c in clips[:2]]
        assert first.has_next_page()
        rest = await first.next_page()
        assert [c.id for c in rest.data] == [clips[2].id] and not rest.has_next_page()
        every_clip = [c.id async for c in fp.media.list_clips_all(source.id, limit=1)]
        assert sorted(every_clip) == sorted(c.id for c in clips)
        assert unrelated.id not in every_clip
        assert (await fp.media.list_clips(unrelated.id)).data == []

        stream = await fp.live_streams.create()
        assert (await fp.media.list_live_clips(stream.stream_id)).data == []
        live_clip = await fp.media.create(
            inputs=[
                VideoInput(url=f"fp_livestream://{stream.stream_id}", start_time=0, end_time=30)
            ]
        )
        live_clips = [c async for c in fp.media.list_live_clips_all(stream.stream_id)]
        assert [c.id for c in live_clips] == [live_clip.id]
    CLIPS_COVERAGE.assert_received(emulator)


async def test_media_flows_reach_the_rest_of_media(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    # The flows are test_media_emulator.py's own tests, run again on one emulator: if one
    # stops calling an operation, this fails instead of the coverage silently shrinking.
    emulator = fastpix_emulator_thread
    await media_flows.test_media_lifecycle(emulator)
    await media_flows.test_tracks_and_playback_ids(emulator)
    await media_flows.test_uploads_are_listed_and_cancelled(emulator)
    MEDIA_FLOWS_COVERAGE.assert_received(emulator)
