"""The error hierarchy: one root, and the two errors that carry an API response alike."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fastpix_async import errors
from fastpix_async.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    FastPixError,
    NotFoundError,
    ResponseValidationError,
    UploadError,
    UploadSessionExpiredError,
    WaitTimeoutError,
    WebhookPayloadError,
)

HEADERS = {"x-request-id": "req-42", "content-type": "text/html"}


def test_every_public_error_is_a_fastpix_error_in_its_usual_place() -> None:
    for name in errors.__all__:
        value = getattr(errors, name)
        if isinstance(value, type) and name.endswith("Error") and name != "FieldError":
            assert issubclass(value, FastPixError), name
    # A body the SDK can't read is not an error status: ``except APIStatusError`` must
    # not catch it, nor the other way round.
    assert not issubclass(ResponseValidationError, APIStatusError)
    assert not issubclass(APIStatusError, ResponseValidationError)
    assert issubclass(NotFoundError, APIStatusError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(UploadSessionExpiredError, UploadError)
    assert issubclass(ConfigurationError, ValueError)
    assert issubclass(WebhookPayloadError, ValueError)
    assert issubclass(WaitTimeoutError, TimeoutError)


@pytest.mark.parametrize(
    ("error", "message", "status", "body"),
    [
        (
            NotFoundError(
                status_code=404, error=None, method="GET", url="/v1/x", headers=HEADERS, body=b"{}"
            ),
            "404 '{}' (GET /v1/x)",
            404,
            b"{}",
        ),
        (
            ResponseValidationError(
                "response body is not JSON",
                status_code=200,
                method="GET",
                url="/v1/x",
                headers=HEADERS,
                body=b"<html>",
            ),
            "response body is not JSON (HTTP 200, GET /v1/x)",
            200,
            b"<html>",
        ),
    ],
    ids=["status", "unreadable"],
)
def test_both_response_errors_carry_the_response_and_its_request_id(
    error: APIStatusError | ResponseValidationError, message: str, status: int, body: bytes
) -> None:
    assert str(error) == message
    assert (error.status_code, error.method, error.url) == (status, "GET", "/v1/x")
    assert (error.headers, error.body, error.request_id) == (HEADERS, body, "req-42")


def test_importing_the_errors_loads_no_model() -> None:
    code = "import fastpix_async.errors, sys; print(sorted(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "fastpix_async.models" not in result.stdout
