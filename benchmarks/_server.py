"""A canned FastPix API for benchmarks, in its own process, cheap enough not to be the bottleneck.

A bare ``asyncio.Protocol`` over HTTP/1.1 keep-alive: it reads just enough of each
request to route it and answers with prebuilt bytes, so per request it costs a few
microseconds against the clients' hundreds. It serves:

- ``GET /v1/on-demand/{id}``: a media in the live API's shape (:func:`media_object`),
  in the API's envelope;
- ``GET /v1/on-demand?...``: a list page of 20 media with ``pagination``;
- ``GET /_stats``: API connections (those that asked for more than ``/_stats``) open
  now and at most, connections accepted, and API requests answered (``?reset`` starts
  counting again).

``python -m benchmarks._server`` prints ``port <n>`` once listening. :func:`running_server`
starts it as a subprocess and reports the CPU time it spent.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from typing import Any

MEDIA_ID = "8ab6c5f1-0d51-4b0c-9f7e-4a6a2cbb73f1"


def media_object(index: int = 0) -> dict[str, Any]:
    """One media as the live API's ``GET /on-demand/{id}`` returns it (``spec/live-api.md``).

    25 top-level keys; two playback IDs with access restrictions (one open, one with
    domain and user-agent lists); two tracks; ``mp4Support`` as the live list of
    renditions; metadata; ``duration`` as a number of seconds; nanosecond timestamps.
    """
    media_id = MEDIA_ID[:-3] + f"{index:03d}"
    return {
        "thumbnail": f"https://images.fastpix.io/{media_id}/thumbnail.png",
        "id": media_id,
        "workspaceId": "4fa85f64-5717-4562-b3fc-2c963f66afa6",
        "metadata": {"project": "benchmarks", "owner": "batch-jobs", "batch": str(index)},
        "mediaQuality": "standard",
        "creatorId": "creator-42",
        "title": f"Quarterly review #{index}",
        "maxResolution": "1080p",
        "sourceResolution": "1080p",
        "status": "Ready",
        "mp4Support": [
            {"type": "capped_4k", "status": "ready", "height": 1080, "width": 1920, "ext": "mp4"},
            {"type": "audioOnly", "status": "ready", "ext": "m4a"},
        ],
        "sourceAccess": False,
        "optimizeAudio": True,
        "trial": False,
        "playbackIds": [
            {
                "id": f"b1d0c3a2-5f4e-4d3c-8b2a-1f0e9d8c7{index:03d}",
                "accessPolicy": "public",
                "accessRestrictions": {
                    "domains": {"defaultPolicy": "allow", "allow": [], "deny": []},
                    "userAgents": {"defaultPolicy": "allow", "allow": [], "deny": []},
                },
            },
            {
                "id": f"e2f1a0b9-8c7d-4e6f-9a5b-4c3d2e1f0{index:03d}",
                "accessPolicy": "private",
                "accessRestrictions": {
                    "domains": {
                        "defaultPolicy": "deny",
                        "allow": ["example.com", "cdn.example.com"],
                        "deny": [],
                    },
                    "userAgents": {"defaultPolicy": "allow", "allow": [], "deny": ["curl"]},
                },
            },
        ],
        "tracks": [
            {
                "id": "c6a1b2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
                "type": "video",
                "width": 1920,
                "height": 1080,
                "frameRate": "30/1",
                "status": "available",
            },
            {
                "id": "d7b2c3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e",
                "type": "audio",
                "languageCode": "en",
                "languageName": "English",
                "status": "available",
            },
        ],
        "generatedSubtitles": [],
        "chapters": {"status": "disabled"},
        "isAudioOnly": False,
        "subtitleAvailable": False,
        "duration": 125.48,
        "frameRate": "30/1",
        "aspectRatio": "16:9",
        "createdAt": "2026-03-01T10:15:30.123456789Z",
        "updatedAt": "2026-03-01T10:17:02.987654321Z",
    }


def body_of(response: bytes) -> bytes:
    """The JSON body of one of the canned responses below."""
    return response.split(b"\r\n\r\n", 1)[1]


def _response(body: dict[str, Any], status: str = "200 OK") -> bytes:
    payload = json.dumps(body, separators=(",", ":")).encode()
    head = (
        f"HTTP/1.1 {status}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n"
        "X-Request-Id: bench\r\n"
        "\r\n"
    ).encode()
    return head + payload


GET_MEDIA = _response({"success": True, "data": media_object()})
LIST_PAGE = _response(
    {
        "success": True,
        "data": [media_object(i) for i in range(20)],
        "pagination": {"totalRecords": 2000, "currentOffset": 1, "offsetCount": 100},
    }
)
NOT_FOUND = _response(
    {"success": False, "error": {"code": 404, "message": "not found"}}, "404 Not Found"
)


class _Stats:
    open = 0  # API connections
    peak = 0
    accepted = 0
    requests = 0


class _CannedHTTP(asyncio.Protocol):
    def __init__(self) -> None:
        self._buffer = b""
        self._transport: asyncio.Transport | None = None
        self._counted = False  # an API connection, once it sends an API request

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        _Stats.accepted += 1

    def connection_lost(self, exc: Exception | None) -> None:
        if self._counted:
            _Stats.open -= 1

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end == -1:
                return
            head, self._buffer = self._buffer[:end], self._buffer[end + 4 :]
            # The benchmark clients only send bodiless GETs.
            target = head[: head.find(b"\r\n")].split(b" ")[1]
            assert self._transport is not None
            if not target.startswith(b"/_stats"):
                _Stats.requests += 1
                if not self._counted:
                    self._counted = True
                    _Stats.open += 1
                    _Stats.peak = max(_Stats.peak, _Stats.open)
            self._transport.write(_answer(target))


def _answer(target: bytes) -> bytes:
    if target.startswith(b"/v1/on-demand/"):
        return GET_MEDIA
    if target.startswith(b"/v1/on-demand?"):
        return LIST_PAGE
    if target.startswith(b"/_stats"):
        stats = {
            "open": _Stats.open,
            "peak": _Stats.peak,
            "accepted": _Stats.accepted,
            "requests": _Stats.requests,
        }
        if b"reset" in target:
            _Stats.peak, _Stats.accepted, _Stats.requests = _Stats.open, 0, 0
        return _response(stats)
    return NOT_FOUND


async def _serve() -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_CannedHTTP, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"port {port}\n")
    sys.stdout.flush()
    async with server:
        await server.serve_forever()


class ServerProcess:
    """The running server: its base URL and the CPU seconds it has used so far."""

    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.origin = f"http://127.0.0.1:{port}"
        self.base_url = self.origin + "/v1"

    def stats(self, *, reset: bool = False) -> dict[str, int]:
        """The server's connection and request counters (see the module docstring)."""
        url = self.origin + ("/_stats?reset" if reset else "/_stats")
        with urllib.request.urlopen(url, timeout=10) as response:
            counters: dict[str, int] = json.loads(response.read())
        return counters

    def cpu_seconds(self) -> float:
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        # utime and stime are fields 14 and 15 of /proc/<pid>/stat (after "pid (comm)").
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def running_server() -> Iterator[ServerProcess]:
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks._server"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("port "):
            raise RuntimeError(f"benchmark server failed to start: {line!r}")
        yield ServerProcess(process, int(line.split()[1]))
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve())
