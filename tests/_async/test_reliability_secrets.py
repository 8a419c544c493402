"""Secrets never leak, and the debug log says what each attempt did.

Every logger (the SDK's, the HTTP libraries' and the event loop's) is captured at DEBUG during
failing requests; the secret key, the base64 Basic credential and webhook secrets must
appear in no record, no exception and no repr.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable

import pytest

from fastpix_async import (
    APIConnectionError,
    AsyncFastPix,
    AuthenticationError,
    ConfigurationError,
    InternalServerError,
    RetryPolicy,
    WebhookVerificationError,
)
from fastpix_async.testing import FastPixEmulator
from fastpix_async.webhooks import verify_signature
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard

LIST = "/on-demand"
LOGGERS = ("fastpix", "aiohttp", "urllib3", "asyncio")


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # the root: every logger that propagates
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def client(emulator: FastPixEmulator, secret: str, **options: object) -> AsyncFastPix:
    options.setdefault("retry", RetryPolicy(initial_interval=0, jitter=0))
    return AsyncFastPix(
        emulator.access_token_id,
        secret,
        base_url=emulator.base_url,
        **options,  # type: ignore[arg-type]
    )


def error_texts(error: BaseException) -> list[str]:
    """What an exception could show anyone: its str, repr, args and attributes, and its
    causes' too."""
    texts: list[str] = []
    seen: BaseException | None = error
    while seen is not None:
        texts += [str(seen), repr(seen), repr(seen.args), repr(vars(seen))]
        seen = seen.__cause__ or seen.__context__
    return texts


def log_texts(records: Iterable[logging.LogRecord]) -> list[str]:
    return [record.getMessage() + repr(vars(record)) for record in records]


def forbidden(token_id: str, secret: str) -> list[str]:
    credential = base64.b64encode(f"{token_id}:{secret}".encode()).decode()
    return [secret, credential, f"Basic {credential}"]


def assert_nothing_leaked(texts: list[str], secrets: list[str]) -> None:
    leaks = [(secret, text) for text in texts for secret in secrets if secret in text]
    assert not leaks, f"secret leaked: {leaks[:1]}"


async def test_rejected_credentials_leak_nowhere(
    fastpix_emulator_thread: FastPixEmulator, all_logs: pytest.LogCaptureFixture
) -> None:
    emulator = fastpix_emulator_thread
    wrong_secret = "wrong-" + emulator.secret_key
    async with client(emulator, wrong_secret) as fp:
        with pytest.raises(AuthenticationError) as caught:
            await fp.media.list()
        texts = [repr(fp), str(fp), repr(fp._requester.config), repr(fp.with_options(timeout=1))]
    assert emulator.requests  # it did go out, with the credential in its header
    assert any(r.name == "fastpix" for r in all_logs.records)
    texts += error_texts(caught.value) + log_texts(all_logs.records)
    assert_nothing_leaked(texts, forbidden(emulator.access_token_id, wrong_secret))


async def test_retried_failures_leak_nowhere(
    fastpix_emulator_thread: FastPixEmulator, all_logs: pytest.LogCaptureFixture
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, status=503)
    emulator.add_fault("GET", LIST, drop_connection=True, times=2)
    async with client(emulator, emulator.secret_key) as fp:
        with pytest.raises(APIConnectionError) as caught:
            await fp.media.list()
    texts = error_texts(caught.value) + log_texts(all_logs.records)
    assert_nothing_leaked(texts, forbidden(emulator.access_token_id, emulator.secret_key))


async def test_each_attempt_is_one_redacted_log_line(
    fastpix_emulator_thread: FastPixEmulator, all_logs: pytest.LogCaptureFixture
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, status=503)
    async with client(emulator, emulator.secret_key) as fp:
        await fp.media.list(limit=5)
    lines = [r for r in all_logs.records if r.name == "fastpix"]
    assert [r.fastpix_attempt for r in lines] == [1, 2]  # type: ignore[attr-defined]
    assert [r.fastpix_outcome for r in lines] == [503, 200]  # type: ignore[attr-defined]
    assert [r.levelno for r in lines] == [logging.INFO, logging.DEBUG]
    for record in lines:
        message = record.getMessage()
        assert message.startswith(f"GET {emulator.base_url}on-demand?limit=5&offset=1 -> ")
        assert f"attempt {record.fastpix_attempt}," in message  # type: ignore[attr-defined]
        assert record.fastpix_elapsed >= 0  # type: ignore[attr-defined]
        assert record.fastpix_request_headers["Authorization"] == "[redacted]"  # type: ignore[attr-defined]


async def test_info_level_shows_only_the_attempts_that_failed(
    fastpix_emulator_thread: FastPixEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    emulator = fastpix_emulator_thread
    caplog.set_level(logging.INFO, logger="fastpix")
    emulator.add_fault("GET", LIST, status=500, times=3)
    async with client(emulator, emulator.secret_key) as fp:
        with pytest.raises(InternalServerError):
            await fp.media.list()
        await fp.media.list()
    lines = [r for r in caplog.records if r.name == "fastpix"]
    assert [r.fastpix_outcome for r in lines] == [500, 500, 500]  # type: ignore[attr-defined]


async def test_webhook_secrets_leak_nowhere(all_logs: pytest.LogCaptureFixture) -> None:
    secret = base64.b64encode(b"webhook-signing-secret-0123456789").decode()
    body = b'{"type": "video.media.ready", "id": "e1"}'
    errors: list[BaseException] = []
    for headers in ({"FastPix-Signature": "c2lnbmF0dXJl"}, {}):
        with pytest.raises(WebhookVerificationError) as caught:
            verify_signature(body, headers, secret)
        errors.append(caught.value)
    not_base64 = "not base64 at all: " + secret
    with pytest.raises(ConfigurationError) as bad:
        verify_signature(body, {"FastPix-Signature": "c2ln"}, not_base64)
    errors.append(bad.value)
    texts = log_texts(all_logs.records)
    for error in errors:
        texts += error_texts(error)
    assert_nothing_leaked(texts, [secret, not_base64, "webhook-signing-secret"])
