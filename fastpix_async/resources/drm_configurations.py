"""``fp.drm_configurations``: the workspace's DRM configurations."""

from __future__ import annotations

from typing import Final

from .._checks import check_limit
from .._http import path
from .._pagination import AsyncPage, every_item
from ..models.drm import DrmConfiguration
from ._base import AsyncResource


class AsyncDrmConfigurationsResource(AsyncResource):
    """The DRM configurations a ``"drm"`` playback ID can name (read only)."""

    __slots__ = ()

    async def list(
        self, *, limit: int | None = None, offset: int = 1
    ) -> AsyncPage[DrmConfiguration]:
        """One page of DRM configurations (``offset`` is the page number, from 1)."""
        return await self._list(
            "/on-demand/drm-configurations",
            DrmConfiguration,
            {"limit": check_limit(limit)},
            offset,
        )

    list_all: Final = every_item(list)

    async def get(self, drm_configuration_id: str) -> DrmConfiguration:
        """One DRM configuration."""
        return await self._requester.request(
            "GET",
            path(
                "/on-demand/drm-configurations/{drm_configuration_id}",
                drm_configuration_id=drm_configuration_id,
            ),
            DrmConfiguration,
        )
