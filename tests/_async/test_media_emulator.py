"""The media resource over real sockets against the embedded emulator, faults included."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from fastpix_async import (
    APIConnectionError,
    AsyncFastPix,
    AuthenticationError,
    InternalServerError,
    NotFoundError,
    ResponseValidationError,
    RetryPolicy,
)
from fastpix_async.models import (
    AccessRestrictions,
    MaxResolution,
    Media,
    MediaStatus,
    ModerationSettings,
    RestrictionRules,
    SummarySettings,
    VideoInput,
)
from fastpix_async.testing import FastPixEmulator

VIDEO = "https://example.com/video.mp4"


def make_client(emulator: FastPixEmulator, **options: object) -> AsyncFastPix:
    options.setdefault("retry", RetryPolicy(initial_interval=0.01, max_interval=0.05))
    return AsyncFastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        **options,  # type: ignore[arg-type]
    )


async def test_media_lifecycle(fastpix_emulator_thread: FastPixEmulator) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        created = await fp.media.create(
            inputs=[VideoInput(url=VIDEO, start_time=0.5, end_time=9.75)],
            title="Launch video",
            summary=SummarySettings(summary_length=30),
            metadata={"team": "video"},
            max_resolution="360p",
        )
        fetched = await fp.media.get(created.id)
        assert fetched.id == created.id and fetched.metadata == {"team": "video"}
        assert (fetched.title, fetched.max_resolution) == ("Launch video", "360p")
        # the summary asked for at creation exists (the emulator's starts with the title)
        assert (await fp.media.get_summary(created.id)).startswith("Launch video")
        ready = await fp.media.wait_until_ready(created.id, poll_interval=0.01, timeout=10)
        assert ready.status is MediaStatus.READY

        updated = await fp.media.update(created.id, metadata={"team": "growth"}, creator_id="c-7")
        assert updated.metadata == {"team": "growth"} and updated.creator_id == "c-7"
        assert (await fp.media.get(created.id)).creator_id == "c-7"

        listed = [m.id async for m in fp.media.list_all(limit=1)]
        assert created.id in listed

        info = await fp.media.input_info(created.id)
        assert info.file is not None

        assert (await fp.media.update_source_access(created.id, source_access=True)).source_access
        await fp.media.update_mp4_support(created.id, mp4_support="capped_4k")
        assert (await fp.media.generate_summary(created.id, summary_length=60)).is_summary_enabled
        assert isinstance(await fp.media.get_summary(created.id), str)
        assert (await fp.media.generate_chapters(created.id)).is_chapters_enabled
        assert (await fp.media.generate_named_entities(created.id)).is_named_entities_enabled
        moderation = await fp.media.update_moderation(
            created.id, moderation=ModerationSettings(type="av")
        )
        assert moderation.is_moderation_enabled

        await fp.media.delete(created.id)
        with pytest.raises(NotFoundError):
            await fp.media.get(created.id)


async def test_tracks_and_playback_ids(fastpix_emulator_thread: FastPixEmulator) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        track = await fp.media.tracks.add(
            media.id,
            url="https://e.com/it.mp3",
            type="audio",
            language_code="it",
            language_name="Italian",
            title="Commentary",
        )
        assert track.id and track.language_code == "it"
        changed = await fp.media.tracks.update(
            media.id, track.id, language_name="French", title="French (dub)"
        )  # only what is given changes
        assert (changed.language_name, changed.url) == ("French", "https://e.com/it.mp3")
        subtitles = await fp.media.tracks.generate_subtitles(
            media.id, track.id, language_code="en-US", language_name="English", title="Auto"
        )
        assert subtitles.id
        await fp.media.tracks.delete(media.id, track.id)

        playback = await fp.media.playback_ids.create(
            media.id,
            access_policy="private",
            access_restrictions=AccessRestrictions(
                domains=RestrictionRules(default_policy="deny", allow=["example.com"])
            ),
        )
        assert playback.id
        assert playback.id in [p.id for p in await fp.media.playback_ids.list(media.id)]
        assert (await fp.media.playback_ids.get(media.id, playback.id)).access_policy == "private"
        rules = await fp.media.playback_ids.update_domain_restrictions(
            media.id, playback.id, default_policy="allow", deny=["bad.example"]
        )
        assert rules.deny == ["bad.example"]
        agents = await fp.media.playback_ids.update_user_agent_restrictions(
            media.id, playback.id, default_policy="deny", allow=["Good/1.0"]
        )
        assert agents.allow == ["Good/1.0"]
        await fp.media.playback_ids.delete(media.id, playback.id)
        with pytest.raises(NotFoundError):
            await fp.media.playback_ids.get(media.id, playback.id)


async def test_uploads_are_listed_and_cancelled(fastpix_emulator_thread: FastPixEmulator) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        upload = await fp.media.create_upload(access_policy="public")
        assert upload.url and upload.status == "waiting"
        waiting = [u.upload_id async for u in fp.media.list_uploads_all()]
        assert upload.upload_id in waiting
        cancelled = await fp.media.cancel_upload(upload.upload_id)
        assert cancelled.upload_id == upload.upload_id
        assert upload.upload_id not in [u.upload_id async for u in fp.media.list_uploads_all()]


@pytest.mark.parametrize(
    ("method", "call"),
    [
        (
            "media.create",
            lambda fp: fp.media.create(inputs=[VideoInput(url=VIDEO)], max_resolutoin="1080p"),
        ),
        ("media.create_upload", lambda fp: fp.media.create_upload(max_resolutoin="1080p")),
    ],
)
async def test_an_unknown_setting_is_refused_by_name_before_anything_is_sent(
    fastpix_emulator_thread: FastPixEmulator, method: str, call: Callable[[AsyncFastPix], Any]
) -> None:
    message = f"{method}() got an unexpected keyword argument 'max_resolutoin'"
    async with make_client(fastpix_emulator_thread) as fp:
        with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
            await call(fp)
    assert fastpix_emulator_thread.requests == []


async def test_upload_settings_reach_the_body_as_the_api_names_them(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        await fp.media.create_upload(metadata={"team": "video"}, max_resolution="1080p")
        await fp.media.upload_file(
            b"video bytes",
            cors_origin="https://app.example.com",
            access_policy="private",
            max_resolution=MaxResolution.R720P,
        )
    bodies = [
        json.loads(r.body)
        for r in emulator.requests
        if r.method == "POST" and r.route == "/on-demand/upload"
    ]
    assert bodies == [
        {
            "corsOrigin": "*",
            "pushMediaSettings": {
                "accessPolicy": "public",
                "metadata": {"team": "video"},
                "maxResolution": "1080p",
            },
        },
        {
            "corsOrigin": "https://app.example.com",
            "pushMediaSettings": {"accessPolicy": "private", "maxResolution": "720p"},
        },
    ]


async def test_get_many_over_real_sockets(fastpix_emulator_thread: FastPixEmulator) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        ids = [(await fp.media.create(inputs=[VideoInput(url=VIDEO)])).id for _ in range(6)]
        fastpix_emulator_thread.reset_stats()
        results = await fp.media.get_many([*ids, "missing"], concurrency=3)
    assert [r.id for r in results[:6] if isinstance(r, Media)] == ids
    assert isinstance(results[6], NotFoundError)
    assert fastpix_emulator_thread.max_in_flight <= 3


async def test_wrong_credentials_are_an_authentication_error(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with AsyncFastPix("wrong", "creds", base_url=fastpix_emulator_thread.base_url) as fp:
        with pytest.raises(AuthenticationError):
            await fp.media.list()


async def test_unknown_ids_are_not_found(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        with pytest.raises(NotFoundError):
            await fp.media.update("no-such-media", title="x")
        with pytest.raises(NotFoundError):
            await fp.media.playback_ids.create("no-such-media", access_policy="public")


async def test_5xx_burst_is_retried(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        emulator.add_fault("GET", "/on-demand/{mediaId}", status=503, times=2)
        emulator.reset_stats()
        assert (await fp.media.get(media.id)).id == media.id
    assert len(emulator.requests) == 3


async def test_429_with_retry_after_is_honoured(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator, retry=RetryPolicy(max_retry_after=0.05)) as fp:
        emulator.add_fault("GET", "/on-demand", status=429, retry_after="30")
        page = await fp.media.list()
    assert page.data == [] or page.data


async def test_create_retried_after_a_dropped_answer_creates_once(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        # The first create happens on the server but its answer is lost; the retry
        # carries the same Idempotency-Key, so the server replays instead of creating again.
        emulator.add_fault("POST", "/on-demand", drop_connection=True)
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        everything = [m.id async for m in fp.media.list_all()]
    assert everything == [media.id]


async def test_truncated_and_non_json_bodies(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator, max_retries=0) as fp:
        emulator.add_fault("GET", "/on-demand", truncate_body=True)
        with pytest.raises(APIConnectionError):
            await fp.media.list()
        emulator.add_fault(
            "GET", "/on-demand", status=200, body=b"<html>ok?</html>", content_type="text/html"
        )
        with pytest.raises(ResponseValidationError):
            await fp.media.list()
        emulator.add_fault(
            "GET",
            "/on-demand",
            status=502,
            body=b"<html>Bad gateway</html>",
            content_type="text/html",
        )
        with pytest.raises(InternalServerError):
            await fp.media.list()
