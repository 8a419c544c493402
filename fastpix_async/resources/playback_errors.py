"""``fp.playback_errors``: the errors players met, and how often."""

from __future__ import annotations

from collections.abc import Sequence

from .._checks import TimespanArg, analytics_params, check_limit
from .._http import query
from ..models.analytics import PlaybackErrorReport
from ._base import AsyncResource


class AsyncPlaybackErrorsResource(AsyncResource):
    """The errors players reported, counted over the views of a timespan."""

    __slots__ = ()

    async def list(
        self,
        *,
        timespan: TimespanArg | None = None,
        filter_by: str | Sequence[str] | None = None,
        limit: int | None = None,
    ) -> PlaybackErrorReport:
        """The errors of the views in ``timespan`` matching ``filter_by``, with the most
        frequent in ``top_errors``."""
        params = {**analytics_params(timespan, filter_by), "limit": check_limit(limit, None)}
        return await self._requester.request(
            "GET", "/data/errors", PlaybackErrorReport, params=query(params)
        )
