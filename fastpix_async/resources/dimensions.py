"""``fp.dimensions``: what views can be filtered and grouped by, and the values seen."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from .._checks import TimespanArg, analytics_params
from .._http import path, query
from ..models.analytics import Dimension, DimensionValue
from ._base import AsyncResource


class AsyncDimensionsResource(AsyncResource):
    """The dimensions views can be filtered and grouped by, and the values each took."""

    __slots__ = ()

    async def list(self) -> list[Dimension | str]:
        """The dimension names (known ones as ``Dimension`` members, new ones as text)."""
        return await self._requester.request(
            "GET",
            "/data/dimensions",
            list[Dimension | str],
        )

    async def filter_values(
        self,
        dimension_id: Dimension | str,
        *,
        timespan: TimespanArg | None = None,
        filter_by: str | Sequence[str] | None = None,
    ) -> builtins.list[DimensionValue]:
        """The values a dimension took in ``timespan``, with their view counts: what
        ``filter_by=["<dimension>:<value>"]`` can name."""
        return await self._requester.request(
            "GET",
            path("/data/dimensions/{dimension_id}", dimension_id=Dimension(dimension_id).value),
            list[DimensionValue],
            params=query(analytics_params(timespan, filter_by)),
        )
