"""OpenTelemetry spans (the ``otel`` extra): a span per call, a child span per attempt."""

from __future__ import annotations

import base64
import subprocess
import sys
from collections.abc import Iterator

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from fastpix_async import ConfigurationError, NotFoundError
from fastpix_async._operations import route_of
from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator
from tests.contract._contract import OPERATIONS

from ._integration import VIDEO, make_client

MEDIA = "/on-demand/{mediaId}"


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    yield exporter
    exporter.shutdown()


@pytest.fixture
def provider(exporter: InMemorySpanExporter) -> TracerProvider:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


def calls_and_attempts(
    exporter: InMemorySpanExporter,
) -> tuple[list[ReadableSpan], list[ReadableSpan]]:
    spans = exporter.get_finished_spans()
    calls = [s for s in spans if s.name.startswith("fastpix ")]
    attempts = [s for s in spans if s.kind is trace.SpanKind.CLIENT]
    return calls, attempts


async def test_a_call_is_one_span_with_its_attempt_as_a_child(
    fastpix_emulator_thread: FastPixEmulator,
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator, tracing=provider) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        exporter.clear()
        emulator.reset_stats()
        await fp.media.get(media.id)
    [call], [attempt] = calls_and_attempts(exporter)
    assert call.name == "fastpix get-media" and attempt.name == "GET /on-demand/{mediaId}"
    assert call.kind is trace.SpanKind.INTERNAL
    assert attempt.parent is not None and attempt.parent.span_id == call.context.span_id
    port = int(emulator.base_url.rsplit(":", 1)[1].split("/")[0])
    for span in (call, attempt):
        attributes = dict(span.attributes or {})
        assert attributes["http.request.method"] == "GET"
        assert attributes["url.full"] == f"{emulator.base_url}on-demand/{media.id}"
        assert attributes["url.template"] == MEDIA
        assert attributes["server.address"] == "127.0.0.1"
        assert attributes["server.port"] == port
        assert attributes["http.response.status_code"] == 200
        assert "error.type" not in attributes and "http.request.resend_count" not in attributes
    assert dict(call.attributes or {})["fastpix.operation"] == "get-media"
    # the attempt's context reached the server
    [received] = emulator.requests
    trace_id, span_id = received.headers["traceparent"].split("-")[1:3]
    assert int(trace_id, 16) == attempt.context.trace_id
    assert int(span_id, 16) == attempt.context.span_id


async def test_a_retried_call_has_a_span_per_attempt_and_counts_resends(
    fastpix_emulator_thread: FastPixEmulator,
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
    sleeps: list[float],
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator, tracing=provider) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        exporter.clear()
        emulator.add_fault("GET", MEDIA, status=503)
        await fp.media.get(media.id)
    [call], attempts = calls_and_attempts(exporter)
    assert dict(call.attributes or {})["http.request.resend_count"] == 1
    assert dict(call.attributes or {})["http.response.status_code"] == 200
    assert call.status.status_code is trace.StatusCode.UNSET
    first, second = (dict(a.attributes or {}) for a in attempts)
    assert first["http.response.status_code"] == 503 and first["error.type"] == "503"
    assert "http.request.resend_count" not in first
    assert second["http.response.status_code"] == 200 and second["http.request.resend_count"] == 1
    assert attempts[0].status.status_code is trace.StatusCode.ERROR
    assert all(a.parent is not None and a.parent.span_id == call.context.span_id for a in attempts)


async def test_an_error_status_marks_the_call_span_as_an_error(
    fastpix_emulator_thread: FastPixEmulator,
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    async with make_client(fastpix_emulator_thread, tracing=provider) as fp:
        with pytest.raises(NotFoundError):
            await fp.live_streams.get("no-such-stream")
    [call], [attempt] = calls_and_attempts(exporter)
    assert call.name == "fastpix get-live-stream-by-id"
    for span in (call, attempt):
        assert dict(span.attributes or {})["error.type"] == "404"
        assert span.status.status_code is trace.StatusCode.ERROR


async def test_a_connection_error_is_the_attempt_s_error_type(
    fastpix_emulator_thread: FastPixEmulator,
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
    sleeps: list[float],
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator, tracing=provider) as fp:
        emulator.add_fault("GET", "/live/streams", drop_connection=True)
        await fp.live_streams.list()
    [call], [dropped, retried] = calls_and_attempts(exporter)
    assert dict(dropped.attributes or {})["error.type"].endswith("APIConnectionError")
    assert "http.response.status_code" not in dict(dropped.attributes or {})
    assert dict(retried.attributes or {})["http.response.status_code"] == 200
    assert dict(call.attributes or {})["fastpix.operation"] == "get-all-streams"


async def test_call_spans_are_children_of_the_caller_s_span(
    fastpix_emulator_thread: FastPixEmulator,
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    tracer = provider.get_tracer("the-app")
    async with make_client(fastpix_emulator_thread, tracing=provider) as fp:
        with tracer.start_as_current_span("handle request") as handler:
            [_ async for _ in fp.media.list_all()]
            await fp.signing_keys.list()
    calls, _ = calls_and_attempts(exporter)
    assert [c.name for c in calls] == ["fastpix list-media", "fastpix list_signing_keys"]
    assert all(c.parent is not None and c.parent.span_id == handler.context.span_id for c in calls)


async def test_no_span_holds_the_credentials(
    fastpix_emulator_thread: FastPixEmulator,
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator, tracing=provider) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        await fp.media.update(media.id, title="renamed")
    token = base64.b64encode(f"{emulator.access_token_id}:{emulator.secret_key}".encode()).decode()
    spans = exporter.get_finished_spans()
    assert len(spans) == 4
    text = " ".join(span.to_json() for span in spans)
    assert emulator.secret_key not in text and token not in text


async def test_tracing_without_opentelemetry_is_a_clear_error(
    fastpix_emulator_thread: FastPixEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "opentelemetry", None)  # as if not installed
    with pytest.raises(ConfigurationError, match=r"fastpix-sdk\[otel\]"):
        make_client(fastpix_emulator_thread, tracing=True)


async def test_tracing_must_be_a_bool_or_a_tracer_provider(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    with pytest.raises(ConfigurationError, match="TracerProvider"):
        make_client(fastpix_emulator_thread, tracing="yes")


def test_a_client_without_tracing_never_imports_opentelemetry() -> None:
    code = (
        "import sys, fastpix_async, fastpix_sync\n"
        "fastpix_async.AsyncFastPix('id', 'secret'); fastpix_sync.FastPix('id', 'secret')\n"
        "assert not [m for m in sys.modules if m.startswith('opentelemetry')], 'imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_each_contract_operation_is_named_by_its_route(operation_id: str) -> None:
    operation = OPERATIONS[operation_id]
    concrete = operation.path.replace("{", "x-").replace("}", "")  # "{mediaId}" -> "x-mediaId"
    route = route_of(operation.method, concrete)
    assert route is not None
    assert (route.operation, route.template) == (operation_id, operation.path)
