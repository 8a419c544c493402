"""Fixtures of the reliability tests."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from types import FrameType

import pytest


@pytest.fixture
def interrupt_after() -> Iterator[Callable[[float], None]]:
    """Raise KeyboardInterrupt in the main thread after a delay, as Ctrl-C does (SIGALRM)."""

    def ctrl_c(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, ctrl_c)
    try:
        yield lambda seconds: signal.setitimer(signal.ITIMER_REAL, seconds)  # type: ignore[func-returns-value]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
