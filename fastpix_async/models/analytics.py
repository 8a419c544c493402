"""Video data (analytics): views, dimensions, metrics, playback errors and concurrent viewers.

The analytics API reports playback as the player SDKs measured it; its field types drift
(numbers sent as strings or strings as numbers), so these models hold the shapes seen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from .base import Model
from .common import StrEnum, Timespan

__all__ = [
    "ConcurrentViewersBreakdownItem",
    "ConcurrentViewersDimension",
    "ConcurrentViewersPoint",
    "CustomDimension",
    "Dimension",
    "DimensionValue",
    "Measurement",
    "Metric",
    "MetricBreakdownItem",
    "MetricComparison",
    "MetricTimeseriesPoint",
    "MetricValue",
    "PlaybackError",
    "PlaybackErrorReport",
    "TimeseriesGroupBy",
    "Timespan",
    "TopContentItem",
    "View",
    "ViewCustomData",
    "ViewEvent",
]


# --- what requests name -------------------------------------------------------
# (``Timespan`` lives in .common, where every resource can name it without loading these.)


class Metric(StrEnum):
    """A metric id of ``fp.metrics`` calls."""

    VIEWS = "views"
    UNIQUE_VIEWERS = "unique_viewers"
    PLAYING_TIME = "playing_time"
    QUALITY_OF_EXPERIENCE_SCORE = "quality_of_experience_score"
    PLAYBACK_SCORE = "playback_score"
    PLAYBACK_FAILURE_PERCENTAGE = "playback_failure_percentage"
    EXIT_BEFORE_VIDEO_START = "exit_before_video_start"
    VIDEO_STARTUP_FAILURE_PERCENTAGE = "video_startup_failure_percentage"
    STARTUP_SCORE = "startup_score"
    VIDEO_STARTUP_TIME = "video_startup_time"
    PLAYER_STARTUP_TIME = "player_startup_time"
    PAGE_LOAD_TIME = "page_load_time"
    TOTAL_STARTUP_TIME = "total_startup_time"
    LIVE_STREAM_LATENCY = "live_stream_latency"
    AVERAGE_BITRATE = "average_bitrate"
    BUFFER_COUNT = "buffer_count"
    RENDER_QUALITY_SCORE = "render_quality_score"
    AVG_UPSCALING = "avg_upscaling"
    AVG_DOWNSCALING = "avg_downscaling"
    MAX_UPSCALING = "max_upscaling"
    MAX_DOWNSCALING = "max_downscaling"
    JUMP_LATENCY = "jump_latency"
    STABILITY_SCORE = "stability_score"
    BUFFER_RATIO = "buffer_ratio"
    BUFFER_FREQUENCY = "buffer_frequency"
    BUFFER_FILL = "buffer_fill"


class Dimension(StrEnum):
    """A dimension views can be filtered, grouped or compared by (``custom_1`` … ``custom_10``
    are the custom dimensions a player integration sets)."""

    BROWSER_NAME = "browser_name"
    BROWSER_VERSION = "browser_version"
    OS_NAME = "os_name"
    OS_VERSION = "os_version"
    DEVICE_NAME = "device_name"
    DEVICE_MODEL = "device_model"
    DEVICE_TYPE = "device_type"
    DEVICE_MANUFACTURER = "device_manufacturer"
    PLAYER_REMOTE_PLAYED = "player_remote_played"
    PLAYER_NAME = "player_name"
    PLAYER_VERSION = "player_version"
    PLAYER_SOFTWARE_NAME = "player_software_name"
    PLAYER_SOFTWARE_VERSION = "player_software_version"
    PLAYER_RESOLUTION = "player_resolution"
    FP_SDK = "fp_sdk"
    FP_SDK_VERSION = "fp_sdk_version"
    PLAYER_AUTOPLAY_ON = "player_autoplay_on"
    PLAYER_PRELOAD_ON = "player_preload_on"
    VIDEO_TITLE = "video_title"
    VIDEO_ID = "video_id"
    VIDEO_SERIES = "video_series"
    FP_PLAYBACK_ID = "fp_playback_id"
    FP_LIVE_STREAM_ID = "fp_live_stream_id"
    MEDIA_ID = "media_id"
    VIDEO_SOURCE_STREAM_TYPE = "video_source_stream_type"
    VIDEO_SOURCE_TYPE = "video_source_type"
    VIDEO_ENCODING_VARIANT = "video_encoding_variant"
    EXPERIMENT_NAME = "experiment_name"
    SUB_PROPERTY_ID = "sub_property_id"
    DRM_TYPE = "drm_type"
    ASN_NAME = "asn_name"
    CDN = "cdn"
    VIDEO_SOURCE_HOSTNAME = "video_source_hostname"
    CONNECTION_TYPE = "connection_type"
    VIEW_SESSION_ID = "view_session_id"
    CONTINENT = "continent"
    COUNTRY = "country"
    REGION = "region"
    VIEWER_ID = "viewer_id"
    ERROR_CODE = "error_code"
    EXIT_BEFORE_VIDEO_START = "exit_before_video_start"
    VIEW_HAS_AD = "view_has_ad"
    VIDEO_STARTUP_FAILED = "video_startup_failed"
    VIDEO_CONTENT_TYPE = "video_content_type"
    PAGE_CONTEXT = "page_context"
    PLAYBACK_FAILED = "playback_failed"
    CUSTOM_1 = "custom_1"
    CUSTOM_2 = "custom_2"
    CUSTOM_3 = "custom_3"
    CUSTOM_4 = "custom_4"
    CUSTOM_5 = "custom_5"
    CUSTOM_6 = "custom_6"
    CUSTOM_7 = "custom_7"
    CUSTOM_8 = "custom_8"
    CUSTOM_9 = "custom_9"
    CUSTOM_10 = "custom_10"


class ConcurrentViewersDimension(StrEnum):
    """What ``fp.views.concurrent_breakdown`` can split the current viewers by."""

    COUNTRY = "country"
    REGION = "region"
    ASN_ID = "asn_id"
    CDN = "cdn"
    VIDEO_TITLE = "video_title"
    VIDEO_SERIES = "video_series"
    VIDEO_ID = "video_id"
    SUB_PROPERTY_ID = "sub_property_id"
    VIDEO_SOURCE_STREAM_TYPE = "video_source_stream_type"
    OS_NAME = "os_name"
    PLAYER_NAME = "player_name"
    MEDIA_ID = "media_id"
    FP_PLAYBACK_ID = "fp_playback_id"
    VIEW_ID = "view_id"


class Measurement(StrEnum):
    """How a metric's values are aggregated."""

    P95 = "95th"
    MEDIAN = "median"
    AVG = "avg"
    COUNT = "count"
    SUM = "sum"


class TimeseriesGroupBy(StrEnum):
    """The interval of a metric timeseries."""

    MINUTE = "minute"
    TEN_MINUTES = "ten_minutes"
    HOUR = "hour"
    DAY = "day"


# --- views ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ViewEvent(Model):
    """One player event of a view: ``e`` the event, ``pt`` the playhead (ms).

    ``vt`` is when the event happened and ``event_time`` when it was captured: epoch
    milliseconds as text (``"1713156224677"``; the live API sends numbers, the contract
    numbers or text, so both read as text: ``int(event.vt)`` for the number). ``d`` is
    the event's data as the player sent it (``br`` bitrate, ``w``/``h`` size, ``fps``, …).
    """

    e: str | None = None
    pt: int | None = None
    vt: str | None = None
    event_time: str | None = None
    d: dict[str, Any] | None = None


@attrs.frozen(kw_only=True)
class CustomDimension(Model):
    """One custom dimension of a view: its name, display name and value."""

    dimension_name: str | None = None
    display_name: str | None = None
    value: str | None = None


@attrs.frozen(kw_only=True)
class ViewCustomData(Model):
    """A view's custom dimensions, as the contract nests them (``Custom``)."""

    custom: list[CustomDimension] | None = attrs.field(default=None, metadata={"key": "Custom"})


@attrs.frozen(kw_only=True)
class View(Model):
    """One playback session. ``fp.views.list`` fills the summary fields (``view_start_time``,
    ``qoe_score``, …); ``fp.views.get`` fills the details. Every field but ``view_id`` may be
    ``None``.

    Timestamps are kept as sent (ISO text, or epoch milliseconds where the API sends numbers).
    Where the contract and the live API disagree on a type, one type is kept: ``error_id``,
    ``property_id``, ``player_width`` and ``player_height`` are text (numbers read as their
    digits; a player's size may be a CSS size such as ``"100%"``), ``live_stream_latency``
    a ``float``, ``fp_embed`` a ``bool`` (``"true"``/``"false"`` text read as such).
    ``custom1`` … ``custom10`` are the custom dimensions' values as the live API lists
    them flat; ``custom`` holds them as the contract nests them.
    """

    view_id: str
    # --- the list's summary ---
    qoe_score: float | None = attrs.field(default=None, metadata={"key": "QoeScore"})
    application: str | None = None
    operating_system: str | None = None
    view_start_time: str | None = None
    view_end_time: str | None = None
    view_watch_time: float | None = None
    # --- shared by both ---
    country: str | None = None
    video_title: str | None = None
    error_code: str | None = None
    error_id: str | None = None
    error_message: str | None = None
    # --- details ---
    workspace_id: str | None = None
    view_session_id: str | None = None
    session_id: str | None = None
    viewer_id: str | None = None
    fp_viewer_id: str | None = None
    view_start: str | int | None = None
    view_end: str | int | None = None
    insert_timestamp: str | int | None = None
    updated_timestamp: str | int | None = None
    watch_time: int | None = None
    view_playing_time: int | None = None
    view_total_content_playback_time: int | None = None
    view_max_playhead_position: int | None = None
    view_seeked_count: int | None = None
    view_seeked_duration: int | None = None
    view_has_ad: bool | None = None
    view_has_error: bool | None = None
    view_page_url: str | None = None
    exit_before_video_start: bool | None = None
    error_context: str | None = None
    # scores
    quality_of_experience_score: float | None = None
    playback_score: float | None = None
    startup_score: float | None = None
    stability_score: float | None = None
    render_quality_score: float | None = None
    # startup
    video_startup_time: int | None = None
    video_startup_failed: bool | None = None
    player_initialization_time: int | None = None
    total_startup_time: int | None = None
    page_load_time: int | None = None
    # delivery
    average_bitrate: float | None = None
    avg_request_latency: float | None = None
    avg_request_throughput: float | None = None
    max_request_latency: float | None = None
    avg_upscaling: float | None = None
    avg_downscaling: float | None = None
    max_upscaling: float | None = None
    max_downscaling: float | None = None
    buffer_count: int | None = None
    buffer_fill: int | None = None
    buffer_frequency: float | None = None
    buffer_ratio: float | None = None
    dropped_frame_count: int | None = None
    jump_latency: float | None = None
    live_stream_latency: float | None = None
    cdn: str | None = None
    drm_type: str | None = None
    # network and place
    asn_id: int | None = None
    asn_name: str | None = None
    connection_type: str | None = None
    ip_address: str | None = None
    continent: str | None = None
    country_code: str | None = None
    region: str | None = None
    city: str | None = None
    # numbers in the API's examples, strings in its schema: kept as sent
    latitude: str | int | float | None = None
    longitude: str | int | float | None = None
    # device, browser, OS
    browser_name: str | None = None
    browser_version: str | None = None
    browser_engine: str | None = None
    device_name: str | None = None
    device_model: str | None = None
    device_type: str | None = None
    device_manufacturer: str | None = None
    os_name: str | None = None
    os_version: str | None = None
    user_agent: str | None = None
    # player
    player_name: str | None = None
    player_version: str | None = None
    player_software_name: str | None = None
    player_software_version: str | None = None
    player_instance_id: str | None = None
    player_language: str | None = None
    player_poster: str | None = None
    player_resolution: str | None = None
    player_width: str | None = None
    player_height: str | None = None
    player_source_width: int | None = None
    player_source_height: int | None = None
    player_source_domain: str | None = None
    player_view_count: str | int | None = None
    player_autoplay_on: bool | None = None
    player_preload_on: bool | None = None
    player_remote_played: bool | None = None
    used_full_screen: bool | None = None
    # FastPix SDK and embedding
    fp_sdk: str | None = None
    fp_sdk_version: str | None = None
    fp_api_version: str | int | float | None = None
    fp_embed: bool | None = None
    fp_embed_version: str | None = None
    fp_playback_id: str | None = None
    fp_live_stream_id: str | None = None
    beacon_domain: str | None = None
    property_id: str | None = None
    sub_property_id: str | None = None
    sign: str | int | float | None = None
    page_context: str | None = None
    experiment_name: str | None = None
    # the video
    media_id: str | None = None
    video_id: str | None = None
    video_series: str | None = None
    video_producer: str | None = None
    video_language: str | None = None
    video_content_type: str | None = None
    video_duration: int | None = None
    video_resolution: str | None = None
    video_encoding_variant: str | None = None
    video_variant_id: str | None = None
    video_variant_name: str | None = None
    video_source_url: str | None = None
    video_source_domain: str | None = None
    video_source_hostname: str | None = None
    video_source_duration: int | None = None
    video_source_stream_type: str | None = None
    video_source_type: str | None = None
    custom: ViewCustomData | None = None
    custom1: str | None = None
    custom2: str | None = None
    custom3: str | None = None
    custom4: str | None = None
    custom5: str | None = None
    custom6: str | None = None
    custom7: str | None = None
    custom8: str | None = None
    custom9: str | None = None
    custom10: str | None = None
    events: list[ViewEvent] = attrs.field(factory=list)


@attrs.frozen(kw_only=True)
class TopContentItem(Model):
    """A video among the most viewed, with its views and unique views."""

    video_title: str | None = None
    views: int | None = None
    unique_views: int | None = None


@attrs.frozen(kw_only=True)
class ConcurrentViewersPoint(Model):
    """Concurrent viewers at ``interval_time``: ``number_of_views`` in the contract,
    ``metric_value`` in the live API (each is ``None`` where the answer left it out)."""

    interval_time: datetime | None = None
    number_of_views: int | None = None
    metric_value: int | None = None


@attrs.frozen(kw_only=True)
class ConcurrentViewersBreakdownItem(Model):
    """Current viewers for one value of the dimension ``fp.views.concurrent_breakdown``
    splits by."""

    dimension_name: str | None = attrs.field(default=None, metadata={"key": "dimension_name"})
    concurrent_viewers: int | None = attrs.field(
        default=None, metadata={"key": "concurrent_viewers"}
    )
    metric_value: int | None = None


# --- dimensions, metrics, errors ----------------------------------------------


@attrs.frozen(kw_only=True)
class DimensionValue(Model):
    """A value seen for a dimension, with how many views (``count``) had it."""

    value: str | None = None
    count: int | None = None
    unique_count: int | None = None


@attrs.frozen(kw_only=True)
class MetricValue(Model):
    """A metric over the whole timespan (``value``) and across all data (``global_value``)."""

    value: float | None = None
    global_value: float | None = None
    total_views: int | None = None
    unique_views: int | None = None
    total_watch_time: int | None = None
    total_play_time: int | None = None


@attrs.frozen(kw_only=True)
class MetricBreakdownItem(Model):
    """A metric for one value (``field``) of the dimension the breakdown groups by."""

    field: str | None = None
    value: float | None = None
    views: int | None = None
    total_watch_time: int | None = None
    total_playing_time: int | None = None


@attrs.frozen(kw_only=True)
class MetricTimeseriesPoint(Model):
    """A metric's value (``metric_value``) over one interval, with the views it counts."""

    interval_time: datetime | None = None
    metric_value: float | None = None
    number_of_views: int | None = None


@attrs.frozen(kw_only=True)
class MetricComparison(Model):
    """A metric's value for the compared views, with related metrics nested in ``items``."""

    name: str | None = None
    metric: str | None = None
    type: str | None = None
    measurement: str | None = None
    value: float | None = None
    items: list[MetricComparison] | None = None


@attrs.frozen(kw_only=True)
class PlaybackError(Model):
    """A playback error and how often it happened (``percentage`` of views, 0 to 1)."""

    id: str | None = None
    # typed text, sent as a number (1003) by the API: always text here
    code: str | None = None
    message: str | None = None
    description: str | None = None
    notes: str | None = None
    count: int | None = None
    percentage: float | None = None
    unique_viewers_effected_percentage: float | None = None
    last_seen: str | None = None


@attrs.frozen(kw_only=True)
class PlaybackErrorReport(Model):
    """The playback errors of a timespan (``errors``) and the most frequent ones
    (``top_errors``)."""

    errors: list[PlaybackError] = attrs.field(factory=list)
    top_errors: list[PlaybackError] = attrs.field(factory=list)
