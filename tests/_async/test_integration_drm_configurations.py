"""DRM configurations through the SDK, over real sockets, against the emulator."""

from __future__ import annotations

import pytest

from fastpix_async import NotFoundError
from fastpix_async.models import DrmConfiguration
from fastpix_async.testing import FastPixEmulator

from ._integration import Coverage, make_client

COVERAGE = Coverage.of_group("drm_configurations")


async def test_configurations_are_listed_page_by_page_and_fetched(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        first = await fp.drm_configurations.list(limit=1)
        assert first.pagination is not None and first.pagination.total_records == 2
        assert first.has_next_page()
        second = await first.next_page()
        assert not second.has_next_page()
        ids = [c.id for c in (*first.data, *second.data)]
        assert len(set(ids)) == 2
        assert [c.id async for c in fp.drm_configurations.list_all(limit=1)] == ids

        for configuration_id in ids:
            fetched = await fp.drm_configurations.get(configuration_id)
            assert fetched == DrmConfiguration(id=configuration_id)
        with pytest.raises(NotFoundError) as raised:
            await fp.drm_configurations.get("00000000-0000-4000-8000-000000000000")
        assert raised.value.error is not None
        assert raised.value.error.message == "DRM configuration not found"
    COVERAGE.assert_received(emulator)
