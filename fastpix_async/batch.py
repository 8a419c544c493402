"""What the batch helpers hand back: an :class:`Outcome` per item, and :class:`BatchProgress`.

Both surfaces share these classes: ``fp.imap`` yields the same ``Outcome`` whether ``fp``
is an ``AsyncFastPix`` or a ``FastPix``.
"""

from __future__ import annotations

from collections.abc import Callable, Sized
from typing import Generic, TypeVar, cast

import attrs

__all__ = ["BatchProgress", "Outcome"]

T = TypeVar("T")
R = TypeVar("R")


@attrs.define  # not frozen: a frozen class's __init__ costs about a microsecond more a call
class Outcome(Generic[T, R]):
    """One item's call: the ``item``, its position in the input (``index``), and either
    the ``result`` or the ``exception`` the call raised (``NotFoundError``, …)."""

    index: int
    item: T
    result: R | None = None
    exception: Exception | None = None

    @property
    def ok(self) -> bool:
        """Whether the call returned (its ``result`` may still be ``None``)."""
        return self.exception is None

    def unwrap(self) -> R:
        """The result, or the call's exception raised."""
        if self.exception is not None:
            raise self.exception
        return cast(R, self.result)


@attrs.define(eq=False)
class BatchProgress:
    """Counts of a running batch, current at every moment: pass one as ``progress=``.

    ``on_update(done, total)`` is called as each outcome is handed back — the contract of
    ``upload_file``'s ``on_progress``, so the bars of :mod:`fastpix_async.progress` fit:
    ``BatchProgress(tqdm_progress(desc="media", unit="media"))``. ``total`` is
    ``len(items)`` when the items have a length, else ``None`` until the batch ends.
    """

    on_update: Callable[[int, int | None], object] | None = None
    total: int | None = None
    #: Outcomes handed back, failed ones included.
    done: int = 0
    #: Outcomes handed back that carry an exception.
    failed: int = 0
    #: Calls started whose outcome is not handed back yet.
    in_flight: int = 0

    # Kept up to date by the batch helpers (one writer: the caller's task or thread).

    def _begin(self, items: object) -> None:
        if self.total is None and isinstance(items, Sized):
            self.total = len(items)

    def _started(self) -> None:
        self.in_flight += 1

    def _handed_back(self, ok: bool) -> None:
        self.in_flight -= 1
        self.done += 1
        if not ok:
            self.failed += 1
        if self.on_update is not None:
            self.on_update(self.done, self.total)

    def _stopped(self, *, complete: bool) -> None:
        """Nothing is in flight any more; a batch read to its end knows its total."""
        self.in_flight = 0
        if complete and self.total != self.done:
            self.total = self.done
            if self.on_update is not None:
                self.on_update(self.done, self.total)
