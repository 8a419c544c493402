"""Dimensions (video data) through the SDK, checked against the views they describe."""

from __future__ import annotations

from fastpix_async.models import Dimension, DimensionValue
from fastpix_async.testing import FastPixEmulator

from ._integration import Coverage, make_client

# views.list is the yardstick: a dimension's counts must add up to the views listed
COVERAGE = Coverage.of_group("dimensions", setup={"list_video_views"})
MONTH = "30:days"


async def test_dimension_values_count_the_listed_views(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        names = await fp.dimensions.list()
        assert Dimension.BROWSER_NAME in names and Dimension.COUNTRY in names

        values = await fp.dimensions.filter_values(Dimension.BROWSER_NAME, timespan=MONTH)
        assert values and all(isinstance(v, DimensionValue) for v in values)
        everything = await fp.views.list(timespan=MONTH, limit=1)
        assert everything.pagination is not None
        assert sum(v.count or 0 for v in values) == everything.pagination.total_records

        commonest = values[0]
        only = await fp.views.list(
            timespan=MONTH, filter_by=[f"browser_name:{commonest.value}"], limit=1
        )
        others = await fp.views.list(
            timespan=MONTH, filter_by=[f"!browser_name:{commonest.value}"], limit=1
        )
        assert only.pagination is not None and others.pagination is not None
        assert only.pagination.total_records == commonest.count
        assert (commonest.count or 0) + (others.pagination.total_records or 0) == sum(
            v.count or 0 for v in values
        )

        # a filter narrows the values of another dimension to those views
        within = await fp.dimensions.filter_values(
            "os_name", timespan=MONTH, filter_by=[f"browser_name:{commonest.value}"]
        )
        assert sum(v.count or 0 for v in within) == commonest.count
    COVERAGE.assert_received(emulator)
