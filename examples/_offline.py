"""What the examples share: the real API when credentials are set, else the embedded emulator.

Each example imports this as a sibling module, so it runs as ``python examples/<name>.py``.
"""

from __future__ import annotations

import os
from contextlib import AsyncExitStack, ExitStack
from typing import TYPE_CHECKING

from fastpix_async import AsyncFastPix
from fastpix_sync import FastPix

if TYPE_CHECKING:
    from fastpix_async.testing import FastPixEmulator


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
    return await stack.enter_async_context(AsyncFastPix(**client_settings(emulator)))


def emulator_thread(stack: ExitStack, *, processing_seconds: float = 0.5) -> FastPixEmulator | None:
    """``None`` for the real API; else a fresh emulator on a background thread, for ``stack``."""
    if use_real_api():
        print("Using the FastPix API with the credentials from the environment.")
        return None
    from fastpix_sync.testing import run_emulator_in_thread

    emulator = stack.enter_context(run_emulator_in_thread(processing_seconds=processing_seconds))
    print(f"No credentials set: using the embedded FastPix emulator at {emulator.base_url}")
    return emulator


def client_settings(emulator: FastPixEmulator | None) -> dict[str, str]:
    """A client's arguments for ``emulator``; none for the real API (the environment's)."""
    if emulator is None:
        return {}
    return {
        "access_token_id": emulator.access_token_id,
        "secret_key": emulator.secret_key,
        "base_url": emulator.base_url,
    }


def connect_sync(stack: ExitStack, *, processing_seconds: float = 0.5) -> FastPix:
    """The same for the synchronous client, with the emulator on a background thread."""
    emulator = emulator_thread(stack, processing_seconds=processing_seconds)
    return stack.enter_context(FastPix(**client_settings(emulator)))
