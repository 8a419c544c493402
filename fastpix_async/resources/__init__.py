"""Resource services: one class per group of API operations."""

from .media import AsyncMediaPlaybackIdsResource, AsyncMediaResource, AsyncTracksResource

__all__ = ["AsyncMediaPlaybackIdsResource", "AsyncMediaResource", "AsyncTracksResource"]
