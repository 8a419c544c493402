"""A guard that fails a test which leaves an aiohttp session, connector or socket unclosed.

aiohttp reports an unclosed session or connector twice: a ResourceWarning (already an
error in the pytest configuration, but only if the object is collected while a test
runs) and an "Unclosed ..." record on the ``asyncio`` logger. The guard collects
garbage at the end of the test and fails on either.

Test modules opt in with ``from tests.reliability._leaks import no_leaks  # noqa: F401``.
"""

from __future__ import annotations

import gc
import logging
import warnings
from collections.abc import Iterator

import pytest


class _Unclosed(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Unclosed" in message or "unclosed" in message:
            self.messages.append(message)


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    handler = _Unclosed()
    asyncio_logger = logging.getLogger("asyncio")
    asyncio_logger.addHandler(handler)
    try:
        yield
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            gc.collect()
    finally:
        asyncio_logger.removeHandler(handler)
    leaked = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert not leaked + handler.messages, f"left unclosed: {leaked + handler.messages}"
