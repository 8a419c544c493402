"""``Timeout(connect=…, read=…, total=…)`` over real sockets: each limit trips where it
should, says so in the error, and is accepted wherever a number of seconds is."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import pickle
import socket
from collections.abc import Iterator

import pytest

from fastpix_async import APITimeoutError, AsyncFastPix, RetryPolicy, Timeout, UploadError
from fastpix_async.models import Upload
from fastpix_async.testing import FastPixEmulator
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._sockets import connections_to
from tests.reliability._tcp import drip, never_answer, raw_server

ONE_ATTEMPT = RetryPolicy(max_attempts=1)
CHUNK = 1024 * 1024


def raw_client(url: str, **options: object) -> AsyncFastPix:
    options.setdefault("retry", ONE_ATTEMPT)
    return AsyncFastPix("token-id", "secret-key", base_url=url, **options)  # type: ignore[arg-type]


@contextlib.contextmanager
def unanswered_port() -> Iterator[int]:
    """A port on 127.0.0.1 where a connection never opens: a listener whose queue of
    pending connections is full and which accepts none, so new SYNs are dropped (a
    blackholed address would do, but this sandbox answers for every address)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        queued = []
        try:
            for _ in range(4):  # more than the queue holds, whatever the kernel rounds to
                pending = socket.socket()
                pending.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    pending.connect(("127.0.0.1", port))
                queued.append(pending)
            with socket.socket() as probe:  # Linux drops the SYN; some systems refuse it
                probe.settimeout(0.2)
                try:
                    probe.connect(("127.0.0.1", port))
                except TimeoutError:
                    pass
                except OSError as exc:
                    pytest.skip(f"this system refuses connections to a full queue ({exc})")
                else:
                    pytest.skip("this system accepts connections beyond the listen queue")
            yield port
        finally:
            for pending in queued:
                pending.close()


async def test_a_server_that_accepts_and_never_answers_trips_the_read_limit() -> None:
    with raw_server(never_answer) as server:
        async with raw_client(server.url, timeout=Timeout(read=0.3, total=30)) as fp:
            with pytest.raises(APITimeoutError) as caught:
                await fp.media.get("m1")
        assert str(caught.value) == (
            "request timed out: no data from the server for 0.3s (read timeout)"
        )
        assert len(server.requests) == 1 and connections_to(server.port) == 0


async def test_a_connection_that_never_opens_trips_the_connect_limit() -> None:
    with unanswered_port() as port:
        async with raw_client(
            f"http://127.0.0.1:{port}/v1/", timeout=Timeout(connect=0.3, read=30, total=30)
        ) as fp:
            with pytest.raises(APITimeoutError) as caught:
                await fp.media.get("m1")
    assert str(caught.value) == "request timed out: no connection within 0.3s (connect timeout)"


async def test_a_server_dripping_bytes_trips_the_total_limit_not_the_read_limit() -> None:
    # each byte arrives well within the read limit; the whole body would take seconds
    with raw_server(drip(0.05)) as server:
        async with raw_client(server.url, timeout=Timeout(read=5, total=0.5)) as fp:
            with pytest.raises(APITimeoutError) as caught:
                await fp.media.get("m1")
        assert str(caught.value) == "request timed out: not done after 0.5s (total timeout)"
        assert connections_to(server.port) == 0


async def test_a_number_is_still_a_total_with_the_message_it_always_had() -> None:
    with raw_server(drip(0.05)) as server:
        async with raw_client(server.url, timeout=0.5) as fp:
            with pytest.raises(APITimeoutError) as caught:
                await fp.media.get("m1")
            assert fp.timeout == 0.5
    assert str(caught.value) == "request timed out after 0.5s"


async def test_with_options_applies_a_timeout_to_the_derived_client_only(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    with raw_server(never_answer) as server:
        async with raw_client(server.url) as fp:
            quick = fp.with_options(timeout=Timeout(read=0.3))
            with pytest.raises(APITimeoutError, match="read timeout"):
                await quick.media.get("m1")
            assert fp.timeout == 30.0 and quick.timeout == Timeout(read=0.3)
            assert quick.with_options(max_retries=0).timeout == Timeout(read=0.3)
    # the same limits on a server that answers: nothing trips
    async with AsyncFastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
    ) as fp:
        page = await fp.with_options(timeout=Timeout(connect=5, read=5, total=10)).media.list()
    assert page.data == []


async def test_upload_file_takes_a_timeout_for_its_chunk_requests() -> None:
    with raw_server(never_answer) as server:
        upload = Upload(upload_id="u1", url=f"{server.url}upload?upload_id=u1")
        async with raw_client(server.url) as fp:
            with pytest.raises(UploadError) as caught:
                await fp.media.upload_file(
                    b"x" * 1024, upload=upload, timeout=Timeout(read=0.3), retry=ONE_ATTEMPT
                )
        assert "no data from the server for 0.3s (read timeout)" in str(caught.value)
        assert isinstance(caught.value.__cause__, APITimeoutError)
        assert len(server.requests) == 1  # the status query, which never got its answer


async def test_an_upload_with_a_connect_limit_stores_exactly_the_file(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    # chunks far larger than what a socket takes at once: the sync client sends them
    # in blocks, each within the connect limit (urllib3 sends under that limit)
    emulator = fastpix_emulator_thread
    data = os.urandom(2 * CHUNK + 1234)
    async with AsyncFastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        timeout=Timeout(connect=5, read=10, total=60),
    ) as fp:
        upload = await fp.media.upload_file(data, chunk_size=CHUNK)
    assert emulator.upload_sha256(upload.upload_id) == hashlib.sha256(data).hexdigest()


async def test_a_bad_upload_timeout_is_refused_before_anything_is_sent() -> None:
    with raw_server(never_answer) as server:
        async with raw_client(server.url) as fp:
            with pytest.raises(ValueError, match=r"Timeout\.read must be a positive number"):
                await fp.media.upload_file(b"x", timeout=Timeout(read=0))  # refused by Timeout
            with pytest.raises(ValueError, match="timeout must be a number of seconds, a Timeout"):
                await fp.media.upload_file(b"x", timeout="5")  # type: ignore[arg-type]
        assert server.requests == []


async def test_the_timeout_survives_pickling_and_copying() -> None:
    limits = Timeout(connect=1.5, read=4, total=20)
    async with raw_client("http://127.0.0.1:9/v1/", timeout=limits) as fp:
        for other in (copy.copy(fp), pickle.loads(pickle.dumps(fp))):
            assert other.timeout == limits
            assert "timeout=Timeout(connect=1.5, read=4, total=20)" in repr(other)
            await other.close()
