"""What the async socket tests need beyond the sync ones: an event loop of their own.

Handwritten on each surface (``tests/_sync/conftest.py`` is the sync twin); generated
tests reach it through the ``run_alone`` fixture.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest


def run_alone(function: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    """``function(*args)`` to its end on a new event loop, on a thread of its own.

    How a worker process or a forked child runs async code: the thread keeps it clear
    of any loop the calling thread runs (a forked child inherits its parent's).
    Picklable, so it can be handed to a process pool.
    """
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, asyncio.run(function(*args))))
        except BaseException as exc:
            outcome.append((False, exc))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    succeeded, value = outcome[0]
    if not succeeded:
        raise value
    return value


@pytest.fixture(name="run_alone")
def run_alone_fixture() -> Callable[..., Any]:
    return run_alone
