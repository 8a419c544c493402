"""Client settings are checked in one place, so a derived client (``with_options``) is
refused exactly what the constructor is refused, on both surfaces."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from fastpix_async import AsyncFastPix, ConfigurationError, Timeout, __version__
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
    (
        {"timeout": "30"},
        ConfigurationError,
        "timeout must be a number of seconds, a Timeout or None, got '30'",
    ),
    (
        {"timeout": float("nan")},
        ConfigurationError,
        "timeout must be a positive number of seconds, got nan",
    ),
]


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize(
    ("settings", "error", "message"),
    BAD_SETTINGS,
    ids=[
        "ftp",
        "no-scheme",
        "zero-timeout",
        "negative-timeout",
        "negative-retries",
        "text-timeout",
        "nan-timeout",
    ],
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
def test_a_timeout_object_is_accepted_wherever_a_number_is(client_class: Any) -> None:
    limits = Timeout(connect=2, read=10, total=60)
    client = client_class("id", "secret", timeout=limits)
    assert client.timeout is limits and "timeout=Timeout(connect=2, read=10, total=60)" in repr(
        client
    )
    derived = client.with_options(timeout=Timeout(read=1))
    assert derived.timeout == Timeout(read=1) and client.timeout is limits
    assert derived.with_options(timeout=5).timeout == 5  # and back to a number
    assert client_class("id", "secret", timeout=Timeout()).timeout == Timeout()  # no limits


@pytest.mark.parametrize("field", ["connect", "read", "total"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "must be a positive number of seconds, got 0"),
        (-1.5, "must be a positive number of seconds, got -1.5"),
        (float("nan"), "must be a positive number of seconds, got nan"),
        (float("inf"), "must be a positive number of seconds, got inf"),
        (True, "must be a number of seconds, got True"),
        ("5", "must be a number of seconds, got '5'"),
    ],
    ids=["zero", "negative", "nan", "inf", "bool", "text"],
)
def test_each_timeout_limit_is_checked_and_named(field: str, value: object, message: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        Timeout(**{field: value})  # type: ignore[arg-type]
    assert str(caught.value) == f"Timeout.{field} {message}"
    assert isinstance(caught.value, ValueError)


def test_timeout_is_one_frozen_hashable_class_for_both_packages() -> None:
    import attrs

    import fastpix_sync

    assert fastpix_sync.Timeout is Timeout
    limits = Timeout(connect=1, total=5)
    assert {limits: "cached"}[Timeout(connect=1, total=5)] == "cached"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        limits.total = 10  # type: ignore[misc]
    with pytest.raises(TypeError):
        Timeout(5)  # type: ignore[misc]  # keywords only: which limit would 5 be?


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"proxy": "ftp://proxy:21"}, "proxy must be an http:// or https:// URL with a host"),
        ({"proxy": "proxy:3128"}, "proxy must start with http:// or https://"),
        ({"proxy": 3128}, "proxy must be a URL string, got int"),
        ({"trust_env": "no"}, "trust_env must be True or False, got 'no'"),
    ],
    ids=["ftp", "no-scheme", "not-a-string", "trust-env-text"],
)
def test_bad_proxy_settings_are_refused_at_construction(
    client_class: Any, settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        client_class("id", "secret", **settings)
    assert message in str(caught.value)


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda cls: cls.__name__)
def test_an_explicit_proxy_is_shown_with_its_password_masked(client_class: Any) -> None:
    client = client_class("id", "secret", proxy="http://me:hunter2@proxy.internal:3128")
    assert "proxy='http://me:***@proxy.internal:3128'" in repr(client)
    assert "hunter2" not in repr(client) and "hunter2" not in repr(client.with_options(timeout=1))
    assert "proxy=" not in repr(client_class("id", "secret"))


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
