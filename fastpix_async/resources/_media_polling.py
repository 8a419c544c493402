"""``fp.media`` calls built on ``get``: many media at once, or one until it is ready."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import _backend, _bounded
from .._checks import check_concurrency
from .._http import path
from ..batch import BatchProgress
from ..errors import MediaFailedError, WaitTimeoutError
from ._base import AsyncResource

if TYPE_CHECKING:
    from ..models.media import Media


class AsyncMediaPolling(AsyncResource):
    """``get_many`` and ``wait_until_ready``, mixed into ``AsyncMediaResource``."""

    __slots__ = ()

    if TYPE_CHECKING:  # defined by AsyncMediaResource

        async def get(self, media_id: str) -> Media:
            """Read one media (see ``AsyncMediaResource.get``)."""
            ...

    async def get_many(
        self,
        media_ids: Iterable[str],
        *,
        concurrency: int | None = None,
        return_exceptions: bool = True,
        progress: BatchProgress | None = None,
    ) -> list[Media | Exception]:
        """Fetch many media in parallel, at most ``concurrency`` at a time, and return them
        as one list, in input order.

        A media that can't be fetched is returned as its exception (``NotFoundError``, …)
        in its place; with ``return_exceptions=False`` the first failure is raised and
        the remaining fetches are cancelled. Every ID is checked before any is sent.

        The list holds every media until the last fetch ends; for more IDs than that
        should hold, loop over ``fp.imap(fp.media.get, media_ids)`` instead, which hands
        each one back as it comes.
        """
        ids = list(media_ids)
        for media_id in ids:
            path("{media_id}", media_id=media_id)
        limit = check_concurrency(concurrency, self._requester.transport.max_connections)
        return await _bounded.bounded_map(
            self.get,
            ids,
            concurrency=limit,
            return_exceptions=return_exceptions,
            progress=progress,
        )

    async def wait_until_ready(
        self,
        media_id: str,
        *,
        timeout: float = 900.0,
        poll_interval: float = 2.0,
        max_poll_interval: float = 30.0,
    ) -> Media:
        """Poll until the media is ready and return it.

        Polls start every ``poll_interval`` seconds and back off (x1.5) up to
        ``max_poll_interval``. Raises ``MediaFailedError`` if processing fails and
        ``WaitTimeoutError`` after ``timeout`` seconds; both carry the last ``media``.
        """
        if timeout <= 0 or poll_interval <= 0 or max_poll_interval < poll_interval:
            raise ValueError("need timeout > 0 and 0 < poll_interval <= max_poll_interval")
        deadline = time.monotonic() + timeout
        interval = poll_interval
        while True:
            media = await self.get(media_id)
            if media.is_ready:
                return media
            if media.is_failed:
                raise MediaFailedError(media)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(media, timeout)
            await _backend.sleep(min(interval, remaining))
            interval = min(interval * 1.5, max_poll_interval)
