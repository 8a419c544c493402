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
        "GET /videos/00000000-0000-4000-8000-000000000404 -> 404",
        "POST /videos -> 400",
        "Backend stopped.",
    ),
    "batch_job.py": (
        "00000000-0000-4000-8000-000000000404: FAILED NotFoundError (404)",
        "created 8, fetched 8 of 9 (1 failed), ready 8, playback ids 8 of 9 (1 failed)",
    ),
    "sync_script.py": ("3 media in 2 pages", "404: Media not found", "== Done"),
}


# examples whose output a test of their own below checks in detail
CHECKED_BELOW = {
    "private_playback.py",
    "webhook_receiver.py",
    "dask_batch.py",
    "process_pool_batch.py",
}


def test_every_example_is_run_by_a_test() -> None:
    scripts = {path.name for path in EXAMPLES.glob("*.py") if not path.name.startswith("_")}
    assert scripts == set(EXPECTED) | CHECKED_BELOW


def offline_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FASTPIX_")}  # secrets too
    env["PYTHONWARNINGS"] = "default::ResourceWarning"
    return env


def run_example(example: str, *flags: str) -> str:
    """Run an example as a user would; return its output once it exited 0, cleanly."""
    finished = subprocess.run(
        [sys.executable, str(EXAMPLES / example), *flags],
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
    assert "embedded FastPix emulator" in out
    created = re.search(r"^created media (\S+);", out, flags=re.MULTILINE)
    assert created is not None
    media_id = created.group(1)
    answers = re.findall(r"^  (.+?) +-> (\d{3}) (.*)$", out, flags=re.MULTILINE)
    # the ping first; each event delivered twice (one id), the second copy skipped
    assert answers[0] == ("ping (the unsigned {})", "200", '{"ok": true, "ping": true}')
    ready = [
        (status, body) for what, status, body in answers if what.startswith("video.media.ready ")
    ]
    assert sorted(ready) == [("200", '{"ok": true, "duplicate": true}'), ("200", '{"ok": true}')]
    assert [status for what, status, _ in answers if what == "rejected"] == ["401", "401"]
    processed = out.split("processed in the background, once each:", 1)[1].strip().splitlines()
    assert [line.strip() for line in processed] == [
        f"video.media.created: media {media_id} is created",
        f"video.media.ready: media {media_id} is ready",
    ]


@pytest.mark.parametrize("example", ["dask_batch.py", "process_pool_batch.py"])
def test_scaling_out_examples(example: str) -> None:
    # small sizes; tests/test_scaling_out.py checks a larger batch item by item
    out = run_example(example, "--count", "300", "--workers", "2", "--chunk", "100")
    assert "embedded FastPix emulator" in out and "2% of item requests with a 503" in out
    summary = re.search(r"^done (\d+) of 301; failed (\d+) \((.*)\); retries (\d+)$", out, re.M)
    assert summary, out
    done, failed, kinds, retries = summary.groups()
    # the unknown ID; and, about one run in a thousand, an item whose 3 attempts all met a 503
    assert re.fullmatch(r"(InternalServerError 1, )?NotFoundError 1", kinds), kinds
    assert int(done) + int(failed) == 301 and int(retries) > 0
    assert "00000000-0000-4000-8000-000000000404: NotFoundError 404 Media not found" in out
    assert re.search(r"^[\d,]+ items/s \([\d.]+ s for the batch\)$", out, re.M)
