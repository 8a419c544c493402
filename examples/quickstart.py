"""The main job, end to end: create media, wait for it, add a track, a private playback ID,
list with pagination, and fetch many media concurrently.

Runs against the real API when FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY are set,
and against the embedded FastPix emulator (no network needed) when they are not.

    python examples/quickstart.py
"""

from __future__ import annotations

import asyncio
import os
from contextlib import AsyncExitStack

from fastpix_async import AsyncFastPix
from fastpix_async.models import VideoInput

SAMPLE_VIDEO = "https://static.fastpix.com/fp-sample-video.mp4"
SAMPLE_SUBTITLES = "https://static.fastpix.com/fp-sample-subtitles.vtt"


def step(text: str) -> None:
    print(f"\n== {text}")


async def connect(stack: AsyncExitStack) -> AsyncFastPix:
    if os.environ.get("FASTPIX_ACCESS_TOKEN_ID") and os.environ.get("FASTPIX_SECRET_KEY"):
        print("Using the FastPix API with the credentials from the environment.")
        return await stack.enter_async_context(AsyncFastPix())
    from fastpix_async.testing import FastPixEmulator

    emulator = await stack.enter_async_context(FastPixEmulator(processing_seconds=0.5))
    print(f"No credentials set: using the embedded FastPix emulator at {emulator.base_url}")
    return await stack.enter_async_context(
        AsyncFastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url)
    )


async def main() -> None:
    async with AsyncExitStack() as stack:
        fp = await connect(stack)

        step("Create a media from a URL")
        media = await fp.media.create(
            inputs=[VideoInput(url=SAMPLE_VIDEO)],
            access_policy="public",
            metadata={"example": "quickstart"},
        )
        print(f"media {media.id}: {media.status}")

        step("Create a direct upload (a signed URL to PUT a local file to)")
        upload = await fp.media.create_upload(cors_origin="*", access_policy="private")
        print(f"upload {upload.upload_id}: {upload.status}, valid for {upload.timeout:g}s")

        step("Wait until the media is ready")
        media = await fp.media.wait_until_ready(media.id, poll_interval=0.25, timeout=120)
        print(f"media {media.id}: {media.status}, duration {media.duration}")

        step("Add a subtitle track")
        track = await fp.media.tracks.add(
            media.id,
            url=SAMPLE_SUBTITLES,
            type="subtitle",
            language_code="en",
            language_name="English",
        )
        print(f"track {track.id}: {track.type} {track.language_name}")

        step("Create a private playback ID")
        playback = await fp.media.playback_ids.create(media.id, access_policy="private")
        print(f"playback id {playback.id}: {playback.access_policy}")

        step("List media, page by page")
        page = await fp.media.list(limit=2)
        assert page.pagination is not None
        print(f"{page.pagination.total_records} media in {page.pagination.offset_count} page(s)")
        count = 0
        async for item in fp.media.list_all(limit=2):
            count += 1
            print(f"  {item.id}  {item.status}")
        print(f"listed {count}")

        step("Fetch many media concurrently")
        ids = [media.id, "does-not-exist", media.id]
        for media_id, result in zip(ids, await fp.media.get_many(ids, concurrency=10), strict=True):
            outcome = result.status if not isinstance(result, Exception) else repr(result)
            print(f"  {media_id}: {outcome}")

        step("Done")


if __name__ == "__main__":
    asyncio.run(main())
