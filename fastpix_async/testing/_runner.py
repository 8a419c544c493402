"""Running the emulator (and a webhook receiver) for synchronous code, and from the command line."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator, Mapping
from typing import Protocol, TypeVar

from ._emulator import FastPixEmulator
from ._receiver import WebhookReceiver
from ._shape import ResponseShape
from ._webhooks import DeliveryPolicy


class _Server(Protocol):
    async def start(self) -> object: ...

    async def close(self) -> None: ...


_S = TypeVar("_S", bound=_Server)


@contextlib.contextmanager
def _serve_in_thread(server: _S, name: str) -> Iterator[_S]:
    """Start ``server`` on an event loop of its own thread; stop it and join on exit."""
    ready = threading.Event()
    failure: list[BaseException] = []
    handles: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    async def serve() -> None:
        try:
            await server.start()
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
            await server.close()

    thread = threading.Thread(target=asyncio.run, args=(serve(),), name=name)
    thread.daemon = True  # never keep the interpreter alive on its own
    thread.start()
    ready.wait()
    if failure:
        thread.join()
        raise failure[0]
    loop, stop = handles[0]
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join()


@contextlib.contextmanager
def run_emulator_in_thread(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    access_token_id: str | None = None,
    secret_key: str | None = None,
    processing_seconds: float = 0.3,
    workspace_id: str | None = None,
    webhooks: Mapping[str, str | None] | None = None,
    webhook_delivery: DeliveryPolicy | None = None,
    shape: ResponseShape = "live",
) -> Iterator[FastPixEmulator]:
    """``with run_emulator_in_thread() as emu:`` serves from a background event loop.

    The emulator's knobs (faults, stats, status setters, webhooks, triggers) may be used
    from the caller's thread; leaving the block stops the server and joins the thread.
    The arguments are :class:`FastPixEmulator`'s (``shape="spec"``: the contract's shapes).
    """
    emulator = FastPixEmulator(
        host=host,
        port=port,
        access_token_id=access_token_id,
        secret_key=secret_key,
        processing_seconds=processing_seconds,
        workspace_id=workspace_id,
        webhooks=webhooks,
        webhook_delivery=webhook_delivery,
        shape=shape,
    )
    with _serve_in_thread(emulator, "fastpix-emulator") as running:
        yield running


@contextlib.contextmanager
def run_webhook_receiver_in_thread(
    *, secret: str | None = None, host: str = "127.0.0.1"
) -> Iterator[WebhookReceiver]:
    """``with run_webhook_receiver_in_thread() as receiver:`` a receiver on its own thread,
    so synchronous code can block in ``receiver.wait_for(...)``."""
    with _serve_in_thread(WebhookReceiver(secret=secret, host=host), "webhook-receiver") as r:
        yield r


async def serve_until_stopped(emulator: FastPixEmulator) -> None:
    """Start, print where and how to connect, and serve until SIGINT or SIGTERM."""
    async with emulator:
        print(f"FASTPIX_BASE_URL={emulator.base_url}", flush=True)
        print(f"FASTPIX_ACCESS_TOKEN_ID={emulator.access_token_id}", flush=True)
        print(f"FASTPIX_SECRET_KEY={emulator.secret_key}", flush=True)
        if emulator.shape != "live":
            print(f"Answering in the {emulator.shape} shapes", file=sys.stderr, flush=True)
        for destination in emulator.webhooks:
            print(f"Delivering webhooks to {destination.url}", file=sys.stderr, flush=True)
        print("FastPix emulator running; press Ctrl-C to stop.", file=sys.stderr, flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Windows' loop has no signal handlers: Ctrl-C still ends asyncio.run there
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stop.set)
        await stop.wait()
