"""``fp.metrics``: a quality or engagement metric, overall, broken down, over time, compared."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._checks import TimespanArg, analytics_params, check_limit, optional_enum, optional_text
from .._http import path, query
from .._pagination import AsyncPage, every_item
from ..models.analytics import (
    Dimension,
    Measurement,
    Metric,
    MetricBreakdownItem,
    MetricComparison,
    MetricTimeseriesPoint,
    MetricValue,
    TimeseriesGroupBy,
)
from ..models.common import SortOrder
from ._base import AsyncResource


def _metric_path(metric_id: Metric | str, kind: str) -> str:
    return path("/data/metrics/{metric_id}/" + kind, metric_id=Metric(metric_id).value)


class AsyncMetricsResource(AsyncResource):
    """Metrics of views (``"views"``, ``"quality_of_experience_score"``, …) in a ``timespan``
    (``"24:hours"``, … or a (start, end) pair), for the views the ``filter_by`` entries select
    (``"country:IN"``; ``"!device_type:Mobile"`` excludes)."""

    __slots__ = ()

    async def overall(
        self,
        metric_id: Metric | str,
        *,
        timespan: TimespanArg | None = None,
        measurement: Measurement | str | None = None,
        filter_by: str | Sequence[str] | None = None,
    ) -> MetricValue:
        """The metric over the whole timespan, aggregated by ``measurement`` (``"avg"``, …)."""
        params = {
            "measurement": optional_enum(Measurement, measurement),
            **analytics_params(timespan, filter_by),
        }
        return await self._requester.request(
            "GET", _metric_path(metric_id, "overall"), MetricValue, params=query(params)
        )

    async def breakdown(
        self,
        metric_id: Metric | str,
        *,
        timespan: TimespanArg | None = None,
        filter_by: str | Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 1,
        group_by: Dimension | str | None = None,
        order_by: str | None = None,
        sort_order: SortOrder | str | None = None,
        measurement: Measurement | str | None = None,
    ) -> AsyncPage[MetricBreakdownItem]:
        """One page of the metric per value of the ``group_by`` dimension (``"browser_name"``…)."""
        params = {
            **analytics_params(timespan, filter_by),
            "limit": check_limit(limit, maximum=None),
            "groupBy": optional_enum(Dimension, group_by),
            "orderBy": optional_text("order_by", order_by),
            "sortOrder": optional_enum(SortOrder, sort_order),
            "measurement": optional_enum(Measurement, measurement),
        }
        return await self._list(
            _metric_path(metric_id, "breakdown"), MetricBreakdownItem, params, offset
        )

    breakdown_all: Final = every_item(breakdown)

    async def timeseries(
        self,
        metric_id: Metric | str,
        *,
        timespan: TimespanArg | None = None,
        group_by: TimeseriesGroupBy | str | None = None,
        sort_order: SortOrder | str | None = None,
        measurement: Measurement | str | None = None,
        filter_by: str | Sequence[str] | None = None,
    ) -> list[MetricTimeseriesPoint]:
        """The metric per interval (``group_by``: ``"minute"``, ``"ten_minutes"``, ``"hour"``,
        ``"day"``)."""
        params = {
            "groupBy": optional_enum(TimeseriesGroupBy, group_by),
            "sortOrder": optional_enum(SortOrder, sort_order),
            "measurement": optional_enum(Measurement, measurement),
            **analytics_params(timespan, filter_by),
        }
        return await self._requester.request(
            "GET",
            _metric_path(metric_id, "timeseries"),
            list[MetricTimeseriesPoint],
            params=query(params),
        )

    async def comparison(
        self,
        *,
        timespan: TimespanArg | None = None,
        filter_by: str | Sequence[str] | None = None,
        dimension: Dimension | str | None = None,
        value: str | None = None,
    ) -> list[MetricComparison]:
        """Every metric for the views whose ``dimension`` has ``value`` (e.g. ``"browser_name"``,
        ``"Chrome"``), to compare with the rest."""
        params = {
            **analytics_params(timespan, filter_by),
            "dimension": optional_enum(Dimension, dimension),
            "value": optional_text("value", value),
        }
        return await self._requester.request(
            "GET", "/data/metrics/comparison", list[MetricComparison], params=query(params)
        )
