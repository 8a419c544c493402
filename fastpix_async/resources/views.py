"""``fp.views``: playback sessions (views), top content and concurrent viewers."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Final

from .._checks import TimespanArg, analytics_params, check_limit, optional_enum, optional_text
from .._http import path, query
from .._pagination import AsyncPage, every_item
from ..models.analytics import (
    ConcurrentViewersBreakdownItem,
    ConcurrentViewersDimension,
    ConcurrentViewersPoint,
    TopContentItem,
    View,
)
from ..models.common import SortOrder
from ._base import AsyncResource


class AsyncViewsResource(AsyncResource):
    """Views as the FastPix player SDKs record them, and what is being watched now."""

    __slots__ = ()

    async def list(
        self,
        *,
        timespan: TimespanArg | None = None,
        filter_by: str | Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 1,
        viewer_id: str | None = None,
        error_code: str | int | None = None,
        order_by: str | None = None,
        sort_order: SortOrder | str | None = None,
    ) -> AsyncPage[View]:
        """One page of views in ``timespan`` (``"24:hours"``, … or a (start, end) pair), selected
        by the ``filter_by`` entries (``"browser_name:Chrome"``, ``"!os_name:iOS"`` to exclude)."""
        if isinstance(error_code, bool) or not isinstance(error_code, (str, int, type(None))):
            raise TypeError(f"error_code must be a string or int, got {type(error_code).__name__}")
        params = {
            **analytics_params(timespan, filter_by),
            "limit": check_limit(limit, maximum=None),
            "viewerId": optional_text("viewer_id", viewer_id),
            "errorCode": None if error_code is None else str(error_code),
            "orderBy": optional_text("order_by", order_by),
            "sortOrder": optional_enum(SortOrder, sort_order),
        }
        return await self._list("/data/viewlist", View, params, offset)

    list_all: Final = every_item(list)

    async def get(self, view_id: str) -> View:
        """Everything recorded about one view."""
        return await self._requester.request(
            "GET", path("/data/viewlist/{view_id}", view_id=view_id), View
        )

    async def top_content(
        self,
        *,
        timespan: TimespanArg | None = None,
        filter_by: str | Sequence[str] | None = None,
        limit: int | None = None,
    ) -> builtins.list[TopContentItem]:
        """The most viewed videos in ``timespan``."""
        params = {**analytics_params(timespan, filter_by), "limit": check_limit(limit, None)}
        return await self._requester.request(
            "GET", "/data/viewlist/top-content", list[TopContentItem], params=query(params)
        )

    async def concurrent_timeseries(self) -> builtins.list[ConcurrentViewersPoint]:
        """Concurrent viewers over recent intervals."""
        return await self._requester.request(
            "GET",
            "/data/viewlist/current-views/getTimeseriesViews",
            list[ConcurrentViewersPoint],
        )

    async def concurrent_breakdown(
        self,
        *,
        dimension: ConcurrentViewersDimension | str | None = None,
        limit: int | None = None,
    ) -> builtins.list[ConcurrentViewersBreakdownItem]:
        """Current viewers split by ``dimension`` (``"country"``, ``"cdn"``, …)."""
        params = {
            "dimension": optional_enum(ConcurrentViewersDimension, dimension),
            "limit": check_limit(limit, None),
        }
        return await self._requester.request(
            "GET",
            "/data/viewlist/current-views/filter",
            list[ConcurrentViewersBreakdownItem],
            params=query(params),
        )
