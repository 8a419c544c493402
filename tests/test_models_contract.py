"""The models read every field the contract's responses have, and check what they're given.

They are the shared core: one set of classes for both surfaces, so these run once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest

from fastpix_async import models
from fastpix_async._shapes import json_key
from fastpix_async.models import AccessPolicy, DateRange, InputMediaSettings, PlaybackSettings
from tests.contract._contract import OPERATIONS

# the operation and the (JSON path under data, model) whose every field the model must hold
RESPONSE_MODELS: list[tuple[str, tuple[str, ...], type]] = [
    ("get-media", (), models.Media),
    ("list-media", (), models.Media),
    ("get-media", ("tracks",), models.Track),
    ("get-media", ("playbackIds",), models.PlaybackId),
    ("get-media-clips", (), models.Media),
    ("list-live-clips", (), models.Media),
    ("list-uploads", (), models.Upload),
    ("direct-upload-video-media", (), models.Upload),
    ("cancel-upload", (), models.Upload),
    ("create-media", (), models.Media),
    ("updated-media", (), models.Media),
    ("create-media-playback-id", (), models.PlaybackId),
    ("Add-media-track", (), models.Track),
    ("update-media-track", (), models.Track),
    ("Generate-subtitle-track", (), models.Track),
    ("retrieveMediaInputInfo", ("file", "tracks"), models.Track),
    ("get-playlist-by-id", (), models.Playlist),
    ("get-all-playlists", (), models.Playlist),
    ("get-playlist-by-id", ("mediaList",), models.PlaylistMediaItem),
    ("getDrmConfigurationById", (), models.DrmConfiguration),
    ("create-new-stream", (), models.LiveStream),
    ("get-all-streams", (), models.LiveStream),
    ("get-live-stream-by-id", ("srtPlaybackResponse",), models.SrtPlayback),
    ("get-specific-simulcast-of-stream", (), models.Simulcast),
    ("get-all-streams", ("simulcastResponses",), models.Simulcast),
    ("get-live-stream-playback-id", (), models.PlaybackId),
    ("get-live-stream-viewer-count-by-id", (), models.ViewerCount),
    ("create_signing_key", (), models.SigningKey),
    ("list_signing_keys", (), models.SigningKey),
    ("get-signing_key_by_id", (), models.SigningKey),
    ("list_video_views", (), models.View),
    ("get_video_view_details", (), models.View),
    ("get_video_view_details", ("events",), models.ViewEvent),
    ("get_video_view_details", ("custom",), models.ViewCustomData),
    ("get_video_view_details", ("custom", "Custom"), models.CustomDimension),
    ("list_by_top_content", (), models.TopContentItem),
    ("get-concurrent-viewers-timeseries", (), models.ConcurrentViewersPoint),
    ("get-concurrent-viewers-breakdown", (), models.ConcurrentViewersBreakdownItem),
    ("list_filter_values_for_dimension", (), models.DimensionValue),
    ("list_overall_values", (), models.MetricValue),
    ("list_breakdown_values", (), models.MetricBreakdownItem),
    ("get_timeseries_data", (), models.MetricTimeseriesPoint),
    ("list_comparison_values", (), models.MetricComparison),
    ("list_errors", (), models.PlaybackErrorReport),
    ("list_errors", ("errors",), models.PlaybackError),
    ("list_errors", ("topErrors",), models.PlaybackError),
]


def _properties(schema: dict[str, Any]) -> set[str]:
    if "items" in schema:
        return _properties(schema["items"])
    names = set(schema.get("properties") or {})
    for branch in schema.get("oneOf") or ():
        names |= _properties(branch)
    return names


def _at(schema: dict[str, Any], key: str) -> dict[str, Any]:
    schema = schema.get("items", schema)
    for branch in [schema, *(schema.get("oneOf") or ())]:
        if key in (branch.get("properties") or {}):
            found: dict[str, Any] = branch["properties"][key]
            return found
    raise KeyError(key)


@pytest.mark.parametrize(
    "operation_id, where, model",
    RESPONSE_MODELS,
    ids=[f"{op}:{'.'.join(w) or 'data'}" for op, w, _ in RESPONSE_MODELS],
)
def test_response_models_hold_every_field_of_the_contract(
    operation_id: str, where: tuple[str, ...], model: type
) -> None:
    op = OPERATIONS[operation_id]
    schema = _at(op.responses[op.success_status] or {}, "data")
    for key in where:
        schema = _at(schema, key)
    model_keys = {json_key(field) for field in attrs.fields(model)}
    assert _properties(schema) - model_keys == set()


# The response fields only the live API has (``live-api-delta.txt``'s ``+ official-only``),
# by the model that reads them: each must be a field of it.
LIVE_ONLY_FIELDS: list[tuple[type, set[str]]] = [
    (
        models.Media,
        {"frameRate", "mp4Support", "optimizeAudio", "sourceMediaId", "streamId", "mediaQuality"}
        | {"aspectRatio", "generatedSubtitles", "isAudioOnly", "maxResolution", "metadata"}
        | {"sourceAccess", "sourceResolution", "subtitleAvailable", "tracks", "updatedAt"}
        | {"workspaceId", "duration", "playbackIds"},
    ),
    (models.Mp4Rendition, {"type", "status", "height", "width", "ext"}),
    (models.Track, {"closedCaptions", "title", "height", "id", "languageCode", "languageName"}),
    (models.PlaybackId, {"accessRestrictions", "playbackIds", "accessPolicy", "id"}),
    (models.LiveStream, {"mediaIds", "simulcastResponses", "playbackIds"}),
    (models.Simulcast, {"isEnabled", "metadata", "simulcastId", "streamKey", "url"}),
    (models.Upload, {"id", "mediaId"}),
    (models.SigningKey, {"pagination", "workspace"}),
    (models.SigningKeyWorkspace, {"id", "name", "workspaceType"}),
    (models.View, {f"custom{n}" for n in range(1, 11)} | {"errorId", "fpEmbed", "playerWidth"}),
    (models.ViewEvent, {"eventTime", "vt", "d"}),
    (models.MetricComparison, {"items", "measurement", "metric", "name", "type", "value"}),
    (models.PlaybackError, {"description", "id"}),
    (models.ConcurrentViewersPoint, {"metricValue", "intervalTime"}),
]


@pytest.mark.parametrize("model, keys", LIVE_ONLY_FIELDS, ids=lambda v: getattr(v, "__name__", ""))
def test_response_models_hold_every_field_of_the_live_api(model: type, keys: set[str]) -> None:
    assert keys - {json_key(field) for field in attrs.fields(model)} == set()


def test_settings_models_check_their_values() -> None:
    with pytest.raises(ValueError, match="public' or 'private"):
        PlaybackSettings(access_policy="drm")
    with pytest.raises(ValueError, match="AccessPolicy"):
        InputMediaSettings(media_policy="open")
    with pytest.raises(ValueError, match="1080p, 720p or 480p"):
        InputMediaSettings(max_resolution="2160p")
    with pytest.raises(ValueError, match="between 60 and 1800"):
        InputMediaSettings(reconnect_window=30)
    with pytest.raises(TypeError, match="reconnect_window"):
        InputMediaSettings(reconnect_window="60")  # type: ignore[arg-type]
    assert PlaybackSettings(access_policy="private").access_policy is AccessPolicy.PRIVATE


def test_date_range_accepts_dates_and_text() -> None:
    assert DateRange(start_date=date(2024, 1, 2)).start_date == "2024-01-02"
    assert DateRange(end_date="2024-01-31").end_date == "2024-01-31"
