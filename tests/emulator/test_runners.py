"""The ways to run the emulator: in a thread for synchronous code, the pytest fixtures, the CLI."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from fastpix_async.testing import FastPixEmulator, run_emulator_in_thread
from tests.emulator._client import basic_auth

REPO_ROOT = Path(__file__).resolve().parents[2]


def call(base_url: str, login: str, password: str, path: str, body: Any = None) -> tuple[int, Any]:
    """A plain blocking request, as synchronous user code would make."""
    request = urllib.request.Request(
        base_url + path,
        data=json.dumps(body).encode() if body is not None else None,
        method="POST" if body is not None else "GET",
        headers={"Authorization": basic_auth(login, password), "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def test_run_in_thread_serves_synchronous_code_and_stops_cleanly() -> None:
    before = threading.active_count()
    with run_emulator_in_thread(processing_seconds=0, secret_key="s3cret") as emu:
        assert emu.secret_key == "s3cret"
        media = {"inputs": [{"type": "video", "url": "https://x/y.mp4"}], "accessPolicy": "public"}
        status, created = call(
            emu.base_url, emu.access_token_id, emu.secret_key, "on-demand", media
        )
        assert status == 201
        emu.add_fault("GET", "/on-demand/{mediaId}", status=503)  # from the caller's thread
        path = f"on-demand/{created['data']['id']}"
        assert call(emu.base_url, emu.access_token_id, emu.secret_key, path)[0] == 503
        status, got = call(emu.base_url, emu.access_token_id, emu.secret_key, path)
        assert (status, got["data"]["status"]) == (200, "Ready")
        assert len(emu.requests) == 3
        port = emu.port
    assert threading.active_count() == before
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_run_in_thread_raises_when_the_port_is_taken() -> None:
    with run_emulator_in_thread() as first:
        with pytest.raises(OSError), run_emulator_in_thread(port=first.port):
            pass


def test_the_sync_fixture(fastpix_emulator_thread: FastPixEmulator) -> None:
    emu = fastpix_emulator_thread
    status, body = call(emu.base_url, emu.access_token_id, emu.secret_key, "live/streams")
    assert (status, body["data"]) == (200, [])


async def test_the_async_fixture(fastpix_emulator: FastPixEmulator) -> None:
    assert fastpix_emulator.base_url.endswith("/v1/")
    assert fastpix_emulator.port > 0


async def test_start_and_close_by_hand() -> None:
    emu = FastPixEmulator(processing_seconds=0)
    with pytest.raises(RuntimeError, match="not started"):
        _ = emu.base_url
    assert "not started" in repr(emu)
    await emu.start()
    try:
        with pytest.raises(RuntimeError, match="already running"):
            await emu.start()
        assert emu.base_url in repr(emu)
    finally:
        await emu.close()
    await emu.close()  # closing twice is harmless
    with pytest.raises(ValueError, match="processing_seconds"):
        FastPixEmulator(processing_seconds=-1)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_command_line_prints_settings_and_serves_until_stopped(stop: signal.Signals) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "fastpix_async.testing", "--port", "0", "--secret-key", "k"]
    with subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            lines = dict(process.stdout.readline().strip().split("=", 1) for _ in range(3))
            assert set(lines) == {
                "FASTPIX_BASE_URL",
                "FASTPIX_ACCESS_TOKEN_ID",
                "FASTPIX_SECRET_KEY",
            }
            assert lines["FASTPIX_SECRET_KEY"] == "k"
            base_url = lines["FASTPIX_BASE_URL"]
            assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1/")
            status, body = call(base_url, lines["FASTPIX_ACCESS_TOKEN_ID"], "k", "on-demand")
            assert (status, body["success"]) == (200, True)
        finally:
            process.send_signal(stop)
            _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    assert "Ctrl-C" in stderr


def test_the_command_line_serves_the_contracts_shapes_when_asked() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "fastpix_async.testing", "--port", "0", "--shape", "spec"]
    with subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            lines = dict(process.stdout.readline().strip().split("=", 1) for _ in range(3))
            auth = (lines["FASTPIX_BASE_URL"], lines["FASTPIX_ACCESS_TOKEN_ID"])
            media = {
                "inputs": [{"type": "video", "url": "https://x/y.mp4"}],
                "accessPolicy": "public",
            }
            _, created = call(*auth, lines["FASTPIX_SECRET_KEY"], "on-demand", media)
            path = f"on-demand/{created['data']['id']}"
            _, got = call(*auth, lines["FASTPIX_SECRET_KEY"], path)
            assert (got["data"]["duration"], got["data"]["mp4Support"]) == ("00:00:10", "none")
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    assert "Answering in the spec shapes" in stderr


@pytest.mark.fastpix_emulator(shape="spec")
def test_the_marker_gives_the_sync_fixture_the_contracts_shapes(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    assert fastpix_emulator_thread.shape == "spec"


@pytest.mark.parametrize("fastpix_emulator", ["spec"], indirect=True)
async def test_the_async_fixture_takes_the_shape_as_a_parameter(
    fastpix_emulator: FastPixEmulator,
) -> None:
    assert fastpix_emulator.shape == "spec"
    assert "shape='spec'" in repr(fastpix_emulator)


async def test_the_fixtures_answer_in_the_live_shapes_by_default(
    fastpix_emulator: FastPixEmulator,
) -> None:
    assert fastpix_emulator.shape == "live"


@pytest.mark.fastpix_emulator(shape="yaml")
def test_an_unknown_shape_in_the_marker_is_refused(request: pytest.FixtureRequest) -> None:
    with pytest.raises(ValueError, match="shape must be one of 'live', 'spec', not 'yaml'"):
        request.getfixturevalue("fastpix_emulator_thread")
