"""Video data (analytics): views, dimensions, metrics, errors and concurrent viewers.

Every answer is computed from the seeded views in ``_analytics``, narrowed by
``timespan[]`` (a duration such as ``24:hours`` or two epoch seconds) and by repeated
``filterby[]=dimension:value`` (``!`` before either part excludes instead).

Unlike the resource lists, the contract sets no maximum on these ``limit``s: any
positive one is taken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from aiohttp import web

from ._analytics import (
    CONCURRENT_DIMENSIONS,
    DIMENSIONS,
    MEASUREMENTS,
    METRICS,
    View,
    group_by,
    metric_value,
    stable_uuid,
    totals,
    unique_viewers,
)
from ._http import (
    JSON,
    lookup,
    ok,
    page_params,
    paginate,
    query_choice,
    query_int,
    unprocessable,
)
from ._state import iso, state_of, utcnow
from ._validate import FieldError

routes = web.RouteTableDef()

DURATIONS = {
    "60:minutes": timedelta(minutes=60),
    "6:hours": timedelta(hours=6),
    "24:hours": timedelta(hours=24),
    "3:days": timedelta(days=3),
    "7:days": timedelta(days=7),
    "30:days": timedelta(days=30),
}
DEFAULT_TIMESPAN = "7:days"
GRANULARITIES = {
    "minute": timedelta(minutes=1),
    "ten_minutes": timedelta(minutes=10),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
}
MAX_BUCKETS = 1500
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass
class Scope:
    """The views one data request is about."""

    now: datetime
    start: datetime
    end: datetime
    in_window: list[View]  # within the timespan
    views: list[View]  # ... and through the filters

    @property
    def timespan(self) -> list[int]:
        return [int(self.start.timestamp()), int(self.end.timestamp())]


def _timespan(request: web.Request, now: datetime) -> tuple[datetime, datetime]:
    values = request.query.getall("timespan[]", []) or [DEFAULT_TIMESPAN]
    if len(values) == 1 and values[0] in DURATIONS:
        return now - DURATIONS[values[0]], now
    if len(values) == 2 and all(v.isdigit() for v in values):
        start, end = (datetime.fromtimestamp(int(v), timezone.utc) for v in values)
        if start < end:
            return start, end
    message = f"must be one of {', '.join(DURATIONS)} or two epoch seconds, earliest first"
    raise unprocessable([FieldError("timespan[]", message)])


def _filters(request: web.Request) -> list[tuple[str, str, bool]]:
    """``(dimension, value, exclude)`` for each ``filterby[]``."""
    parsed = []
    for raw in request.query.getall("filterby[]", []):
        exclude = raw.startswith("!")
        dimension, sep, value = raw.lstrip("!").partition(":")
        if value.startswith("!"):
            exclude, value = True, value[1:]
        if not sep or dimension not in DIMENSIONS:
            message = f"'{raw}' must be dimension:value with a dimension from /data/dimensions"
            raise unprocessable([FieldError("filterby[]", message)])
        parsed.append((dimension, value, exclude))
    return parsed


def scope_of(request: web.Request) -> Scope:
    now = utcnow()
    start, end = _timespan(request, now)
    in_window = [v for v in state_of(request).views if start <= v.moment(now) <= end]
    views = [
        v
        for v in in_window
        if all((v.dims.get(d) == value) != exclude for d, value, exclude in _filters(request))
    ]
    return Scope(now, start, end, in_window, views)


def _dimension(request: web.Request, name: str, choices: tuple[str, ...], default: str) -> str:
    return query_choice(request, name, choices, default)


def _metric(request: web.Request) -> str:
    metric = request.match_info["metricId"]
    if metric not in METRICS:
        raise unprocessable([FieldError("metricId", f"'{metric}' is not a known metric")])
    return metric


def _measurement(request: web.Request) -> str:
    return query_choice(request, "measurement", MEASUREMENTS, "avg")


def _most_first(rows: list[JSON], count: str, name: str) -> None:
    """Largest ``count`` first, ties by ``name``, so answers are stable."""
    rows.sort(key=lambda r: (-int(r[count]), str(r[name])))


# -- views -------------------------------------------------------------------------------

_VIEW_ORDER: dict[str, Callable[[View, datetime], Any]] = {
    "view_end": lambda v, now: v.moment(now),
    "view_start": lambda v, now: v.start,
    "watch_time": lambda v, now: v.watch_time,
    "qoe_score": lambda v, now: v.numbers["quality_of_experience_score"],
}


def _error_id(view: View) -> int | None:
    return int(view.error[0]) * 1000 + view.index if view.error else None


def _list_item(view: View, live: bool) -> JSON:
    error_id = _error_id(view)
    return {
        "viewId": view.id,
        "operatingSystem": view.dims["os_name"],
        "application": view.dims["browser_name"],
        "viewStartTime": iso(view.start),
        "viewEndTime": iso(view.end) if view.end else None,
        "videoTitle": view.video.title,
        "errorCode": view.error[0] if view.error else None,
        "errorMessage": view.error[1] if view.error else None,
        # a number in the live API, a string in the contract
        "errorId": error_id if live or error_id is None else str(error_id),
        "country": view.place[0],
        "viewWatchTime": view.watch_time,
        "QoeScore": view.numbers["quality_of_experience_score"],
    }


@routes.get("/data/viewlist")
async def list_views(request: web.Request) -> web.Response:
    scope = scope_of(request)
    limit, offset = page_params(request, maximum=None)
    order = _dimension(request, "orderBy", tuple(_VIEW_ORDER), "view_end")
    descending = query_choice(request, "sortOrder", ("asc", "desc"), "asc") == "desc"
    views = scope.views
    if viewer := request.query.get("viewerId"):
        views = [v for v in views if v.viewer_id == viewer]
    if code := request.query.get("errorCode"):
        views = [v for v in views if v.error and v.error[0] == code]
    key = _VIEW_ORDER[order]
    views = sorted(views, key=lambda v: key(v, scope.now), reverse=descending)
    page, pagination = paginate(views, limit, offset)
    live = state_of(request).shape == "live"
    items = [_list_item(v, live) for v in page]
    return ok(items, pagination=pagination, timespan=scope.timespan)


@routes.get("/data/viewlist/top-content")
async def top_content(request: web.Request) -> web.Response:
    scope = scope_of(request)
    limit = query_int(request, "limit", 10, minimum=1)
    rows: list[JSON] = [
        {"videoTitle": title, "views": len(group), "uniqueViews": unique_viewers(group)}
        for title, group in group_by(scope.views, "video_title").items()
    ]
    _most_first(rows, "views", "videoTitle")
    return ok(rows[:limit], timespan=scope.timespan)


@routes.get("/data/viewlist/current-views/getTimeseriesViews")
async def concurrent_timeseries(request: web.Request) -> web.Response:
    """Viewers watching during each of the last 60 minutes."""
    now = utcnow()
    first = now.replace(second=0, microsecond=0) - timedelta(minutes=59)
    views = state_of(request).views
    points = []
    for step in range(60):
        low = first + timedelta(minutes=step)
        high = low + timedelta(minutes=1)
        count = sum(v.active_between(low, high, now) for v in views)
        point: JSON = {"intervalTime": iso(low), "numberOfViews": count}
        if state_of(request).shape == "live":
            point["metricValue"] = count  # the live API repeats the count under this name
        points.append(point)
    span = [int(first.timestamp() * 1000), int(now.timestamp() * 1000)]
    return ok(points, timespan=span)


@routes.get("/data/viewlist/current-views/filter")
async def concurrent_breakdown(request: web.Request) -> web.Response:
    """Who is watching now (a view still playing, or one that ended this last minute)."""
    if not request.query.get("dimension"):
        raise unprocessable([FieldError("dimension", "is required")])
    dimension = _dimension(request, "dimension", CONCURRENT_DIMENSIONS, "country")
    limit = query_int(request, "limit", 10, minimum=1)
    now = utcnow()
    current = [
        v for v in state_of(request).views if v.active_between(now - timedelta(minutes=1), now, now)
    ]
    rows: list[JSON] = [
        {
            "dimension_name": value,
            "concurrent_viewers": unique_viewers(group),
            "metricValue": len(group),
        }
        for value, group in group_by(current, dimension).items()
    ]
    _most_first(rows, "metricValue", "dimension_name")
    span = [int((now - timedelta(minutes=1)).timestamp() * 1000), int(now.timestamp() * 1000)]
    return ok(rows[:limit], timespan=span)


@routes.get("/data/viewlist/{viewId}")
async def get_view(request: web.Request) -> web.Response:
    state = state_of(request)
    view = lookup({v.id: v for v in state.views}, request.match_info["viewId"], "View")
    details = _view_details(view, state.workspace_id)
    return ok(_live_view_details(details) if state.shape == "live" else details)


def _live_view_details(details: JSON) -> JSON:
    """A view as the live API writes it: ``eventTime`` on each event, the custom dimensions
    also flat (``custom1``...), ``errorId`` as a string and ``fpEmbed`` as text."""
    out = dict(details)
    out["events"] = [{**e, "eventTime": e["vt"]} for e in details["events"]]
    for item in details["custom"]["Custom"]:
        out[item["dimensionName"].replace("_", "")] = item["value"]
    if out["errorId"] is not None:
        out["errorId"] = str(out["errorId"])
    out["fpEmbed"] = "true" if details["fpEmbed"] else "false"
    return out


def _view_details(view: View, workspace_id: str) -> JSON:
    d, n = view.dims, view.numbers
    place = view.place
    start_ms = int((view.start - _EPOCH).total_seconds() * 1000)
    events: list[JSON] = [
        {"pt": 0, "e": "playerReady", "d": {}, "vt": start_ms},
        {"pt": 0, "e": "play", "d": {}, "vt": start_ms + 50},
    ]
    if view.error:
        events.append({"pt": 0, "e": "error", "d": {"code": view.error[0]}, "vt": start_ms + 900})
    elif view.playing_time:
        events.append({"pt": 0, "e": "playing", "d": {}, "vt": start_ms + 900})
        end_event = "pause" if view.end is None else "ended"
        events.append(
            {"pt": view.playing_time, "e": end_event, "d": {}, "vt": start_ms + view.watch_time}
        )

    def whole(metric: str) -> int | None:
        value = n.get(metric)
        return int(value) if value is not None else None

    return {
        "asnId": place[5],
        "asnName": place[6],
        "averageBitrate": n["average_bitrate"],
        "avgDownscaling": n["avg_downscaling"],
        "avgRequestLatency": 0.0,
        "avgRequestThroughput": 12_588_331.0,
        "avgUpscaling": n["avg_upscaling"],
        "beaconDomain": "metrix.ws",
        "browserEngine": None,
        "browserName": d["browser_name"],
        "browserVersion": d["browser_version"],
        "bufferCount": whole("buffer_count"),
        "bufferFill": whole("buffer_fill"),
        "bufferFrequency": n["buffer_frequency"],
        "bufferRatio": n["buffer_ratio"],
        "cdn": d["cdn"],
        "city": place[4],
        "connectionType": d["connection_type"],
        "continent": place[2],
        "country": place[1],
        "countryCode": place[0],
        "custom": {
            "Custom": [
                {"dimensionName": "custom_1", "displayName": "Length", "value": d["custom_1"]}
            ]
        },
        "deviceManufacturer": d["device_manufacturer"],
        "deviceModel": d["device_model"],
        "deviceName": d["device_name"],
        "deviceType": d["device_type"],
        "drmType": None,
        "droppedFrameCount": 0,
        "errorCode": view.error[0] if view.error else None,
        "errorContext": "playback" if view.error else None,
        "errorId": _error_id(view),
        "errorMessage": view.error[1] if view.error else None,
        "exitBeforeVideoStart": d["exit_before_video_start"] == "true",
        "experimentName": None,
        "fpApiVersion": "1.0",
        "fpEmbed": False,
        "fpEmbedVersion": "1.0.0",
        "fpLiveStreamId": d["fp_live_stream_id"],
        "fpPlaybackId": view.video.playback_id,
        "fpSdk": d["fp_sdk"],
        "fpSdkVersion": d["fp_sdk_version"],
        "fpViewerId": view.viewer_id,
        "insertTimestamp": iso(view.start),
        "ipAddress": f"203.0.113.{view.index % 250 + 1}",
        "jumpLatency": n["jump_latency"],
        "latitude": None,
        "liveStreamLatency": whole("live_stream_latency"),
        "longitude": None,
        "maxDownscaling": n["max_downscaling"],
        "maxRequestLatency": 0.0,
        "maxUpscaling": n["max_upscaling"],
        "mediaId": view.video.media_id,
        "osName": d["os_name"],
        "osVersion": d["os_version"],
        "pageContext": d["page_context"],
        "pageLoadTime": whole("page_load_time"),
        "playbackScore": n["playback_score"],
        "playerAutoplayOn": d["player_autoplay_on"] == "true",
        "playerHeight": 1080,
        "playerInitializationTime": whole("player_startup_time"),
        "playerInstanceId": view.id,
        "playerLanguage": "en",
        "playerName": d["player_name"],
        "playerPoster": None,
        "playerPreloadOn": True,
        "playerRemotePlayed": False,
        "playerResolution": d["player_resolution"],
        "playerSoftwareName": d["player_software_name"],
        "playerSoftwareVersion": d["player_software_version"],
        "playerSourceDomain": "stream.fastpix.com",
        "playerSourceHeight": 1080,
        "playerSourceWidth": 1920,
        "playerVersion": d["player_version"],
        "playerViewCount": 1,
        "playerWidth": 1920,
        "propertyId": None,
        "qualityOfExperienceScore": n["quality_of_experience_score"],
        "region": place[3],
        "renderQualityScore": n["render_quality_score"],
        "sessionId": d["view_session_id"],
        "sign": None,
        "stabilityScore": n["stability_score"],
        "startupScore": n["startup_score"],
        "subPropertyId": None,
        "totalStartupTime": whole("total_startup_time"),
        "updatedTimestamp": iso(view.end or view.start),
        "usedFullScreen": False,
        "userAgent": f"Mozilla/5.0 ({d['os_name']}) {d['browser_name']}/{d['browser_version']}",
        "videoContentType": d["video_content_type"],
        "videoDuration": view.video.seconds * 1000,
        "videoEncodingVariant": None,
        "videoId": view.video.media_id,
        "videoLanguage": "en",
        "videoProducer": None,
        "videoResolution": "1080p",
        "videoSeries": view.video.series,
        "videoSourceDomain": "fastpix.com",
        "videoSourceDuration": view.video.seconds * 1000,
        "videoSourceHostname": d["video_source_hostname"],
        "videoSourceStreamType": d["video_source_stream_type"],
        "videoSourceType": d["video_source_type"],
        "videoSourceUrl": f"https://stream.fastpix.com/{view.video.playback_id}.m3u8",
        "videoStartupFailed": d["video_startup_failed"] == "true",
        "videoStartupTime": whole("video_startup_time"),
        "videoTitle": view.video.title,
        "videoVariantId": None,
        "videoVariantName": None,
        "viewEnd": iso(view.end) if view.end else None,
        "viewHasAd": False,
        "viewHasError": view.error is not None,
        "viewId": view.id,
        "viewMaxPlayheadPosition": view.playing_time,
        "viewPageUrl": "https://example.com/watch",
        "viewPlayingTime": view.playing_time,
        "viewSeekedCount": 0,
        "viewSeekedDuration": 0,
        "viewSessionId": d["view_session_id"],
        "viewStart": iso(view.start),
        "viewTotalContentPlaybackTime": view.playing_time,
        "viewerId": view.viewer_id,
        "watchTime": view.watch_time,
        "workspaceId": workspace_id,
        "events": events,
    }


# -- dimensions ----------------------------------------------------------------------------


@routes.get("/data/dimensions")
async def list_dimensions(request: web.Request) -> web.Response:
    return ok(list(DIMENSIONS))


@routes.get("/data/dimensions/{dimensionsId}")
async def dimension_values(request: web.Request) -> web.Response:
    dimension = request.match_info["dimensionsId"]
    if dimension not in DIMENSIONS:
        raise unprocessable([FieldError("dimensionsId", f"'{dimension}' is not a dimension")])
    scope = scope_of(request)
    rows: list[JSON] = [
        {"value": value, "uniqueCount": unique_viewers(group), "count": len(group)}
        for value, group in group_by(scope.views, dimension).items()
        if value is not None
    ]
    _most_first(rows, "count", "value")
    return ok(rows, timespan=scope.timespan)


# -- metrics -------------------------------------------------------------------------------


@routes.get("/data/metrics/{metricId}/overall")
async def overall(request: web.Request) -> web.Response:
    metric, measurement = _metric(request), _measurement(request)
    scope = scope_of(request)
    data = {
        "value": metric_value(metric, scope.views, measurement),
        **totals(scope.views),
        "globalValue": metric_value(metric, scope.in_window, measurement),
    }
    return ok(data, metadata={"aggregation": "view_end"}, timespan=scope.timespan)


_BREAKDOWN_ORDER: dict[str, Callable[[JSON], Any]] = {
    "views": lambda r: r["views"],
    "value": lambda r: (r["value"] is None, r["value"] or 0),
    "field": lambda r: str(r["field"]),
    "totalWatchTime": lambda r: r["totalWatchTime"],
    "totalPlayingTime": lambda r: r["totalPlayingTime"],
}


@routes.get("/data/metrics/{metricId}/breakdown")
async def breakdown(request: web.Request) -> web.Response:
    metric, measurement = _metric(request), _measurement(request)
    group = _dimension(request, "groupBy", DIMENSIONS, "browser_name")
    order = _dimension(request, "orderBy", tuple(_BREAKDOWN_ORDER), "views")
    descending = query_choice(request, "sortOrder", ("asc", "desc"), "asc") == "desc"
    limit, offset = page_params(request, maximum=None)
    scope = scope_of(request)
    rows = [
        {
            "views": len(views),
            "value": metric_value(metric, views, measurement),
            "totalWatchTime": sum(v.watch_time for v in views),
            "totalPlayingTime": sum(v.playing_time for v in views),
            "field": value,
        }
        for value, views in group_by(scope.views, group).items()
    ]
    rows.sort(key=lambda r: str(r["field"]))  # a stable tie-break
    rows.sort(key=_BREAKDOWN_ORDER[order], reverse=descending)
    page, pagination = paginate(rows, limit, offset)
    metadata = {"aggregation": "view_end"}
    if state_of(request).shape == "live":  # the live API says how the span was bucketed
        metadata["granularity"] = _auto_granularity(scope.end - scope.start)
    return ok(
        page,
        metadata=metadata,
        pagination=pagination,
        timespan=scope.timespan,
    )


def _auto_granularity(span: timedelta) -> str:
    if span <= timedelta(hours=1):
        return "minute"
    if span <= timedelta(hours=6):
        return "ten_minutes"
    return "hour" if span <= timedelta(days=1) else "day"


@routes.get("/data/metrics/{metricId}/timeseries")
async def timeseries(request: web.Request) -> web.Response:
    metric, measurement = _metric(request), _measurement(request)
    scope = scope_of(request)
    granularity = query_choice(
        request, "groupBy", tuple(GRANULARITIES), _auto_granularity(scope.end - scope.start)
    )
    descending = query_choice(request, "sortOrder", ("asc", "desc"), "asc") == "desc"
    step = GRANULARITIES[granularity]
    first = _EPOCH + ((scope.start - _EPOCH) // step) * step
    count = (scope.end - first) // step + 1
    if count > MAX_BUCKETS:
        message = f"'{granularity}' over this timespan makes {count} points (at most {MAX_BUCKETS})"
        raise unprocessable([FieldError("groupBy", message)])
    buckets: list[list[View]] = [[] for _ in range(count)]
    for view in scope.views:
        buckets[(view.moment(scope.now) - first) // step].append(view)
    points = [
        {
            "intervalTime": iso(first + index * step),
            "metricValue": metric_value(metric, views, measurement) if views else None,
            "numberOfViews": len(views),
        }
        for index, views in enumerate(buckets)
    ]
    if descending:
        points.reverse()
    metadata = {"granularity": granularity, "aggregation": "view_end"}
    return ok(points, metadata=metadata, timespan=scope.timespan)


# metric, unit, measurement: what the comparison reports beside views
_COMPARED = (
    ("quality_of_experience_score", "number", "avg"),
    ("playback_failure_percentage", "percentage", "avg"),
    ("exit_before_video_start", "percentage", "avg"),
    ("video_startup_time", "milliseconds", "median"),
    ("buffer_ratio", "percentage", "avg"),
)


def _compared(metric: str, views: list[View], kind: str, measurement: str) -> JSON:
    value = metric_value(metric, views, measurement)
    head, *rest = metric.split("_")
    return {
        "value": value if value is not None else 0.0,
        "type": kind,
        "name": metric.replace("_", " ").title(),
        "metric": head + "".join(word.title() for word in rest),
        "measurement": measurement,
        "items": None,
    }


@routes.get("/data/metrics/comparison")
async def comparison(request: web.Request) -> web.Response:
    scope = scope_of(request)
    views = scope.views
    dimension = request.query.get("dimension")
    if dimension is not None:
        dimension = _dimension(request, "dimension", DIMENSIONS, dimension)
        value = request.query.get("value")
        if value is None:
            raise unprocessable([FieldError("value", "is required with dimension")])
        views = [v for v in views if v.dims.get(dimension) == value]
    headline = _compared("views", views, "number", "count")
    headline["items"] = [
        _compared("unique_viewers", views, "number", "count"),
        _compared("playing_time", views, "milliseconds", "sum"),
    ]
    rows = [headline, *(_compared(m, views, kind, how) for m, kind, how in _COMPARED)]
    return ok(rows, timespan=scope.timespan)


# -- errors --------------------------------------------------------------------------------


@routes.get("/data/errors")
async def list_errors(request: web.Request) -> web.Response:
    scope = scope_of(request)
    limit = query_int(request, "limit", 1, minimum=1)
    views, everyone = scope.views, unique_viewers(scope.views)
    rows: list[JSON] = []
    for code, group in group_by([v for v in views if v.error], "error_code").items():
        last = max(v.moment(scope.now) for v in group)
        rows.append(
            {
                "percentage": round(len(group) / len(views), 6),
                "uniqueViewersEffectedPercentage": round(unique_viewers(group) / everyone, 6),
                "notes": "Seeded by the FastPix emulator",
                "message": group[0].error[1] if group[0].error else None,
                "lastSeen": iso(last),
                "id": stable_uuid("error", code),
                "count": len(group),
                "code": code,
            }
        )
    _most_first(rows, "count", "code")
    errors = [{k: v for k, v in r.items() if k != "uniqueViewersEffectedPercentage"} for r in rows]
    if state_of(request).shape == "live":  # the live API's top errors keep their id
        top = [{**r, "description": f"{r['message']} (code {r['code']})"} for r in rows[:limit]]
    else:
        top = [{k: v for k, v in r.items() if k != "id"} for r in rows[:limit]]
    return ok({"errors": errors, "topErrors": top}, timespan=scope.timespan)
