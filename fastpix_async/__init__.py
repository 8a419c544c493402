"""FastPix video API: the Python SDK's client, pages, retry policy, batch outcomes and errors.

The SDK's two packages share one set of models and errors: one ``except
NotFoundError`` or ``isinstance(x, Media)`` works for both clients.
Public names are imported on first use, so importing the package costs next to
nothing until the client (or an error class) is actually needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_attributes
from ._version import __version__

if TYPE_CHECKING:
    from ._client import AsyncFastPix
    from ._hooks import RequestEvent, ResponseEvent
    from ._pagination import AsyncPage, Page
    from ._raw import RawResponse, ResponseCapture
    from ._retry import RetryPolicy
    from ._timeout import Timeout
    from .batch import BatchProgress, Outcome
    from .errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConfigurationError,
        ConflictError,
        EventLoopError,
        FastPixError,
        InternalServerError,
        MediaFailedError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ResponseValidationError,
        UnprocessableEntityError,
        UploadError,
        UploadSessionExpiredError,
        WaitTimeoutError,
        WebhookPayloadError,
        WebhookVerificationError,
    )


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncFastPix",
    "AsyncPage",
    "AuthenticationError",
    "BadRequestError",
    "BatchProgress",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "EventLoopError",
    "FastPixError",
    "InternalServerError",
    "MediaFailedError",
    "NotFoundError",
    "Outcome",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RequestEvent",
    "ResponseCapture",
    "ResponseEvent",
    "ResponseValidationError",
    "RetryPolicy",
    "Timeout",
    "UnprocessableEntityError",
    "UploadError",
    "UploadSessionExpiredError",
    "WaitTimeoutError",
    "WebhookPayloadError",
    "WebhookVerificationError",
    "__version__",
]

# Where the names that are not errors live (every other public name is in errors). The
# client and pages are this package's own; the rest is the core both packages share.
_HOMES = {
    "AsyncFastPix": "._client",
    "AsyncPage": "._pagination",
    "Page": "._pagination",
    "RetryPolicy": "fastpix_async._retry",
    "Timeout": "fastpix_async._timeout",
    "BatchProgress": "fastpix_async.batch",
    "Outcome": "fastpix_async.batch",
    "RawResponse": "fastpix_async._raw",
    "ResponseCapture": "fastpix_async._raw",
    "RequestEvent": "fastpix_async._hooks",
    "ResponseEvent": "fastpix_async._hooks",
}
lazy_attributes(
    __name__,
    {name: _HOMES.get(name, "fastpix_async.errors") for name in __all__ if name != "__version__"},
)
