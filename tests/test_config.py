"""Client settings are checked in one place, so a derived client (``with_options``) is
refused exactly what the constructor is refused, on both surfaces."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from fastpix_async import AsyncFastPix, ConfigurationError, __version__
from fastpix_sync import FastPix
from tests._server import ScriptedServer

CLIENTS = [AsyncFastPix, FastPix]

BAD_SETTINGS = [
    (
        {"base_url": "ftp://x/v1"},
        ConfigurationError,
        "base_url must start with http:// or https://, got 'ftp://x/v1'",
    ),
    (
        {"base_url": "api.fastpix.com/v1"},
        ConfigurationError,
        "base_url must start with http:// or https://, got 'api.fastpix.com/v1'",
    ),
    ({"timeout": 0}, ConfigurationError, "timeout must be a positive number of seconds, got 0"),
    (
        {"timeout": -2.5},
        ConfigurationError,
        "timeout must be a positive number of seconds, got -2.5",
    ),
    ({"max_retries": -1}, ValueError, "max_retries must be >= 0, got -1"),
]


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize(
    ("settings", "error", "message"),
    BAD_SETTINGS,
    ids=["ftp", "no-scheme", "zero-timeout", "negative-timeout", "negative-retries"],
)
def test_with_options_refuses_what_the_constructor_refuses(
    client_class: Any, settings: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as built:
        client_class("id", "secret", **settings)
    client = client_class("id", "secret")
    with pytest.raises(error) as derived:
        client.with_options(**settings)
    assert type(built.value) is type(derived.value)
    assert str(built.value) == str(derived.value) == message
    assert client.base_url == "https://api.fastpix.com/v1/" and client.timeout == 30.0


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda cls: cls.__name__)
def test_with_options_accepts_what_the_constructor_accepts(client_class: Any) -> None:
    client = client_class("id", "secret")
    derived = client.with_options(base_url="http://127.0.0.1:9/v2//", timeout=None)
    assert derived.base_url == "http://127.0.0.1:9/v2/"
    assert derived.timeout is None
    again = derived.with_options(extra_headers={"X-Two": "2"})  # keeps what it was given
    assert (again.base_url, again.timeout) == (derived.base_url, None)


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda cls: cls.__name__)
def test_max_connections_must_be_a_positive_int(client_class: Any) -> None:
    for bad in (0, -1, 2.5, True, "10"):
        with pytest.raises(ConfigurationError, match="max_connections must be a positive int"):
            client_class("id", "secret", max_connections=bad)


async def test_the_default_user_agent_names_each_surface_and_its_transport(
    server: ScriptedServer,
) -> None:
    server.respond_data({"id": "m1"}, times=2)
    async with AsyncFastPix("id", "secret", base_url=server.url) as async_client:
        await async_client.media.get("m1")
    with FastPix("id", "secret", base_url=server.url) as sync_client:
        sync_client.media.get("m1")
    assert [request.headers["User-Agent"] for request in server.requests] == [
        f"fastpix-python/{__version__} (aiohttp)",
        f"fastpix-python/{__version__} (urllib3)",
    ]


def test_the_shared_settings_load_no_transport() -> None:
    code = "import fastpix_async._config, sys; print(sorted(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = result.stdout
    for transport in ("aiohttp", "urllib3", "fastpix_async._backend"):
        assert f"'{transport}'" not in loaded, transport
