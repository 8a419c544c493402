"""Request and response hooks: what a client's ``on_request`` and ``on_response`` receive.

Shared by both surfaces: a hook is a plain function on either client, called once per
attempt (retries included) on the thread or event loop that makes the call. Nothing
secret reaches a hook: URLs are redacted as in log lines, and the request headers it
sees have Authorization (and any cookie or proxy credential) replaced by ``[redacted]``.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from ._headers import Headers
from .errors import APIConnectionError

__all__ = ["RequestEvent", "RequestHook", "ResponseEvent", "ResponseHook", "check_hook"]


@attrs.frozen(kw_only=True)
class RequestEvent:
    """One attempt about to be sent: what ``on_request`` receives.

    Attributes:
        method: The HTTP method, upper case.
        url: The full URL, credential-like query values masked (FastPix URLs hold none).
        attempt: 1 for the first attempt, 2 for the first retry, and so on.
        operation: The API's operation id (``"get-media"``), ``None`` for a route the
            SDK doesn't know.
        headers: The request headers as sent, Authorization shown as ``[redacted]``.
    """

    method: str
    url: str
    attempt: int
    operation: str | None
    headers: Headers


@attrs.frozen(kw_only=True)
class ResponseEvent:
    """One attempt's outcome: what ``on_response`` receives.

    Exactly one of ``status_code`` and ``exception`` is set: the status of the response
    (any status, errors and retried ones included), or the connection error that ended
    the attempt (it is retried or raised after the hook returns).

    Attributes:
        method: The HTTP method, upper case.
        url: The full URL, credential-like query values masked.
        attempt: 1 for the first attempt, 2 for the first retry, and so on.
        operation: The API's operation id, ``None`` for a route the SDK doesn't know.
        status_code: The response's HTTP status, ``None`` after a connection error.
        exception: The connection error (an ``APIConnectionError``), else ``None``.
        elapsed: Seconds from sending this attempt to its full response or its error.
        request_id: The response's request id header, ``None`` when it has none.
        headers: The response headers (names match in any case), ``None`` after a
            connection error.
    """

    method: str
    url: str
    attempt: int
    operation: str | None
    status_code: int | None
    exception: APIConnectionError | None
    elapsed: float
    request_id: str | None
    headers: Headers | None


#: ``on_request``: called with each attempt's :class:`RequestEvent`; its result is ignored.
RequestHook = Callable[[RequestEvent], object]
#: ``on_response``: called with each attempt's :class:`ResponseEvent`; its result is ignored.
ResponseHook = Callable[[ResponseEvent], object]


def check_hook(name: str, hook: object) -> None:
    """Raise ``TypeError`` unless ``hook`` is ``None`` or a callable."""
    if hook is not None and not callable(hook):
        raise TypeError(f"{name} must be a callable taking one event, got {type(hook).__name__}")
