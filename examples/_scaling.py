"""What the scaling-out examples share: flags, the media to work on, retries, the summary.

``dask_batch.py`` and ``process_pool_batch.py`` run one job — set a media's metadata,
then read it back — over many media in worker processes. This module prepares the
batch (offline: media created in a fresh emulator that then answers 2% of item requests
with a 503, plus one unknown ID; with credentials: the IDs in ``--ids FILE``), counts
each worker's retries from the SDK's log records, and prints the summary both end with.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from fastpix_async import APIStatusError, RetryPolicy
from fastpix_async.models import VideoInput
from fastpix_sync import FastPix

from _offline import client_settings, emulator_thread, step

RUN_KEY = "batch_run"  # the metadata key each item's update sets
ITEM_ROUTE = "/on-demand/{mediaId}"  # both calls of an item: PATCH, then GET
FAULT_RATE = 0.02  # offline: the share of item requests the emulator answers 503
# A well-formed id no media has: an item that fails, to show a typed error coming back.
UNKNOWN_ID = "00000000-0000-4000-8000-000000000404"
SAMPLE_VIDEO = "https://static.fastpix.com/fp-sample-video.mp4"

# One item's outcome: its media ID once done, else the exception it raised.
ItemResult = str | Exception


class NotUpdatedError(Exception):
    """The re-read media does not carry the metadata its update set."""


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--count", type=int, default=20_000, help="media to work on, offline")
    parser.add_argument(
        "--ids",
        type=Path,
        help="media IDs, one a line (required with credentials; their metadata is overwritten)",
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--concurrency", type=int, default=16, help="calls at once per worker")
    parser.add_argument("--chunk", type=int, default=250, help="media per task")
    return parser.parse_args()


def prepare(stack: ExitStack, args: argparse.Namespace) -> tuple[list[str], dict[str, str]]:
    """The media IDs to work on, and the client settings that reach them."""
    emulator = emulator_thread(stack, processing_seconds=0)
    settings = client_settings(emulator)
    if emulator is None:
        if args.ids is None:
            sys.exit("With credentials set, pass --ids FILE: the media whose metadata to set.")
        return args.ids.read_text().split(), settings
    step(f"Create {args.count:,} media in the emulator")
    with FastPix(**settings) as fp:

        def create(_: int) -> str:
            return fp.media.create(inputs=[VideoInput(url=SAMPLE_VIDEO)]).id

        ids = fp.map(create, range(args.count), concurrency=32, return_exceptions=False)
    for method in ("PATCH", "GET"):
        emulator.add_fault(
            method, ITEM_ROUTE, status=503, probability=FAULT_RATE, times=sys.maxsize
        )
    print(
        f"from now on it answers {FAULT_RATE:.0%} of item requests with a 503; and one unknown ID"
    )
    return [*ids, UNKNOWN_ID], settings  # type: ignore[list-item]  # return_exceptions=False


def chunks(ids: Sequence[str], size: int) -> list[list[str]]:
    return [list(ids[start : start + size]) for start in range(0, len(ids), size)]


class RetryCounter(logging.Filter):
    """Counts this process's retries from the SDK's log records; keeps them off the console.

    Every attempt that failed in a way the policy retries is logged at INFO, with its
    outcome and attempt number: each one but a last attempt is followed by a retry.
    """

    def __init__(self, policy: RetryPolicy) -> None:
        super().__init__()
        self._policy = policy
        self._lock = threading.Lock()  # fp.map's threads log at once
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        attempt = getattr(record, "fastpix_attempt", None)
        outcome = getattr(record, "fastpix_outcome", None)
        retryable = outcome in self._policy.status_codes or (
            isinstance(outcome, str) and self._policy.retry_connection_errors
        )
        if retryable and attempt is not None and attempt < self._policy.max_attempts:
            with self._lock:
                self.count += 1
        return False


def count_retries(policy: RetryPolicy) -> RetryCounter:
    counter = RetryCounter(policy)
    logger = logging.getLogger("fastpix")
    logger.setLevel(logging.INFO)  # the retryable failures; successes log at DEBUG
    logger.addFilter(counter)
    return counter


def describe(error: Exception) -> str:
    if isinstance(error, APIStatusError):
        message = error.error.message if error.error else ""
        return f"{type(error).__name__} {error.status_code} {message}".rstrip()
    return f"{type(error).__name__}: {error}"


def summarise(
    ids: Sequence[str], outcomes: Sequence[ItemResult], retries: int, seconds: float
) -> None:
    step("Summary")
    failures = [
        (media_id, o) for media_id, o in zip(ids, outcomes, strict=True) if isinstance(o, Exception)
    ]
    by_type = Counter(type(error).__name__ for _, error in failures)
    kinds = ", ".join(f"{name} {count:,}" for name, count in sorted(by_type.items()))
    print(
        f"done {len(ids) - len(failures):,} of {len(ids):,}; "
        f"failed {len(failures):,} ({kinds or 'none'}); retries {retries:,}"
    )
    for media_id, error in failures[:5]:
        print(f"  {media_id}: {describe(error)}")
    print(f"{len(ids) / seconds:,.0f} items/s ({seconds:.2f} s for the batch)")
