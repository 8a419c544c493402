"""``fp.media.upload_file``: a local file sent as a new media, in resumable chunks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload
from urllib.parse import parse_qs, urlsplit

import attrs

from .. import _json
from .._checks import MAX_LIMIT, check_media_settings
from .._http import path
from .._retry import RetryPolicy
from .._timeout import Timeout, check_timeout
from .._upload import (
    DEFAULT_CHUNK_SIZE,
    UPLOAD_RETRY,
    FileSource,
    ProgressCallback,
    ResumableUpload,
    UploadSource,
    check_chunk_size,
    chunk_timeout,
)
from ..errors import UploadError
from ..models.media import Media, Upload, UploadSettings
from ._media_polling import AsyncMediaPolling

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .._pagination import AsyncPage


class AsyncMediaUploads(AsyncMediaPolling):
    """``upload_file``, mixed into ``AsyncMediaResource``; built on the polling mixin, which
    ``wait=True`` uses to return the media once it is ready."""

    __slots__ = ()

    if TYPE_CHECKING:  # defined by AsyncMediaResource

        async def create_upload(self, **settings: Unpack[UploadSettings]) -> Upload:
            """Create a direct upload (see ``AsyncMediaResource.create_upload``)."""
            ...

        async def list_uploads(self, *, limit: int | None = None) -> AsyncPage[Upload]:
            """List direct uploads (see ``AsyncMediaResource.list_uploads``)."""
            ...

    @overload
    async def upload_file(
        self,
        source: UploadSource,
        *,
        upload: Upload | str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        on_progress: ProgressCallback | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | Timeout | None = None,
        wait: Literal[False] = False,
        wait_timeout: float = 900.0,
        **media_settings: Unpack[UploadSettings],
    ) -> Upload: ...

    @overload
    async def upload_file(
        self,
        source: UploadSource,
        *,
        upload: Upload | str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        on_progress: ProgressCallback | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | Timeout | None = None,
        wait: Literal[True],
        wait_timeout: float = 900.0,
        **media_settings: Unpack[UploadSettings],
    ) -> Media: ...

    async def upload_file(
        self,
        source: UploadSource,
        *,
        upload: Upload | str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        on_progress: ProgressCallback | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | Timeout | None = None,
        wait: bool = False,
        wait_timeout: float = 900.0,
        **media_settings: Unpack[UploadSettings],
    ) -> Upload | Media:
        """Upload a local file as a new media, in resumable chunks with bounded memory.

        ``source`` is a path, a seekable binary file (sent from its current position)
        or bytes. A direct upload is created with ``media_settings`` (``UploadSettings``:
        the keywords of ``create_upload``), unless ``upload`` names one that exists
        already — an ``Upload``, its URL or its id — in which case the upload resumes
        from whatever the server holds (after an interruption, even in another process).

        Chunks are ``chunk_size`` bytes (a multiple of 256 KiB); a failed chunk is
        retried after asking the server what it received, with backoff (``retry``,
        default 5 attempts from 1 s capped at 30 s). ``on_progress(sent, total)`` is
        called with the bytes the server has confirmed. ``timeout`` bounds each chunk
        request: seconds, or a :class:`~fastpix_async.Timeout` (default: the client's
        timeout, its total extended by the time to send a chunk at 128 KiB/s).

        Returns the upload with ``media_id`` set; with ``wait=True``, waits for the
        media to be ready and returns it instead. Raises ``UploadSessionExpiredError``
        when the URL's session has expired and ``UploadError`` when the server refuses
        the file or the retries run out; both carry the ``upload`` to resume or cancel.
        """
        chunk_size = check_chunk_size(chunk_size)
        check_timeout(timeout)
        if upload is not None and media_settings:
            raise TypeError(
                "media settings apply when an upload is created; "
                f"they can't be given with upload= ({', '.join(sorted(media_settings))})"
            )
        # checked again by create_upload, but here the error names this method and comes
        # before the file is opened
        check_media_settings("media.upload_file", UploadSettings, media_settings)
        file = FileSource(source)
        try:
            resume = upload is not None
            if upload is None:
                upload = await self.create_upload(**media_settings)
            elif isinstance(upload, str):
                upload = await self._find_upload(upload)
            elif not isinstance(upload, Upload):
                raise TypeError("upload must be an Upload, an upload URL or an upload id")
            config = self._requester.config
            sender = ResumableUpload(
                self._requester.transport,
                upload,
                file,
                chunk_size=chunk_size,
                retry=retry or UPLOAD_RETRY,
                timeout=chunk_timeout(config.timeout, chunk_size) if timeout is None else timeout,
                user_agent=config.user_agent,
                on_progress=on_progress,
            )
            final = await sender.run(resume=resume)
        finally:
            file.close()
        done = attrs.evolve(upload, media_id=_created_media_id(final.body) or upload.upload_id)
        if not wait:
            return done
        return await self.wait_until_ready(done.media_id or done.upload_id, timeout=wait_timeout)

    async def _find_upload(self, url_or_id: str) -> Upload:
        """An unfinished upload, by its id or its URL, from ``list_uploads``."""
        is_url = url_or_id.startswith(("https://", "http://"))
        if not is_url:
            path("{upload_id}", upload_id=url_or_id)  # the same checks as any ID
        first = await self.list_uploads(limit=MAX_LIMIT)
        async for candidate in first.iter_items():
            if url_or_id in (candidate.upload_id, candidate.url):
                return candidate
        if is_url:  # not listed, but the URL alone is enough to send the bytes
            return Upload(upload_id=_query_value(url_or_id, "upload_id") or "", url=url_or_id)
        raise UploadError(
            f"no unfinished upload with id {url_or_id!r}: it completed, was cancelled or "
            "expired — create a new upload",
            upload=None,
            offset=0,
        )


def _created_media_id(body: bytes) -> str | None:
    """The media id in the upload URL's final answer, when it gives one."""
    try:
        answer = _json.loads(body)
    except ValueError:
        return None
    media_id = answer.get("mediaId") if isinstance(answer, dict) else None
    return media_id if isinstance(media_id, str) and media_id else None


def _query_value(url: str, name: str) -> str | None:
    """The first value of query parameter ``name`` in ``url``, if it has one."""
    values = parse_qs(urlsplit(url).query).get(name)
    return values[0] if values else None
