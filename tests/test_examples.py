"""Each example runs offline, as a user would run it: a fresh interpreter, no credentials.

Without FASTPIX_ACCESS_TOKEN_ID / FASTPIX_SECRET_KEY the examples use the embedded
emulator; each must exit 0, print the lines that show its job got done, and leave
nothing unclosed (with ResourceWarnings shown, an unclosed session or socket is reported
on stderr).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# example -> lines its output must contain (an example added to examples/ belongs here too)
EXPECTED: dict[str, tuple[str, ...]] = {
    "quickstart.py": (
        "using the embedded FastPix emulator",
        "3,158,073 of 3,158,073 bytes confirmed (100%)",
        "complete: media",
        "== Done",
    ),
    "web_backend.py": (
        "POST /videos -> 201",
        "is ready",
        "GET /videos/does-not-exist -> 404",
        "POST /videos -> 400",
        "Backend stopped.",
    ),
    "batch_job.py": (
        "no-such-media: FAILED NotFoundError (404)",
        "created 8, fetched 8 of 9 (1 failed), ready 8, playback ids 8 of 9 (1 failed)",
    ),
    "sync_script.py": ("3 media in 2 pages", "404: Media not found", "== Done"),
}


# examples whose output a test of their own below checks in detail
CHECKED_BELOW = {"private_playback.py", "webhook_receiver.py"}


def test_every_example_is_run_by_a_test() -> None:
    scripts = {path.name for path in EXAMPLES.glob("*.py") if not path.name.startswith("_")}
    assert scripts == set(EXPECTED) | CHECKED_BELOW


def offline_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FASTPIX_")}  # secrets too
    env["PYTHONWARNINGS"] = "default::ResourceWarning"
    return env


def run_example(example: str) -> str:
    """Run an example as a user would; return its output once it exited 0, cleanly."""
    finished = subprocess.run(
        [sys.executable, str(EXAMPLES / example)],
        capture_output=True,
        text=True,
        env=offline_environment(),
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    for trouble in ("Traceback", "ResourceWarning", "Unclosed"):
        assert trouble not in finished.stderr, finished.stderr
    return finished.stdout


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_example_runs_offline(example: str) -> None:
    out = run_example(example)
    for line in EXPECTED[example]:
        assert line in out, f"{line!r} not in the output:\n{out}"


def test_private_playback_example() -> None:
    out = run_example("private_playback.py")
    assert "embedded FastPix emulator" in out
    assert re.search(r"playback id \S+ \(private\)", out)
    assert re.search(r"stream: +https://stream\.fastpix\.com/\S+\.m3u8\?token=eyJ", out)
    assert re.search(r"thumbnail: +https://images\.fastpix\.com/\S+/thumbnail\.jpg\?.*token=", out)
    assert out.count("valid: kid=") == 2
    assert "deleted the media and the signing key" in out


def test_webhook_receiver_example() -> None:
    out = run_example("webhook_receiver.py")
    answers = dict(re.findall(r"^  (.+?) +-> (\d{3}) ", out, flags=re.MULTILINE))
    assert answers == {
        "media ready": "200",
        "live stream idle": "200",
        "an event type this SDK doesn't know": "200",
        "the same media ready again": "200",
        "a tampered body": "401",
        "no signature": "401",
        "the unsigned {} validation ping": "200",
    }
    assert '"duplicate": true' in out and '"ping": true' in out
    processed = out.split("processed in the background:", 1)[1].strip().splitlines()
    # each event handled once; the duplicate and the rejected ones not at all
    assert [line.strip() for line in processed] == [
        "video.media.ready: media media-1 is ready",
        "video.live_stream.idle: live stream live-1 is idle",
        "video.media.hologram.ready: dict data",
    ]
