"""What the examples share: the real API when credentials are set, else the embedded emulator.

Each example imports this as a sibling module, so it runs as ``python examples/<name>.py``.
"""

from __future__ import annotations

import os
from contextlib import AsyncExitStack, ExitStack

from fastpix_async import AsyncFastPix
from fastpix_sync import FastPix


def use_real_api() -> bool:
    return bool(os.environ.get("FASTPIX_ACCESS_TOKEN_ID") and os.environ.get("FASTPIX_SECRET_KEY"))


def step(text: str) -> None:
    print(f"\n== {text}")


async def connect(stack: AsyncExitStack, *, processing_seconds: float = 0.5) -> AsyncFastPix:
    """An ``AsyncFastPix`` closed with ``stack``: the real API, or a fresh emulator."""
    if use_real_api():
        print("Using the FastPix API with the credentials from the environment.")
        return await stack.enter_async_context(AsyncFastPix())
    from fastpix_async.testing import FastPixEmulator

    emulator = await stack.enter_async_context(
        FastPixEmulator(processing_seconds=processing_seconds)
    )
    print(f"No credentials set: using the embedded FastPix emulator at {emulator.base_url}")
    return await stack.enter_async_context(
        AsyncFastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url)
    )


def connect_sync(stack: ExitStack, *, processing_seconds: float = 0.5) -> FastPix:
    """The same for the synchronous client, with the emulator on a background thread."""
    if use_real_api():
        print("Using the FastPix API with the credentials from the environment.")
        return stack.enter_context(FastPix())
    from fastpix_sync.testing import run_emulator_in_thread

    emulator = stack.enter_context(run_emulator_in_thread(processing_seconds=processing_seconds))
    print(f"No credentials set: using the embedded FastPix emulator at {emulator.base_url}")
    return stack.enter_context(
        FastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url)
    )
