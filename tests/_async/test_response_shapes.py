"""The SDK reads both descriptions of the API: the same calls against an emulator answering
in the live API's shapes and one answering exactly as the OpenAPI contract says, and the
same normalized values out of both (``duration`` in seconds, the MP4 setting and its
renditions apart, ...). Where only the live API sends a field, it is there from ``live``
and ``None`` from ``spec``: never a failure, never a value of another type."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncFastPix, NotFoundError
from fastpix_async.models import (
    Mp4Rendition,
    Mp4Support,
    PlaybackSettings,
    PlaylistType,
    VideoInput,
)
from fastpix_async.testing import FastPixEmulator

VIDEO = "https://example.com/video.mp4"

both_shapes = pytest.mark.parametrize("fastpix_emulator_thread", ["live", "spec"], indirect=True)


def client(emulator: FastPixEmulator) -> AsyncFastPix:
    return AsyncFastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url)


def is_live(emulator: FastPixEmulator) -> bool:
    return emulator.shape == "live"


@both_shapes
async def test_a_media_reads_the_same_from_both(fastpix_emulator_thread: FastPixEmulator) -> None:
    live = is_live(fastpix_emulator_thread)
    async with client(fastpix_emulator_thread) as fp:
        created = await fp.media.create(
            inputs=[VideoInput(url=VIDEO)], mp4_support="capped_4k", optimize_audio=True
        )
        media = await fp.media.get(created.id)
        listed = [m async for m in fp.media.list_all() if m.id == created.id]

    for read in (media, *listed):
        assert read.duration == 10.0
        if live:  # the renditions the setting asked for; the live API doesn't repeat it
            assert read.mp4_renditions == [
                Mp4Rendition(type="capped_4k", status="ready", ext="mp4", width=1920, height=1080)
            ]
            assert (read.mp4_support, read.optimize_audio) == (None, True)
        else:  # the setting, and no renditions
            assert (read.mp4_support, read.mp4_renditions) == (Mp4Support.CAPPED_4K, None)
            assert read.optimize_audio is None
    assert len(listed) == 1


@both_shapes
async def test_mp4_support_switched_off_and_on(fastpix_emulator_thread: FastPixEmulator) -> None:
    live = is_live(fastpix_emulator_thread)
    async with client(fastpix_emulator_thread) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        both = await fp.media.update_mp4_support(media.id, mp4_support="audioOnly,capped_4k")
        off = await fp.media.update_mp4_support(media.id, mp4_support=Mp4Support.NONE)
    if live:
        assert [(r.type, r.ext) for r in both.mp4_renditions or []] == [
            ("audioOnly", "m4a"),
            ("capped_4k", "mp4"),
        ]
        assert off.mp4_renditions == []
    else:
        assert (both.mp4_support, off.mp4_support) == (
            Mp4Support.AUDIO_ONLY_AND_CAPPED_4K,
            Mp4Support.NONE,
        )


@both_shapes
async def test_clips_read_their_fractional_duration(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    live = is_live(fastpix_emulator_thread)
    async with client(fastpix_emulator_thread) as fp:
        source = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        cut = VideoInput(url=f"fp_mediaId://{source.id}", start_time=1.5, end_time=7)
        clip = await fp.media.create(inputs=[cut])
        (listed,) = (await fp.media.list_clips(source.id)).data
        got = await fp.media.get(clip.id)
    # "00:00:05.5" from the contract, 5.5 from the live API
    assert (listed.id, listed.duration, got.duration) == (clip.id, 5.5, 5.5)
    # the live API's clip carries the media's fields; the contract's only a few
    assert listed.source_media_id == got.source_media_id == (source.id if live else None)
    assert listed.workspace_id == (fastpix_emulator_thread.workspace_id if live else None)


@both_shapes
async def test_tracks_and_their_titles(fastpix_emulator_thread: FastPixEmulator) -> None:
    live = is_live(fastpix_emulator_thread)
    async with client(fastpix_emulator_thread) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        track = await fp.media.tracks.add(
            media.id,
            url="https://example.com/en.vtt",
            type="subtitle",
            language_code="en",
            language_name="English",
            title="Director's commentary",
        )
        renamed = await fp.media.tracks.update(media.id, track.id or "", title="Commentary")
        (shown,) = [t for t in (await fp.media.get(media.id)).tracks if t.id == track.id]
    assert (track.language_code, renamed.language_name, shown.url) == (
        "en",
        "English",
        "https://example.com/en.vtt",
    )
    if live:
        assert (track.title, renamed.title, shown.title) == (
            "Director's commentary",
            "Commentary",
            "Commentary",
        )
        assert shown.closed_captions is False
    else:  # the contract has no track titles
        assert (track.title, renamed.title, shown.title, shown.closed_captions) == (None,) * 4


@both_shapes
async def test_playlists(fastpix_emulator_thread: FastPixEmulator) -> None:
    async with client(fastpix_emulator_thread) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        playlist = await fp.playlists.create(
            name="Shapes", reference_id="shapes", type=PlaylistType.MANUAL
        )
        added = await fp.playlists.add_media(playlist.id, media_ids=[media.id])
        got = await fp.playlists.get(playlist.id)
        # the live API answers data: [], the contract no data: both end well here
        await fp.playlists.delete(playlist.id)
        with pytest.raises(NotFoundError):
            await fp.playlists.get(playlist.id)
    for read in (added, got):
        assert [(item.id, item.duration) for item in read.media_list] == [(media.id, 10.0)]
        assert (read.play_order, read.metadata) == (None, None)  # a manual playlist has none


@both_shapes
async def test_live_streams(fastpix_emulator_thread: FastPixEmulator) -> None:
    live = is_live(fastpix_emulator_thread)
    async with client(fastpix_emulator_thread) as fp:
        created = await fp.live_streams.create(
            playback_settings=PlaybackSettings(access_policy="private")
        )
        got = await fp.live_streams.get(created.stream_id)
        playback = await fp.live_streams.playback_ids.get(
            created.stream_id, created.playback_ids[0].id or ""
        )
    for read in (created, got):
        assert (read.media_ids, read.simulcast_responses) == ([], [])
        restrictions = read.playback_ids[0].access_restrictions
        assert (restrictions is not None) is live
    if live:
        assert playback.access_restrictions is not None
        assert playback.access_restrictions.domains is not None
        assert playback.access_restrictions.domains.default_policy == "allow"
    else:
        assert playback.access_restrictions is None
    assert playback.access_policy == "private"


@both_shapes
async def test_uploads(fastpix_emulator_thread: FastPixEmulator) -> None:
    live = is_live(fastpix_emulator_thread)
    async with client(fastpix_emulator_thread) as fp:
        upload = await fp.media.create_upload(metadata={"shape": "test"})
        (listed,) = (await fp.media.list_uploads()).data
    for read in (upload, listed):
        assert read.upload_id == upload.upload_id
        # the live API names the upload and its media-to-be; the contract only uploadId
        assert (read.id, read.media_id) == ((upload.upload_id,) * 2 if live else (None, None))
        assert read.push_media_settings is not None
        assert read.push_media_settings.metadata == {"shape": "test"}


@both_shapes
async def test_signing_keys_list(fastpix_emulator_thread: FastPixEmulator) -> None:
    live = is_live(fastpix_emulator_thread)
    async with client(fastpix_emulator_thread) as fp:
        key = await fp.signing_keys.create()
        (listed,) = (await fp.signing_keys.list()).data
        await fp.signing_keys.delete(listed.id or "")
    assert listed.id == key.id
    if live:
        assert listed.workspace is not None
        assert [w.id for w in listed.workspace] == [fastpix_emulator_thread.workspace_id]
    else:
        assert listed.workspace is None


@both_shapes
async def test_views_and_errors(fastpix_emulator_thread: FastPixEmulator) -> None:
    live = is_live(fastpix_emulator_thread)
    async with client(fastpix_emulator_thread) as fp:
        errored = (await fp.views.list(timespan="7:days", error_code=1002)).data[0]
        view = await fp.views.get(errored.view_id or "")
        points = await fp.views.concurrent_timeseries()
        report = await fp.playback_errors.list(timespan="7:days")
    # an int in one, a string in the other: text in both
    assert isinstance(errored.error_id, str) and errored.error_id == view.error_id
    assert view.fp_embed is False  # a boolean in the contract, "false" in the live API
    assert view.events and all(e.vt is not None for e in view.events)
    assert all((e.event_time == e.vt) if live else e.event_time is None for e in view.events)
    # flat in the live API; the contract nests the custom dimensions under "custom"
    assert (view.custom1 in ("ShortVideo", "LongVideo")) if live else view.custom1 is None
    assert view.custom is not None
    assert len(points) == 60
    assert all(p.metric_value == (p.number_of_views if live else None) for p in points)
    top = report.top_errors[0]
    assert top.code is not None and top.message is not None
    assert (top.id is not None, top.description is not None) == (live, live)
