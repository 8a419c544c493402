"""Resource services: one class per group of API operations.

Each module is imported when its class is first used (``AsyncFastPix`` builds a
resource on first access), so a program loads only the resources it calls.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dimensions import AsyncDimensionsResource
    from .drm_configurations import AsyncDrmConfigurationsResource
    from .live_streams import (
        AsyncLiveStreamPlaybackIdsResource,
        AsyncLiveStreamsResource,
        AsyncSimulcastsResource,
    )
    from .media import AsyncMediaPlaybackIdsResource, AsyncMediaResource, AsyncTracksResource
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
    "AsyncMediaPlaybackIdsResource": "media",
    "AsyncMediaResource": "media",
    "AsyncMetricsResource": "metrics",
    "AsyncPlaybackErrorsResource": "playback_errors",
    "AsyncPlaylistsResource": "playlists",
    "AsyncSigningKeysResource": "signing_keys",
    "AsyncSimulcastsResource": "live_streams",
    "AsyncTracksResource": "media",
    "AsyncViewsResource": "views",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])


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
