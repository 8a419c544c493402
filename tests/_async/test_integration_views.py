"""Views (video data) through the SDK, against the emulator's seeded views."""

from __future__ import annotations

import pytest

from fastpix_async import NotFoundError, UnprocessableEntityError
from fastpix_async.models import (
    ConcurrentViewersBreakdownItem,
    ConcurrentViewersPoint,
    TopContentItem,
    View,
)
from fastpix_async.testing import FastPixEmulator

from ._integration import Coverage, make_client

COVERAGE = Coverage.of_group("views")
MONTH = "30:days"


async def test_views_answers_agree(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        first = await fp.views.list(timespan=MONTH, limit=50)
        assert first.pagination is not None and first.pagination.total_records
        total = first.pagination.total_records
        assert first.has_next_page()
        second = await first.next_page()
        assert not {v.view_id for v in first.data} & {v.view_id for v in second.data}
        every_id = [v.view_id async for v in fp.views.list_all(timespan=MONTH, limit=50)]
        assert len(every_id) == len(set(every_id)) == total
        one_page = await fp.views.list(timespan=MONTH, limit=500)  # no cap of 50 on views
        assert len(one_page.data) == total and not one_page.has_next_page()

        # a listed view is fetched with the details the list summarised
        listed = first.data[0]
        details = await fp.views.get(listed.view_id)
        assert isinstance(details, View) and details.view_id == listed.view_id
        assert (details.video_title, details.browser_name, details.os_name) == (
            listed.video_title,
            listed.application,
            listed.operating_system,
        )

        chrome = await fp.views.list(timespan=MONTH, filter_by=["browser_name:Chrome"], limit=50)
        assert chrome.data and {v.application for v in chrome.data} == {"Chrome"}
        failed = await fp.views.list(timespan=MONTH, error_code=1001, limit=50)
        assert failed.data and {v.error_code for v in failed.data} == {"1001"}

        top = await fp.views.top_content(timespan=MONTH, limit=50)
        assert all(isinstance(item, TopContentItem) for item in top)
        assert sum(item.views or 0 for item in top) == total
        counts = [item.views or 0 for item in top]
        assert counts == sorted(counts, reverse=True)

        points = await fp.views.concurrent_timeseries()
        assert len(points) == 60 and all(isinstance(p, ConcurrentViewersPoint) for p in points)
        assert points[-1].number_of_views  # some seeded views are still playing
        now = await fp.views.concurrent_breakdown(dimension="country", limit=10)
        assert now and all(isinstance(row, ConcurrentViewersBreakdownItem) for row in now)
        assert all(row.dimension_name and row.concurrent_viewers for row in now)
    COVERAGE.assert_received(emulator)


async def test_unknown_view_and_bad_filter_are_typed_errors(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread, max_retries=0) as fp:
        with pytest.raises(NotFoundError) as missing:
            await fp.views.get("no-such-view")
        assert missing.value.error is not None and missing.value.error.message == "View not found"

        with pytest.raises(UnprocessableEntityError) as invalid:
            await fp.views.list(filter_by=["not_a_dimension:1"])
        error = invalid.value.error
        assert error is not None and error.message == "Unprocessable Entity"
        assert [f.field for f in error.fields] == ["filterby[]"]
        assert "'not_a_dimension:1' must be dimension:value" in (error.fields[0].message or "")
