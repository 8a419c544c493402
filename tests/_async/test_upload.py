"""``media.upload_file`` over real sockets against the emulator's resumable upload URL."""

from __future__ import annotations

import hashlib
import io
import logging
import os
from pathlib import Path

import pytest

from fastpix_async import APIConnectionError, AsyncFastPix, RetryPolicy
from fastpix_async.errors import UploadError, UploadSessionExpiredError
from fastpix_async.models import MediaStatus, Upload
from fastpix_async.testing import FastPixEmulator
from tests._server import ScriptedServer

KIB = 1024
CHUNK = 256 * KIB
UPLOAD_ROUTE = "/upload/{uploadId}"
FAST_RETRY = RetryPolicy(initial_interval=0.01, max_interval=0.02, max_attempts=5)


class Interrupted(Exception):
    """Stands in for Ctrl-C or a crash in the middle of an upload."""


def make_client(emulator: FastPixEmulator) -> AsyncFastPix:
    return AsyncFastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url)


def video_file(tmp_path: Path, size: int) -> Path:
    file = tmp_path / "clip.mp4"
    file.write_bytes(os.urandom(size))
    return file


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def chunk_ranges(emulator: FastPixEmulator) -> list[str]:
    """The Content-Range of every PUT the upload URL received, in order."""
    return [
        r.headers.get("Content-Range", "")
        for r in emulator.requests
        if r.method == "PUT" and r.route == UPLOAD_ROUTE
    ]


class Progress:
    def __init__(self, stop_after: int | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.stop_after = stop_after

    def __call__(self, sent: int, total: int) -> None:
        self.calls.append((sent, total))
        if self.stop_after is not None and sent >= self.stop_after:
            raise Interrupted


async def test_a_multi_chunk_upload_stores_exactly_the_file(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    emulator = fastpix_emulator_thread
    file = video_file(tmp_path, 4 * CHUNK + 1234)
    progress = Progress()
    async with make_client(emulator) as fp:
        upload = await fp.media.upload_file(
            file, chunk_size=CHUNK, on_progress=progress, metadata={"kind": "test"}
        )
        assert upload.media_id == upload.upload_id
        assert emulator.upload_sha256(upload.upload_id) == sha256(file)
        media = await fp.media.wait_until_ready(upload.upload_id, poll_interval=0.01, timeout=5)
        assert media.metadata == {"kind": "test"}

    size = file.stat().st_size
    assert chunk_ranges(emulator) == [
        f"bytes {start}-{min(start + CHUNK, size) - 1}/{size}" for start in range(0, size, CHUNK)
    ]
    sent = [s for s, _ in progress.calls]
    assert sent == sorted(set(sent)) and sent[-1] == size
    assert {total for _, total in progress.calls} == {size}


async def test_chunks_over_a_mebibyte_upload_without_a_resource_warning(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    # The suite turns ResourceWarning into an error; aiohttp warns about raw bodies > 1 MiB.
    emulator = fastpix_emulator_thread
    file = video_file(tmp_path, 5 * KIB * KIB)
    async with make_client(emulator) as fp:
        upload = await fp.media.upload_file(file, chunk_size=4 * KIB * KIB)
    assert emulator.upload_sha256(upload.upload_id) == sha256(file)
    assert len(chunk_ranges(emulator)) == 2


async def test_bytes_and_file_objects_upload_from_their_current_position(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    data = os.urandom(CHUNK + 10)
    stream = io.BytesIO(b"HEADER" + data)
    stream.seek(6)
    async with make_client(emulator) as fp:
        from_bytes = await fp.media.upload_file(data, chunk_size=CHUNK)
        from_file = await fp.media.upload_file(stream, chunk_size=CHUNK)
    digest = hashlib.sha256(data).hexdigest()
    assert emulator.upload_sha256(from_bytes.upload_id) == digest
    assert emulator.upload_sha256(from_file.upload_id) == digest
    assert not stream.closed  # the caller's file stays the caller's


async def test_wait_returns_the_ready_media(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        media = await fp.media.upload_file(video_file(tmp_path, 1000), wait=True, wait_timeout=5)
    assert media.status is MediaStatus.READY


async def test_resumes_from_what_the_server_holds_not_from_what_was_sent(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    emulator = fastpix_emulator_thread
    file = video_file(tmp_path, 3 * CHUNK)
    emulator.add_upload_fault("hold_back", keep_bytes=1000)  # 308 with a shorter Range
    progress = Progress()
    async with make_client(emulator) as fp:
        upload = await fp.media.upload_file(file, chunk_size=CHUNK, on_progress=progress)
    assert emulator.upload_sha256(upload.upload_id) == sha256(file)
    size = file.stat().st_size
    assert chunk_ranges(emulator)[:2] == [
        f"bytes 0-{CHUNK - 1}/{size}",
        f"bytes 1000-{1000 + CHUNK - 1}/{size}",
    ]
    assert progress.calls[0] == (1000, size) and progress.calls[-1] == (size, size)


async def test_a_dropped_chunk_is_retried_after_a_status_query(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    file = video_file(tmp_path, 2 * CHUNK)
    size = file.stat().st_size
    emulator.add_upload_fault("drop_chunk", times=2)  # 503, then 503 again
    async with make_client(emulator) as fp:
        upload = await fp.media.upload_file(file, chunk_size=CHUNK, retry=FAST_RETRY)
    assert emulator.upload_sha256(upload.upload_id) == sha256(file)
    first = f"bytes 0-{CHUNK - 1}/{size}"
    query = f"bytes */{size}"
    assert chunk_ranges(emulator) == [
        first,
        query,
        first,
        query,
        first,
        f"bytes {CHUNK}-{size - 1}/{size}",
    ]
    assert len(sleeps) == 2


async def test_429_on_a_chunk_waits_as_retry_after_says(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("PUT", UPLOAD_ROUTE, status=429, retry_after="7")
    file = video_file(tmp_path, CHUNK)
    async with make_client(emulator) as fp:
        upload = await fp.media.upload_file(file, chunk_size=CHUNK, retry=FAST_RETRY)
    assert emulator.upload_sha256(upload.upload_id) == sha256(file)
    assert sleeps == [7.0]


async def test_a_connection_dropped_mid_chunk_is_retried(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("PUT", UPLOAD_ROUTE, drop_connection=True)
    file = video_file(tmp_path, 2 * CHUNK)
    async with make_client(emulator) as fp:
        upload = await fp.media.upload_file(file, chunk_size=CHUNK, retry=FAST_RETRY)
    assert emulator.upload_sha256(upload.upload_id) == sha256(file)
    assert len(sleeps) == 1


async def test_gives_up_after_the_retry_budget_with_the_upload_to_resume(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_upload_fault("drop_chunk", times=100)
    async with make_client(emulator) as fp:
        upload = await fp.media.create_upload()
        with pytest.raises(UploadError) as caught:
            await fp.media.upload_file(video_file(tmp_path, CHUNK), upload=upload, retry=FAST_RETRY)
    error = caught.value
    assert error.upload.upload_id == upload.upload_id and error.offset == 0
    assert error.status_code == 503
    assert "after 5 failed attempts" in str(error)
    assert len(sleeps) == 4
    assert upload.url is not None and upload.url not in str(error)


async def test_an_expired_session_is_a_typed_error(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_upload_fault("expire")
    async with make_client(emulator) as fp:
        with pytest.raises(UploadSessionExpiredError) as caught:
            await fp.media.upload_file(video_file(tmp_path, CHUNK), chunk_size=CHUNK)
    assert caught.value.status_code == 410
    assert len(chunk_ranges(emulator)) == 1  # no retry: only a new upload can help


async def test_other_client_errors_are_fatal(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        upload = await fp.media.create_upload()
        await fp.media.cancel_upload(upload.upload_id)
        with pytest.raises(UploadError) as caught:
            await fp.media.upload_file(video_file(tmp_path, CHUNK), upload=upload)
    assert caught.value.status_code == 404
    assert len(chunk_ranges(emulator)) == 1  # asked once (the status query), not retried


async def test_an_interrupted_upload_resumes_in_a_later_run_by_url_or_id(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    emulator = fastpix_emulator_thread
    file = video_file(tmp_path, 4 * CHUNK + 99)
    size = file.stat().st_size
    async with make_client(emulator) as fp:
        upload = await fp.media.create_upload()
        with pytest.raises(Interrupted):
            await fp.media.upload_file(
                file, chunk_size=CHUNK, upload=upload, on_progress=Progress(stop_after=CHUNK)
            )
    assert upload.url is not None and emulator.upload_size(upload.upload_id) == CHUNK

    emulator.reset_stats()
    async with make_client(emulator) as fp:  # a later run, resuming by URL, interrupted again
        with pytest.raises(Interrupted):
            await fp.media.upload_file(
                file, chunk_size=CHUNK, upload=upload.url, on_progress=Progress(2 * CHUNK)
            )
    assert chunk_ranges(emulator) == [
        f"bytes */{size}",  # asks what the server holds before sending
        f"bytes {CHUNK}-{2 * CHUNK - 1}/{size}",
    ]

    emulator.reset_stats()
    progress = Progress()
    async with make_client(emulator) as fp:  # and another, by upload id, to the end
        done = await fp.media.upload_file(
            file, chunk_size=CHUNK, upload=upload.upload_id, on_progress=progress
        )
    assert chunk_ranges(emulator)[:2] == [
        f"bytes */{size}",
        f"bytes {2 * CHUNK}-{3 * CHUNK - 1}/{size}",
    ]
    assert progress.calls[0] == (2 * CHUNK, size) and progress.calls[-1] == (size, size)
    assert done.upload_id == upload.upload_id and done.media_id == upload.upload_id
    assert emulator.upload_sha256(upload.upload_id) == sha256(file)


async def test_an_interrupted_upload_stays_cancellable(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    emulator = fastpix_emulator_thread
    file = video_file(tmp_path, 3 * CHUNK)
    async with make_client(emulator) as fp:
        upload = await fp.media.create_upload()
        with pytest.raises(Interrupted):
            await fp.media.upload_file(
                file, chunk_size=CHUNK, upload=upload, on_progress=Progress(stop_after=1)
            )
        cancelled = await fp.media.cancel_upload(upload.upload_id)
        assert cancelled.status == "cancelled"
        assert (await fp.media.list()).data == []  # the client is still usable
        assert upload.upload_id not in [u.upload_id async for u in fp.media.list_uploads_all()]


async def test_a_plain_upload_url_is_opened_as_a_resumable_session(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    data = os.urandom(CHUNK + 1)
    async with make_client(emulator) as fp:
        created = await fp.media.create_upload()
        assert created.url is not None
        plain = Upload(upload_id=created.upload_id, url=created.url.split("?")[0])
        await fp.media.upload_file(data, chunk_size=CHUNK, upload=plain)
    assert emulator.upload_sha256(created.upload_id) == hashlib.sha256(data).hexdigest()
    opened = [r for r in emulator.requests if r.method == "POST" and r.route == UPLOAD_ROUTE]
    assert [r.headers.get("x-goog-resumable") for r in opened] == ["start"]


@pytest.mark.parametrize(
    ("source", "options", "error", "message"),
    [
        (b"x", {"chunk_size": 1000}, ValueError, "multiple of 256 KiB"),
        (b"x", {"chunk_size": 0}, ValueError, "multiple of 256 KiB"),
        (b"", {}, ValueError, "empty"),
        ("/no/such/file.mp4", {}, FileNotFoundError, "no such file"),
        (io.StringIO("text"), {}, TypeError, "binary mode"),
        (12345, {}, TypeError, "path, a binary file object or bytes"),
        (b"x", {"upload": "up-1", "metadata": {"a": "b"}}, TypeError, "metadata"),
        (b"x", {"access_policy": "nonsense"}, ValueError, "nonsense"),
        (
            b"x",
            {"max_resolutoin": "1080p"},
            TypeError,
            r"^media\.upload_file\(\) got an unexpected keyword argument 'max_resolutoin'$",
        ),
    ],
)
async def test_bad_arguments_fail_before_anything_is_sent(
    fastpix_emulator_thread: FastPixEmulator,
    source: object,
    options: dict[str, object],
    error: type[Exception],
    message: str,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        with pytest.raises(error, match=message):
            await fp.media.upload_file(source, **options)  # type: ignore[call-overload]
    assert emulator.requests == []


async def test_an_unknown_upload_id_is_a_clear_error(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        with pytest.raises(UploadError, match="no unfinished upload with id 'up-404'"):
            await fp.media.upload_file(b"x", upload="up-404")


# -- against a scripted storage server: what the emulator never does -----------------


def script_upload(server: ScriptedServer) -> str:
    """Answer create_upload with a session URL on the scripted server; return that URL."""
    url = f"{server.url.split('/v1')[0]}/storage/session?upload_id=s-1"
    server.respond_data({"uploadId": "up-1", "status": "waiting", "url": url}, status=201)
    return url


async def test_no_credentials_go_to_the_storage_url(server: ScriptedServer) -> None:
    script_upload(server)
    server.respond(308, headers={"Range": f"bytes=0-{CHUNK - 1}"})
    server.respond(201, body=b"{}")  # a storage answer without a media id
    async with AsyncFastPix("token-id", "very-secret", base_url=server.url) as fp:
        upload = await fp.media.upload_file(os.urandom(CHUNK + 5), chunk_size=CHUNK)
    create, *chunks = server.requests
    assert "Authorization" in create.headers
    assert [c.path for c in chunks] == ["/storage/session"] * 2
    assert all("Authorization" not in c.headers for c in chunks)
    # the SDK names itself to the storage too, never the HTTP library's default
    assert {c.headers["User-Agent"] for c in chunks} == {create.headers["User-Agent"]}
    assert create.headers["User-Agent"].startswith("fastpix-python/")
    assert upload.media_id == "up-1"  # the upload id is the media id


async def test_an_unreadable_range_is_a_clear_error(server: ScriptedServer) -> None:
    script_upload(server)
    server.respond(308, headers={"Range": "bytes=7-9"})
    async with AsyncFastPix("token-id", "secret", base_url=server.url) as fp:
        with pytest.raises(UploadError, match="unreadable Range header 'bytes=7-9'"):
            await fp.media.upload_file(os.urandom(CHUNK), chunk_size=CHUNK)
    assert len(server.requests) == 2


async def test_a_server_that_never_keeps_anything_exhausts_the_budget(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    script_upload(server)
    server.respond(308, times=20)  # holds nothing, however often asked
    async with AsyncFastPix("token-id", "secret", base_url=server.url) as fp:
        with pytest.raises(UploadError, match="stored none of the chunk"):
            await fp.media.upload_file(os.urandom(CHUNK), chunk_size=CHUNK, retry=FAST_RETRY)
    assert len(sleeps) == FAST_RETRY.max_attempts - 1


async def test_chunks_are_logged_without_the_session_secret(
    fastpix_emulator_thread: FastPixEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="fastpix")
    async with make_client(fastpix_emulator_thread) as fp:
        upload = await fp.media.upload_file(os.urandom(CHUNK + 1), chunk_size=CHUNK)
    assert upload.url is not None
    chunk_lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("PUT ")]
    assert len(chunk_lines) == 2
    assert all("?upload_id=[redacted]" in line for line in chunk_lines), chunk_lines
    assert all(upload.url not in line for line in chunk_lines)
    assert [line.split(" -> ")[1].split()[0] for line in chunk_lines] == ["308", "200"]


async def test_connection_errors_are_not_retried_when_the_policy_says_so(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    script_upload(server)
    # twice: aiohttp itself resends an idempotent request once when a reused
    # keep-alive connection drops before answering
    server.respond(drop=True, times=2)
    no_connection_retries = RetryPolicy(retry_connection_errors=False)
    async with AsyncFastPix("token-id", "secret", base_url=server.url) as fp:
        with pytest.raises(UploadError, match="after 1 failed attempt: ") as caught:
            await fp.media.upload_file(
                os.urandom(CHUNK), chunk_size=CHUNK, retry=no_connection_retries
            )
    assert isinstance(caught.value.__cause__, APIConnectionError)
    assert sleeps == []  # no backoff: the SDK made one attempt


async def test_a_file_that_shrinks_midway_is_an_error_carrying_the_upload(
    fastpix_emulator_thread: FastPixEmulator, tmp_path: Path
) -> None:
    file = video_file(tmp_path, 2 * CHUNK)

    def truncate(sent: int, total: int) -> None:
        with file.open("r+b") as handle:  # another program cuts the file short
            handle.truncate(CHUNK + 10)

    async with make_client(fastpix_emulator_thread) as fp:
        with pytest.raises(UploadError, match="the file shrank") as caught:
            await fp.media.upload_file(file, chunk_size=CHUNK, on_progress=truncate)
    assert caught.value.upload is not None and caught.value.offset == CHUNK
