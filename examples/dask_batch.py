"""Scaling out with Dask: set the metadata of many media, then read each back, on a cluster.

A ``dask.distributed`` ``LocalCluster`` of worker processes runs the batch in tasks of
``--chunk`` media. Each worker process holds one ``FastPix`` client, reused by every task
it runs: a ``WorkerPlugin`` carries it there (pickled: its settings and credentials
travel, its connections don't) and closes it when the worker stops. Inside a task,
``fp.map`` keeps at most ``--concurrency`` calls in flight. Every item comes back with
an outcome — its ID, or the typed error it raised (errors pickle) — so a failure never
sinks the batch, and the summary counts them by type, with the SDK's retries.

Offline (no credentials) it creates ``--count`` media in a fresh emulator that answers 2%
of item requests with a 503, which the SDK retries; with FASTPIX_ACCESS_TOKEN_ID and
FASTPIX_SECRET_KEY set it works on the media listed in ``--ids FILE``. ``--workers 0``
runs the same tasks in this process, without Dask, for comparison.

    pip install "fastpix-sdk[dask]"
    python examples/dask_batch.py [--count 20000] [--workers 2] [--concurrency 16] [--chunk 250]
"""

from __future__ import annotations

import logging
import time
import uuid
from contextlib import ExitStack
from functools import partial

from distributed import Client, LocalCluster, Worker, WorkerPlugin, get_worker

from fastpix_sync import FastPix

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


def update_then_read(fp: FastPix, run_id: str, media_id: str) -> str:
    """One item: set its metadata, read it back, check the update is there."""
    # One key per item, which the SDK's own retries of this update keep: retried or not,
    # the server sees it once.
    keyed = fp.with_options(extra_headers={"Idempotency-Key": str(uuid.uuid4())})
    keyed.media.update(media_id, metadata={RUN_KEY: run_id})
    media = fp.media.get(media_id)
    if (media.metadata or {}).get(RUN_KEY) != run_id:
        raise NotUpdatedError(media_id)
    return media_id


def work_on(
    fp: FastPix, retries: RetryCounter, media_ids: list[str], run_id: str, concurrency: int
) -> tuple[list[ItemResult], int]:
    """One task: every item's outcome, and how many retries the task took."""
    before = retries.count  # one task at a time per worker (threads_per_worker=1)
    outcomes = fp.map(partial(update_then_read, fp, run_id), media_ids, concurrency=concurrency)
    return outcomes, retries.count - before


class OneClientPerWorker(WorkerPlugin):
    """Gives each worker process its own copy of a client, for every task it runs."""

    name = "fastpix"

    def __init__(self, fp: FastPix) -> None:
        self.fp = fp  # unpickled on each worker: a fresh pool there, opened by its first task

    def setup(self, worker: Worker) -> None:
        self.retries = count_retries(self.fp.retry)

    def teardown(self, worker: Worker) -> None:
        self.fp.close()


def run_task(media_ids: list[str], run_id: str, concurrency: int) -> tuple[list[ItemResult], int]:
    plugin: OneClientPerWorker = get_worker().plugins[OneClientPerWorker.name]  # type: ignore[assignment]
    return work_on(plugin.fp, plugin.retries, media_ids, run_id, concurrency)


def main() -> None:
    args = arguments(__doc__.split("\n\n", 1)[0])
    with ExitStack() as stack:
        ids, settings = prepare(stack, args)
        fp = stack.enter_context(FastPix(**settings))
        run_id = uuid.uuid4().hex[:12]
        tasks = chunks(ids, args.chunk)
        if args.workers == 0:
            step(f"{len(ids):,} items in {len(tasks)} tasks, in this process (no Dask)")
            retries = count_retries(fp.retry)
            started = time.perf_counter()
            results = [work_on(fp, retries, task, run_id, args.concurrency) for task in tasks]
        else:
            step(f"Start a LocalCluster of {args.workers} worker processes")
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=args.workers,
                    threads_per_worker=1,  # concurrency comes from fp.map inside each task
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            dask = stack.enter_context(Client(cluster))
            dask.register_plugin(OneClientPerWorker(fp))
            step(f"{len(ids):,} items in {len(tasks)} tasks, {args.concurrency} at once per worker")
            started = time.perf_counter()
            futures = dask.map(
                run_task, tasks, run_id=run_id, concurrency=args.concurrency, pure=False
            )
            results = dask.gather(futures)
        seconds = time.perf_counter() - started
    outcomes = [outcome for task_outcomes, _ in results for outcome in task_outcomes]
    summarise(ids, outcomes, sum(task_retries for _, task_retries in results), seconds)


if __name__ == "__main__":  # worker processes import this file too: they must not run it
    main()
