"""Running the emulator for synchronous code (its own thread) and from the command line."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator

from ._emulator import FastPixEmulator


@contextlib.contextmanager
def run_emulator_in_thread(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    access_token_id: str | None = None,
    secret_key: str | None = None,
    processing_seconds: float = 0.3,
    workspace_id: str | None = None,
) -> Iterator[FastPixEmulator]:
    """``with run_emulator_in_thread() as emu:`` serves from a background event loop.

    The emulator's knobs (faults, stats, status setters) may be used from the caller's
    thread; leaving the block stops the server and joins the thread.
    """
    emulator = FastPixEmulator(
        host=host,
        port=port,
        access_token_id=access_token_id,
        secret_key=secret_key,
        processing_seconds=processing_seconds,
        workspace_id=workspace_id,
    )
    ready = threading.Event()
    failure: list[BaseException] = []
    handles: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    async def serve() -> None:
        try:
            await emulator.start()
        except BaseException as exc:
            failure.append(exc)
            ready.set()
            return
        stop = asyncio.Event()
        handles.append((asyncio.get_running_loop(), stop))
        ready.set()
        try:
            await stop.wait()
        finally:
            await emulator.close()

    thread = threading.Thread(target=asyncio.run, args=(serve(),), name="fastpix-emulator")
    thread.daemon = True  # never keep the interpreter alive on its own
    thread.start()
    ready.wait()
    if failure:
        thread.join()
        raise failure[0]
    loop, stop = handles[0]
    try:
        yield emulator
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join()


async def serve_until_stopped(emulator: FastPixEmulator) -> None:
    """Start, print where and how to connect, and serve until SIGINT or SIGTERM."""
    async with emulator:
        print(f"FASTPIX_BASE_URL={emulator.base_url}", flush=True)
        print(f"FASTPIX_ACCESS_TOKEN_ID={emulator.access_token_id}", flush=True)
        print(f"FASTPIX_SECRET_KEY={emulator.secret_key}", flush=True)
        print("FastPix emulator running; press Ctrl-C to stop.", file=sys.stderr, flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Windows' loop has no signal handlers: Ctrl-C still ends asyncio.run there
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stop.set)
        await stop.wait()
