"""The pytest plugin costs nothing until used: pytest loads it (a ``pytest11`` entry point)
in every run of every project that installs the SDK, so the emulator and aiohttp wait
until a test asks for a fixture."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import urllib.request

import fastpix_async.testing
from fastpix_async import AsyncFastPix
from fastpix_async.testing import FastPixEmulator


def loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


EMULATOR = {"aiohttp", "fastpix_async.testing._emulator", "fastpix_async.testing._app"}


def test_loading_the_plugin_imports_neither_aiohttp_nor_the_emulator() -> None:
    loaded = loaded_after("import fastpix_async.testing.pytest_plugin")
    assert "fastpix_async.testing.pytest_plugin" in loaded
    assert not EMULATOR & loaded


def test_the_emulator_is_imported_on_first_use_of_its_name() -> None:
    loaded = loaded_after(
        "from fastpix_async.testing import FastPixEmulator, Fault, RecordedRequest\n"
        "from fastpix_async.testing import UploadFault, run_emulator_in_thread"
    )
    assert loaded >= EMULATOR


def test_every_public_name_of_the_testing_package_resolves() -> None:
    assert set(fastpix_async.testing.__all__) <= set(dir(fastpix_async.testing))
    for name in fastpix_async.testing.__all__:
        assert getattr(fastpix_async.testing, name).__name__ == name


def test_the_thread_fixture_serves_a_running_emulator(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    pair = f"{emulator.access_token_id}:{emulator.secret_key}".encode()
    request = urllib.request.Request(
        f"{emulator.base_url.rstrip('/')}/on-demand",
        headers={"Authorization": "Basic " + base64.b64encode(pair).decode()},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.load(response)["success"] is True


async def test_the_async_fixture_serves_a_running_emulator(
    fastpix_emulator: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator
    async with AsyncFastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
    ) as fp:
        assert (await fp.signing_keys.create()).id
