"""Raw responses: the status, headers and request id of calls, captured on request.

``with fp.capture_responses() as responses:`` records a :class:`RawResponse` for every
API call the client makes inside the block — each page of a ``*_all`` loop included —
in the order they complete. The request pipeline looks at one context variable per
call; with no capture active nothing is recorded or copied.

Shared by both surfaces. The capture is a ``contextvars`` context: calls in tasks
started inside the block (``fp.map`` and ``fp.imap`` on the async client) are
recorded; calls on other threads (the sync client's ``fp.map`` workers) are not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextvars import ContextVar, Token
from types import TracebackType
from typing import Any, overload

from . import _json
from ._headers import Headers
from ._logging import _request_id

__all__ = ["CAPTURES", "RawResponse", "ResponseCapture"]


class RawResponse:
    """One API call's final HTTP response (after any retries), as the SDK received it.

    Attributes:
        status_code: The HTTP status.
        headers: The response headers; names match in any case
            (``raw.headers["x-ratelimit-remaining"]``).
        request_id: The API's request id for this call (quote it to support), or ``None``
            if the response carried none.
        method: The request's HTTP method.
        url: The request's full URL, credential-like query values masked.
        operation: The API's operation id (``"get-media"``), ``None`` if unknown.
        elapsed: Seconds from the first attempt's start to the final response.
        attempts: How many attempts the call took (1 unless it was retried).
        content: The raw response body.
    """

    __slots__ = (
        "attempts",
        "content",
        "elapsed",
        "headers",
        "method",
        "operation",
        "request_id",
        "status_code",
        "url",
    )

    def __init__(
        self,
        *,
        status_code: int,
        headers: Headers,
        method: str,
        url: str,
        operation: str | None,
        elapsed: float,
        attempts: int,
        content: bytes,
    ) -> None:
        self.status_code: int = status_code
        self.headers: Headers = headers
        self.request_id: str | None = _request_id(headers)
        self.method: str = method
        self.url: str = url
        self.operation: str | None = operation
        self.elapsed: float = elapsed
        self.attempts: int = attempts
        self.content: bytes = content

    def json(self) -> Any:
        """The body parsed as JSON: the API's whole envelope, ``success`` and ``data``."""
        return _json.loads(self.content)

    def __repr__(self) -> str:
        return (
            f"RawResponse({self.method} {self.url} -> {self.status_code}, "
            f"request_id={self.request_id!r}, attempts={self.attempts}, "
            f"elapsed={self.elapsed:.3f}s)"
        )


class ResponseCapture(Sequence[RawResponse]):
    """A context manager recording the :class:`RawResponse` of each call made inside it.

    Made by ``fp.capture_responses()``; a sequence of the responses recorded so far
    (``responses[-1]`` is the latest), still readable after the block ends. Records the
    calls of the client that made it and of the clients ``with_options`` derives from
    it (they share its connection pool); captures nest, each recording its own.

    Example::

        with fp.capture_responses() as responses:
            media = await fp.media.get(media_id)
        log.info("got %s (request id %s)", media.id, responses[-1].request_id)
    """

    __slots__ = ("_active", "_owner", "_responses", "_token")

    def __init__(self, owner: object) -> None:
        self._owner = owner  # the client's transport: calls through it are recorded
        self._responses: list[RawResponse] = []
        self._token: Token[tuple[ResponseCapture, ...]] | None = None

    def records(self, owner: object) -> bool:
        """Whether calls sent through ``owner`` (a transport) are recorded here."""
        return owner is self._owner

    def add(self, response: RawResponse) -> None:
        """Record one response (the request pipeline calls this)."""
        self._responses.append(response)

    def __enter__(self) -> ResponseCapture:
        if self._token is not None:
            raise RuntimeError("this response capture is already active")
        self._token = CAPTURES.set((*CAPTURES.get(), self))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._token is not None
        CAPTURES.reset(self._token)
        self._token = None

    @overload
    def __getitem__(self, index: int) -> RawResponse: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RawResponse]: ...
    def __getitem__(self, index: int | slice) -> RawResponse | Sequence[RawResponse]:
        return self._responses[index]

    def __len__(self) -> int:
        return len(self._responses)

    def __iter__(self) -> Iterator[RawResponse]:
        return iter(self._responses)

    def __repr__(self) -> str:
        return f"ResponseCapture({self._responses!r})"


#: The captures active in the current context, innermost last; empty when none is.
CAPTURES: ContextVar[tuple[ResponseCapture, ...]] = ContextVar("fastpix_captures", default=())
