"""Debug logging: the ``fastpix`` logger, the ``FASTPIX_LOG`` switch, and redaction.

One line per request attempt: method, URL, outcome, attempt number, elapsed time
and request id. Attempts that failed in a way worth retrying (a connection error,
408, 429, 5xx) log at INFO, the rest at DEBUG. Nothing secret is written: URLs
lose the values of credential-like query parameters, and the Authorization header
never leaves :func:`redact_headers` whole.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = [
    "LOG_ENV",
    "REDACTED",
    "configure_from_env",
    "log_attempt",
    "redact_headers",
    "redact_url",
]

logger = logging.getLogger("fastpix")

LOG_ENV = "FASTPIX_LOG"
REDACTED = "[redacted]"

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
# Query parameters whose values grant access: upload ids, tokens, signatures, keys.
_SECRET_PARAM = re.compile(
    r"token|upload_?id|sig|secret|key|password|credential|auth|policy", re.IGNORECASE
)
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_NOTABLE_STATUSES = frozenset({408, 429})
_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-fastpix-request-id")


def configure_from_env() -> None:
    """Apply ``FASTPIX_LOG`` (``debug`` or ``info``) to the ``fastpix`` logger.

    Called whenever a client is created, so the variable may be set any time before
    that. A stderr handler is attached only if the logger has none of its own;
    the root logger is never touched. Unset or unknown values change nothing.
    """
    level = _LEVELS.get(os.environ.get(LOG_ENV, "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


def redact_url(url: str) -> str:
    """``url`` with the values of credential-like query parameters and any userinfo masked."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = REDACTED + "@" + netloc.rsplit("@", 1)[1]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_SECRET_PARAM.search(name) for name, _ in pairs):
            query = urlencode(
                [(n, REDACTED if _SECRET_PARAM.search(n) else v) for n, v in pairs], safe="[]"
            )
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``headers`` with credentials (Authorization, cookies) masked."""
    return {
        name: REDACTED if name.lower() in _SECRET_HEADERS else value
        for name, value in headers.items()
    }


def log_attempt(
    method: str,
    url: str,
    attempt: int,
    started: float,
    outcome: int | str,
    response_headers: Mapping[str, str] | None,
    request_headers: Mapping[str, str] | None = None,
) -> None:
    """Log one attempt; ``outcome`` is the status code or the connection error's name."""
    notable = isinstance(outcome, str) or outcome >= 500 or outcome in _NOTABLE_STATUSES
    level = logging.INFO if notable else logging.DEBUG
    if not logger.isEnabledFor(level):
        return
    elapsed = time.monotonic() - started
    request_id = _request_id(response_headers) if response_headers is not None else None
    safe_url = redact_url(url)
    logger.log(
        level,
        "%s %s -> %s (attempt %d, %.3fs, request id %s)",
        method,
        safe_url,
        outcome,
        attempt,
        elapsed,
        request_id,
        extra={
            "fastpix_method": method,
            "fastpix_url": safe_url,
            "fastpix_outcome": outcome,
            "fastpix_attempt": attempt,
            "fastpix_elapsed": elapsed,
            "fastpix_request_id": request_id,
            "fastpix_request_headers": (
                redact_headers(request_headers) if request_headers is not None else None
            ),
        },
    )


def _request_id(headers: Mapping[str, str]) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        if name in headers:
            return headers[name]
    return None
