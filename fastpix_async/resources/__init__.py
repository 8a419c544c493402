"""Resource services: one class per group of API operations."""

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
