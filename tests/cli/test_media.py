"""``fastpix media …`` against the emulator."""

from __future__ import annotations

from fastpix_async.testing import FastPixEmulator

from .conftest import Fastpix, record_table

VIDEO = "https://example.com/talk.mp4"


def test_create_get_update_delete(fastpix: Fastpix) -> None:
    created = fastpix.json("media", "create", "--url", VIDEO, "--metadata", "team=video")
    media_id = created["id"]
    assert created["metadata"] == {"team": "video"}

    assert fastpix.json("media", "get", media_id)["id"] == media_id
    updated = fastpix.json(
        "media", "update", media_id, "--title", "Launch talk", "--metadata", "team=docs"
    )
    assert (updated["title"], updated["metadata"]) == ("Launch talk", {"team": "docs"})

    deleted = fastpix("media", "delete", media_id)
    assert (deleted.exit_code, deleted.stdout) == (0, f"deleted media {media_id}\n")

    gone = fastpix("media", "get", media_id)
    assert gone.exit_code == 1
    assert gone.stdout == ""
    (line,) = gone.stderr.splitlines()  # one clear line
    assert line.startswith("Error: 404") and "not found" in line and media_id in line


def test_a_table_on_request_and_json_lines_otherwise(fastpix: Fastpix) -> None:
    media_id = fastpix.json("media", "create", "--url", VIDEO)["id"]
    fastpix.json("media", "update", media_id, "--title", "Table talk")

    table = fastpix("media", "list", "--limit", "50", "--table")
    assert table.exit_code == 0
    header = table.stdout.splitlines()[1]
    assert header.split() == ["ID", "STATUS", "TITLE", "DURATION", "PLAYBACK", "IDS", "CREATED"]
    (row,) = [line for line in table.stdout.splitlines() if media_id in line]
    assert "ready" in row and "Table talk" in row

    shown = fastpix("media", "get", media_id, "--table").stdout
    fields = record_table(shown)
    assert (fields["id"], fields["title"], fields["status"]) == (media_id, "Table talk", "ready")

    # the same option before the command
    assert fastpix("--table", "media", "get", media_id).stdout == shown


def test_list_pages_and_all(fastpix: Fastpix) -> None:
    ids = {fastpix.json("media", "create", "--url", VIDEO)["id"] for _ in range(3)}

    first = fastpix("media", "list", "--limit", "2")
    assert len(first.stdout.splitlines()) == 2
    assert "--all lists every one" in first.stderr

    every = {media["id"] for media in fastpix.json_lines("media", "list", "--all", "--limit", "2")}
    assert ids <= every


def test_wait_returns_the_ready_media_or_fails(fastpix: Fastpix, emulator: FastPixEmulator) -> None:
    media_id = fastpix.json("media", "create", "--url", VIDEO, "--wait")["id"]
    assert fastpix.json("media", "wait", media_id, "--timeout", "5")["status"] == "ready"

    emulator.set_media_status(media_id, "Failed")
    failed = fastpix("media", "wait", media_id)
    assert failed.exit_code == 1
    assert f"media {media_id} failed to process" in failed.stderr


def test_usage_errors_exit_2(fastpix: Fastpix) -> None:
    nothing_to_change = fastpix("media", "update", "some-id")
    assert nothing_to_change.exit_code == 2
    assert "give at least one of --metadata, --title or --creator-id" in nothing_to_change.stderr

    too_many = fastpix("media", "list", "--limit", "51")  # refused by the SDK, not sent
    assert too_many.exit_code == 2
    assert too_many.stderr == "Error: limit must be between 1 and 50, got 51\n"

    not_a_pair = fastpix("media", "create", "--url", VIDEO, "--metadata", "team")
    assert not_a_pair.exit_code == 2 and "'team' is not key=value" in not_a_pair.stderr


def test_create_sets_the_title(fastpix: Fastpix) -> None:
    created = fastpix.json("media", "create", "--url", VIDEO, "--title", "Launch talk")
    assert fastpix.json("media", "get", created["id"])["title"] == "Launch talk"
