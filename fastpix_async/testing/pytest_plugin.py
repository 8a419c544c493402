"""pytest fixtures for the FastPix emulator (registered as a ``pytest11`` entry point).

``fastpix_emulator`` is an async fixture (pytest-asyncio) giving a running emulator per
test; ``fastpix_emulator_thread`` runs one in a background thread for synchronous tests.
Both start with ``processing_seconds=0`` so media are ready at once.

``fastpix_webhook_receiver`` / ``fastpix_webhook_receiver_thread`` add a local
``WebhookReceiver`` as a webhook destination of that emulator: the first runs on the
test's loop (``await receiver.wait_for_async(...)``), the second on its own thread
(``receiver.wait_for(...)`` blocks; an async test may still await ``wait_for_async``).

pytest loads this module in every run of every project that installs the SDK, so the
emulator (and aiohttp) is imported only when a test first asks for a fixture.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._emulator import FastPixEmulator
    from ._receiver import WebhookReceiver

try:  # strict-mode projects need pytest-asyncio's own decorator for async fixtures
    import pytest_asyncio

    _async_fixture = pytest_asyncio.fixture
except ImportError:  # pragma: no cover - e.g. projects on anyio's plugin
    _async_fixture = pytest.fixture  # type: ignore[assignment]


@_async_fixture
async def fastpix_emulator() -> AsyncIterator[FastPixEmulator]:
    from ._emulator import FastPixEmulator

    async with FastPixEmulator(processing_seconds=0) as emulator:
        yield emulator


@pytest.fixture
def fastpix_emulator_thread() -> Iterator[FastPixEmulator]:
    from ._runner import run_emulator_in_thread

    with run_emulator_in_thread(processing_seconds=0) as emulator:
        yield emulator


@_async_fixture
async def fastpix_webhook_receiver(
    fastpix_emulator: FastPixEmulator,
) -> AsyncIterator[WebhookReceiver]:
    from ._receiver import WebhookReceiver

    async with WebhookReceiver() as receiver:
        fastpix_emulator.add_webhook(receiver.url, receiver.secret)
        yield receiver


@pytest.fixture
def fastpix_webhook_receiver_thread(
    fastpix_emulator_thread: FastPixEmulator,
) -> Iterator[WebhookReceiver]:
    from ._runner import run_webhook_receiver_in_thread

    with run_webhook_receiver_in_thread() as receiver:
        fastpix_emulator_thread.add_webhook(receiver.url, receiver.secret)
        yield receiver
