"""When to retry a request and how long to wait: pure policy, no I/O."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from time import time

import attrs

__all__ = ["DEFAULT_RETRY", "NO_RETRY", "RetryPolicy"]


def _positive(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value!r}")


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How a failed request is retried.

    The defaults are the API's own (the contract's ``x-fastpix-retries``):
    exponential backoff from 1 s, doubling, capped at 10 s, 3 attempts in all,
    retrying connection errors and 408/429/500/502/503/504.

    ``jitter`` is the fraction of each delay that is randomised (0 disables it);
    ``max_retry_after`` caps how long a server's ``Retry-After`` may make us wait.
    """

    initial_interval: float = attrs.field(default=1.0, validator=_positive)
    max_interval: float = attrs.field(default=10.0, validator=_positive)
    multiplier: float = attrs.field(default=2.0, validator=_positive)
    max_attempts: int = attrs.field(default=3, validator=attrs.validators.ge(1))
    jitter: float = attrs.field(
        default=0.25, validator=[attrs.validators.ge(0.0), attrs.validators.le(1.0)]
    )
    status_codes: frozenset[int] = attrs.field(
        default=frozenset({408, 429, 500, 502, 503, 504}), converter=frozenset
    )
    retry_connection_errors: bool = True
    max_retry_after: float = attrs.field(default=60.0, validator=_positive)

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """The same policy allowing ``max_retries`` retries (``0`` turns retrying off)."""
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries!r}")
        return attrs.evolve(self, max_attempts=max_retries + 1)

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        try:
            growth = self.multiplier ** (attempt - 1)
        except OverflowError:  # a policy allowing thousands of attempts
            growth = float("inf")
        delay = min(self.max_interval, self.initial_interval * growth)
        return delay * (1.0 - self.jitter * random.random())

    def delay(self, attempt: int, headers: Mapping[str, str] | None = None) -> float:
        """The wait before the next attempt: the server's ``Retry-After`` when it sent a
        sane one (capped at ``max_retry_after``), else the computed backoff."""
        if headers is not None:
            retry_after = parse_retry_after(headers.get("retry-after"))
            if retry_after is not None:
                return min(retry_after, self.max_retry_after)
        return self.backoff(attempt)


DEFAULT_RETRY = RetryPolicy()
NO_RETRY = RetryPolicy(max_attempts=1)


# Delta-seconds are ASCII digits; a fraction or a minus sign is tolerated, but not the
# rest of what float() reads ("inf", "nan", "1e9", "1_000", non-ASCII digits).
_SECONDS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` value (delta-seconds or HTTP-date); ``None`` if unusable.

    A time in the past gives ``0.0``; the caller caps the result (it may be ``inf``
    for an absurdly long number).
    """
    if not value:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):
        seconds = float(value)
    else:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return seconds if seconds > 0 else 0.0
