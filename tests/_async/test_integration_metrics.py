"""Metrics (video data) through the SDK: overall, breakdown, timeseries and comparison agree."""

from __future__ import annotations

import pytest

from fastpix_async import UnprocessableEntityError
from fastpix_async.models import (
    Measurement,
    Metric,
    MetricBreakdownItem,
    MetricComparison,
    MetricTimeseriesPoint,
    MetricValue,
)
from fastpix_async.testing import FastPixEmulator

from ._integration import Coverage, make_client

COVERAGE = Coverage.of_group("metrics")
MONTH = "30:days"


async def test_metrics_add_up(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        overall = await fp.metrics.overall(Metric.VIEWS, timespan=MONTH, measurement="count")
        assert isinstance(overall, MetricValue) and overall.total_views
        total = overall.total_views
        assert overall.value == total

        first = await fp.metrics.breakdown(
            Metric.VIEWS, timespan=MONTH, group_by="browser_name", limit=2, sort_order="desc"
        )
        assert all(isinstance(row, MetricBreakdownItem) for row in first.data)
        assert first.has_next_page()
        rows = [
            row
            async for row in fp.metrics.breakdown_all(
                Metric.VIEWS, timespan=MONTH, group_by="browser_name", limit=2
            )
        ]
        assert sum(row.views or 0 for row in rows) == total
        chrome = next(row for row in rows if row.field == "Chrome")

        scoped = await fp.metrics.overall(
            "quality_of_experience_score",
            timespan=MONTH,
            measurement=Measurement.AVG,
            filter_by=["browser_name:Chrome"],
        )
        assert scoped.total_views == chrome.views and scoped.value is not None

        points = await fp.metrics.timeseries(Metric.VIEWS, timespan=MONTH, group_by="day")
        assert all(isinstance(p, MetricTimeseriesPoint) for p in points)
        assert sum(p.number_of_views or 0 for p in points) == total

        compared = await fp.metrics.comparison(
            timespan=MONTH, dimension="browser_name", value="Chrome"
        )
        assert all(isinstance(row, MetricComparison) for row in compared)
        views_row = next(row for row in compared if row.metric == "views")
        assert views_row.value == chrome.views
    COVERAGE.assert_received(emulator)


async def test_too_fine_a_timeseries_is_unprocessable(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread, max_retries=0) as fp:
        with pytest.raises(UnprocessableEntityError) as raised:
            await fp.metrics.timeseries(Metric.VIEWS, timespan=MONTH, group_by="minute")
    assert raised.value.status_code == 422 and raised.value.error is not None
    assert [f.field for f in raised.value.error.fields] == ["groupBy"]
