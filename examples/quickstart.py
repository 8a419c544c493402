"""The main job, end to end: create media from a URL, upload a local file, wait for it,
add a track, a private playback ID, list with pagination, and fetch many media concurrently.

Runs against the real API when FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY are set,
and against the embedded FastPix emulator (no network needed) when they are not.

    python examples/quickstart.py [video-file]

Without a video file, the emulator gets a few generated megabytes to upload; against the
real API the upload step needs a real video.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import uuid
from contextlib import AsyncExitStack
from pathlib import Path

from fastpix_async.models import VideoInput

from _offline import connect, step, use_real_api

SAMPLE_VIDEO = "https://static.fastpix.com/fp-sample-video.mp4"
SAMPLE_SUBTITLES = "https://static.fastpix.com/fp-sample-subtitles.vtt"


def video_to_upload(stack: AsyncExitStack) -> Path | None:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    if use_real_api():
        return None
    folder = stack.enter_context(tempfile.TemporaryDirectory())
    path = Path(folder) / "generated.mp4"
    path.write_bytes(os.urandom(3 * 1024 * 1024 + 12345))  # the emulator takes any bytes
    return path


def show_progress(sent: int, total: int) -> None:
    print(f"  {sent:>9,} of {total:,} bytes confirmed ({sent * 100 // total}%)")


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

        step("Upload a local file, in resumable 1 MiB chunks")
        video = video_to_upload(stack)
        if video is None:
            print("skipped: pass a video file to upload (python examples/quickstart.py clip.mp4)")
        else:
            upload = await fp.media.upload_file(
                video,
                chunk_size=1024 * 1024,
                on_progress=show_progress,
                access_policy="private",
                metadata={"example": "quickstart"},
            )
            print(f"upload {upload.upload_id} complete: media {upload.media_id}")

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
        unknown = str(uuid.uuid4())  # a well-formed id that names no media: a 404
        ids = [media.id, unknown, media.id]
        for media_id, result in zip(ids, await fp.media.get_many(ids, concurrency=10), strict=True):
            outcome = result.status if not isinstance(result, Exception) else repr(result)
            print(f"  {media_id}: {outcome}")

        step("Done")


if __name__ == "__main__":
    asyncio.run(main())
