"""Playback errors (video data) through the SDK, checked against the failed views."""

from __future__ import annotations

from fastpix_async.models import PlaybackErrorReport
from fastpix_async.testing import FastPixEmulator

from ._integration import Coverage, make_client

# views.list(error_code=...) is the yardstick for each error's count
COVERAGE = Coverage.of_group("playback_errors", setup={"list_video_views"})
MONTH = "30:days"


async def test_error_counts_match_the_failed_views(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        report = await fp.playback_errors.list(timespan=MONTH, limit=2)
        assert isinstance(report, PlaybackErrorReport) and report.errors
        assert [e.code for e in report.top_errors] == [e.code for e in report.errors[:2]]
        everything = await fp.views.list(timespan=MONTH, limit=1)
        assert everything.pagination is not None and everything.pagination.total_records
        for error in report.errors:
            assert error.code is not None and error.count
            failed = await fp.views.list(timespan=MONTH, error_code=error.code, limit=1)
            assert failed.pagination is not None
            assert failed.pagination.total_records == error.count
            assert error.percentage == round(error.count / everything.pagination.total_records, 6)

        report = await fp.playback_errors.list(timespan=MONTH, filter_by=["browser_name:Safari"])
        safari = await fp.views.list(
            timespan=MONTH, filter_by=["browser_name:Safari", "playback_failed:true"], limit=1
        )
        assert safari.pagination is not None
        assert sum(e.count or 0 for e in report.errors) == safari.pagination.total_records
    COVERAGE.assert_received(emulator)
