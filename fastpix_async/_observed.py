"""One observed call: hooks per attempt, OpenTelemetry spans, and response captures.

The request pipeline takes this path only when the client has hooks, tracing or
per-call extras, or a response capture is active; otherwise it sends through the
transport directly and none of this runs. :meth:`AsyncObservedCall.send` stands in
for the transport's ``send`` inside the retry loop, so it sees every attempt.
"""

from __future__ import annotations

import time

from . import _backend
from ._headers import Headers
from ._hooks import RequestEvent, RequestHook, ResponseEvent, ResponseHook
from ._logging import _request_id, redact_headers, redact_url
from ._operations import route_of
from ._otel import Tracing
from ._raw import CAPTURES, RawResponse
from ._timeout import TimeoutSetting
from ._types import Response
from .errors import APIConnectionError

__all__ = ["AsyncObservedCall"]


class AsyncObservedCall:
    """Counts, times and reports the attempts of one call, then records its outcome."""

    __slots__ = (
        "_on_request",
        "_on_response",
        "_span",
        "_started",
        "_transport",
        "attempts",
        "method",
        "operation",
        "safe_url",
    )

    def __init__(
        self,
        transport: _backend.Transport,
        method: str,
        url: str,
        path: str,
        *,
        on_request: RequestHook | None,
        on_response: ResponseHook | None,
        tracing: Tracing | None,
    ) -> None:
        self._transport = transport
        self._on_request = on_request
        self._on_response = on_response
        self.method = method
        self.safe_url = redact_url(url)
        route = route_of(method, path)
        self.operation = route.operation if route is not None else None
        self._span = tracing.start_call(method, url, route) if tracing is not None else None
        self.attempts = 0
        self._started = time.monotonic()

    async def send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: TimeoutSetting,
    ) -> Response:
        """Send one attempt through the transport, telling the hooks and the tracer."""
        self.attempts += 1
        attempt = self.attempts
        attempt_span = None
        if self._span is not None:
            headers = dict(headers)  # the trace context is this attempt's own
            attempt_span = self._span.start_attempt(attempt, headers)
        response: Response | None = None
        try:
            if self._on_request is not None:
                self._on_request(
                    RequestEvent(
                        method=method,
                        url=self.safe_url,
                        attempt=attempt,
                        operation=self.operation,
                        headers=Headers(redact_headers(headers)),
                    )
                )
            started = time.monotonic()
            try:
                response = await self._transport.send(method, url, headers, body, timeout)
            except APIConnectionError as exc:
                self._report(attempt, started, None, exc)
                raise
            assert response is not None
            self._report(attempt, started, response, None)
        except BaseException as exc:
            if attempt_span is not None and self._span is not None:
                status = response.status if response is not None else None
                self._span.end_attempt(attempt_span, status, exc)
            raise
        if attempt_span is not None and self._span is not None:
            self._span.end_attempt(attempt_span, response.status, None)
        return response

    def _report(
        self,
        attempt: int,
        started: float,
        response: Response | None,
        error: APIConnectionError | None,
    ) -> None:
        if self._on_response is None:
            return
        headers = Headers(response.headers) if response is not None else None
        self._on_response(
            ResponseEvent(
                method=self.method,
                url=self.safe_url,
                attempt=attempt,
                operation=self.operation,
                status_code=response.status if response is not None else None,
                exception=error,
                elapsed=time.monotonic() - started,
                request_id=_request_id(headers) if headers is not None else None,
                headers=headers,
            )
        )

    def received(self, response: Response) -> None:
        """The call's final response: record it in the active captures of this client."""
        captures = CAPTURES.get()
        if not captures:
            return
        raw: RawResponse | None = None
        for capture in captures:
            if capture.records(self._transport):
                if raw is None:
                    raw = RawResponse(
                        status_code=response.status,
                        headers=Headers(response.headers),
                        method=self.method,
                        url=self.safe_url,
                        operation=self.operation,
                        elapsed=time.monotonic() - self._started,
                        attempts=self.attempts,
                        content=response.body,
                    )
                capture.add(raw)

    def end(self, status: int | None, error: BaseException | None) -> None:
        """End the call's span, if traced, with its final status or error."""
        if self._span is not None:
            self._span.end(status, self.attempts, error)
