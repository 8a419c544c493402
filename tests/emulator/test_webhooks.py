"""The emulator's webhook machinery on its own: destinations, the control API, the clock,
delivery bookkeeping, the receiver's waits, and the command line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from fastpix_async.errors import ConfigurationError
from fastpix_async.models import WebhookEvent
from fastpix_async.testing import (
    DeliveryPolicy,
    FastPixEmulator,
    ReceivedWebhook,
    WebhookDestination,
    WebhookReceiver,
    run_webhook_receiver_in_thread,
)
from fastpix_async.testing.__main__ import _webhook
from fastpix_async.testing.__main__ import main as cli
from fastpix_async.webhooks import verify_and_parse
from tests.emulator._client import Api

REPO_ROOT = Path(__file__).resolve().parents[2]
SECRET = "c2VjcmV0LWZvci10ZXN0cw=="  # base64, as the dashboard shows one
FAST = DeliveryPolicy(retry_delays=(0.01, 0.01), timeout=0.5)


def control(emu: FastPixEmulator, path: str) -> str:
    return f"{emu.origin}/_emulator/{path}"


def is_ping(delivery: ReceivedWebhook) -> bool:
    return delivery.is_ping


def nobody_listening() -> str:
    """A local URL whose port was free a moment ago: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/webhooks"


async def test_destinations_given_at_construction_get_the_ping_then_signed_events() -> None:
    async with WebhookReceiver(secret=SECRET) as receiver:
        async with FastPixEmulator(webhooks={receiver.url: SECRET}) as emu:
            sent = emu.trigger("video.live_stream.created")
            delivery = await receiver.wait_for_async("video.live_stream.created")
            event = verify_and_parse(delivery.body, delivery.headers, SECRET)
            assert isinstance(event, WebhookEvent) and event.id == sent["id"]
            assert event.webhook_id == emu.webhooks[0].id
            assert receiver.deliveries[0].is_ping


async def test_a_media_is_announced_ready_once_its_processing_is_over() -> None:
    async with (
        WebhookReceiver() as receiver,
        FastPixEmulator(processing_seconds=0.2) as emu,
        aiohttp.ClientSession() as session,
    ):
        emu.add_webhook(receiver.url, receiver.secret)
        api = Api(session, emu)
        media = await api.create_media()
        created = await receiver.wait_for_async("video.media.created")
        assert created.payload["data"]["status"] == "Created"
        ready = await receiver.wait_for_async("video.media.ready", timeout=2)
        assert ready.payload["data"]["id"] == media["id"]
        assert ready.payload["data"]["status"] == "Ready"
        assert (await api.get(f"on-demand/{media['id']}")).data["status"] == "Ready"


async def test_the_control_api_adds_lists_and_removes_destinations(
    emu: FastPixEmulator, api: Api, fastpix_webhook_receiver: WebhookReceiver
) -> None:
    witness = fastpix_webhook_receiver  # added by the fixture, stays throughout
    async with WebhookReceiver() as receiver:
        added = await api.post(control(emu, "webhooks"), json={"url": receiver.url})
        assert added.status == 201
        destination = added.data  # a made-up secret, shown in this one answer
        await receiver.wait_for_async(where=is_ping)
        listed = (await api.get(control(emu, "webhooks"))).data
        assert {"id": destination["id"], "url": receiver.url} in listed
        assert all("secret" not in item for item in listed)

        triggered = await api.post(control(emu, "events"), json={"type": "video.media.ready"})
        assert triggered.status == 201
        event_id = triggered.data["id"]
        delivery = await receiver.wait_for_async("video.media.ready")
        event = verify_and_parse(delivery.body, delivery.headers, destination["secret"])
        assert isinstance(event, WebhookEvent) and event.id == event_id
        published = (await api.get(control(emu, "events"))).data
        assert event_id in [e["id"] for e in published]

        removed = await api.delete(control(emu, f"webhooks/{destination['id']}"))
        assert removed.status == 200
        later = emu.trigger("video.media.updated")
        await witness.wait_for_async("video.media.updated")
        await emu.wait_for_webhooks()
        assert later["id"] not in [d.id for d in receiver.deliveries]
        assert (await api.delete(control(emu, f"webhooks/{destination['id']}"))).status == 404


async def test_the_control_api_refuses_bad_requests(emu: FastPixEmulator, api: Api) -> None:
    assert (await api.get(control(emu, "webhooks"), auth=False)).status == 401
    bad_secret = await api.post(
        control(emu, "webhooks"), json={"url": "http://127.0.0.1:9/", "secret": "not base64!"}
    )
    assert bad_secret.status == 422 and "not base64!" not in bad_secret.raw.decode()
    assert bad_secret.error["fields"][0]["field"] == "secret"
    bad_url = await api.post(control(emu, "webhooks"), json={"url": "ftp://example.com/"})
    assert bad_url.status == 422 and bad_url.error["fields"][0]["field"] == "url"
    unknown = await api.post(control(emu, "events"), json={"type": "video.media.hologram"})
    assert unknown.status == 422 and "data" in unknown.error["description"]
    given = await api.post(
        control(emu, "events"), json={"type": "video.media.hologram", "data": {"id": "m"}}
    )
    assert given.status == 201 and given.data["object"] == {"type": "media", "id": "m"}
    assert emu.webhooks == []  # none of it added a destination


async def test_the_control_api_is_neither_recorded_nor_faulted(
    emu: FastPixEmulator, api: Api
) -> None:
    emu.add_fault("*", "*", status=503)
    assert (await api.get(control(emu, "webhooks"))).status == 200
    assert emu.requests == []
    assert (await api.get("on-demand")).status == 503  # the API still is


async def test_an_unreachable_destination_is_tried_as_often_as_the_policy_says() -> None:
    async with FastPixEmulator(webhook_delivery=FAST) as emu:
        destination = emu.add_webhook(nobody_listening())
        sent = emu.trigger("video.media.deleted")
        await emu.wait_for_webhooks()
        tries = [a for a in emu.webhook_attempts if a.event_id == sent["id"]]
        assert [a.attempt for a in tries] == [1, 2, 3]
        assert all(a.status is None and a.error and not a.ok for a in tries)
        assert {a.webhook_id for a in tries} == {destination.id}
        pings = [a for a in emu.webhook_attempts if a.event_id is None]
        assert len(pings) == 3  # the ping is retried too, and the event waited for it


async def test_stopping_the_emulator_ends_deliveries_under_way() -> None:
    async with WebhookReceiver() as receiver:
        emu = FastPixEmulator(webhook_delivery=DeliveryPolicy(timeout=30))
        await emu.start()
        emu.add_webhook(receiver.url, receiver.secret)
        await receiver.wait_for_async(where=is_ping)
        receiver.fail_next(latency=0.3)  # an answer that would take a while
        emu.trigger("video.media.ready")
        started = time.monotonic()
        await emu.close()  # cancels it and closes its session (no ResourceWarning)
        assert time.monotonic() - started < 5
        emu.trigger("video.media.ready")  # recorded, delivered nowhere
        assert len(emu.webhook_events) == 2


async def test_the_receiver_refuses_to_block_its_own_loop_and_times_out_clearly(
    fastpix_webhook_receiver: WebhookReceiver,
) -> None:
    receiver = fastpix_webhook_receiver  # serving on this test's loop
    with pytest.raises(RuntimeError, match="wait_for_async"):
        receiver.wait_for("video.media.ready", timeout=0.01)
    await receiver.wait_for_async(where=is_ping)
    with pytest.raises(TimeoutError) as timed_out:
        await receiver.wait_for_async("video.media.ready", timeout=0.05)
    message = str(timed_out.value)
    assert "video.media.ready" in message and "ping" in message
    assert receiver.secret not in message and receiver.secret not in repr(receiver)


def test_a_blocking_wait_from_a_synchronous_test(fastpix_emulator_thread: FastPixEmulator) -> None:
    with run_webhook_receiver_in_thread() as receiver:
        fastpix_emulator_thread.add_webhook(receiver.url, receiver.secret)
        sent = fastpix_emulator_thread.trigger("video.live_stream.disabled")
        delivery = receiver.wait_for("video.live_stream.disabled")
        assert delivery.id == sent["id"]
        assert delivery.payload["data"]["status"] == "disabled"
        with pytest.raises(TimeoutError):
            receiver.wait_for("video.live_stream.disabled", count=2, timeout=0.05)


def test_secrets_are_checked_and_never_shown() -> None:
    destination = WebhookDestination("https://example.com/hook", SECRET)
    assert SECRET not in repr(destination)
    with pytest.raises(ConfigurationError) as refused:
        WebhookDestination("https://example.com/hook", "not-base64!")
    assert "not-base64!" not in str(refused.value)
    with pytest.raises(ValueError, match="http"):
        WebhookDestination("example.com/hook", SECRET)
    with pytest.raises(ValueError, match="retry_delays"):
        DeliveryPolicy(retry_delays=(-1,))
    with pytest.raises(ValueError, match="timeout"):
        DeliveryPolicy(timeout=0)
    assert DeliveryPolicy(retry_delays=(1, 2)).max_attempts == 3


async def test_trigger_needs_data_for_a_type_it_does_not_know(emu: FastPixEmulator) -> None:
    with pytest.raises(ValueError, match="data="):
        emu.trigger("video.media.hologram.ready")
    with pytest.raises(TypeError, match="dict"):
        emu.trigger("video.media.ready", data=["not", "an", "object"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no webhook destination"):
        emu.remove_webhook("nope")


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("http://h/hook", ("http://h/hook", None)),
        (f"http://h/hook={SECRET}", ("http://h/hook", SECRET)),
        (f"http://h/hook?a=1&b=2={SECRET}", ("http://h/hook?a=1&b=2", SECRET)),
    ],
)
def test_the_command_line_reads_url_and_secret(
    argument: str, expected: tuple[str, str | None]
) -> None:
    assert _webhook(argument) == expected


def test_the_command_line_delivers_webhooks_and_triggers_events(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with run_webhook_receiver_in_thread() as receiver:
        command = [
            sys.executable,
            *("-m", "fastpix_async.testing", "--port", "0", "--webhook-duplicate"),
            *("--webhook", f"{receiver.url}={receiver.secret}", "--webhook", nobody_listening()),
        ]
        with subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as server:
            try:
                assert server.stdout is not None
                settings = dict(server.stdout.readline().strip().split("=", 1) for _ in range(4))
                # the secret made up for the second destination is shown, once
                made_up = settings.pop("FASTPIX_WEBHOOK_SECRET")
                assert verify_and_parse(b"{}", {}, made_up).is_ping  # usable base64
                receiver.wait_for(where=is_ping)
                for name, value in settings.items():  # as a shell that ran the emulator has
                    monkeypatch.setenv(name, value)
                assert cli(["trigger", "video.media.ready"]) == 0
                event_id = capsys.readouterr().out.split()[-1]
                delivery = receiver.wait_for("video.media.ready", count=2)  # duplicated
                assert delivery.id == event_id
                assert verify_and_parse(delivery.body, delivery.headers, receiver.secret)
            finally:
                server.terminate()
                _, stderr = server.communicate(timeout=10)
    assert f"Delivering webhooks to {receiver.url}" in stderr
    assert receiver.secret not in stderr and made_up not in stderr


def test_the_trigger_command_explains_what_went_wrong(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("FASTPIX_ACCESS_TOKEN_ID", "FASTPIX_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert cli(["trigger", "video.media.ready"]) == 2
    assert "credentials" in capsys.readouterr().err
    options = ["--access-token-id", "id", "--secret-key", "key", "--url", nobody_listening()]
    assert cli(["trigger", "video.media.ready", *options]) == 1
    assert "could not reach" in capsys.readouterr().err


def test_the_trigger_command_reports_a_refusal(
    fastpix_emulator_thread: FastPixEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    emu = fastpix_emulator_thread
    credentials = ["--access-token-id", emu.access_token_id, "--secret-key", emu.secret_key]
    assert cli(["trigger", "video.media.hologram", "--url", emu.base_url, *credentials]) == 1
    assert "pass data=" in capsys.readouterr().err
    data = ["--data", '{"id": "m-1"}']
    assert cli(["trigger", "video.media.hologram", "--url", emu.base_url, *credentials, *data]) == 0
    assert emu.webhook_events[-1]["data"] == {"id": "m-1"}


async def test_an_event_keeps_the_resource_as_it_was(emu: FastPixEmulator, api: Api) -> None:
    media = await api.create_media()
    playback_id = media["playbackIds"][0]["id"]
    assert (await api.patch(f"on-demand/{media['id']}", json={"title": "First"})).status == 200
    rules = {"defaultPolicy": "deny", "allow": ["example.com"]}
    domains = f"on-demand/{media['id']}/playback-ids/{playback_id}/domains"
    assert (await api.patch(domains, json=rules)).status == 200
    updated = emu.webhook_events[-1]
    assert updated["type"] == "video.media.updated" and updated["data"]["title"] == "First"
    then = updated["data"]["playbackIds"][0]["accessRestrictions"]["domains"]
    assert then == {"defaultPolicy": "allow", "allow": [], "deny": []}
