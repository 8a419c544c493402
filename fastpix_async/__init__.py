"""FastPix video API: the async-first Python SDK (``fastpix_sync`` is its synchronous twin).

Public names are imported on first use, so ``import fastpix_async`` costs next to
nothing until the client (or an error class) is actually needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._client import AsyncFastPix
    from ._pagination import AsyncPage
    from ._retry import RetryPolicy
    from .errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConfigurationError,
        ConflictError,
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

    Page = AsyncPage

# Where the names that are not errors live (every other public name is in .errors).
_HOMES: dict[str, tuple[str, str]] = {
    "AsyncFastPix": ("._client", "AsyncFastPix"),
    "AsyncPage": ("._pagination", "AsyncPage"),
    "Page": ("._pagination", "AsyncPage"),
    "RetryPolicy": ("._retry", "RetryPolicy"),
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _HOMES.get(name, (".errors", name))
    value = getattr(importlib.import_module(module, __name__), attribute)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncFastPix",
    "AsyncPage",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "FastPixError",
    "InternalServerError",
    "MediaFailedError",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "RetryPolicy",
    "UnprocessableEntityError",
    "UploadError",
    "UploadSessionExpiredError",
    "WaitTimeoutError",
    "WebhookPayloadError",
    "WebhookVerificationError",
    "__version__",
]
