"""Webhook deliveries: signature checks, the `{}` ping, and typed events for every event type."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime, timezone
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from multidict import CIMultiDict

import fastpix_async
import fastpix_async.webhooks
import fastpix_sync
import fastpix_sync.webhooks
from fastpix_async.errors import ConfigurationError, WebhookPayloadError, WebhookVerificationError
from fastpix_async.models import LiveStream, Media, Simulcast, Track, Upload, WebhookPing

SECRET = base64.b64encode(b"k" * 32).decode()
OLD_SECRET = base64.b64encode(b"o" * 32).decode()
MEDIA_ID = "9d8b2c1a-7e6f-4a5b-8c3d-2e1f0a9b8c7d"
STREAM_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90"


def sign(body: bytes, secret: str = SECRET) -> str:
    """The header FastPix sends, computed here independently of the SDK."""
    digest = hmac.new(base64.b64decode(secret), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def headers_for(body: bytes, secret: str = SECRET) -> dict[str, str]:
    return {"Content-Type": "application/json", "FastPix-Signature": sign(body, secret)}


# --- realistic payloads, one per documented event type ------------------------------

MEDIA_DATA = {
    "id": MEDIA_ID,
    "workspaceId": "ws-1",
    "status": "Ready",
    "title": "Launch video",
    "thumbnail": f"https://images.fastpix.com/{MEDIA_ID}/thumbnail.png",
    "playbackIds": [{"id": "pb-1", "accessPolicy": "public"}],
    "tracks": [{"id": "t-1", "type": "video", "width": 1920, "height": 1080}],
    "metadata": {"team": "video"},
    "maxResolution": "1080p",
    "mp4Support": "capped_4k",
    "duration": "00:00:10",
    "createdAt": "2025-03-12T06:17:26.403017123Z",
}
TRACK_DATA = {
    "id": "t-9",
    "type": "subtitle",
    "status": "ready",
    "languageCode": "en",
    "languageName": "English",
    "url": "https://static.fastpix.com/subs.vtt",
}
UPLOAD_DATA = {"uploadId": "up-1", "status": "cancelled", "timeout": 14400, "corsOrigin": "*"}
LIVE_DATA = {
    "streamId": STREAM_ID,
    "status": "idle",
    "streamKey": "live-secret-key",
    "playbackIds": [{"id": "pb-live", "accessPolicy": "private"}],
    "maxResolution": "1080p",
    "reconnectWindow": 60,
    "createdAt": "2025-03-12T06:17:26Z",
}
SIMULCAST_DATA = {
    "simulcastId": "sim-1",
    "url": "rtmps://live.example.com/app",
    "streamKey": "sim-secret",
    "isEnabled": True,
}

# The list in beyond-endpoints.md, written out here so a type the SDK forgets fails a test.
DOCUMENTED: dict[str, tuple[type, dict[str, Any], str]] = {
    **{
        event: (Media, MEDIA_DATA, "media")
        for event in [
            "video.media.created",
            "video.media.upload",
            "video.upload.media_created",
            "video.media.ready",
            "video.media.failed",
            "video.media.updated",
            "video.media.deleted",
            "video.media.live_stream.created",
            "video.mediaAI.summary.ready",
            "video.mediaAI.chapters.ready",
            "video.mediaAI.named-entities.ready",
            "video.mediaAI.moderation.ready",
            "video.media.mp4Support.ready",
            "video.media.source.ready",
            "video.media.source.deleted",
        ]
    },
    **{
        event: (Track, TRACK_DATA, "media")
        for event in [
            "video.media.track.created",
            "video.media.track.ready",
            "video.media.track.updated",
            "video.media.track.deleted",
            "video.media.subtitle.generated.ready",
        ]
    },
    "video.media.upload.cancelled": (Upload, UPLOAD_DATA, "media"),
    **{
        f"video.live_stream.{what}": (LiveStream, LIVE_DATA, "live")
        for what in ["created", "updated", "deleted", "idle", "recording", "disabled"]
    },
    **{
        f"video.live_stream.simulcast_target.{what}": (Simulcast, SIMULCAST_DATA, "live")
        for what in ["created", "updated", "deleted"]
    },
}


def delivery(event_type: str, data: Any, object_type: str = "media", **extra: Any) -> bytes:
    payload = {
        "type": event_type,
        "id": "evt-3f9c1b2a",
        "webhookId": "wh-77",
        "object": {"type": object_type, "id": MEDIA_ID},
        "workspace": {"name": "Production", "id": "ws-1"},
        "data": data,
        "createdAt": "2025-06-10T08:15:30.123456789Z",
        "attempts": [
            {
                "id": "att-1",
                "webhookId": "wh-77",
                "address": "https://example.com/hook",
                "responseStatusCode": 500,
                "createdAt": "2025-06-10T08:15:31.5Z",
            }
        ],
        **extra,
    }
    return json.dumps(payload).encode()


@pytest.fixture(params=[fastpix_async, fastpix_sync], ids=["async", "sync"])
def surface(request: pytest.FixtureRequest) -> ModuleType:
    module: ModuleType = request.param
    return module


@pytest.mark.parametrize("event_type", sorted(DOCUMENTED))
def test_every_documented_event_type_gets_its_model(surface: ModuleType, event_type: str) -> None:
    model, data, object_type = DOCUMENTED[event_type]
    body = delivery(event_type, data, object_type)
    event = surface.webhooks.verify_and_parse(body, headers_for(body), SECRET)

    expected_model = getattr(surface.models, model.__name__)
    assert isinstance(event, surface.models.WebhookEvent)
    assert type(event.data) is expected_model
    assert event.type == event_type and event.id == "evt-3f9c1b2a"
    assert not event.is_ping


def test_the_envelope_is_read_in_full() -> None:
    body = delivery("video.media.ready", MEDIA_DATA)
    event = fastpix_async.webhooks.verify_and_parse(body, headers_for(body), SECRET)
    assert isinstance(event, fastpix_async.models.WebhookEvent)
    assert event.webhook_id == "wh-77"
    assert event.object is not None and (event.object.type, event.object.id) == ("media", MEDIA_ID)
    assert event.workspace is not None and event.workspace.name == "Production"
    # nanosecond fraction trimmed to microseconds, in UTC
    assert event.created_at == datetime(2025, 6, 10, 8, 15, 30, 123456, tzinfo=timezone.utc)
    assert event.attempts[0]["responseStatusCode"] == 500
    assert event.raw["data"]["title"] == "Launch video"

    media = event.data
    assert isinstance(media, Media)
    assert media.is_ready and media.playback_ids[0].id == "pb-1"
    assert media.created_at is not None and media.created_at.microsecond == 403017


def test_envelope_keys_the_sdk_does_not_know_are_kept_and_written_back() -> None:
    body = delivery("video.media.ready", MEDIA_DATA, region="eu-west")
    event = fastpix_async.webhooks.verify_and_parse(body, headers_for(body), SECRET)
    assert event.unknown_fields == {"region": "eu-west"}
    assert event.to_dict()["region"] == "eu-west"
    assert fastpix_async.models.WebhookEvent.from_dict(event.to_dict()) == event
    plain = fastpix_async.webhooks.parse_event(delivery("video.media.ready", MEDIA_DATA))
    assert plain.unknown_fields == {}


def test_live_stream_secrets_stay_out_of_the_event_repr() -> None:
    body = delivery("video.live_stream.idle", LIVE_DATA, "live")
    event = fastpix_async.webhooks.verify_and_parse(body, headers_for(body), SECRET)
    assert isinstance(event.data, LiveStream) and event.data.stream_key == "live-secret-key"
    assert "live-secret-key" not in repr(event)


def test_unknown_event_types_keep_their_data_as_sent() -> None:
    data = {"someNewField": [1, 2], "id": "x"}
    body = delivery("video.media.hologram.ready", data)
    event = fastpix_async.webhooks.verify_and_parse(body, headers_for(body), SECRET)
    assert isinstance(event, fastpix_async.models.WebhookEvent)
    assert event.data == data and type(event.data) is dict


def test_minimal_envelope() -> None:
    body = b'{"type": "video.custom", "id": "e1"}'
    event = fastpix_async.webhooks.verify_and_parse(body, headers_for(body), SECRET)
    assert isinstance(event, fastpix_async.models.WebhookEvent)
    assert (event.data, event.attempts, event.created_at, event.object) == ({}, [], None, None)


@pytest.mark.parametrize(
    "headers",
    [
        lambda sig: {"fastpix-signature": sig},
        lambda sig: {"FASTPIX-SIGNATURE": sig},
        lambda sig: CIMultiDict({"Fastpix-Signature": sig}),
        lambda sig: {"FastPix-Signature": f"  {sig}\n"},
    ],
    ids=["lower", "upper", "multidict", "padded"],
)
def test_the_header_is_found_in_any_case(surface: ModuleType, headers: Any) -> None:
    body = delivery("video.media.ready", MEDIA_DATA)
    event = surface.webhooks.verify_and_parse(body, headers(sign(body)), SECRET)
    assert event.type == "video.media.ready"


def reencoded(body: bytes) -> bytes:
    return json.dumps(json.loads(body), indent=2).encode()


def compact(body: bytes) -> bytes:
    return json.dumps(json.loads(body), separators=(",", ":")).encode()


@pytest.mark.parametrize(
    "make_request",
    [
        lambda body: (body.replace(b"Launch", b"Lunch"), headers_for(body)),
        lambda body: (body + b" ", headers_for(body)),
        lambda body: (reencoded(body), headers_for(body)),
        lambda body: (compact(body), headers_for(body)),
        lambda body: (body, headers_for(body, OLD_SECRET)),
        lambda body: (body, {"Content-Type": "application/json"}),
        lambda body: (body, {"FastPix-Signature": ""}),
        lambda body: (body, {"FastPix-Signature": "not base64!"}),
        lambda body: (body, {"FastPix-Signature": sign(body)[:-8] + "AAAAAAA="}),
    ],
    ids=[
        "tampered",
        "trailing-space",
        "re-encoded",
        "compacted",
        "wrong-secret",
        "missing-header",
        "empty-header",
        "garbage-header",
        "altered-signature",
    ],
)
def test_bad_deliveries_are_rejected(surface: ModuleType, make_request: Any) -> None:
    body, headers = make_request(delivery("video.media.ready", MEDIA_DATA))
    with pytest.raises(surface.WebhookVerificationError) as caught:
        surface.webhooks.verify_and_parse(body, headers, SECRET)
    message = str(caught.value)
    assert SECRET not in message
    assert sign(body) not in message and sign(body, OLD_SECRET) not in message


def test_verify_signature_alone() -> None:
    body = delivery("video.media.ready", MEDIA_DATA)
    fastpix_async.webhooks.verify_signature(body, headers_for(body), SECRET)
    with pytest.raises(WebhookVerificationError, match="does not match"):
        fastpix_async.webhooks.verify_signature(body + b"\n", headers_for(body), SECRET)


def test_compute_signature_matches_fastpix() -> None:
    body = delivery("video.media.ready", MEDIA_DATA)
    assert fastpix_async.webhooks.compute_signature(body, SECRET) == sign(body)


def test_rotation_accepts_either_secret() -> None:
    body = delivery("video.media.ready", MEDIA_DATA)
    for signed_with in (OLD_SECRET, SECRET):
        event = fastpix_async.webhooks.verify_and_parse(
            body, headers_for(body, signed_with), [OLD_SECRET, SECRET]
        )
        assert event.type == "video.media.ready"
    third = base64.b64encode(b"t" * 32).decode()
    with pytest.raises(WebhookVerificationError, match="any of the 2 secrets"):
        fastpix_async.webhooks.verify_and_parse(
            body, headers_for(body, third), [OLD_SECRET, SECRET]
        )


def test_the_secret_defaults_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    body = delivery("video.media.ready", MEDIA_DATA)
    monkeypatch.setenv("FASTPIX_WEBHOOK_SECRET", SECRET)
    assert fastpix_async.webhooks.verify_and_parse(body, headers_for(body)).type
    # several, comma-separated, while rotating
    monkeypatch.setenv("FASTPIX_WEBHOOK_SECRET", f"{OLD_SECRET}, {SECRET}")
    assert fastpix_async.webhooks.verify_and_parse(body, headers_for(body)).type
    monkeypatch.delenv("FASTPIX_WEBHOOK_SECRET")
    with pytest.raises(ConfigurationError, match="FASTPIX_WEBHOOK_SECRET"):
        fastpix_async.webhooks.verify_and_parse(body, headers_for(body))


@pytest.mark.parametrize("secret", ["not base64 at all!", "", []])
def test_unusable_secrets_are_configuration_errors(secret: Any) -> None:
    body = delivery("video.media.ready", MEDIA_DATA)
    with pytest.raises(ConfigurationError) as caught:
        fastpix_async.webhooks.verify_and_parse(body, headers_for(body), secret)
    assert "not base64 at all" not in str(caught.value)


@pytest.mark.parametrize("body", [b"{}", b"{ }\n", b" {}"])
def test_the_unsigned_validation_ping_is_recognised(surface: ModuleType, body: bytes) -> None:
    result = surface.webhooks.verify_and_parse(body, {}, SECRET)
    assert isinstance(result, surface.models.WebhookPing) and result.is_ping


def test_a_signed_ping_is_a_ping_and_a_badly_signed_one_is_rejected() -> None:
    assert isinstance(
        fastpix_async.webhooks.verify_and_parse(b"{}", headers_for(b"{}"), SECRET), WebhookPing
    )
    with pytest.raises(WebhookVerificationError):
        fastpix_async.webhooks.verify_and_parse(b"{}", {"FastPix-Signature": "AAAA"}, SECRET)


@pytest.mark.parametrize("body", [b"[]", b'{"type": "x"}', b"null", b"{}{}"])
def test_only_the_empty_object_passes_unsigned(body: bytes) -> None:
    with pytest.raises(WebhookVerificationError, match="no FastPix-Signature"):
        fastpix_async.webhooks.verify_and_parse(body, {}, SECRET)


@pytest.mark.parametrize("body", ['{"type": "x", "id": "1"}', {"type": "x"}, None])
def test_the_body_must_be_raw_bytes(body: Any) -> None:
    with pytest.raises(TypeError, match="raw bytes"):
        fastpix_async.webhooks.verify_and_parse(body, {"FastPix-Signature": "x"}, SECRET)


def test_headers_must_be_a_mapping() -> None:
    body = delivery("video.media.ready", MEDIA_DATA)
    with pytest.raises(TypeError, match="headers"):
        fastpix_async.webhooks.verify_and_parse(body, [("FastPix-Signature", sign(body))], SECRET)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"\xff\xfe not utf-8 json", "not JSON"),
        (b"not json", "not JSON"),
        (b"[1, 2]", "JSON list"),
        (b'"text"', "JSON str"),
        (b'{"id": "e1"}', "no 'type'"),
        (b'{"type": "video.media.ready"}', "no 'id'"),
        (b'{"type": "video.media.ready", "id": 7}', "no 'id'"),
        (b'{"type": "video.media.ready", "id": "e1", "data": {"title": "no id"}}', "Media"),
        (b'{"type": "video.media.ready", "id": "e1", "data": [1]}', "must be an object"),
        (b'{"type": "video.media.ready", "id": "e1"}', "must be an object"),
        (b'{"type": "video.unknown", "id": "e1", "data": "text"}', "not an object"),
        (b'{"type": "video.x", "id": "e1", "createdAt": "yesterday"}', "createdAt"),
        (b'{"type": "video.x", "id": "e1", "object": "media"}', "object"),
        (b'{"type": "video.x", "id": "e1", "attempts": {"a": 1}}', "attempts"),
        (
            b'{"type": "video.live_stream.idle", "id": "e1", "data": {"status": "idle"}}',
            "LiveStream",
        ),
    ],
)
def test_verified_bodies_that_are_not_events_raise_a_typed_error(
    surface: ModuleType, body: bytes, reason: str
) -> None:
    with pytest.raises(surface.WebhookPayloadError, match=reason) as caught:
        surface.webhooks.verify_and_parse(body, headers_for(body), SECRET)
    assert caught.value.body == body
    assert isinstance(caught.value, ValueError)


def test_payload_errors_name_the_event() -> None:
    body = b'{"type": "video.media.ready", "id": "e1", "data": {"title": "no id"}}'
    with pytest.raises(WebhookPayloadError) as caught:
        fastpix_async.webhooks.verify_and_parse(body, headers_for(body), SECRET)
    assert (caught.value.event_type, caught.value.event_id) == ("video.media.ready", "e1")
    assert "video.media.ready event e1" in str(caught.value)


def test_errors_are_part_of_the_sdk_hierarchy() -> None:
    assert issubclass(fastpix_async.WebhookVerificationError, fastpix_async.FastPixError)
    assert issubclass(fastpix_async.WebhookPayloadError, fastpix_async.FastPixError)
    assert issubclass(fastpix_sync.WebhookVerificationError, fastpix_sync.FastPixError)


# --- whatever the body, the parser answers with an event or the typed error ------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=15,
)
DATA_KEYS = [
    "id",
    "status",
    "playbackIds",
    "tracks",
    "createdAt",
    "streamId",
    "uploadId",
    "simulcastId",
    "streamKey",
    "metadata",
    "duration",
    "type",
    "width",
]
ENVELOPES = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(sorted(DOCUMENTED)) | st.text(max_size=12) | JSON,
        "id": st.text(max_size=8) | JSON,
        "webhookId": JSON,
        "object": st.dictionaries(st.sampled_from(["type", "id"]), JSON) | JSON,
        "workspace": st.dictionaries(st.sampled_from(["name", "id"]), JSON) | JSON,
        "createdAt": st.datetimes().map(lambda d: d.isoformat() + "123Z") | JSON,
        "attempts": st.lists(st.dictionaries(st.text(max_size=6), JSON, max_size=3)) | JSON,
        "data": st.dictionaries(st.sampled_from(DATA_KEYS), JSON, max_size=6) | JSON,
    },
)


def parse_signed(body: bytes) -> None:
    try:
        result = fastpix_async.webhooks.verify_and_parse(body, headers_for(body), SECRET)
    except WebhookPayloadError:
        return
    assert result.is_ping or isinstance(result, fastpix_async.models.WebhookEvent)


@settings(max_examples=400, deadline=None)
@given(ENVELOPES)
def test_generated_envelopes_give_an_event_or_the_typed_error(envelope: dict[str, Any]) -> None:
    parse_signed(json.dumps(envelope).encode())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | JSON.map(lambda v: json.dumps(v).encode()))
def test_generated_bodies_give_an_event_or_the_typed_error(body: bytes) -> None:
    parse_signed(body)


def test_deeply_nested_bodies_give_the_typed_error() -> None:
    body = (
        b'{"type": "video.x", "id": "e1", "data": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    )
    parse_signed(body)
