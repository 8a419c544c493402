"""OpenTelemetry spans for API calls (the ``otel`` extra): one span per call, one per attempt.

Imported only by a client made with ``tracing=``, so the core install never loads
OpenTelemetry. A call is an INTERNAL span named ``fastpix <operation id>``; each of its
attempts is a CLIENT child span named ``<METHOD> <route template>`` carrying the HTTP
client semantic conventions, and its context travels in the attempt's request headers
(``traceparent``, or whatever propagator is configured).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ._logging import redact_url
from ._operations import Route
from ._version import __version__
from .errors import ConfigurationError

if TYPE_CHECKING:
    from opentelemetry.trace import Span, Tracer

__all__ = ["CallSpan", "Tracing"]

INSTRUMENTATION = "fastpix"
_MISSING = "tracing needs OpenTelemetry: pip install 'fastpix-sdk[otel]'"


class Tracing:
    """The tracer of one client configuration, and where its requests go."""

    __slots__ = ("_propagate", "_server", "_trace", "_tracer")

    def __init__(self, provider: object, base_url: str) -> None:
        """``provider``: a ``TracerProvider``, or ``True`` for the global one (resolved late)."""
        try:
            from opentelemetry import propagate, trace
        except ImportError:
            raise ConfigurationError(_MISSING) from None
        self._trace = trace
        self._propagate = propagate
        self._tracer: Tracer = trace.get_tracer(
            INSTRUMENTATION,
            __version__,
            tracer_provider=None if provider is True else provider,  # type: ignore[arg-type]
        )
        parts = urlsplit(base_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self._server: dict[str, Any] = {"server.address": parts.hostname or "", "server.port": port}

    def start_call(self, method: str, url: str, route: Route | None) -> CallSpan:
        """Open the span of one call, a child of the current span (if any)."""
        template = route.template if route is not None else None
        attributes: dict[str, Any] = {
            "http.request.method": method,
            "url.full": redact_url(url),
            **self._server,
        }
        if route is not None:
            attributes["fastpix.operation"] = route.operation
            attributes["url.template"] = route.template
        name = f"fastpix {route.operation}" if route is not None else f"fastpix {method}"
        span = self._tracer.start_span(
            name, kind=self._trace.SpanKind.INTERNAL, attributes=attributes
        )
        attempt_name = f"{method} {template}" if template is not None else method
        return CallSpan(self, span, attempt_name, attributes)


class CallSpan:
    """The span of one call: opens its attempts' spans, records the outcome, ends."""

    __slots__ = ("_attempt_name", "_attributes", "_span", "_tracing")

    def __init__(
        self, tracing: Tracing, span: Span, attempt_name: str, attributes: dict[str, Any]
    ) -> None:
        self._tracing = tracing
        self._span = span
        self._attempt_name = attempt_name
        self._attributes = attributes

    def start_attempt(self, attempt: int, headers: MutableMapping[str, str]) -> Span:
        """Open attempt ``attempt``'s span and put its context into ``headers``."""
        trace = self._tracing._trace
        attributes = dict(self._attributes)
        attributes.pop("fastpix.operation", None)
        if attempt > 1:
            attributes["http.request.resend_count"] = attempt - 1
        span = self._tracing._tracer.start_span(
            self._attempt_name,
            context=trace.set_span_in_context(self._span),
            kind=trace.SpanKind.CLIENT,
            attributes=attributes,
        )
        self._tracing._propagate.inject(headers, context=trace.set_span_in_context(span))
        return span

    def end_attempt(self, span: Span, status: int | None, error: BaseException | None) -> None:
        """Record an attempt's status (or the error that ended it) and end its span."""
        _record(self._tracing, span, status, error)
        span.end()

    def end(self, status: int | None, attempts: int, error: BaseException | None) -> None:
        """Record the call's final status, its retries and any error, and end its span."""
        if attempts > 1:
            self._span.set_attribute("http.request.resend_count", attempts - 1)
        _record(self._tracing, self._span, status, error)
        self._span.end()


def _record(tracing: Tracing, span: Span, status: int | None, error: BaseException | None) -> None:
    if status is not None:
        span.set_attribute("http.response.status_code", status)
    if status is not None and status >= 400:
        error_type = str(status)
    elif error is not None:
        error_type = f"{type(error).__module__}.{type(error).__qualname__}"
    else:
        return
    span.set_attribute("error.type", error_type)
    span.set_status(tracing._trace.StatusCode.ERROR, error_type)
