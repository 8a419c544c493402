from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest

if os.environ.get("FASTPIX_HIDE_ORJSON") == "1":
    # The run without the speedups extra: `import orjson` raises ImportError from here on.
    sys.modules["orjson"] = None  # type: ignore[assignment]

import fastpix_async._backend
import fastpix_sync._backend
from tests._server import ScriptedServer, scripted_server


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with scripted_server() as running:
        yield running


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A fake clock for backoff: records each requested sleep instead of sleeping."""
    delays: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        delays.append(seconds)

    def fake_sync_sleep(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(fastpix_async._backend, "sleep", fake_async_sleep)
    monkeypatch.setattr(fastpix_sync._backend, "sleep", fake_sync_sleep)
    return delays


@pytest.fixture(autouse=True)
def _no_credentials_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FASTPIX_ACCESS_TOKEN_ID", "FASTPIX_SECRET_KEY", "FASTPIX_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    # The clients honour proxy variables now: a CI machine's proxy must not carry the
    # tests' loopback traffic (the proxy tests set their own).
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
