"""The installed ``fastpix`` script, as a shell runs it: separate processes, real pipes."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .test_webhook_and_data import BODY, SECRET, SIGNATURE

SCRIPT = Path(sys.executable).parent / ("fastpix.exe" if os.name == "nt" else "fastpix")


def run(
    *args: str, env: dict[str, str], input: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    assert SCRIPT.exists(), 'the console script is installed by pip install -e ".[dev]"'
    return subprocess.run(
        [str(SCRIPT), *args],
        input=None if input is None else input.decode(),
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


def test_upload_wait(env: dict[str, str], tmp_path: Path) -> None:
    video = tmp_path / "clip.mp4"
    video.write_bytes(os.urandom(600_000))
    result = run("upload", str(video), "--wait", "--chunk-size", "256KiB", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "ready"  # piped: JSON without asking
    assert "100%" in result.stderr  # the bar's last state, on stderr


def test_media_list_json_is_one_document_per_line(env: dict[str, str]) -> None:
    created = run("media", "create", "--url", "https://example.com/a.mp4", "--json", env=env)
    media_id = json.loads(created.stdout)["id"]
    listed = run("media", "list", "--all", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert media_id in [json.loads(line)["id"] for line in listed.stdout.splitlines()]


def test_webhook_verify_with_a_bad_signature(env: dict[str, str]) -> None:
    good = run("webhook", "verify", "--secret", SECRET, "--header", SIGNATURE, env=env, input=BODY)
    assert good.returncode == 0 and json.loads(good.stdout)["id"] == "evt-1"
    bad = run("webhook", "verify", "--secret", SECRET, "--header", SIGNATURE, env=env,
              input=BODY + b" ")  # fmt: skip
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr == (
        "Error: the FastPix-Signature header does not match the body with the secret\n"
    )


@pytest.mark.parametrize("package", ["click", "rich"])
def test_without_the_cli_extra_it_says_how_to_install_it(package: str) -> None:
    blocked = f"import sys; sys.modules[{package!r}] = None\n"  # as if not installed
    result = subprocess.run(
        [sys.executable, "-c", blocked + "from fastpix_cli.__main__ import main; main()"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "fastpix: the fastpix command line needs its extra packages: "
        'pip install "fastpix-sdk[cli]"\n'
    )


def test_emulator_command_serves_until_ctrl_c() -> None:
    server = subprocess.Popen(
        [str(SCRIPT), "emulator", "--port", "0", "--processing-seconds", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        settings = dict(server.stdout.readline().strip().split("=", 1) for _ in range(3))
        assert set(settings) == {
            "FASTPIX_BASE_URL", "FASTPIX_ACCESS_TOKEN_ID", "FASTPIX_SECRET_KEY"
        }  # fmt: skip
        listed = run("live", "list", "--json", env=settings)
        assert (listed.returncode, listed.stdout) == (0, "")
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr


def test_a_command_loads_no_async_stack(env: dict[str, str]) -> None:
    # built on the sync client: no aiohttp or anyio to import before the first request
    code = (
        "import sys\nfrom fastpix_cli.app import cli\n"
        "cli(['media', 'list', '--json'], standalone_mode=False)\n"
        "print(sorted({'aiohttp', 'anyio', 'jwt'} & set(sys.modules)), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr.splitlines()[-1] == "[]", result.stderr


def test_emulator_command_answers_in_the_contracts_shapes_with_shape_spec() -> None:
    server = subprocess.Popen(
        [str(SCRIPT), "emulator", "--port", "0", "--processing-seconds", "0", "--shape", "spec"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        settings = dict(server.stdout.readline().strip().split("=", 1) for _ in range(3))
        created = run("media", "create", "--url", "https://example.com/a.mp4", "--json",
                      env=settings)  # fmt: skip
        media_id = json.loads(created.stdout)["id"]
        pair = f"{settings['FASTPIX_ACCESS_TOKEN_ID']}:{settings['FASTPIX_SECRET_KEY']}"
        request = urllib.request.Request(
            f"{settings['FASTPIX_BASE_URL']}on-demand/{media_id}",
            headers={"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            media = json.load(response)["data"]
        assert (media["duration"], media["mp4Support"]) == ("00:00:10", "none")
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr
    assert "Answering in the spec shapes" in stderr


def test_emulator_command_refuses_an_unknown_shape() -> None:
    result = run("emulator", "--shape", "yaml", env={})
    assert result.returncode == 2
    assert "Invalid value for '--shape': 'yaml' is not one of 'live', 'spec'." in result.stderr
