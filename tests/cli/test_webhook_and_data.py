"""``fastpix webhook verify``, ``fastpix views list`` and ``fastpix metrics overall``."""

from __future__ import annotations

import base64
import json
import time

from fastpix_async.testing import FastPixEmulator
from fastpix_async.webhooks import compute_signature

from .conftest import Fastpix, record_table

SECRET = base64.b64encode(b"the destination's secret").decode()
BODY = json.dumps(
    {
        "type": "video.media.ready",
        "id": "evt-1",
        "createdAt": "2025-01-02T03:04:05Z",
        "object": {"type": "media", "id": "m-1"},
        "data": {"id": "m-1", "status": "Ready"},
    }
).encode()
SIGNATURE = f"FastPix-Signature: {compute_signature(BODY, SECRET)}"


def test_webhook_verify_prints_the_typed_event(fastpix: Fastpix) -> None:
    event = fastpix.json("webhook", "verify", "--secret", SECRET, "--header", SIGNATURE, input=BODY)
    assert (event["type"], event["dataModel"]) == ("video.media.ready", "Media")
    assert event["data"]["status"] == "ready"  # read into the model, not as sent

    shown = fastpix("webhook", "verify", "--header", SIGNATURE, "--table", input=BODY,
                    FASTPIX_WEBHOOK_SECRET=SECRET)  # fmt: skip
    assert record_table(shown.stdout)["data"] == "m-1 (ready)"


def test_webhook_verify_fails_on_a_bad_signature(fastpix: Fastpix) -> None:
    tampered = BODY.replace(b"Ready", b"Failed")
    refused = fastpix("webhook", "verify", "--secret", SECRET, "--header", SIGNATURE,
                      input=tampered)  # fmt: skip
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr == (
        "Error: the FastPix-Signature header does not match the body with the secret\n"
    )
    unsigned = fastpix("webhook", "verify", "--secret", SECRET, input=BODY)
    assert unsigned.exit_code == 1 and "has no FastPix-Signature header" in unsigned.stderr
    no_secret = fastpix("webhook", "verify", "--header", SIGNATURE, input=BODY)
    assert no_secret.exit_code == 2 and "FASTPIX_WEBHOOK_SECRET" in no_secret.stderr


def test_views_since_a_duration(fastpix: Fastpix, emulator: FastPixEmulator) -> None:
    week = fastpix.json_lines("views", "list", "--since", "7d", "--limit", "3")
    assert len(week) == 3 and all(view["viewId"] for view in week)

    recent = fastpix("views", "list", "--since", "90m", "--limit", "3")
    assert recent.exit_code == 0, recent.stderr
    # not one of the API's named spans: asked as the range from 90 minutes ago to now
    (sent,) = [r for r in emulator.requests if r.path.endswith("/data/viewlist")][-1:]
    start, end = (int(value) for name, value in sent.query if name == "timespan[]")
    assert end - start == 90 * 60


def test_metrics_overall(fastpix: Fastpix) -> None:
    week = fastpix.json("metrics", "overall", "views", "--since", "7d")
    day = fastpix.json("metrics", "overall", "views", "--since", "24h")
    assert week["totalViews"] >= day["totalViews"] > 0
    unknown = fastpix("metrics", "overall", "viewz")
    assert unknown.exit_code == 2 and "'viewz' is not one of" in unknown.stderr


def test_since_names_the_api_spans_and_ranges_the_rest() -> None:
    from fastpix_cli.params import duration, timespan_since

    assert timespan_since(duration("7d")) == "7:days"
    assert timespan_since(duration("60m")) == "60:minutes"
    span = timespan_since(duration("2d"))
    assert isinstance(span, tuple)
    start, end = span
    assert end - start == 2 * 86400 and abs(end - time.time()) < 5
