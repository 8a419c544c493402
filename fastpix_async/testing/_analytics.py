"""Seeded video views and the arithmetic every analytics answer is derived from.

A fixed random seed yields the same views for every emulator; their times are placed
relative to when the emulator was created (the newest within the last hour, the oldest
a week back; a few are still playing). Lists, breakdowns, time series and error reports
all count the same views, so their numbers add up.
"""

from __future__ import annotations

import random
import statistics
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

SEED = 20240415
VIEW_COUNT = 200
ONGOING_VIEWS = 6  # still playing: these are the "concurrent viewers"

DIMENSIONS = (
    "browser_name", "browser_version", "os_name", "os_version", "device_name", "device_model",
    "device_type", "device_manufacturer", "player_remote_played", "player_name", "player_version",
    "player_software_name", "player_software_version", "player_resolution", "fp_sdk",
    "fp_sdk_version", "player_autoplay_on", "player_preload_on", "video_title", "video_id",
    "video_series", "fp_playback_id", "fp_live_stream_id", "media_id", "video_source_stream_type",
    "video_source_type", "video_encoding_variant", "experiment_name", "sub_property_id",
    "drm_type", "asn_name", "cdn", "video_source_hostname", "connection_type", "view_session_id",
    "continent", "country", "region", "viewer_id", "error_code", "exit_before_video_start",
    "view_has_ad", "video_startup_failed", "video_content_type", "page_context",
    "playback_failed", "custom_1", "custom_2", "custom_3", "custom_4", "custom_5", "custom_6",
    "custom_7", "custom_8", "custom_9", "custom_10",
)  # fmt: skip
CONCURRENT_DIMENSIONS = (
    "country", "region", "asn_id", "cdn", "video_title", "video_series", "video_id",
    "sub_property_id", "video_source_stream_type", "os_name", "player_name", "media_id",
    "fp_playback_id", "view_id",
)  # fmt: skip
METRICS = (
    "views", "unique_viewers", "playing_time", "quality_of_experience_score", "playback_score",
    "playback_failure_percentage", "exit_before_video_start", "video_startup_failure_percentage",
    "startup_score", "video_startup_time", "player_startup_time", "page_load_time",
    "total_startup_time", "live_stream_latency", "average_bitrate", "buffer_count",
    "render_quality_score", "avg_upscaling", "avg_downscaling", "max_upscaling",
    "max_downscaling", "jump_latency", "stability_score", "buffer_ratio", "buffer_frequency",
    "buffer_fill",
)  # fmt: skip
MEASUREMENTS = ("avg", "median", "95th", "sum", "count")

_NS = uuid.UUID("6f1d2c3b-0000-4000-8000-00000000fa57")


def stable_uuid(*parts: object) -> str:
    return str(uuid.uuid5(_NS, "/".join(map(str, parts))))


@dataclass(frozen=True)
class Video:
    title: str
    series: str
    live: bool
    seconds: int

    @property
    def media_id(self) -> str:
        return stable_uuid("media", self.title)

    @property
    def playback_id(self) -> str:
        return stable_uuid("playback", self.title)


VIDEOS = (
    Video("Launch Keynote", "Events", False, 1800),
    Video("Product Tour", "Guides", False, 420),
    Video("Customer Story: Acme", "Stories", False, 240),
    Video("Getting Started Tutorial", "Guides", False, 600),
    Video("Live Q&A", "Events", True, 3600),
)
# country code, name, continent, region, city, ASN id, ASN name
PLACES = (
    ("IN", "India", "AS", "Telangana", "Hyderabad", 55836, "Reliance Jio Infocomm Limited"),
    ("US", "United States", "NA", "California", "San Francisco", 7922, "Comcast Cable"),
    ("GB", "United Kingdom", "EU", "England", "London", 2856, "British Telecommunications"),
    ("DE", "Germany", "EU", "Berlin", "Berlin", 3320, "Deutsche Telekom AG"),
    ("BR", "Brazil", "SA", "Sao Paulo", "Sao Paulo", 28573, "Claro NXT"),
)
# os name, os version, device type, device name, model, manufacturer, browsers
PLATFORMS = (
    ("Windows", "11", "Desktop", "PC", "PC", "Microsoft", ("Chrome", "Edge", "Firefox")),
    ("macOS", "14.5", "Desktop", "Mac", "MacBookPro18,3", "Apple", ("Safari", "Chrome")),
    ("Android", "14", "Mobile", "Pixel 8", "GKWS6", "Google", ("Chrome",)),
    ("iOS", "17.5", "Mobile", "iPhone", "iPhone15,2", "Apple", ("Safari",)),
    ("iPadOS", "17.5", "Tablet", "iPad", "iPad13,4", "Apple", ("Safari",)),
)
BROWSER_VERSIONS = {"Chrome": "126.0", "Edge": "125.0", "Firefox": "127.0", "Safari": "17.5"}
PLAYERS = (("FastPix Player", "1.4.0", "fastpix-player"), ("video.js", "8.10.0", "videojs"))
ERRORS = (
    ("1001", "Media failed to decode"),
    ("1002", "Network error while loading segments"),
    ("1003", "DRM license request failed"),
)
# metric -> (low, high, whole number?) for the per-view numbers drawn at random
_RANGES: dict[str, tuple[float, float, bool]] = {
    "quality_of_experience_score": (0.55, 1.0, False),
    "playback_score": (0.5, 1.0, False),
    "startup_score": (0.5, 1.0, False),
    "stability_score": (0.6, 1.0, False),
    "render_quality_score": (0.6, 1.0, False),
    "video_startup_time": (250, 3200, True),
    "player_startup_time": (40, 900, True),
    "page_load_time": (300, 4000, True),
    "average_bitrate": (800_000, 6_000_000, True),
    "buffer_count": (0, 5, True),
    "buffer_ratio": (0.0, 0.05, False),
    "buffer_frequency": (0.0, 0.02, False),
    "buffer_fill": (0, 3000, True),
    "avg_upscaling": (0.0, 0.2, False),
    "avg_downscaling": (0.0, 0.3, False),
    "jump_latency": (20, 400, True),
}
# ages (seconds before the emulator started) of the views' ends, away from every timespan's edge,
# so "60:minutes", "24:hours", ... select the same views for the first minutes
_AGE_BANDS = (
    (ONGOING_VIEWS, 60, 500),
    (14, 600, 3000),
    (30, 3900, 19800),
    (40, 23400, 82800),
    (55, 90000, 255600),
    (VIEW_COUNT, 262800, 597600),
)


@dataclass(frozen=True)
class View:
    id: str
    index: int
    viewer_id: str
    start: datetime
    end: datetime | None  # None: still playing
    video: Video
    dims: dict[str, str | None]  # dimension -> value, as filters and breakdowns see it
    numbers: dict[str, float | None]  # metric -> this view's value
    error: tuple[str, str] | None
    place: tuple[str, str, str, str, str, int, str]
    watch_time: int  # ms
    playing_time: int  # ms

    def moment(self, now: datetime) -> datetime:
        """When the view counts (its end, or now while it plays)."""
        return self.end if self.end is not None else now

    def active_between(self, low: datetime, high: datetime, now: datetime) -> bool:
        return self.start < high and self.moment(now) >= low


def _flag(value: bool) -> str:
    return "true" if value else "false"


def seed_views(anchor: datetime) -> list[View]:
    rng = random.Random(SEED)
    viewers = [stable_uuid("viewer", n) for n in range(70)]
    views: list[View] = []
    low_index = 0
    for top, oldest, newest in _AGE_BANDS:
        for index in range(low_index, top):
            views.append(_seed_view(rng, index, anchor, oldest, newest, viewers))
        low_index = top
    return views


def _seed_view(
    rng: random.Random,
    index: int,
    anchor: datetime,
    low_age: float,
    high_age: float,
    viewers: list[str],
) -> View:
    ongoing = index < ONGOING_VIEWS
    video = rng.choice(VIDEOS)
    place = rng.choice(PLACES)
    platform = rng.choice(PLATFORMS)
    browser = rng.choice(platform[6])
    player = rng.choice(PLAYERS)
    roll = rng.random()
    error = (
        None if ongoing or roll > 0.12 else ERRORS[0 if roll < 0.05 else 1 if roll < 0.09 else 2]
    )
    startup_failed = error is not None and error[0] == "1003"
    exited = not ongoing and error is None and rng.random() < 0.05
    numbers: dict[str, float | None] = {}
    for metric, (low, high, whole) in _RANGES.items():
        value = rng.uniform(low, high)
        numbers[metric] = float(round(value)) if whole else round(value, 4)
    numbers["max_upscaling"] = round((numbers["avg_upscaling"] or 0) * 1.8, 4)
    numbers["max_downscaling"] = round((numbers["avg_downscaling"] or 0) * 1.8, 4)
    startup = (numbers["video_startup_time"] or 0) + (numbers["player_startup_time"] or 0)
    numbers["total_startup_time"] = startup + (numbers["page_load_time"] or 0)
    numbers["live_stream_latency"] = float(rng.randint(2000, 8000)) if video.live else None
    playing = 0 if startup_failed or exited else rng.randint(8, min(video.seconds, 900)) * 1000
    watch = playing + int(startup) + rng.randint(0, 4000)
    # the age places the view's end (or, while it plays, its start) before the anchor
    moment = anchor - timedelta(seconds=rng.uniform(low_age, high_age))
    end = None if ongoing else moment
    start = moment if ongoing else moment - timedelta(milliseconds=watch)
    viewer = rng.choice(viewers)
    session = stable_uuid("session", index)
    dims: dict[str, str | None] = {
        "browser_name": browser,
        "browser_version": BROWSER_VERSIONS[browser],
        "os_name": platform[0],
        "os_version": platform[1],
        "device_type": platform[2],
        "device_name": platform[3],
        "device_model": platform[4],
        "device_manufacturer": platform[5],
        "player_remote_played": "false",
        "player_name": player[0],
        "player_version": player[1],
        "player_software_name": player[0],
        "player_software_version": player[1],
        "player_resolution": "1920x1080" if platform[2] == "Desktop" else "1170x2532",
        "fp_sdk": player[2],
        "fp_sdk_version": player[1],
        "player_autoplay_on": _flag(index % 3 == 0),
        "player_preload_on": "true",
        "video_title": video.title,
        "video_id": video.media_id,
        "video_series": video.series,
        "fp_playback_id": video.playback_id,
        "fp_live_stream_id": stable_uuid("stream", video.title) if video.live else None,
        "media_id": video.media_id,
        "video_source_stream_type": "live" if video.live else "on-demand",
        "video_source_type": "application/x-mpegURL",
        "video_encoding_variant": None,
        "experiment_name": None,
        "sub_property_id": None,
        "drm_type": None,
        "asn_id": str(place[5]),
        "asn_name": place[6],
        "cdn": "fastly" if index % 2 else "cloudflare",
        "video_source_hostname": "stream.fastpix.com",
        "connection_type": rng.choice(("wifi", "cellular", "wired")),
        "view_session_id": session,
        "view_id": stable_uuid("view", index),
        "continent": place[2],
        "country": place[0],
        "region": place[3],
        "viewer_id": viewer,
        "error_code": error[0] if error else None,
        "exit_before_video_start": _flag(exited),
        "view_has_ad": "false",
        "video_startup_failed": _flag(startup_failed),
        "video_content_type": "live" if video.live else "vod",
        "page_context": "watch",
        "playback_failed": _flag(error is not None),
        "custom_1": "ShortVideo" if video.seconds < 600 else "LongVideo",
    }
    return View(
        id=stable_uuid("view", index),
        index=index,
        viewer_id=viewer,
        start=start,
        end=end,
        video=video,
        dims=dims,
        numbers=numbers,
        error=error,
        place=place,
        watch_time=watch,
        playing_time=playing,
    )


# -- arithmetic over a set of views --------------------------------------------------------


def aggregate(values: list[float], measurement: str) -> float | None:
    if not values:
        return None
    if measurement == "sum":
        return float(sum(values))
    if measurement == "count":
        return float(len(values))
    if measurement == "median":
        return float(statistics.median(values))
    if measurement == "95th":
        ordered = sorted(values)
        return float(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))])
    return round(sum(values) / len(values), 6)


_FRACTIONS: dict[str, Callable[[View], bool]] = {
    "playback_failure_percentage": lambda v: v.error is not None,
    "exit_before_video_start": lambda v: v.dims["exit_before_video_start"] == "true",
    "video_startup_failure_percentage": lambda v: v.dims["video_startup_failed"] == "true",
}


def metric_value(metric: str, views: list[View], measurement: str = "avg") -> float | None:
    """One metric over ``views``; counts and shares ignore ``measurement``."""
    if metric == "views":
        return float(len(views))
    if metric == "unique_viewers":
        return float(len({v.viewer_id for v in views}))
    if metric in _FRACTIONS:
        if not views:
            return None
        return round(sum(map(_FRACTIONS[metric], views)) / len(views), 6)
    if metric == "playing_time":
        return aggregate([float(v.playing_time) for v in views], measurement)
    samples = [n for v in views if (n := v.numbers.get(metric)) is not None]
    return aggregate(samples, measurement)


def unique_viewers(views: Iterable[View]) -> int:
    return len({v.viewer_id for v in views})


def group_by(views: list[View], dimension: str) -> dict[str | None, list[View]]:
    groups: dict[str | None, list[View]] = {}
    for view in views:
        groups.setdefault(view.dims.get(dimension), []).append(view)
    return groups


def totals(views: list[View]) -> dict[str, Any]:
    return {
        "totalWatchTime": sum(v.watch_time for v in views),
        "totalPlayTime": sum(v.playing_time for v in views),
        "uniqueViews": unique_viewers(views),
        "totalViews": len(views),
    }
