"""``Timeout``: separate limits for connecting, waiting for data and the whole request.

Shared by both surfaces. A plain number of seconds, where a timeout is accepted, keeps
its meaning: a limit on the whole request (``Timeout(total=n)``).
"""

from __future__ import annotations

import math
from typing import TypeAlias

import attrs

from .errors import ConfigurationError

__all__ = [
    "Timeout",
    "TimeoutSetting",
    "check_timeout",
    "extended",
    "limits",
    "timed_out_message",
]


def _seconds(name: str, value: object) -> None:
    """Refuse ``value`` unless it is ``None`` or a positive, finite number of seconds."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"{name} must be a number of seconds, got {value!r}")
    if not (0 < value < math.inf):  # refuses NaN too
        raise ConfigurationError(f"{name} must be a positive number of seconds, got {value!r}")


def _field(_: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    _seconds(f"Timeout.{attribute.name}", value)


@attrs.frozen(kw_only=True)
class Timeout:
    """Separate time limits for one request attempt, in seconds (``None``: no limit).

    Accepted wherever a number of seconds is: ``AsyncFastPix(timeout=...)``,
    ``with_options(timeout=...)`` and ``media.upload_file(timeout=...)``. A number
    there is a total: ``timeout=30`` is ``Timeout(total=30)``.

    Attributes:
        connect: the longest wait to open a connection to the server (or to the proxy),
            TLS handshake included. A connection reused from the pool needs none.
        read: the longest wait for the server's next bytes, once the request is sent
            (for its answer to begin, then between any two reads of the body).
        total: the longest the whole attempt may take: connecting, sending, waiting and
            reading the entire body. A server dripping bytes can't outlast it.

    Raises:
        ConfigurationError: a limit that is not a positive number (the message names it).

    Example::

        from fastpix_async import AsyncFastPix, Timeout

        fp = AsyncFastPix(timeout=Timeout(connect=5, read=20, total=60))
        quick = fp.with_options(timeout=Timeout(connect=2, total=10))

    Each attempt of a retried request gets the limits afresh. A timeout raises
    :class:`~fastpix_async.APITimeoutError`, whose message names the limit that ran out.
    """

    connect: float | None = attrs.field(default=None, validator=_field)
    read: float | None = attrs.field(default=None, validator=_field)
    total: float | None = attrs.field(default=None, validator=_field)


TimeoutSetting: TypeAlias = float | Timeout | None
"""What a ``timeout=`` argument takes: seconds for the whole request, a ``Timeout``, or ``None``."""


def check_timeout(value: object, name: str = "timeout") -> None:
    """Refuse a ``timeout`` that is not seconds, a ``Timeout`` or ``None``, naming ``name``."""
    if isinstance(value, Timeout):
        return
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ConfigurationError(
            f"{name} must be a number of seconds, a Timeout or None, got {value!r}"
        )
    _seconds(name, value)


def limits(timeout: TimeoutSetting) -> tuple[float | None, float | None, float | None]:
    """``(connect, read, total)`` for a timeout setting: a number is a total."""
    if isinstance(timeout, Timeout):
        return timeout.connect, timeout.read, timeout.total
    return None, None, timeout


def extended(timeout: TimeoutSetting, seconds: float) -> TimeoutSetting:
    """The same limits, with ``seconds`` more for the whole request (when it has a total)."""
    if isinstance(timeout, Timeout):
        if timeout.total is None:
            return timeout
        return attrs.evolve(timeout, total=timeout.total + seconds)
    return None if timeout is None else timeout + seconds


_WHAT_RAN_OUT = {
    "connect": "no connection within {}s (connect timeout)",
    "read": "no data from the server for {}s (read timeout)",
    "total": "not done after {}s (total timeout)",
}


def timed_out_message(timeout: TimeoutSetting, limit: str) -> str:
    """An ``APITimeoutError``'s message: which ``limit`` (connect, read, total) ran out.

    A plain number keeps the message it always had.
    """
    if not isinstance(timeout, Timeout):
        return f"request timed out after {timeout}s"
    seconds = getattr(timeout, limit)
    if seconds is None:  # not a limit that was set: say what was
        return f"request timed out ({timeout!r})"
    return "request timed out: " + _WHAT_RAN_OUT[limit].format(seconds)
