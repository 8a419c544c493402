"""Cancelling an upload midway: an asyncio task, an anyio scope, Ctrl-C in a sync script.

Each leaves the upload cancellable through ``cancel_upload`` and the client usable.
(Async-only and sync-only by nature, so not in the generated ``tests/_async`` suite.)
"""

from __future__ import annotations

import asyncio
import os

import anyio
import pytest

from fastpix_async import AsyncFastPix
from fastpix_async.testing import FastPixEmulator
from fastpix_sync import FastPix

CHUNK = 256 * 1024
UPLOAD_ROUTE = "/upload/{uploadId}"


async def check_cancellable(fp: AsyncFastPix, emulator: FastPixEmulator, upload_id: str) -> None:
    assert emulator.upload_size(upload_id) < 3 * CHUNK
    cancelled = await fp.media.cancel_upload(upload_id)
    assert cancelled.status == "cancelled"
    assert (await fp.media.list()).data == []


async def test_cancelling_the_task_mid_chunk(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("PUT", UPLOAD_ROUTE, latency=30)  # the first chunk hangs
    async with AsyncFastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
    ) as fp:
        upload = await fp.media.create_upload()
        task = asyncio.ensure_future(
            fp.media.upload_file(os.urandom(3 * CHUNK), chunk_size=CHUNK, upload=upload)
        )
        await asyncio.sleep(0.3)  # the first chunk is on the wire, waiting for its answer
        assert any(r.route == UPLOAD_ROUTE for r in emulator.requests)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await check_cancellable(fp, emulator, upload.upload_id)


async def test_an_anyio_deadline_mid_upload(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("PUT", UPLOAD_ROUTE, latency=30)
    async with AsyncFastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
    ) as fp:
        upload = await fp.media.create_upload()
        with anyio.move_on_after(0.3) as scope:
            await fp.media.upload_file(os.urandom(3 * CHUNK), chunk_size=CHUNK, upload=upload)
        assert scope.cancelled_caught
        await check_cancellable(fp, emulator, upload.upload_id)


def test_ctrl_c_in_a_sync_upload(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread

    def press_ctrl_c(sent: int, total: int) -> None:
        raise KeyboardInterrupt

    with FastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url) as fp:
        upload = fp.media.create_upload()
        with pytest.raises(KeyboardInterrupt):
            fp.media.upload_file(
                os.urandom(3 * CHUNK), chunk_size=CHUNK, upload=upload, on_progress=press_ctrl_c
            )
        assert emulator.upload_size(upload.upload_id) == CHUNK
        assert fp.media.cancel_upload(upload.upload_id).status == "cancelled"
        assert fp.media.list().data == []
