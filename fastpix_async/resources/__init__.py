"""Resource services: one class per group of API operations.

Each module is imported when its class is first used (``AsyncFastPix`` builds a
resource on first access), so a program loads only the resources it calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .dimensions import AsyncDimensionsResource
    from .drm_configurations import AsyncDrmConfigurationsResource
    from .live_streams import (
        AsyncLiveStreamPlaybackIdsResource,
        AsyncLiveStreamsResource,
        AsyncSimulcastsResource,
    )
    from .media import AsyncMediaResource
    from .media_playback_ids import AsyncMediaPlaybackIdsResource
    from .media_tracks import AsyncTracksResource
    from .metrics import AsyncMetricsResource
    from .playback_errors import AsyncPlaybackErrorsResource
    from .playlists import AsyncPlaylistsResource
    from .signing_keys import AsyncSigningKeysResource
    from .views import AsyncViewsResource

_MODULE_OF: dict[str, str] = {
    "AsyncDimensionsResource": "dimensions",
    "AsyncDrmConfigurationsResource": "drm_configurations",
    "AsyncLiveStreamPlaybackIdsResource": "live_streams",
    "AsyncLiveStreamsResource": "live_streams",
    "AsyncMediaPlaybackIdsResource": "media_playback_ids",
    "AsyncMediaResource": "media",
    "AsyncMetricsResource": "metrics",
    "AsyncPlaybackErrorsResource": "playback_errors",
    "AsyncPlaylistsResource": "playlists",
    "AsyncSigningKeysResource": "signing_keys",
    "AsyncSimulcastsResource": "live_streams",
    "AsyncTracksResource": "media_tracks",
    "AsyncViewsResource": "views",
}


lazy_attributes(__name__, {name: "." + module for name, module in _MODULE_OF.items()})

__all__ = [
    "AsyncDimensionsResource",
    "AsyncDrmConfigurationsResource",
    "AsyncLiveStreamPlaybackIdsResource",
    "AsyncLiveStreamsResource",
    "AsyncMediaPlaybackIdsResource",
    "AsyncMediaResource",
    "AsyncMetricsResource",
    "AsyncPlaybackErrorsResource",
    "AsyncPlaylistsResource",
    "AsyncSigningKeysResource",
    "AsyncSimulcastsResource",
    "AsyncTracksResource",
    "AsyncViewsResource",
]
