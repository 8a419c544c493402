"""pytest fixtures for the FastPix emulator (registered as a ``pytest11`` entry point).

``fastpix_emulator`` is an async fixture (pytest-asyncio) giving a running emulator per
test; ``fastpix_emulator_thread`` runs one in a background thread for synchronous tests.
Both start with ``processing_seconds=0`` so media are ready at once.

``fastpix_webhook_receiver`` / ``fastpix_webhook_receiver_thread`` add a local
``WebhookReceiver`` as a webhook destination of that emulator: the first runs on the
test's loop (``await receiver.wait_for_async(...)``), the second on its own thread
(``receiver.wait_for(...)`` blocks; an async test may still await ``wait_for_async``).

Both answer in the live API's shapes. For the OpenAPI contract's (``"HH:MM:SS"``
durations, ``mp4Support`` as the setting), mark the test, or parametrize the fixture::

    @pytest.mark.fastpix_emulator(shape="spec")
    async def test_reads_the_contracts_shapes(fastpix_emulator): ...

    @pytest.mark.parametrize("fastpix_emulator", ["live", "spec"], indirect=True)
    async def test_reads_both(fastpix_emulator): ...

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
    from ._shape import ResponseShape

MARKER = "fastpix_emulator"

try:  # strict-mode projects need pytest-asyncio's own decorator for async fixtures
    import pytest_asyncio

    _async_fixture = pytest_asyncio.fixture
except ImportError:  # pragma: no cover - e.g. projects on anyio's plugin
    _async_fixture = pytest.fixture  # type: ignore[assignment]


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``fastpix_emulator`` marker (so ``--strict-markers`` runs accept it)."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}(shape='live'|'spec'): the shapes the emulator fixtures answer in",
    )


def _shape(request: pytest.FixtureRequest) -> ResponseShape:
    """The shape a test asks for: the fixture's parameter, else its marker, else live."""
    from ._shape import check_shape

    asked = getattr(request, "param", None)
    if asked is None:
        marker = request.node.get_closest_marker(MARKER)
        asked = marker.kwargs.get("shape", "live") if marker is not None else "live"
    return check_shape(asked)


@_async_fixture
async def fastpix_emulator(request: pytest.FixtureRequest) -> AsyncIterator[FastPixEmulator]:
    """A running emulator on the test's event loop, media ready at once; its shape from
    the fixture's parameter or the ``fastpix_emulator`` marker (default ``live``)."""
    from ._emulator import FastPixEmulator

    async with FastPixEmulator(processing_seconds=0, shape=_shape(request)) as emulator:
        yield emulator


@pytest.fixture
def fastpix_emulator_thread(request: pytest.FixtureRequest) -> Iterator[FastPixEmulator]:
    """A running emulator on a background thread (for sync tests), media ready at once;
    its shape chosen as for ``fastpix_emulator``."""
    from ._runner import run_emulator_in_thread

    with run_emulator_in_thread(processing_seconds=0, shape=_shape(request)) as emulator:
        yield emulator


@_async_fixture
async def fastpix_webhook_receiver(
    fastpix_emulator: FastPixEmulator,
) -> AsyncIterator[WebhookReceiver]:
    """A ``WebhookReceiver`` on the test's loop, added as a destination of
    ``fastpix_emulator``: ``await receiver.wait_for_async(event_type)``."""
    from ._receiver import WebhookReceiver

    async with WebhookReceiver() as receiver:
        fastpix_emulator.add_webhook(receiver.url, receiver.secret)
        yield receiver


@pytest.fixture
def fastpix_webhook_receiver_thread(
    fastpix_emulator_thread: FastPixEmulator,
) -> Iterator[WebhookReceiver]:
    """A ``WebhookReceiver`` on its own thread, added as a destination of
    ``fastpix_emulator_thread``: ``receiver.wait_for(event_type)`` blocks."""
    from ._runner import run_webhook_receiver_in_thread

    with run_webhook_receiver_in_thread() as receiver:
        fastpix_emulator_thread.add_webhook(receiver.url, receiver.secret)
        yield receiver
