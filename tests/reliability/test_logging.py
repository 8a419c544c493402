"""Debug logging users turn on: ``FASTPIX_LOG`` and the ``fastpix`` logger, redacted."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from fastpix_async import AsyncFastPix
from fastpix_async._logging import log_attempt, redact_headers, redact_url
from fastpix_sync import FastPix

SDK_LOGGER = logging.getLogger("fastpix")


@pytest.fixture
def pristine_logger() -> Iterator[logging.Logger]:
    """The ``fastpix`` logger with no handlers and no level, restored afterwards."""
    saved = (SDK_LOGGER.level, list(SDK_LOGGER.handlers))
    SDK_LOGGER.handlers.clear()
    SDK_LOGGER.setLevel(logging.NOTSET)
    root = (logging.getLogger().level, list(logging.getLogger().handlers))
    try:
        yield SDK_LOGGER
    finally:
        SDK_LOGGER.handlers[:] = saved[1]
        SDK_LOGGER.setLevel(saved[0])
        assert (logging.getLogger().level, logging.getLogger().handlers) == root


@pytest.mark.parametrize(
    "value, level", [("debug", logging.DEBUG), ("DEBUG", logging.DEBUG), ("info", logging.INFO)]
)
async def test_fastpix_log_sets_the_level_and_adds_one_handler(
    pristine_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch, value: str, level: int
) -> None:
    monkeypatch.setenv("FASTPIX_LOG", value)
    async with AsyncFastPix("id", "secret") as fp:
        with FastPix("id", "secret"):
            fp.with_options(timeout=3)
    assert pristine_logger.level == level
    assert [type(h) for h in pristine_logger.handlers] == [logging.StreamHandler]


async def test_fastpix_log_keeps_a_handler_the_application_set(
    pristine_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = logging.NullHandler()
    pristine_logger.addHandler(mine)
    monkeypatch.setenv("FASTPIX_LOG", "debug")
    async with AsyncFastPix("id", "secret"):
        pass
    assert pristine_logger.handlers == [mine] and pristine_logger.level == logging.DEBUG


@pytest.mark.parametrize("value", [None, "", "verbose", "0"])
def test_without_a_known_fastpix_log_nothing_changes(
    pristine_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("FASTPIX_LOG", raising=False)
    else:
        monkeypatch.setenv("FASTPIX_LOG", value)
    with FastPix("id", "secret"):
        pass
    assert pristine_logger.handlers == [] and pristine_logger.level == logging.NOTSET


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "https://storage.example/upload?uploadType=resumable&upload_id=ABC123",
            "https://storage.example/upload?uploadType=resumable&upload_id=[redacted]",
        ),
        (
            "https://x.example/v1/a?token=eyJhbGc&limit=5",
            "https://x.example/v1/a?token=[redacted]&limit=5",
        ),
        (
            "https://x.example/f?X-Goog-Signature=abc&X-Goog-Credential=def&ok=1",
            "https://x.example/f?X-Goog-Signature=[redacted]&X-Goog-Credential=[redacted]&ok=1",
        ),
        ("https://user:pw@x.example/v1/a", "https://[redacted]@x.example/v1/a"),
        (
            "https://x.example/v1/on-demand?limit=5&offset=1",
            "https://x.example/v1/on-demand?limit=5&offset=1",
        ),
        ("https://x.example/v1/on-demand/a%2Fb", "https://x.example/v1/on-demand/a%2Fb"),
    ],
)
def test_urls_lose_their_secret_parts(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_credential_headers_are_masked() -> None:
    headers = {"Authorization": "Basic c2VjcmV0", "cookie": "a=b", "Accept": "application/json"}
    assert redact_headers(headers) == {
        "Authorization": "[redacted]",
        "cookie": "[redacted]",
        "Accept": "application/json",
    }


def test_an_attempt_line_names_the_request_id(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="fastpix")
    started = time.monotonic()
    log_attempt(
        "PUT",
        "https://storage.example/u?upload_id=SECRET-ID",
        2,
        started,
        308,
        {"x-request-id": "req-7"},
        {"Authorization": "Basic c2VjcmV0"},
    )
    (record,) = caplog.records
    message = record.getMessage()
    assert message.startswith(
        "PUT https://storage.example/u?upload_id=[redacted] -> 308 (attempt 2,"
    )
    assert message.endswith("request id req-7)")
    assert "SECRET-ID" not in message + repr(vars(record))
    assert "c2VjcmV0" not in repr(vars(record))


def test_connection_errors_log_at_info(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="fastpix")
    log_attempt("GET", "https://x.example/v1/a", 1, time.monotonic(), "APITimeoutError", None)
    log_attempt("GET", "https://x.example/v1/a", 2, time.monotonic(), 200, {})
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        "GET https://x.example/v1/a -> APITimeoutError"
    ]
