"""The scaling-out examples' batch, checked at the emulator: every item handled once.

The Dask example runs as a user runs it (a subprocess, a cluster of two worker
processes); the process-pool example's worker functions run under
``multiprocessing.Pool``. Both work on media a test emulator holds, which answers 2% of
item requests with a 503: at the emulator each item's update carries one idempotency key
(its retries the same one), and every request beyond one update and one read per item is
a retry the example counted.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from fastpix_async import InternalServerError, NotFoundError
from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator, run_emulator_in_thread
from fastpix_sync import FastPix

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
sys.path.insert(0, str(EXAMPLES))  # the examples' own modules, as their scripts see them

from _scaling import ITEM_ROUTE, RUN_KEY, UNKNOWN_ID, chunks  # noqa: E402

SUMMARY = re.compile(
    r"^done ([\d,]+) of ([\d,]+); failed ([\d,]+) \((.*)\); retries ([\d,]+)$", re.M
)


@pytest.fixture
def emulator() -> Iterator[FastPixEmulator]:
    with run_emulator_in_thread(processing_seconds=0) as running:
        yield running


def media_in(emulator: FastPixEmulator, count: int) -> list[str]:
    """``count`` new media IDs and the unknown one; from here, 2% of item requests fail."""
    with FastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url) as fp:

        def create(_: int) -> str:
            return fp.media.create(inputs=[VideoInput(url="https://example.com/v.mp4")]).id

        ids: list[str] = fp.map(create, range(count), concurrency=16, return_exceptions=False)  # type: ignore[assignment]
    for method in ("PATCH", "GET"):
        emulator.add_fault(method, ITEM_ROUTE, status=503, probability=0.02, times=sys.maxsize)
    emulator.reset_stats()
    return [*ids, UNKNOWN_ID]


def assert_each_item_handled_once(emulator: FastPixEmulator, ids: list[str], retries: int) -> None:
    keys: defaultdict[str, set[str | None]] = defaultdict(set)
    reads: Counter[str] = Counter()
    calls = [r for r in emulator.requests if r.route == ITEM_ROUTE]
    for call in calls:
        media_id = call.path.rsplit("/", 1)[1]
        if call.method == "PATCH":
            keys[media_id].add(call.headers.get("Idempotency-Key"))
        else:
            reads[media_id] += 1
    assert set(keys) == set(ids)
    assert all(len(sent) == 1 and None not in sent for sent in keys.values())  # one update each
    assert UNKNOWN_ID not in reads  # its update failed: never read
    # one update per item, one read per updated item: everything else is a counted retry
    assert len(calls) == len(ids) + len(reads) + retries
    assert retries > 0  # the 503s were met, and retried


def check_outcomes(done: int, failed: int, kinds: str, total: int) -> None:
    """One NotFoundError (the unknown ID); rarely, an item whose 3 attempts all met a 503."""
    by_type = dict(re.findall(r"(\w+) ([\d,]+)", kinds))
    assert by_type.pop("NotFoundError") == "1"
    assert (
        set(by_type) <= {"InternalServerError"} and int(by_type.get("InternalServerError", 0)) <= 2
    )
    assert done + failed == total


def test_the_dask_example_handles_every_item_exactly_once(
    emulator: FastPixEmulator, tmp_path: Path
) -> None:
    ids = media_in(emulator, 3000)
    id_file = tmp_path / "ids.txt"
    id_file.write_text("\n".join(ids))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FASTPIX_")}
    env.update(
        FASTPIX_ACCESS_TOKEN_ID=emulator.access_token_id,
        FASTPIX_SECRET_KEY=emulator.secret_key,
        FASTPIX_BASE_URL=emulator.base_url,
        PYTHONWARNINGS="default::ResourceWarning",
    )
    finished = subprocess.run(
        [sys.executable, str(EXAMPLES / "dask_batch.py"), "--ids", str(id_file), "--workers", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    for trouble in ("Traceback", "ResourceWarning", "Unclosed"):
        assert trouble not in finished.stderr, finished.stderr
    summary = SUMMARY.search(finished.stdout)
    assert summary, finished.stdout
    done, total, failed, retries = (int(summary.group(i).replace(",", "")) for i in (1, 2, 3, 5))
    assert total == len(ids)
    check_outcomes(done, failed, summary.group(4), total)
    assert f"{UNKNOWN_ID}: NotFoundError 404 Media not found" in finished.stdout
    assert_each_item_handled_once(emulator, ids, retries)


# Python 3.12+ warns that forking a process that runs threads (the emulator's) may
# deadlock the child; the pool's children never touch what those threads hold.
@pytest.mark.filterwarnings("ignore:.*use of fork\\(\\) may lead to deadlocks:DeprecationWarning")
def test_a_multiprocessing_pool_carries_the_404_back_and_handles_every_item_once(
    emulator: FastPixEmulator,
) -> None:
    import process_pool_batch as example

    from fastpix_async import AsyncFastPix

    ids = media_in(emulator, 400)
    fp = AsyncFastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url)
    run_id = uuid.uuid4().hex
    tasks = [(task, run_id, 8) for task in chunks(ids, 50)]
    with multiprocessing.Pool(2, initializer=example.start_worker, initargs=(fp,)) as pool:
        results = pool.starmap(example.run_task, tasks)
    outcomes = [outcome for task_outcomes, _ in results for outcome in task_outcomes]
    failures = {
        media_id: o for media_id, o in zip(ids, outcomes, strict=True) if isinstance(o, Exception)
    }
    missing = failures.pop(UNKNOWN_ID)
    assert isinstance(missing, NotFoundError) and missing.status_code == 404
    assert missing.method == "PATCH" and missing.url.endswith("/on-demand/" + UNKNOWN_ID)
    assert all(isinstance(error, InternalServerError) for error in failures.values())
    assert len(failures) <= 2
    done = [o for o in outcomes if isinstance(o, str)]
    assert sorted(done) == sorted(set(ids) - {UNKNOWN_ID} - set(failures))
    assert_each_item_handled_once(emulator, ids, sum(retries for _, retries in results))
    with FastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
    ) as check:
        media = check.media.get(done[0])
    assert (media.metadata or {})[RUN_KEY] == run_id
