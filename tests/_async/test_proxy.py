"""Proxies, through a real forward proxy on 127.0.0.1 that counts what it forwards.

``proxy=`` sends every request through the given proxy; without it the environment's
``HTTP_PROXY`` applies unless ``NO_PROXY`` names the host, and ``trust_env=False``
ignores the environment. The proxy's password reaches the proxy, as
``Proxy-Authorization``, and nothing else: no log record, error or repr.
"""

from __future__ import annotations

import base64
import copy
import logging
import pickle
import socket
from collections.abc import Iterator

import pytest

from fastpix_async import (
    APIConnectionError,
    APIStatusError,
    AsyncFastPix,
    ConfigurationError,
)
from fastpix_async._backend import HTTPSession
from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator
from tests._proxy import ForwardProxy, forward_proxy
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._tcp import RawServer, raw_server, read_request, refused_port

PASSWORD = "pr0xy-pa55word"
CREDENTIALS = f"squid-user:{PASSWORD}"
LIST = "/on-demand"
PROXY_VARIABLES = [
    *("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"),
    *("http_proxy", "https_proxy", "all_proxy", "no_proxy"),
]


@pytest.fixture(autouse=True)
def _no_proxy_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sets the proxy variables it means; the machine's own are cleared."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    with forward_proxy() as running:
        yield running


@pytest.fixture
def locked_proxy() -> Iterator[ForwardProxy]:
    """A proxy that demands ``CREDENTIALS``."""
    with forward_proxy(CREDENTIALS) as running:
        yield running


def client(emulator: FastPixEmulator, **options: object) -> AsyncFastPix:
    return AsyncFastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        **options,  # type: ignore[arg-type]
    )


def hits(emulator: FastPixEmulator) -> int:
    return sum(1 for request in emulator.requests if request.route == LIST)


def basic(credentials: str) -> str:
    return "Basic " + base64.b64encode(credentials.encode()).decode("ascii")


def texts_of(error: BaseException) -> list[str]:
    """What an exception could show: str, repr, args, attributes, and its causes' too."""
    texts: list[str] = []
    seen: BaseException | None = error
    while seen is not None:
        texts += [str(seen), repr(seen), repr(seen.args), repr(vars(seen))]
        seen = seen.__cause__ or seen.__context__
    return texts


async def test_proxy_setting_sends_every_request_through_the_proxy(
    fastpix_emulator_thread: FastPixEmulator, proxy: ForwardProxy
) -> None:
    emulator = fastpix_emulator_thread
    async with client(emulator, proxy=proxy.url) as fp:
        await fp.media.list()
        await fp.media.list(limit=2)
        async with pickle.loads(pickle.dumps(fp)) as copied:  # a copy keeps the setting
            await copied.media.list()
    assert proxy.forwarded == 3 and hits(emulator) == 3
    targets = [request.target for request in proxy.requests]
    assert all(target.startswith(emulator.base_url + "on-demand?") for target in targets)
    assert "limit=2" in targets[1]  # the absolute URL, query and all


async def test_http_proxy_from_the_environment_is_used_by_default(
    fastpix_emulator_thread: FastPixEmulator,
    proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator = fastpix_emulator_thread
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    async with client(emulator) as fp:
        page = await fp.media.list()
    assert page.data == []
    assert proxy.forwarded == 1 and hits(emulator) == 1


async def test_the_lowercase_variable_works_too_and_copies_keep_using_it(
    fastpix_emulator_thread: FastPixEmulator,
    proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator = fastpix_emulator_thread
    monkeypatch.setenv("http_proxy", proxy.url)
    async with client(emulator) as fp, copy.copy(fp) as copied:
        await fp.with_options(max_retries=0).media.list()
        await copied.media.list()
    assert proxy.forwarded == 2


async def test_no_proxy_naming_the_host_bypasses_the_environments_proxy(
    fastpix_emulator_thread: FastPixEmulator,
    proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator = fastpix_emulator_thread
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "example.com,127.0.0.1")
    async with client(emulator) as fp:
        await fp.media.list()
    assert proxy.requests == [] and hits(emulator) == 1


async def test_trust_env_false_ignores_the_environments_proxy(
    fastpix_emulator_thread: FastPixEmulator,
    proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator = fastpix_emulator_thread
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    async with client(emulator, trust_env=False) as fp:
        await fp.media.list()
    assert proxy.requests == [] and hits(emulator) == 1


async def test_the_proxy_setting_wins_over_the_environment(
    fastpix_emulator_thread: FastPixEmulator,
    proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator = fastpix_emulator_thread
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{refused_port()}")
    monkeypatch.setenv("NO_PROXY", "*")
    async with client(emulator, proxy=proxy.url) as fp:
        await fp.media.list()
    assert proxy.forwarded == 1


async def test_credentials_in_the_proxy_url_reach_the_proxy_and_nothing_else(
    fastpix_emulator_thread: FastPixEmulator,
    locked_proxy: ForwardProxy,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator = fastpix_emulator_thread
    monkeypatch.setenv("FASTPIX_LOG", "debug")
    caplog.set_level(logging.DEBUG)  # every logger: the SDK's, aiohttp's, urllib3's
    proxy_url = locked_proxy.url_with(CREDENTIALS)
    async with client(emulator, proxy=proxy_url) as fp:
        await fp.media.list()
        created = await fp.media.create(inputs=[VideoInput(url="https://example.com/a.mp4")])
        async with pickle.loads(pickle.dumps(fp)) as copied:  # the credentials travel too
            await copied.media.list()
            shown = [repr(fp), str(fp), repr(fp.with_options(timeout=3)), repr(copied)]
    assert created.id
    assert locked_proxy.forwarded == 3
    assert {r.proxy_authorization for r in locked_proxy.requests} == {basic(CREDENTIALS)}
    assert all("proxy-authorization" not in map(str.lower, r.headers) for r in emulator.requests)
    assert all("squid-user:***@127.0.0.1" in text for text in shown)
    assert caplog.records  # the SDK logged each attempt
    logged = [record.getMessage() for record in caplog.records]
    logged += [repr(vars(record)) for record in caplog.records]
    for text in shown + logged:
        assert PASSWORD not in text
        assert basic(CREDENTIALS).split()[1] not in text


async def test_a_proxy_refusing_the_credentials_answers_407_without_revealing_them(
    fastpix_emulator_thread: FastPixEmulator, locked_proxy: ForwardProxy
) -> None:
    emulator = fastpix_emulator_thread
    wrong = locked_proxy.url_with(f"squid-user:{PASSWORD}-old")
    async with client(emulator, proxy=wrong, max_retries=0) as fp:
        with pytest.raises(APIStatusError) as caught:
            await fp.media.list()
    assert caught.value.status_code == 407 and hits(emulator) == 0
    for text in texts_of(caught.value):
        assert PASSWORD not in text


async def test_an_unreachable_proxy_is_a_connection_error_that_hides_the_password(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    port = refused_port()
    async with client(
        fastpix_emulator_thread,
        proxy=f"http://squid-user:{PASSWORD}@127.0.0.1:{port}",
        max_retries=0,
    ) as fp:
        with pytest.raises(APIConnectionError) as caught:
            await fp.media.list()
    message = str(caught.value)
    assert f"through the proxy http://squid-user:***@127.0.0.1:{port}" in message
    for text in texts_of(caught.value):
        assert PASSWORD not in text


async def test_a_proxy_closing_the_connection_is_a_connection_error_that_hides_the_password(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    def hang_up(connection: socket.socket, server: RawServer) -> None:
        read_request(connection, server)

    with raw_server(hang_up) as closing:
        proxy_url = f"http://squid-user:{PASSWORD}@127.0.0.1:{closing.port}"
        async with client(fastpix_emulator_thread, proxy=proxy_url, max_retries=0) as fp:
            with pytest.raises(APIConnectionError) as caught:
                await fp.media.list()
        assert len(closing.requests) >= 1  # it reached the proxy, which hung up
    assert "through the proxy http://squid-user:***@" in str(caught.value)
    for text in texts_of(caught.value):
        assert PASSWORD not in text


@pytest.mark.parametrize(
    ("proxy_url", "message"),
    [
        ("socks5://127.0.0.1:1080", "proxy must be an http:// or https:// URL with a host"),
        (f"squid-user:{PASSWORD}@proxy:3128", "proxy must start with http:// or https://"),
        (f"http://squid-user:{PASSWORD}@proxy:port", "got 'http://squid-user:***@proxy:port'"),
    ],
    ids=["socks", "no-scheme", "bad-port"],
)
async def test_a_bad_proxy_url_is_refused_at_construction_without_its_password(
    proxy_url: str, message: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        AsyncFastPix("id", "secret", proxy=proxy_url)
    assert message in str(caught.value) and PASSWORD not in str(caught.value)


async def test_a_bad_proxy_in_the_environment_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", f"socks5://squid-user:{PASSWORD}@127.0.0.1:1080")
    with pytest.raises(ConfigurationError, match="HTTPS_PROXY must be") as caught:
        AsyncFastPix("id", "secret")
    assert PASSWORD not in str(caught.value)
    AsyncFastPix("id", "secret", trust_env=False)  # the way out it offers


async def test_a_session_of_your_own_keeps_its_own_proxy_settings(
    fastpix_emulator_thread: FastPixEmulator,
    proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator = fastpix_emulator_thread
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    # no proxy of its own (aiohttp's ignores the environment, as urllib3's always does)
    async with HTTPSession() as session:
        async with client(emulator, http_session=session) as fp:
            await fp.media.list()
        assert proxy.requests == [] and hits(emulator) == 1
        with pytest.raises(ConfigurationError, match="configure the proxy on your session"):
            client(emulator, http_session=session, proxy=proxy.url)
        with pytest.raises(ConfigurationError, match="configure the proxy on your session"):
            client(emulator, http_session=session, trust_env=False)
