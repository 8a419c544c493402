"""Playlists through the SDK, over real sockets, against the emulator."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from fastpix_async import AsyncFastPix, BadRequestError, ConflictError, NotFoundError
from fastpix_async.models import (
    DateRange,
    PlaylistPlayOrder,
    PlaylistType,
    SmartPlaylistRules,
    VideoInput,
)
from fastpix_async.testing import FastPixEmulator

from ._integration import VIDEO, Coverage, make_client

COVERAGE = Coverage.of_group("playlists", setup={"create-media"})


async def new_media_ids(fp: AsyncFastPix, count: int) -> list[str]:
    return [(await fp.media.create(inputs=[VideoInput(url=VIDEO)])).id for _ in range(count)]


async def test_manual_playlist_lifecycle(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        intro, tour, outro = await new_media_ids(fp, 3)
        playlist = await fp.playlists.create(
            name="Onboarding", reference_id="onb-1", type="manual", description="first steps"
        )
        assert playlist.type is PlaylistType.MANUAL and playlist.media_count == 0

        added = await fp.playlists.add_media(playlist.id, media_ids=[intro, tour, outro])
        assert [m.id for m in added.media_list] == [intro, tour, outro]
        fetched = await fp.playlists.get(playlist.id)
        assert [m.id for m in fetched.media_list] == [intro, tour, outro]
        assert fetched.media_count == 3 and fetched.description == "first steps"

        await fp.playlists.reorder_media(playlist.id, media_ids=[outro, intro, tour])
        reordered = await fp.playlists.get(playlist.id)
        assert [m.id for m in reordered.media_list] == [outro, intro, tour]

        remaining = await fp.playlists.remove_media(playlist.id, media_ids=[intro])
        assert [m.id for m in remaining.media_list] == [outro, tour]

        await fp.playlists.update(playlist.id, name="Onboarding v2", description="shorter")
        renamed = await fp.playlists.get(playlist.id)
        assert (renamed.name, renamed.description) == ("Onboarding v2", "shorter")
        assert [m.id for m in renamed.media_list] == [outro, tour]

        others = [
            (await fp.playlists.create(name=f"P{n}", reference_id=f"p-{n}", type="manual")).id
            for n in range(2)
        ]
        first = await fp.playlists.list(limit=2)
        assert first.pagination is not None and first.pagination.total_records == 3
        assert len(first.data) == 2 and first.has_next_page()
        last = await first.next_page()
        assert len(last.data) == 1 and not last.has_next_page()
        by_offset = await fp.playlists.list(limit=2, offset=2)
        assert [p.id for p in by_offset.data] == [p.id for p in last.data]
        everything = [p.id async for p in fp.playlists.list_all(limit=1)]
        assert sorted(everything) == sorted([playlist.id, *others])

        await fp.playlists.delete(playlist.id)
        with pytest.raises(NotFoundError):
            await fp.playlists.get(playlist.id)
        assert playlist.id not in [p.id async for p in fp.playlists.list_all()]
    COVERAGE.assert_received(emulator)


async def test_unknown_media_is_refused_and_nothing_is_added(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread, max_retries=0) as fp:
        (known,) = await new_media_ids(fp, 1)
        playlist = await fp.playlists.create(name="Mixed", reference_id="mix", type="manual")
        with pytest.raises(NotFoundError) as raised:
            await fp.playlists.add_media(playlist.id, media_ids=[known, "no-such-media"])
        assert raised.value.error is not None
        assert raised.value.error.description == "Media with id 'no-such-media' was not found"
        assert (await fp.playlists.get(playlist.id)).media_list == []


async def test_playlist_rules_are_typed_errors(fastpix_emulator_thread: FastPixEmulator) -> None:
    async with make_client(fastpix_emulator_thread, max_retries=0) as fp:
        first, second = await new_media_ids(fp, 2)
        playlist = await fp.playlists.create(name="Rules", reference_id="rules", type="manual")
        await fp.playlists.add_media(playlist.id, media_ids=[first, second])

        with pytest.raises(ConflictError) as conflict:
            await fp.playlists.create(name="Again", reference_id="rules", type="manual")
        assert conflict.value.status_code == 409 and conflict.value.error is not None
        assert "referenceId 'rules' already exists" in (conflict.value.error.description or "")

        with pytest.raises(BadRequestError) as partial_order:
            await fp.playlists.reorder_media(playlist.id, media_ids=[second])
        assert partial_order.value.error is not None
        assert "exactly the media already in the playlist" in (
            partial_order.value.error.description or ""
        )

        with pytest.raises(NotFoundError):
            await fp.playlists.remove_media(playlist.id, media_ids=["never-added"])
        kept = await fp.playlists.get(playlist.id)
        assert [m.id for m in kept.media_list] == [first, second]


async def test_a_deleted_media_leaves_its_playlists(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread, max_retries=0) as fp:
        kept, gone = await new_media_ids(fp, 2)
        playlist = await fp.playlists.create(name="Cleanup", reference_id="clean", type="manual")
        await fp.playlists.add_media(playlist.id, media_ids=[gone, kept])
        await fp.media.delete(gone)
        after = await fp.playlists.get(playlist.id)
        assert [m.id for m in after.media_list] == [kept] and after.media_count == 1


async def test_smart_playlist_fills_itself_newest_first(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread, max_retries=0) as fp:
        older, newer = await new_media_ids(fp, 2)
        yesterday = datetime.now(timezone.utc).date() - timedelta(days=1)
        smart = await fp.playlists.create(
            name="Recent",
            reference_id="recent",
            type="smart",
            play_order=PlaylistPlayOrder.CREATED_DATE_DESC,
            metadata=SmartPlaylistRules(created_date=DateRange(start_date=yesterday)),
        )
        assert smart.type is PlaylistType.SMART
        assert [m.id for m in (await fp.playlists.get(smart.id)).media_list] == [newer, older]
        with pytest.raises(BadRequestError):
            await fp.playlists.add_media(smart.id, media_ids=[older])
