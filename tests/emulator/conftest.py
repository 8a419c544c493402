from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

import fastpix_async.testing.pytest_plugin as emulator_plugin
from fastpix_async.testing import FastPixEmulator
from tests.emulator._client import Api


def pytest_configure(config: pytest.Config) -> None:
    # an installed project registers the plugin as a pytest11 entry point; a plain
    # checkout does not, so register it here unless that already happened
    if not config.pluginmanager.is_registered(emulator_plugin):
        config.pluginmanager.register(emulator_plugin, "fastpix_emulator")


@pytest.fixture
async def emu(fastpix_emulator: FastPixEmulator) -> FastPixEmulator:
    return fastpix_emulator


@pytest.fixture
async def api(emu: FastPixEmulator) -> AsyncIterator[Api]:
    async with aiohttp.ClientSession() as session:
        yield Api(session, emu)
