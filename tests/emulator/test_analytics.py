"""Analytics answers all come from the same seeded views, so their numbers agree."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import aiohttp
import pytest

from fastpix_async.testing import FastPixEmulator
from tests.emulator._client import Api

WEEK = {"timespan[]": "7:days"}


async def all_views(api: Api, **params: Any) -> list[dict[str, Any]]:
    views: list[dict[str, Any]] = []
    page = 1
    while True:
        reply = await api.get(
            "data/viewlist", params={**WEEK, **params, "limit": 50, "offset": page}
        )
        views += reply.data
        if page >= reply.json["pagination"]["offsetCount"]:
            return views
        page += 1


async def overall(api: Api, metric: str, **params: Any) -> dict[str, Any]:
    reply = await api.get(f"data/metrics/{metric}/overall", params={**WEEK, **params})
    assert reply.json["metadata"] == {"aggregation": "view_end"}
    return dict(reply.data)


@pytest.mark.parametrize(
    ("timespan", "count"),
    [("60:minutes", 14), ("6:hours", 30), ("24:hours", 40), ("3:days", 55), ("7:days", 200)],
)
async def test_timespans_select_the_seeded_views(api: Api, timespan: str, count: int) -> None:
    reply = await api.get("data/viewlist", params={"timespan[]": timespan})
    assert reply.json["pagination"]["totalRecords"] == count
    start, end = reply.json["timespan"]
    assert end - start == {"60:minutes": 3600, "6:hours": 21600, "24:hours": 86400}.get(
        timespan, end - start
    )


async def test_an_epoch_pair_is_a_timespan_too(api: Api) -> None:
    now = int(time.time())
    reply = await api.get(
        "data/viewlist", params=[("timespan[]", str(now - 3 * 86400)), ("timespan[]", str(now + 5))]
    )
    assert reply.json["pagination"]["totalRecords"] == 55
    assert reply.json["timespan"] == [now - 3 * 86400, now + 5]


async def test_views_list_pages_and_filters(api: Api) -> None:
    views = await all_views(api)
    assert len(views) == 200 == len({v["viewId"] for v in views})
    ends = [v["viewEndTime"] for v in views if v["viewEndTime"]]
    assert ends == sorted(ends)  # by view end, ascending by default
    assert sum(v["viewEndTime"] is None for v in views) == 6  # still playing
    errored = await all_views(api, errorCode="1002")
    assert errored and {v["errorCode"] for v in errored} == {"1002"}
    newest = await api.get(
        "data/viewlist", params={**WEEK, "orderBy": "view_start", "sortOrder": "desc"}
    )
    starts = [v["viewStartTime"] for v in newest.data]
    assert starts == sorted(starts, reverse=True)
    detail = await api.get(f"data/viewlist/{views[0]['viewId']}")
    assert detail.data["viewId"] == views[0]["viewId"]
    assert detail.data["watchTime"] == views[0]["viewWatchTime"]
    viewer = detail.data["viewerId"]
    of_viewer = await all_views(api, viewerId=viewer)
    assert views[0]["viewId"] in {v["viewId"] for v in of_viewer}
    assert (await api.get("data/viewlist/nope")).status == 404


async def test_breakdowns_dimensions_and_top_content_add_up(api: Api) -> None:
    total = await overall(api, "views")
    assert total["totalViews"] == total["value"] == 200
    unique = await overall(api, "unique_viewers")
    assert unique["value"] == unique["uniqueViews"] == total["uniqueViews"] < 200

    rows = (
        await api.get(
            "data/metrics/views/breakdown", params={**WEEK, "groupBy": "country", "limit": 50}
        )
    ).data
    assert sum(r["views"] for r in rows) == 200
    assert sum(r["totalWatchTime"] for r in rows) == total["totalWatchTime"]
    assert sum(r["totalPlayingTime"] for r in rows) == total["totalPlayTime"]
    assert all(r["value"] == r["views"] for r in rows)

    values = (await api.get("data/dimensions/browser_name", params=WEEK)).data
    assert sum(v["count"] for v in values) == 200
    assert all(v["uniqueCount"] <= v["count"] for v in values)
    assert values == sorted(values, key=lambda v: -v["count"])

    top = (await api.get("data/viewlist/top-content", params={**WEEK, "limit": 50})).data
    views = await all_views(api)
    assert {t["videoTitle"]: t["views"] for t in top} == Counter(v["videoTitle"] for v in views)


async def test_filters_narrow_every_answer_alike(api: Api) -> None:
    country = (await api.get("data/dimensions/country", params=WEEK)).data[0]
    only = [f"country:{country['value']}"]
    narrowed = await overall(api, "views", **{"filterby[]": only})
    assert narrowed["totalViews"] == country["count"]
    assert narrowed["globalValue"] == 200  # the same metric without the filters
    excluded = await overall(api, "views", **{"filterby[]": [f"!country:{country['value']}"]})
    assert excluded["totalViews"] == 200 - country["count"]
    also_excluded = await overall(api, "views", **{"filterby[]": [f"country:!{country['value']}"]})
    assert also_excluded == excluded
    listed = await all_views(api, **{"filterby[]": only})
    assert len(listed) == country["count"]
    assert {v["country"] for v in listed} == {country["value"]}
    two = await api.get(
        "data/metrics/views/overall",
        params=[*WEEK.items(), ("filterby[]", only[0]), ("filterby[]", "browser_name:Safari")],
    )
    safari_there = [v for v in listed if v["application"] == "Safari"]
    assert two.data["totalViews"] == len(safari_there)
    compared = await api.get(
        "data/metrics/comparison",
        params={**WEEK, "dimension": "country", "value": country["value"]},
    )
    assert compared.data[0]["metric"] == "views"
    assert compared.data[0]["value"] == country["count"]


async def test_rates_and_errors_agree(api: Api) -> None:
    views = await all_views(api)
    failed = [v for v in views if v["errorCode"]]
    share = await overall(api, "playback_failure_percentage")
    assert share["value"] == pytest.approx(len(failed) / 200)
    errors = await api.get("data/errors", params={**WEEK, "limit": 2})
    listed = errors.data["errors"]
    assert {e["code"]: e["count"] for e in listed} == Counter(v["errorCode"] for v in failed)
    assert sum(e["percentage"] for e in listed) == pytest.approx(len(failed) / 200)
    top = errors.data["topErrors"]
    assert len(top) == 2 and top[0]["count"] == max(e["count"] for e in listed)
    assert all(0 < e["uniqueViewersEffectedPercentage"] <= 1 for e in top)


async def test_timeseries_buckets_count_every_view(api: Api) -> None:
    series = await api.get("data/metrics/views/timeseries", params={**WEEK, "groupBy": "day"})
    assert series.json["metadata"] == {"granularity": "day", "aggregation": "view_end"}
    points = series.data
    assert sum(p["numberOfViews"] for p in points) == 200
    assert all(p["metricValue"] in (p["numberOfViews"], None) for p in points)
    times = [p["intervalTime"] for p in points]
    assert times == sorted(times)
    hourly = await api.get("data/metrics/views/timeseries", params={"timespan[]": "24:hours"})
    assert hourly.json["metadata"]["granularity"] == "hour"
    assert sum(p["numberOfViews"] for p in hourly.data) == 40
    too_fine = await api.get(
        "data/metrics/views/timeseries", params={"timespan[]": "30:days", "groupBy": "minute"}
    )
    assert too_fine.status == 422


async def test_measurements_apply_to_numeric_metrics(api: Api) -> None:
    avg = (await overall(api, "video_startup_time"))["value"]
    median = (await overall(api, "video_startup_time", measurement="median"))["value"]
    p95 = (await overall(api, "video_startup_time", measurement="95th"))["value"]
    assert 250 <= median <= p95 <= 3200 and 250 <= avg <= 3200
    played = await overall(api, "playing_time", measurement="sum")
    assert played["value"] == played["totalPlayTime"]
    assert (
        await api.get("data/metrics/views/overall", params={"measurement": "mode"})
    ).status == 422


async def test_concurrent_viewers_are_the_views_still_playing(api: Api) -> None:
    series = await api.get("data/viewlist/current-views/getTimeseriesViews")
    assert len(series.data) == 60
    start_ms, end_ms = series.json["timespan"]
    assert 3_540_000 <= end_ms - start_ms <= 3_600_000
    assert series.data[-1]["numberOfViews"] == 6
    by_country = await api.get(
        "data/viewlist/current-views/filter", params={"dimension": "country"}
    )
    assert sum(r["metricValue"] for r in by_country.data) == 6
    assert all(r["concurrent_viewers"] <= r["metricValue"] for r in by_country.data)
    one = await api.get(
        "data/viewlist/current-views/filter", params={"dimension": "view_id", "limit": 1}
    )
    assert len(one.data) == 1
    assert (await api.get("data/viewlist/current-views/filter")).status == 422


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("data/viewlist", {"timespan[]": "2:weeks"}),
        ("data/viewlist", {"filterby[]": "planet:Mars"}),
        ("data/viewlist", {"filterby[]": "country"}),
        ("data/metrics/happiness/overall", {}),
        ("data/dimensions/planet", {}),
        ("data/metrics/views/breakdown", {"groupBy": "planet"}),
        ("data/metrics/comparison", {"dimension": "country"}),
    ],
)
async def test_bad_analytics_queries_get_422(api: Api, path: str, params: dict[str, str]) -> None:
    assert (await api.get(path, params=params)).status == 422


@pytest.mark.parametrize(
    "path",
    [
        "data/viewlist",
        "data/viewlist/top-content",
        "data/metrics/views/breakdown",
        "data/errors",
    ],
)
async def test_analytics_limits_have_no_maximum(api: Api, path: str) -> None:
    # the contract caps the resource lists at 50, not these (the SDK sends more)
    reply = await api.get(path, params={**WEEK, "limit": 500})
    assert reply.status == 200, reply.raw[:300]
    assert (await api.get(path, params={**WEEK, "limit": 0})).status == 422


async def test_a_large_limit_lists_every_view_on_one_page(api: Api) -> None:
    reply = await api.get("data/viewlist", params={**WEEK, "limit": 500})
    assert len(reply.data) == reply.json["pagination"]["totalRecords"]
    assert reply.json["pagination"]["offsetCount"] == 1
    breakdown = await api.get(
        "data/viewlist/current-views/filter", params={"dimension": "cdn", "limit": 200}
    )
    assert breakdown.status == 200


async def test_the_seeds_are_the_same_for_every_emulator(api: Api) -> None:
    ours = await all_views(api)
    async with FastPixEmulator(processing_seconds=0) as other, aiohttp.ClientSession() as s:
        theirs = await all_views(Api(s, other))
    strip = ("viewStartTime", "viewEndTime")  # placed relative to each emulator's start
    assert [{k: v for k, v in x.items() if k not in strip} for x in ours] == [
        {k: v for k, v in x.items() if k not in strip} for x in theirs
    ]
    assert (await api.get("data/dimensions")).data[:3] == [
        "browser_name",
        "browser_version",
        "os_name",
    ]
