"""A batch job: create many media, then read them all back concurrently, within a bound.

``fp.imap(function, items, concurrency=...)`` runs any call over many items and hands
back each outcome as it comes, holding no more than ``concurrency`` of them;
``fp.map`` and ``fp.media.get_many(ids, concurrency=...)`` return one list in input
order. All of them carry a failure (an unknown id, say) in its item's place instead of
raising, so one bad item never sinks the batch.

Runs against the real API when FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY are set,
and against the embedded FastPix emulator when they are not.

    python examples/batch_job.py [COUNT]
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from contextlib import AsyncExitStack
from typing import TypeVar

from fastpix_async import APIStatusError, BatchProgress
from fastpix_async.models import Media, PlaybackId, VideoInput

from _offline import connect, step

SAMPLE_VIDEO = "https://static.fastpix.com/fp-sample-video.mp4"
CONCURRENCY = 4
UNKNOWN_ID = "00000000-0000-4000-8000-000000000404"  # well-formed, and no media has it
R = TypeVar("R")


def failure(exc: Exception) -> str:
    if isinstance(exc, APIStatusError):
        return f"{type(exc).__name__} ({exc.status_code})"
    return repr(exc)


def show(keys: list[str], results: list[R | Exception], describe: Callable[[R], str]) -> int:
    """One line per item, in input order; returns how many failed."""
    failures = 0
    for key, result in zip(keys, results, strict=True):
        if isinstance(result, Exception):
            failures += 1
            print(f"  {key}: FAILED {failure(result)}")
        else:
            print(f"  {key}: {describe(result)}")
    return failures


async def main(count: int) -> None:
    async with AsyncExitStack() as stack:
        fp = await connect(stack)

        step(f"Create {count} media, at most {CONCURRENCY} requests at a time (fp.map)")

        async def create(number: int) -> Media:
            return await fp.media.create(
                inputs=[VideoInput(url=SAMPLE_VIDEO)],
                metadata={"job": "batch_job", "item": str(number)},
            )

        created = await fp.map(create, range(count), concurrency=CONCURRENCY)
        ids = [media.id for media in created if isinstance(media, Media)]
        print(f"created {len(ids)} of {count}: {', '.join(ids[:3])}{', ...' if count > 3 else ''}")

        step("Fetch them all plus an unknown id (media.get_many)")
        wanted = [*ids, UNKNOWN_ID]
        fetched = await fp.media.get_many(wanted, concurrency=CONCURRENCY)
        fetch_failures = show(wanted, fetched, lambda media: f"{media.status}")

        step("Report each media as it becomes ready (fp.imap over wait_until_ready)")

        async def wait(media_id: str) -> Media:
            return await fp.media.wait_until_ready(media_id, poll_interval=0.25, timeout=300)

        progress = BatchProgress()
        async for outcome in fp.imap(wait, ids, concurrency=CONCURRENCY, progress=progress):
            state = outcome.unwrap().status if outcome.ok else f"FAILED {outcome.exception!r}"
            print(f"  [{progress.done}/{progress.total}] {outcome.item}: {state}")
        ready_count = progress.done - progress.failed
        print(f"{ready_count} of {len(ids)} ready")

        step("Give each a private playback ID, and try one unknown media (fp.map)")

        async def add_playback(media_id: str) -> PlaybackId:
            return await fp.media.playback_ids.create(media_id, access_policy="private")

        targets = [*ids, UNKNOWN_ID]
        playbacks = await fp.map(add_playback, targets, concurrency=CONCURRENCY)
        playback_failures = show(targets, playbacks, lambda playback: f"playback id {playback.id}")

        step("Summary")
        print(
            f"created {len(ids)}, fetched {len(wanted) - fetch_failures} of {len(wanted)} "
            f"({fetch_failures} failed), ready {ready_count}, "
            f"playback ids {len(targets) - playback_failures} of {len(targets)} "
            f"({playback_failures} failed)"
        )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 8))
