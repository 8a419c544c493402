"""Every operation of the contract is one SDK method, and every such method names a real one.

A new operation in the contract without a method here, or a method claiming an operation
the contract doesn't have, fails this file.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

import pytest

from fastpix_async import AsyncFastPix
from tests.contract._contract import OPERATION_COUNT, OPERATIONS

# True here, False in the generated sync twin (where the class is ``FastPix``).
IS_ASYNC = AsyncFastPix.__name__.startswith("Async")

OPERATION_METHODS: dict[str, str] = {
    # media
    "create-media": "media.create",
    "direct-upload-video-media": "media.create_upload",
    "list-media": "media.list",
    "list-uploads": "media.list_uploads",
    "cancel-upload": "media.cancel_upload",
    "get-media": "media.get",
    "updated-media": "media.update",
    "delete-media": "media.delete",
    "retrieveMediaInputInfo": "media.input_info",
    "get-media-clips": "media.list_clips",
    "list-live-clips": "media.list_live_clips",
    "updated-mp4Support": "media.update_mp4_support",
    "updated-source-access": "media.update_source_access",
    "get-media-summary": "media.get_summary",
    "update-media-summary": "media.generate_summary",
    "update-media-chapters": "media.generate_chapters",
    "update-media-named-entities": "media.generate_named_entities",
    "update-media-moderation": "media.update_moderation",
    "Add-media-track": "media.tracks.add",
    "update-media-track": "media.tracks.update",
    "delete-media-track": "media.tracks.delete",
    "Generate-subtitle-track": "media.tracks.generate_subtitles",
    "create-media-playback-id": "media.playback_ids.create",
    "list-playback-ids": "media.playback_ids.list",
    "get-playback-id": "media.playback_ids.get",
    "delete-media-playback-id": "media.playback_ids.delete",
    "update-domain-restrictions": "media.playback_ids.update_domain_restrictions",
    "update-user-agent-restrictions": "media.playback_ids.update_user_agent_restrictions",
    # playlists
    "create-a-playlist": "playlists.create",
    "get-all-playlists": "playlists.list",
    "get-playlist-by-id": "playlists.get",
    "update-a-playlist": "playlists.update",
    "delete-a-playlist": "playlists.delete",
    "add-media-to-playlist": "playlists.add_media",
    "change-media-order-in-playlist": "playlists.reorder_media",
    "delete-media-from-playlist": "playlists.remove_media",
    # DRM configurations
    "getDrmConfiguration": "drm_configurations.list",
    "getDrmConfigurationById": "drm_configurations.get",
    # live streams
    "create-new-stream": "live_streams.create",
    "get-all-streams": "live_streams.list",
    "get-live-stream-by-id": "live_streams.get",
    "update-live-stream": "live_streams.update",
    "delete-live-stream": "live_streams.delete",
    "enable-live-stream": "live_streams.enable",
    "disable-live-stream": "live_streams.disable",
    "complete-live-stream": "live_streams.complete",
    "get-live-stream-viewer-count-by-id": "live_streams.viewer_count",
    "create-playbackId-of-stream": "live_streams.playback_ids.create",
    "get-live-stream-playback-id": "live_streams.playback_ids.get",
    "delete-playbackId-of-stream": "live_streams.playback_ids.delete",
    "update-live-stream-domain-restrictions": (
        "live_streams.playback_ids.update_domain_restrictions"
    ),
    "update-live-stream-user-agent-restrictions": (
        "live_streams.playback_ids.update_user_agent_restrictions"
    ),
    "create-simulcast-of-stream": "live_streams.simulcasts.create",
    "get-specific-simulcast-of-stream": "live_streams.simulcasts.get",
    "update-specific-simulcast-of-stream": "live_streams.simulcasts.update",
    "delete-simulcast-of-stream": "live_streams.simulcasts.delete",
    # signing keys
    "create_signing_key": "signing_keys.create",
    "list_signing_keys": "signing_keys.list",
    "get-signing_key_by_id": "signing_keys.get",
    "delete_signing_key": "signing_keys.delete",
    # video data
    "list_video_views": "views.list",
    "get_video_view_details": "views.get",
    "list_by_top_content": "views.top_content",
    "get-concurrent-viewers-timeseries": "views.concurrent_timeseries",
    "get-concurrent-viewers-breakdown": "views.concurrent_breakdown",
    "list_dimensions": "dimensions.list",
    "list_filter_values_for_dimension": "dimensions.filter_values",
    "list_overall_values": "metrics.overall",
    "list_breakdown_values": "metrics.breakdown",
    "get_timeseries_data": "metrics.timeseries",
    "list_comparison_values": "metrics.comparison",
    "list_errors": "playback_errors.list",
}


def resolve(client: Any, attribute_path: str) -> Any:
    return functools.reduce(getattr, attribute_path.split("."), client)


def test_every_operation_has_exactly_one_method() -> None:
    assert set(OPERATION_METHODS) == set(OPERATIONS)
    assert len(set(OPERATION_METHODS.values())) == len(OPERATION_METHODS)
    print(f"{len(OPERATION_METHODS)} operations, each one SDK method")
    assert len(OPERATION_METHODS) == OPERATION_COUNT


@pytest.mark.parametrize("operation_id", sorted(OPERATION_METHODS))
async def test_each_method_exists_on_the_client(operation_id: str) -> None:
    async with AsyncFastPix("token-id", "secret-key") as fp:
        method = resolve(fp, OPERATION_METHODS[operation_id])
    assert callable(method)
    assert inspect.iscoroutinefunction(method) is IS_ASYNC


def _paginated(operation_id: str) -> bool:
    op = OPERATIONS[operation_id]
    schema = op.responses[op.success_status] or {}
    return "pagination" in (schema.get("properties") or {})


@pytest.mark.parametrize(
    "operation_id", sorted(op_id for op_id in OPERATION_METHODS if _paginated(op_id))
)
async def test_each_paginated_operation_also_iterates_every_item(operation_id: str) -> None:
    async with AsyncFastPix("token-id", "secret-key") as fp:
        iterate_all = resolve(fp, OPERATION_METHODS[operation_id] + "_all")
    is_async_generator = inspect.isasyncgenfunction(iterate_all)
    assert is_async_generator is IS_ASYNC
    assert is_async_generator or inspect.isgeneratorfunction(iterate_all)
