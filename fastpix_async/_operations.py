"""The API's operations by route: which operation id a request's method and path address.

Tracing and hooks name each call by its operation (``get-media``) and route template
(``/on-demand/{mediaId}``). The table mirrors the contract's operations; a test checks
it against ``tests/contract/fastpix_contract.json``. Looked up only when a call is
observed (hooks, tracing or a response capture), never on the plain request path.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["OPERATIONS", "Route", "route_of"]

#: template -> {method: operation id}, as the contract names them
OPERATIONS: dict[str, dict[str, str]] = {
    "/data/dimensions": {"GET": "list_dimensions"},
    "/data/dimensions/{dimensionsId}": {"GET": "list_filter_values_for_dimension"},
    "/data/errors": {"GET": "list_errors"},
    "/data/metrics/comparison": {"GET": "list_comparison_values"},
    "/data/metrics/{metricId}/breakdown": {"GET": "list_breakdown_values"},
    "/data/metrics/{metricId}/overall": {"GET": "list_overall_values"},
    "/data/metrics/{metricId}/timeseries": {"GET": "get_timeseries_data"},
    "/data/viewlist": {"GET": "list_video_views"},
    "/data/viewlist/current-views/filter": {"GET": "get-concurrent-viewers-breakdown"},
    "/data/viewlist/current-views/getTimeseriesViews": {"GET": "get-concurrent-viewers-timeseries"},
    "/data/viewlist/top-content": {"GET": "list_by_top_content"},
    "/data/viewlist/{viewId}": {"GET": "get_video_view_details"},
    "/iam/signing-keys": {"GET": "list_signing_keys", "POST": "create_signing_key"},
    "/iam/signing-keys/{signingKeyId}": {
        "DELETE": "delete_signing_key",
        "GET": "get-signing_key_by_id",
    },
    "/live/streams": {"GET": "get-all-streams", "POST": "create-new-stream"},
    "/live/streams/{streamId}": {
        "DELETE": "delete-live-stream",
        "GET": "get-live-stream-by-id",
        "PATCH": "update-live-stream",
    },
    "/live/streams/{streamId}/finish": {"PUT": "complete-live-stream"},
    "/live/streams/{streamId}/live-disable": {"PUT": "disable-live-stream"},
    "/live/streams/{streamId}/live-enable": {"PUT": "enable-live-stream"},
    "/live/streams/{streamId}/playback-ids": {
        "DELETE": "delete-playbackId-of-stream",
        "POST": "create-playbackId-of-stream",
    },
    "/live/streams/{streamId}/playback-ids/{playbackId}": {"GET": "get-live-stream-playback-id"},
    "/live/streams/{streamId}/playback-ids/{playbackId}/domains": {
        "PATCH": "update-live-stream-domain-restrictions",
    },
    "/live/streams/{streamId}/playback-ids/{playbackId}/user-agents": {
        "PATCH": "update-live-stream-user-agent-restrictions",
    },
    "/live/streams/{streamId}/simulcast": {"POST": "create-simulcast-of-stream"},
    "/live/streams/{streamId}/simulcast/{simulcastId}": {
        "DELETE": "delete-simulcast-of-stream",
        "GET": "get-specific-simulcast-of-stream",
        "PUT": "update-specific-simulcast-of-stream",
    },
    "/live/streams/{streamId}/viewer-count": {"GET": "get-live-stream-viewer-count-by-id"},
    "/on-demand": {"GET": "list-media", "POST": "create-media"},
    "/on-demand/drm-configurations": {"GET": "getDrmConfiguration"},
    "/on-demand/drm-configurations/{drmConfigurationId}": {"GET": "getDrmConfigurationById"},
    "/on-demand/playlists": {"GET": "get-all-playlists", "POST": "create-a-playlist"},
    "/on-demand/playlists/{playlistId}": {
        "DELETE": "delete-a-playlist",
        "GET": "get-playlist-by-id",
        "PUT": "update-a-playlist",
    },
    "/on-demand/playlists/{playlistId}/media": {
        "DELETE": "delete-media-from-playlist",
        "PATCH": "add-media-to-playlist",
        "PUT": "change-media-order-in-playlist",
    },
    "/on-demand/upload": {"POST": "direct-upload-video-media"},
    "/on-demand/upload/{uploadId}/cancel": {"PUT": "cancel-upload"},
    "/on-demand/uploads": {"GET": "list-uploads"},
    "/on-demand/{livestreamId}/live-clips": {"GET": "list-live-clips"},
    "/on-demand/{mediaId}": {
        "DELETE": "delete-media",
        "GET": "get-media",
        "PATCH": "updated-media",
    },
    "/on-demand/{mediaId}/chapters": {"PATCH": "update-media-chapters"},
    "/on-demand/{mediaId}/input-info": {"GET": "retrieveMediaInputInfo"},
    "/on-demand/{mediaId}/media-clips": {"GET": "get-media-clips"},
    "/on-demand/{mediaId}/moderation": {"PATCH": "update-media-moderation"},
    "/on-demand/{mediaId}/named-entities": {"PATCH": "update-media-named-entities"},
    "/on-demand/{mediaId}/playback-ids": {
        "DELETE": "delete-media-playback-id",
        "GET": "list-playback-ids",
        "POST": "create-media-playback-id",
    },
    "/on-demand/{mediaId}/playback-ids/{playbackId}": {"GET": "get-playback-id"},
    "/on-demand/{mediaId}/playback-ids/{playbackId}/domains": {
        "PATCH": "update-domain-restrictions",
    },
    "/on-demand/{mediaId}/playback-ids/{playbackId}/user-agents": {
        "PATCH": "update-user-agent-restrictions",
    },
    "/on-demand/{mediaId}/source-access": {"PATCH": "updated-source-access"},
    "/on-demand/{mediaId}/summary": {"GET": "get-media-summary", "PATCH": "update-media-summary"},
    "/on-demand/{mediaId}/tracks": {"POST": "Add-media-track"},
    "/on-demand/{mediaId}/tracks/{trackId}": {
        "DELETE": "delete-media-track",
        "PATCH": "update-media-track",
    },
    "/on-demand/{mediaId}/tracks/{trackId}/generate-subtitles": {"POST": "Generate-subtitle-track"},
    "/on-demand/{mediaId}/update-mp4Support": {"PATCH": "updated-mp4Support"},
}


class Route:
    """The contract operation a request addresses: its id and path template."""

    __slots__ = ("operation", "template")

    def __init__(self, operation: str, template: str) -> None:
        self.operation = operation
        self.template = template

    def __repr__(self) -> str:
        return f"Route({self.operation!r}, {self.template!r})"


def _segments(path: str) -> tuple[str, ...]:
    return tuple(path.strip("/").split("/"))


# (segments, methods) by segment count; a "{...}" segment matches any one segment
_BY_LENGTH: dict[int, list[tuple[tuple[str, ...], str, dict[str, str]]]] = {}
for _template, _methods in OPERATIONS.items():
    _parts = _segments(_template)
    _BY_LENGTH.setdefault(len(_parts), []).append((_parts, _template, _methods))


@lru_cache(maxsize=256)
def route_of(method: str, path: str) -> Route | None:
    """The operation ``method path`` addresses (``path`` relative to the base URL, no query).

    Literal segments win over ``{param}`` ones, leftmost first: ``/on-demand/uploads`` is
    ``list-uploads``, not ``get-media``. ``None`` for a route the contract doesn't have.
    """
    parts = _segments(path)
    best: tuple[tuple[bool, ...], Route] | None = None
    for template_parts, template, methods in _BY_LENGTH.get(len(parts), ()):
        operation = methods.get(method)
        if operation is None:
            continue
        literal = tuple(not t.startswith("{") for t in template_parts)
        matches = all(
            not lit or t == p for lit, t, p in zip(literal, template_parts, parts, strict=True)
        )
        if matches and (best is None or literal > best[0]):
            best = (literal, Route(operation, template))
    return None if best is None else best[1]
