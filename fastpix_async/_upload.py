"""Sending a file to a direct upload's URL with the resumable protocol.

The URL is a Google Cloud Storage resumable session: each chunk is a ``PUT`` with
``Content-Range: bytes START-END/TOTAL``; ``308`` answers with the ``Range`` the
server holds (which may be less than was sent), ``200``/``201`` once the file is
whole; a ``PUT`` with ``Content-Range: bytes */TOTAL`` and no body asks what it
holds. Only one chunk is in memory at a time, and the offset always comes from
the server, never from what was sent.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Mapping
from typing import BinaryIO, Union

from . import _backend, _logging
from ._retry import RetryPolicy
from ._timeout import TimeoutSetting, extended
from ._types import Response
from .errors import APIConnectionError, UploadError, UploadSessionExpiredError
from .models.media import Upload

__all__ = [
    "CHUNK_QUANTUM",
    "DEFAULT_CHUNK_SIZE",
    "UPLOAD_RETRY",
    "FileSource",
    "ProgressCallback",
    "ResumableUpload",
    "UploadSource",
    "check_chunk_size",
    "chunk_timeout",
]

CHUNK_QUANTUM = 256 * 1024  # chunk sizes must be multiples of this (the last may be shorter)
DEFAULT_CHUNK_SIZE = 16 * 1024 * 1024

# FastPix's own uploaders: 5 attempts, backoff from 1 s, capped at 30 s.
UPLOAD_RETRY = RetryPolicy(initial_interval=1.0, max_interval=30.0, max_attempts=5)

ProgressCallback = Callable[[int, int], object]
"""Called with ``(bytes the server has confirmed, total bytes)``; never goes backwards."""

UploadSource = Union[str, "os.PathLike[str]", BinaryIO, bytes, bytearray, memoryview]

_SLOW_UPLINK = 128 * 1024  # bytes per second a chunk's time limit allows for
_RANGE = re.compile(r"^bytes=0-(\d+)$")
_COMPLETE = (200, 201)
_INCOMPLETE = 308
_EXPIRED = 410


def chunk_timeout(request_timeout: TimeoutSetting, chunk_size: int) -> TimeoutSetting:
    """A chunk request's time limits: the client's, with the total extended by what the
    chunk itself needs on a slow uplink, so large chunks don't time out where small API
    calls wouldn't. (The connect and read limits need nothing more: sending the chunk
    is neither.)"""
    return extended(request_timeout, chunk_size / _SLOW_UPLINK)


def check_chunk_size(chunk_size: int) -> int:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int):
        raise TypeError(f"chunk_size must be an int, got {type(chunk_size).__name__}")
    if chunk_size <= 0 or chunk_size % CHUNK_QUANTUM:
        raise ValueError(
            f"chunk_size must be a positive multiple of 256 KiB ({CHUNK_QUANTUM} bytes), "
            f"got {chunk_size}"
        )
    return chunk_size


class FileSource:
    """The bytes to upload: a path (opened and closed here), a seekable binary file
    (read from its current position to its end) or a bytes-like object."""

    def __init__(self, source: UploadSource) -> None:
        self._owned = False
        if isinstance(source, (bytes, bytearray, memoryview)):
            self.file: BinaryIO = io.BytesIO(source)
        elif isinstance(source, (str, os.PathLike)):
            if not os.path.isfile(source):
                raise FileNotFoundError(f"no such file to upload: {os.fspath(source)!r}")
            self.file = open(source, "rb")  # noqa: SIM115 - closed by close()
            self._owned = True
        elif isinstance(source, io.TextIOBase):
            raise TypeError("open the file in binary mode ('rb') to upload it")
        elif callable(getattr(source, "read", None)) and callable(getattr(source, "seek", None)):
            if not source.seekable():
                raise TypeError(
                    "the file must be seekable (resuming re-reads from the server's offset); "
                    "pass a path or a regular file opened with 'rb'"
                )
            self.file = source
        else:
            raise TypeError(
                "upload_file takes a path, a binary file object or bytes, "
                f"got {type(source).__name__}"
            )
        try:
            self.start = self.file.tell()
            self.size = self.file.seek(0, io.SEEK_END) - self.start
        except BaseException:
            self.close()
            raise
        if self.size <= 0:
            self.close()
            raise ValueError("the file to upload is empty")

    async def read(self, offset: int, size: int) -> bytes:
        return await _backend.read_at(self.file, self.start + offset, size)

    def close(self) -> None:
        if self._owned:
            self.file.close()


class ResumableUpload:
    """One file's trip to one upload URL: chunks, status queries, retries, progress."""

    def __init__(
        self,
        transport: _backend.Transport,
        upload: Upload,
        source: FileSource,
        *,
        chunk_size: int,
        retry: RetryPolicy,
        timeout: TimeoutSetting,
        user_agent: str,
        on_progress: ProgressCallback | None,
    ) -> None:
        if not upload.url:
            raise ValueError(f"upload {upload.upload_id} has no url to send the file to")
        self._transport = transport
        self._upload = upload
        self._url = upload.url
        self._source = source
        self._total = source.size
        self._chunk_size = chunk_size
        self._retry = retry
        self._timeout = timeout
        self._user_agent = user_agent
        self._on_progress = on_progress
        self._confirmed = 0  # bytes the server has said it holds
        self._reported = -1

    async def run(self, *, resume: bool) -> Response:
        """Send what the server does not hold yet; return its final answer.

        ``resume``: the session may already hold bytes, so ask before sending.
        """
        if "upload_id=" not in self._url:
            self._url = await self._open_session()
        offset: int | None = None if resume else 0  # None: ask the server first
        failures = 0
        while True:
            headers: Mapping[str, str] | None = None
            try:
                response = await self._put(offset, attempt=failures + 1)
            except APIConnectionError as exc:
                problem: Exception = exc
                if not self._retry.retry_connection_errors:
                    raise self._gave_up(1, exc) from exc
            else:
                headers = response.headers
                if response.status in _COMPLETE:
                    self._confirmed = self._total
                    self._report()
                    return response
                if response.status == _INCOMPLETE:
                    held = self._held(response)
                    advanced = held > self._confirmed
                    self._confirmed = held
                    if advanced:
                        failures = 0
                        self._report()
                    if advanced or offset is None:
                        offset = held
                        continue
                    # the server kept nothing of the chunk: retry it, within the budget
                    problem = self._error("the server stored none of the chunk", response)
                elif response.status == _EXPIRED:
                    raise UploadSessionExpiredError(
                        "the upload session has expired (HTTP 410): create a new upload",
                        upload=self._upload,
                        offset=self._confirmed,
                        status_code=_EXPIRED,
                    )
                elif response.status in self._retry.status_codes:
                    problem = self._error("the server could not take the chunk", response)
                else:
                    raise self._error("the server refused the upload", response)
            failures += 1
            if failures >= self._retry.max_attempts:
                raise self._gave_up(failures, problem) from problem
            await _backend.sleep(self._retry.delay(failures, headers))
            offset = None  # ask what arrived before sending again

    async def _put(self, offset: int | None, *, attempt: int) -> Response:
        """A chunk from ``offset``, or (``None``) a status query; logged like API calls."""
        headers = {"User-Agent": self._user_agent}
        if offset is None:
            headers["Content-Range"] = f"bytes */{self._total}"
            body = b""
        else:
            size = min(self._chunk_size, self._total - offset)
            body = await self._source.read(offset, size)
            if len(body) != size:
                raise UploadError(
                    f"upload {self._upload.upload_id}: the file shrank while it was being "
                    f"sent (expected {size} bytes at offset {offset}, read {len(body)})",
                    upload=self._upload,
                    offset=self._confirmed,
                )
            headers["Content-Range"] = f"bytes {offset}-{offset + len(body) - 1}/{self._total}"
            headers["Content-Type"] = "application/octet-stream"
        started = time.monotonic()
        try:
            response = await self._transport.send("PUT", self._url, headers, body, self._timeout)
        except APIConnectionError as exc:
            _logging.log_attempt("PUT", self._url, attempt, started, type(exc).__name__, None)
            raise
        _logging.log_attempt("PUT", self._url, attempt, started, response.status, response.headers)
        return response

    async def _open_session(self) -> str:
        """A URL that is not a session yet is opened with ``x-goog-resumable: start``."""
        headers = {"User-Agent": self._user_agent, "x-goog-resumable": "start"}
        response = await self._transport.send("POST", self._url, headers, b"", self._timeout)
        location = response.headers.get("Location")
        if response.status not in _COMPLETE or not location:
            raise self._error("the upload URL did not open a resumable session", response)
        return location

    def _held(self, response: Response) -> int:
        """How many bytes the server holds, from a 308's ``Range: bytes=0-N``."""
        header = response.headers.get("Range")
        if header is None:
            return 0
        match = _RANGE.match(header.strip())
        if match is None or int(match.group(1)) >= self._total:
            raise self._error(f"unreadable Range header {header!r}", response)
        return int(match.group(1)) + 1

    def _report(self) -> None:
        if self._on_progress is not None and self._confirmed > self._reported:
            self._reported = self._confirmed
            self._on_progress(self._confirmed, self._total)

    def _gave_up(self, failures: int, problem: Exception) -> UploadError:
        return UploadError(
            f"upload {self._upload.upload_id} stopped at byte {self._confirmed} of "
            f"{self._total} after {failures} failed attempt{'s' * (failures > 1)}: {problem}",
            upload=self._upload,
            offset=self._confirmed,
            status_code=getattr(problem, "status_code", None),
        )

    def _error(self, reason: str, response: Response) -> UploadError:
        preview = response.body[:200].decode("utf-8", "replace")
        return UploadError(
            f"upload {self._upload.upload_id}: {reason} (HTTP {response.status}"
            + (f": {preview}" if preview else "")
            + ")",
            upload=self._upload,
            offset=self._confirmed,
            status_code=response.status,
        )
