"""``fp.drm_configurations``: the workspace's DRM configurations."""

from __future__ import annotations

from collections.abc import AsyncIterator

from .._http import path
from .._pagination import AsyncPage
from ..models.drm import DrmConfiguration
from ._base import AsyncResource, check_limit


class AsyncDrmConfigurationsResource(AsyncResource):
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

    async def list_all(self, *, limit: int = 50) -> AsyncIterator[DrmConfiguration]:
        page = await self.list(limit=limit)
        async for item in page.iter_items():
            yield item

    async def get(self, drm_configuration_id: str) -> DrmConfiguration:
        return await self._requester.request(
            "GET",
            path(
                "/on-demand/drm-configurations/{drm_configuration_id}",
                drm_configuration_id=drm_configuration_id,
            ),
            DrmConfiguration,
        )
