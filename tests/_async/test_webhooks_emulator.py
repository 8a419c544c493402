"""Webhooks from the emulator, over real sockets: what the SDK's client does is delivered,
signed, to a local receiver, and the SDK verifies and reads each delivery.

The receiver runs on a thread of its own (``fastpix_webhook_receiver_thread``), so the
same test waits for a delivery whether it awaits or blocks.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable

import pytest

from fastpix_async.errors import WebhookVerificationError
from fastpix_async.models import (
    WEBHOOK_DATA_MODELS,
    LiveStream,
    LiveStreamStatus,
    Media,
    MediaStatus,
    ModerationSettings,
    Simulcast,
    Track,
    Upload,
    VideoInput,
    WebhookEvent,
    WebhookPing,
)
from fastpix_async.testing import (
    DeliveryPolicy,
    FastPixEmulator,
    ReceivedWebhook,
    WebhookReceiver,
)
from fastpix_async.webhooks import SIGNATURE_HEADER, verify_and_parse

from ._integration import VIDEO, make_client

# Documented types the emulator has no state change for: only `trigger` sends them.
ONLY_TRIGGERED = {"video.media.upload"}


Match = Callable[[ReceivedWebhook], bool]


def about(object_id: str) -> Match:
    """Matches deliveries whose event is about ``object_id`` (a media or a live stream)."""
    return lambda delivery: delivery.payload["object"]["id"] == object_id


def with_id(event_id: str) -> Match:
    return lambda delivery: delivery.id == event_id


def is_ping(delivery: ReceivedWebhook) -> bool:
    return delivery.is_ping


def read(delivery: ReceivedWebhook, receiver: WebhookReceiver) -> WebhookEvent:
    """The delivery as a receiver reads it: verified with its secret, then parsed."""
    event = verify_and_parse(delivery.body, delivery.headers, receiver.secret)
    assert isinstance(event, WebhookEvent)
    return event


def data_id(data: object) -> str | None:
    if isinstance(data, Upload):
        return data.upload_id
    return data.id if isinstance(data, (Media, Track, LiveStream, Simulcast)) else None


async def test_state_changes_arrive_signed_and_typed(
    fastpix_emulator_thread: FastPixEmulator, fastpix_webhook_receiver_thread: WebhookReceiver
) -> None:
    emulator, receiver = fastpix_emulator_thread, fastpix_webhook_receiver_thread
    async with make_client(emulator) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        # features switched on after the media is ready are announced at once
        await receiver.wait_for_async("video.media.ready", where=about(media.id))
        await fp.media.update(media.id, title="Launch")
        await fp.media.generate_summary(media.id, summary_length=60)
        await fp.media.generate_chapters(media.id)
        await fp.media.generate_named_entities(media.id)
        await fp.media.update_moderation(media.id, moderation=ModerationSettings(type="av"))
        await fp.media.update_mp4_support(media.id, mp4_support="capped_4k")
        await fp.media.update_source_access(media.id, source_access=True)
        await fp.media.update_source_access(media.id, source_access=False)
        audio = await fp.media.tracks.add(
            media.id,
            url="https://e.com/fr.mp3",
            type="audio",
            language_code="fr",
            language_name="French",
        )
        await fp.media.tracks.update(
            media.id,
            audio.id,
            url="https://e.com/fr2.mp3",
            language_code="fr",
            language_name="Français",
        )
        subtitles = await fp.media.tracks.generate_subtitles(
            media.id, audio.id, language_code="fr-FR", language_name="French"
        )
        await fp.media.tracks.delete(media.id, audio.id)
        emulator.set_media_status(media.id, "Failed")
        await receiver.wait_for_async("video.media.failed", where=about(media.id))
        await fp.media.delete(media.id)

        uploaded = await fp.media.upload_file(b"video bytes")
        waiting = await fp.media.create_upload()
        await fp.media.cancel_upload(waiting.upload_id)

        stream = await fp.live_streams.create()
        stream_id = stream.stream_id
        await fp.live_streams.update(stream_id, metadata={"event": "launch"})
        simulcast = await fp.live_streams.simulcasts.create(
            stream_id, url="rtmps://live.example.com/app", stream_key="target-key"
        )
        await fp.live_streams.simulcasts.update(stream_id, simulcast.simulcast_id, is_enabled=False)
        await fp.live_streams.simulcasts.delete(stream_id, simulcast.simulcast_id)
        await fp.live_streams.disable(stream_id)
        await fp.live_streams.enable(stream_id)
        emulator.set_live_stream_status(stream_id, "active")  # a broadcaster connects
        await fp.live_streams.complete(stream_id)
        recording_id = (await fp.live_streams.get(stream_id)).media_ids[0]
        await fp.live_streams.delete(stream_id)

    # event type -> (its data's model, the id of what it is about, the data's id)
    media_event = (Media, media.id, media.id)
    stream_event = (LiveStream, stream_id, stream_id)
    simulcast_event = (Simulcast, stream_id, simulcast.simulcast_id)
    expected = {
        "video.media.created": media_event,
        "video.media.ready": media_event,
        "video.media.updated": media_event,
        "video.mediaAI.summary.ready": media_event,
        "video.mediaAI.chapters.ready": media_event,
        "video.mediaAI.named-entities.ready": media_event,
        "video.mediaAI.moderation.ready": media_event,
        "video.media.mp4Support.ready": media_event,
        "video.media.source.ready": media_event,
        "video.media.source.deleted": media_event,
        "video.media.track.created": (Track, media.id, audio.id),
        "video.media.track.ready": (Track, media.id, audio.id),
        "video.media.track.updated": (Track, media.id, audio.id),
        "video.media.track.deleted": (Track, media.id, audio.id),
        "video.media.subtitle.generated.ready": (Track, media.id, subtitles.id),
        "video.media.failed": media_event,
        "video.media.deleted": media_event,
        "video.upload.media_created": (Media, uploaded.upload_id, uploaded.upload_id),
        "video.media.upload.cancelled": (Upload, waiting.upload_id, waiting.upload_id),
        "video.live_stream.created": stream_event,
        "video.live_stream.updated": stream_event,
        "video.live_stream.simulcast_target.created": simulcast_event,
        "video.live_stream.simulcast_target.updated": simulcast_event,
        "video.live_stream.simulcast_target.deleted": simulcast_event,
        "video.live_stream.disabled": stream_event,
        "video.live_stream.idle": stream_event,
        "video.live_stream.recording": stream_event,
        "video.media.live_stream.created": (Media, recording_id, recording_id),
        "video.live_stream.deleted": stream_event,
    }
    assert set(expected) == set(WEBHOOK_DATA_MODELS) - ONLY_TRIGGERED
    events = {}
    for event_type, (model, object_id, resource_id) in expected.items():
        delivery = await receiver.wait_for_async(event_type, where=about(object_id))
        event = events[event_type] = read(delivery, receiver)
        assert isinstance(event.data, model), event_type
        assert data_id(event.data) == resource_id, event_type
        assert event.object is not None and event.object.id == object_id
        assert event.webhook_id == emulator.webhooks[0].id and event.attempts == []
        assert event.workspace is not None and event.workspace.id == emulator.workspace_id
        assert event.created_at is not None  # nanoseconds in the body, trimmed by the SDK
    # data is the resource as it was at that moment
    media_data = {t: events[f"video.media.{t}"].data for t in ("created", "ready", "failed")}
    assert {t: m.status for t, m in media_data.items()} == {
        "created": MediaStatus.CREATED,
        "ready": MediaStatus.READY,
        "failed": MediaStatus.FAILED,
    }
    assert events["video.media.updated"].data.title == "Launch"
    recording = events["video.live_stream.recording"]
    assert recording.data.status is LiveStreamStatus.ACTIVE
    assert recording.object is not None and recording.object.type == "live"
    ids = [d.id for d in receiver.accepted() if not d.is_ping]
    assert len(ids) == len(set(ids))  # one id per event


async def test_every_documented_event_type_can_be_triggered(
    fastpix_emulator_thread: FastPixEmulator, fastpix_webhook_receiver_thread: WebhookReceiver
) -> None:
    emulator, receiver = fastpix_emulator_thread, fastpix_webhook_receiver_thread
    for event_type, model in WEBHOOK_DATA_MODELS.items():
        sent = emulator.trigger(event_type)
        delivery = await receiver.wait_for_async(event_type, where=with_id(sent["id"]))
        event = read(delivery, receiver)
        assert isinstance(event.data, model), event_type
        assert event.object is not None and event.object.id == sent["object"]["id"]

    # given data is sent as it is; a type the SDK doesn't know stays a dict
    async with make_client(emulator) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
    sent = emulator.trigger("video.media.ready", data={"id": media.id, "status": "Ready"})
    event = read(await receiver.wait_for_async(where=with_id(sent["id"])), receiver)
    assert isinstance(event.data, Media) and event.data.id == media.id
    assert event.object is not None and event.object.id == media.id
    sent = emulator.trigger("video.media.hologram.ready", data={"id": media.id, "depth": 3})
    event = read(await receiver.wait_for_async(where=with_id(sent["id"])), receiver)
    assert event.data == {"id": media.id, "depth": 3}


async def test_the_unsigned_ping_comes_first(
    fastpix_emulator_thread: FastPixEmulator, fastpix_webhook_receiver_thread: WebhookReceiver
) -> None:
    emulator, receiver = fastpix_emulator_thread, fastpix_webhook_receiver_thread
    async with make_client(emulator) as fp:
        await fp.media.create(inputs=[VideoInput(url=VIDEO)])
    await receiver.wait_for_async("video.media.ready")
    ping, *events = receiver.deliveries
    assert ping.body == b"{}" and SIGNATURE_HEADER not in ping.headers
    assert isinstance(verify_and_parse(ping.body, ping.headers, receiver.secret), WebhookPing)
    assert sorted(d.type for d in events) == ["video.media.created", "video.media.ready"]
    assert all(SIGNATURE_HEADER in d.headers for d in events)


async def test_a_tampered_body_or_a_wrong_secret_is_rejected(
    fastpix_emulator_thread: FastPixEmulator, fastpix_webhook_receiver_thread: WebhookReceiver
) -> None:
    emulator, receiver = fastpix_emulator_thread, fastpix_webhook_receiver_thread
    sent = emulator.trigger("video.media.failed")
    delivery = await receiver.wait_for_async(where=with_id(sent["id"]))
    tampered = delivery.body.replace(b'"Failed"', b'"Ready"')
    assert tampered != delivery.body
    with pytest.raises(WebhookVerificationError):
        verify_and_parse(tampered, delivery.headers, receiver.secret)
    other = base64.b64encode(os.urandom(32)).decode()  # another destination's secret
    with pytest.raises(WebhookVerificationError) as refused:
        verify_and_parse(delivery.body, delivery.headers, other)
    assert receiver.secret not in str(refused.value) and other not in str(refused.value)
    # while rotating, either secret will do
    assert read(delivery, receiver).id == sent["id"]
    rotating = verify_and_parse(delivery.body, delivery.headers, [other, receiver.secret])
    assert isinstance(rotating, WebhookEvent) and rotating.id == sent["id"]


async def test_refused_deliveries_are_retried_with_the_attempts_listed(
    fastpix_emulator_thread: FastPixEmulator, fastpix_webhook_receiver_thread: WebhookReceiver
) -> None:
    emulator, receiver = fastpix_emulator_thread, fastpix_webhook_receiver_thread
    await receiver.wait_for_async(where=is_ping)
    receiver.fail_next(2, status=503)
    sent = emulator.trigger("video.media.ready")
    event = read(await receiver.wait_for_async("video.media.ready"), receiver)
    tries = [d for d in receiver.deliveries if d.id == sent["id"]]
    assert [d.status for d in tries] == [503, 503, 200]
    assert [len(d.attempts) for d in tries] == [0, 1, 2]
    for attempt in tries:  # each body is signed as sent, its attempts included
        assert read(attempt, receiver).id == sent["id"]
    assert [a["responseStatusCode"] for a in event.attempts] == [503, 503]


async def test_a_slow_or_broken_receiver_counts_as_a_failed_attempt(
    fastpix_emulator_thread: FastPixEmulator, fastpix_webhook_receiver_thread: WebhookReceiver
) -> None:
    emulator, receiver = fastpix_emulator_thread, fastpix_webhook_receiver_thread
    emulator.webhook_delivery = DeliveryPolicy(retry_delays=(0.01,) * 3, timeout=0.15)
    await receiver.wait_for_async(where=is_ping)
    receiver.fail_next(latency=0.4)  # answers after the emulator gave up
    receiver.fail_next(drop_connection=True)
    emulator.trigger("video.live_stream.idle")
    event = read(await receiver.wait_for_async("video.live_stream.idle"), receiver)
    timed_out, cut_off = event.attempts[:2]  # (a slow machine may need a spare)
    assert (timed_out["responseStatusCode"], timed_out["error"]) == (None, "timeout")
    assert cut_off["responseStatusCode"] is None and cut_off["error"] not in (None, "timeout")


async def test_out_of_order_and_duplicate_deliveries(
    fastpix_emulator_thread: FastPixEmulator, fastpix_webhook_receiver_thread: WebhookReceiver
) -> None:
    emulator, receiver = fastpix_emulator_thread, fastpix_webhook_receiver_thread
    emulator.webhook_delivery = DeliveryPolicy(shuffle=True, duplicate=True)
    sent = [emulator.trigger("video.media.updated")["id"] for _ in range(12)]
    await receiver.wait_for_async("video.media.updated", count=24)
    arrived = [d.id for d in receiver.accepted("video.media.updated")]
    assert sorted(arrived) == sorted(sent * 2)  # every event twice, with the same id
    assert list(dict.fromkeys(arrived)) != sent  # later events overtook earlier ones
    assert receiver.deliveries[0].is_ping
