"""Scaling out with a process pool: the Dask example's batch on ``ProcessPoolExecutor``.

Each worker process gets one ``AsyncFastPix`` from the pool's initializer (sent to it
pickled: its settings and credentials travel, its connections don't) and keeps it for
every task it runs. A task runs its ``--chunk`` media under ``asyncio.run``, as a Celery
task or a script running a job per event loop would: the client opens a session in each
new loop and closes it as that loop ends. ``fp.map`` keeps at most ``--concurrency``
calls in flight; every item comes back with its ID or the typed error it raised, and
the summary counts them by type, with the SDK's retries.

Offline (no credentials) it creates ``--count`` media in a fresh emulator that answers 2%
of item requests with a 503, which the SDK retries; with FASTPIX_ACCESS_TOKEN_ID and
FASTPIX_SECRET_KEY set it works on the media listed in ``--ids FILE``.

    python examples/process_pool_batch.py [--count 20000] [--workers 2] [--concurrency 16]
"""

from __future__ import annotations

import asyncio
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from functools import partial
from itertools import repeat

from fastpix_async import AsyncFastPix

from _offline import step
from _scaling import (
    RUN_KEY,
    ItemResult,
    NotUpdatedError,
    RetryCounter,
    arguments,
    chunks,
    count_retries,
    prepare,
    summarise,
)

# This worker process's client and retry count, set once by its pool's initializer.
_fp: AsyncFastPix | None = None
_retries: RetryCounter | None = None


def start_worker(fp: AsyncFastPix) -> None:
    global _fp, _retries
    _fp, _retries = fp, count_retries(fp.retry)


async def update_then_read(fp: AsyncFastPix, run_id: str, media_id: str) -> str:
    """One item: set its metadata, read it back, check the update is there."""
    # One key per item, which the SDK's own retries of this update keep: retried or not,
    # the server sees it once.
    keyed = fp.with_options(extra_headers={"Idempotency-Key": str(uuid.uuid4())})
    await keyed.media.update(media_id, metadata={RUN_KEY: run_id})
    media = await fp.media.get(media_id)
    if (media.metadata or {}).get(RUN_KEY) != run_id:
        raise NotUpdatedError(media_id)
    return media_id


def run_task(media_ids: list[str], run_id: str, concurrency: int) -> tuple[list[ItemResult], int]:
    """One task: every item's outcome, and how many retries the task took."""
    assert _fp is not None and _retries is not None, "start_worker runs first"
    before = _retries.count  # a worker process runs one task at a time
    work = _fp.map(partial(update_then_read, _fp, run_id), media_ids, concurrency=concurrency)
    outcomes = asyncio.run(work)  # a new event loop per task: the client follows it
    return outcomes, _retries.count - before


def main() -> None:
    args = arguments(__doc__.split("\n\n", 1)[0])
    with ExitStack() as stack:
        ids, settings = prepare(stack, args)
        fp = AsyncFastPix(**settings)  # only sent to the workers: it opens nothing here
        run_id = uuid.uuid4().hex[:12]
        tasks = chunks(ids, args.chunk)
        step(f"{len(ids):,} items in {len(tasks)} tasks on {args.workers} worker processes")
        pool = stack.enter_context(
            ProcessPoolExecutor(args.workers, initializer=start_worker, initargs=(fp,))
        )
        started = time.perf_counter()
        results = list(pool.map(run_task, tasks, repeat(run_id), repeat(args.concurrency)))
        seconds = time.perf_counter() - started
    outcomes = [outcome for task_outcomes, _ in results for outcome in task_outcomes]
    summarise(ids, outcomes, sum(task_retries for _, task_retries in results), seconds)


if __name__ == "__main__":  # worker processes may import this file: they must not run it
    main()
