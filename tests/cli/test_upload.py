"""``fastpix upload`` against the emulator: progress, --wait, and Ctrl-C then --resume."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

import fastpix_cli.commands.upload
from fastpix_async.testing import FastPixEmulator

from .conftest import Fastpix

CHUNK = 256 * 1024


@pytest.fixture
def video(tmp_path: Path) -> Path:
    path = tmp_path / "talk.mp4"
    path.write_bytes(bytes(range(256)) * (4 * CHUNK // 256))  # four chunks
    return path


def test_upload_and_wait(fastpix: Fastpix, video: Path) -> None:
    media = fastpix.json("upload", str(video), "--wait", "--metadata", "team=video")
    assert (media["status"], media["metadata"]) == ("ready", {"team": "video"})


def test_upload_shows_the_upload_with_its_media(fastpix: Fastpix, video: Path) -> None:
    result = fastpix("upload", str(video), "--chunk-size", "256KiB", "--table")
    assert result.exit_code == 0, result.stderr
    assert "talk.mp4" in result.stderr and "100%" in result.stderr  # the bar, on stderr
    assert "1.0/1.0 MB" in result.stderr
    assert "upload id" in result.stdout and "media id" in result.stdout


def test_ctrl_c_leaves_a_resumable_upload_and_says_how_to_resume(
    fastpix: Fastpix, emulator: FastPixEmulator, video: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        fastpix_cli.commands.upload, "progress_bar", lambda description: _CtrlCAtFirstReport()
    )
    stopped = fastpix("upload", str(video), "--chunk-size", "256KiB", "--wait")
    assert stopped.exit_code == 130
    assert stopped.stdout == ""
    first, second = stopped.stderr.splitlines()
    assert first == "Error: interrupted; the upload stays open. Resume it with:"
    command = shlex.split(second)
    assert command[:3] == ["fastpix", "upload", str(video)]
    assert command[3:] == ["--resume", command[4], "--chunk-size", str(CHUNK), "--wait"]

    monkeypatch.undo()
    sent_before = len(emulator.requests)
    media = fastpix.json(*command[1:])
    assert media["status"] == "ready"
    ranges = [
        r.headers.get("Content-Range") for r in emulator.requests[sent_before:] if r.method == "PUT"
    ]
    assert f"bytes {CHUNK}-{2 * CHUNK - 1}/{4 * CHUNK}" in ranges  # carried on from the server's
    assert f"bytes 0-{CHUNK - 1}/{4 * CHUNK}" not in ranges  # offset: the first chunk not again


def test_bad_chunk_sizes_and_settings_with_resume_are_usage_errors(
    fastpix: Fastpix, video: Path
) -> None:
    odd = fastpix("upload", str(video), "--chunk-size", "100KiB")
    assert odd.exit_code == 2 and "multiple of 256 KiB" in odd.stderr
    resumed = fastpix("upload", str(video), "--resume", "some-id", "--policy", "private")
    assert resumed.exit_code == 2
    assert "--policy and --metadata apply to a new upload" in resumed.stderr
    missing = fastpix("upload", "no-such-file.mp4")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_resuming_an_upload_that_is_not_open_fails_without_a_resume_hint(
    fastpix: Fastpix, video: Path
) -> None:
    result = fastpix("upload", str(video), "--resume", "no-such-upload")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no unfinished upload with id 'no-such-upload'")
    assert "Resume it with" not in result.stderr


class _CtrlCAtFirstReport:
    """A progress bar whose first report (the server holds a chunk) meets a Ctrl-C."""

    def __call__(self, sent: int, total: int) -> None:
        raise KeyboardInterrupt

    def __enter__(self) -> _CtrlCAtFirstReport:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def test_upload_sets_the_title(fastpix: Fastpix, video: Path) -> None:
    media = fastpix.json("upload", str(video), "--wait", "--title", "Launch talk")
    assert media["title"] == "Launch talk"
