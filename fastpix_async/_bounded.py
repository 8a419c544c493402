"""Bounded maps: a function over many items, at most ``concurrency`` calls at a time.

``bounded_stream`` is the one implementation: ``fp.imap`` hands it to the caller, and
``bounded_map`` (``fp.map``, ``media.get_many``) collects it into a list. How calls
run is each surface's own: ``_backend.Calls``, with tasks or with threads.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from contextlib import aclosing
from typing import TypeVar

from . import _backend
from .batch import BatchProgress, Outcome

T = TypeVar("T")
R = TypeVar("R")


async def bounded_stream(
    function: _backend.MapFunction[T, R],
    items: _backend.MapItems[T],
    *,
    concurrency: int,
    ordered: bool,
    progress: BatchProgress | None,
) -> AsyncGenerator[Outcome[T, R], None]:
    """An :class:`Outcome` for each item: as calls finish, or in input order (``ordered``).

    A call holds its slot from its start until its outcome is handed back, so at most
    ``concurrency`` items are in flight or waiting to be handed back, and an item is
    read only when a slot frees: a slow caller, or (ordered) a slow first call, makes
    the reading wait. Leaving early (closing, an exception, cancellation) cancels the
    calls still running (the sync surface lets them finish) and starts no other.
    """
    progress = BatchProgress() if progress is None else progress
    progress._begin(items)
    source = _backend.iterate(items)
    calls = _backend.Calls(function, concurrency=concurrency)
    early: dict[int, Outcome[T, R]] = {}  # ordered: finished before their turn
    started = handed_back = 0
    exhausted = complete = False
    try:
        while True:
            while not exhausted and started - handed_back < concurrency:
                try:
                    item = await source.__anext__()
                except StopAsyncIteration:
                    exhausted = True
                    break
                calls.start(started, item)
                started += 1
                progress._started()
            if handed_back == started:
                complete = True
                return
            if ordered:
                while handed_back not in early:
                    finished = await calls.next_finished()
                    early[finished.index] = finished
                outcome = early.pop(handed_back)
            else:
                outcome = await calls.next_finished()
            handed_back += 1
            progress._handed_back(outcome.ok)
            yield outcome
    finally:
        await calls.stop()
        progress._stopped(complete=complete)


async def bounded_map(
    function: _backend.MapFunction[T, R],
    items: Iterable[T],
    *,
    concurrency: int,
    return_exceptions: bool,
    progress: BatchProgress | None = None,
) -> list[R | Exception]:
    """``bounded_stream``'s results as one list, in input order; a failure in its place,
    or (``return_exceptions=False``) raised, which cancels the calls still running."""
    pending = list(items)
    results: list[R | Exception] = [None] * len(pending)  # type: ignore[list-item]
    stream = bounded_stream(
        function, pending, concurrency=concurrency, ordered=False, progress=progress
    )
    async with aclosing(stream) as outcomes:
        async for outcome in outcomes:
            if return_exceptions and outcome.exception is not None:
                results[outcome.index] = outcome.exception
            else:
                results[outcome.index] = outcome.unwrap()
    return results
