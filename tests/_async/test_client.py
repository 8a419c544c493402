"""The client: credentials, settings, derived clients, closing, and what it never reveals."""

from __future__ import annotations

import base64

import pytest

from fastpix_async import AsyncFastPix, ClientClosedError, ConfigurationError, RetryPolicy
from fastpix_async._backend import HTTPSession
from tests._server import ScriptedServer

SECRET = "s3cr3t-key-value"


def make_client(server: ScriptedServer, **options: object) -> AsyncFastPix:
    return AsyncFastPix("token-id", SECRET, base_url=server.url, **options)  # type: ignore[arg-type]


def basic(token_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{token_id}:{secret}".encode()).decode()


async def test_missing_credentials_fail_at_construction() -> None:
    with pytest.raises(ConfigurationError, match="FASTPIX_ACCESS_TOKEN_ID"):
        AsyncFastPix()
    with pytest.raises(ConfigurationError, match="secret_key"):
        AsyncFastPix("only-the-id")


async def test_credentials_and_base_url_come_from_the_environment(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FASTPIX_ACCESS_TOKEN_ID", "env-id")
    monkeypatch.setenv("FASTPIX_SECRET_KEY", "env-secret")
    monkeypatch.setenv("FASTPIX_BASE_URL", server.url)
    server.respond_data({"id": "m1"})
    async with AsyncFastPix() as fp:
        assert fp.base_url == server.url
        await fp.media.get("m1")
    assert server.last.headers["Authorization"] == basic("env-id", "env-secret")


async def test_credentials_callable_is_asked_before_each_request(server: ScriptedServer) -> None:
    pairs = iter([("id-1", "secret-1"), ("id-2", "secret-2")])
    calls = 0

    async def rotate() -> tuple[str, str]:
        nonlocal calls
        calls += 1
        return next(pairs)

    server.respond_data({"id": "m1"}, times=2)
    async with AsyncFastPix(base_url=server.url, credentials=rotate) as fp:
        await fp.media.get("m1")
        await fp.media.get("m1")
    assert calls == 2
    assert [r.headers["Authorization"] for r in server.requests] == [
        basic("id-1", "secret-1"),
        basic("id-2", "secret-2"),
    ]


async def test_credentials_callable_and_key_pair_are_exclusive() -> None:
    async def creds() -> tuple[str, str]:
        return ("a", "b")

    with pytest.raises(ConfigurationError, match="not both"):
        AsyncFastPix("id", "secret", credentials=creds)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"base_url": "ftp://example.com"}, "http"),
        ({"timeout": 0}, "timeout"),
        ({"max_connections": 0}, "max_connections"),
        ({"max_retries": -1}, "max_retries"),
    ],
)
async def test_invalid_settings_are_rejected(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AsyncFastPix("id", "secret", **options)  # type: ignore[arg-type]


async def test_user_agent_and_extra_headers_are_sent(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1"})
    async with make_client(server, user_agent="my-app/1.0", extra_headers={"X-Trace": "t1"}) as fp:
        await fp.media.get("m1")
    assert server.last.headers["User-Agent"] == "my-app/1.0"
    assert server.last.headers["X-Trace"] == "t1"
    assert server.last.headers["Accept"] == "application/json"


async def test_default_user_agent_names_the_sdk(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1"})
    async with make_client(server) as fp:
        await fp.media.get("m1")
    assert server.last.headers["User-Agent"].startswith("fastpix-python/")


async def test_with_options_shares_the_pool_and_overrides_settings(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1"}, times=2)
    async with make_client(server) as fp:
        quick = fp.with_options(timeout=5, max_retries=0, extra_headers={"X-One": "1"})
        assert quick.timeout == 5
        assert quick.retry.max_attempts == 1
        assert fp.timeout == 30.0
        assert fp.retry.max_attempts == 3
        await quick.media.get("m1")
        await quick.close()  # a derived client leaves the shared pool open
        assert not fp.is_closed
        await fp.media.get("m1")
    assert server.requests[0].headers["X-One"] == "1"
    assert "X-One" not in server.requests[1].headers
    assert quick.is_closed  # closing the root closed the pool both use


async def test_with_options_accepts_a_retry_policy(server: ScriptedServer) -> None:
    async with make_client(server) as fp:
        policy = RetryPolicy(max_attempts=7, initial_interval=0.1)
        assert fp.with_options(retry=policy).retry == policy


async def test_using_a_closed_client_raises_a_clear_error(server: ScriptedServer) -> None:
    fp = make_client(server)
    await fp.close()
    with pytest.raises(ClientClosedError, match="closed"):
        await fp.media.get("m1")
    assert server.requests == []


async def test_no_repr_reveals_the_credentials(server: ScriptedServer) -> None:
    token_id, secret = "fp-token-7f3a9c1e", "fpsk_live_Zq8mW2xK9vR4tL7nB3cD"
    authorization = basic(token_id, secret)
    forbidden = [secret, authorization, authorization.removeprefix("Basic "), token_id]
    resources = [
        "media",
        "media.tracks",
        "media.playback_ids",
        "playlists",
        "drm_configurations",
        "live_streams",
        "live_streams.playback_ids",
        "live_streams.simulcasts",
        "signing_keys",
        "views",
        "dimensions",
        "metrics",
        "playback_errors",
    ]

    def shown(client: AsyncFastPix) -> list[str]:
        """Every repr and str a log line or a traceback could show of a client's parts."""
        parts: list[object] = [client, client._requester, client._requester.config, client.retry]
        for name in resources:
            resource: object = client
            for attribute in name.split("."):
                resource = getattr(resource, attribute)
            parts.append(resource)
        return [text for part in parts for text in (repr(part), str(part))]

    async def provider() -> tuple[str, str]:
        return token_id, secret

    server.respond_data({"id": "m1"}, times=2)
    async with (
        AsyncFastPix(token_id, secret, base_url=server.url) as fixed,
        AsyncFastPix(base_url=server.url, credentials=provider) as rotating,
    ):
        await fixed.media.get("m1")  # each now holds its Authorization header
        await rotating.media.get("m1")
        derived = [fixed.with_options(timeout=1), rotating.with_options(max_retries=0)]
        texts = [text for fp in (fixed, rotating, *derived) for text in shown(fp)]
    assert [r.headers["Authorization"] for r in server.requests] == [authorization] * 2
    leaks = [(value, text) for value in forbidden for text in texts if value in text]
    assert not leaks


async def test_a_session_brought_by_the_caller_is_used_and_left_open(
    server: ScriptedServer,
) -> None:
    server.respond_data({"id": "m1"}, times=2)
    async with HTTPSession() as session:
        async with make_client(server, http_session=session) as fp:
            await fp.media.get("m1")
        async with make_client(server, http_session=session) as again:
            await again.media.get("m1")  # the first client left the session open
    assert len(server.requests) == 2
