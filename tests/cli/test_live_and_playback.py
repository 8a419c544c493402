"""``fastpix live …`` and ``fastpix playback-ids …`` against the emulator."""

from __future__ import annotations

from fastpix_async.testing import FastPixEmulator

from .conftest import Fastpix, record_table


def test_live_stream_life_cycle(fastpix: Fastpix, emulator: FastPixEmulator) -> None:
    stream = fastpix.json(
        "live", "create", "--policy", "private", "--max-resolution", "720p",
        "--reconnect-window", "2m", "--metadata", "event=launch",
    )  # fmt: skip
    stream_id = stream["streamId"]
    assert (stream["status"], stream["maxResolution"], stream["reconnectWindow"]) == (
        "idle", "720p", 120,
    )  # fmt: skip
    assert stream["streamKey"]  # what an encoder needs, shown to its owner
    assert stream_id in {s["streamId"] for s in fastpix.json_lines("live", "list", "--all")}

    emulator.set_live_stream_status(stream_id, "active")
    done = fastpix("live", "complete", stream_id)
    assert (done.exit_code, done.stdout) == (0, f"completed live stream {stream_id}\n")
    assert fastpix("live", "disable", stream_id).exit_code == 0
    assert fastpix.json("live", "get", stream_id)["status"] == "disabled"
    enabled = fastpix("live", "enable", stream_id, "--json")
    assert enabled.stdout.strip() == f'{{"id": "{stream_id}", "done": "enable"}}'
    shown = record_table(fastpix("live", "get", stream_id, "--table").stdout)
    assert (shown["stream id"], shown["status"]) == (stream_id, "idle")


def test_a_switch_the_stream_is_not_ready_for_fails_with_the_api_message(
    fastpix: Fastpix,
) -> None:
    stream_id = fastpix.json("live", "create")["streamId"]
    refused = fastpix("live", "enable", stream_id)  # enable only from disabled
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: 4") and stream_id in refused.stderr


def test_playback_ids(fastpix: Fastpix) -> None:
    media_id = fastpix.json("media", "create", "--url", "https://example.com/a.mp4")["id"]
    playback = fastpix.json("playback-ids", "create", media_id, "--policy", "private")
    assert playback["accessPolicy"] == "private"
    listed = fastpix("playback-ids", "list", media_id, "--table").stdout
    assert any(playback["id"] in line and "private" in line for line in listed.splitlines())
    bad = fastpix("playback-ids", "create", media_id, "--policy", "secret")
    assert bad.exit_code == 2 and "'secret' is not one of" in bad.stderr
