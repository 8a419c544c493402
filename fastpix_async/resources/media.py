"""``fp.media``: on-demand media, their tracks and playback IDs, and direct uploads."""

from __future__ import annotations

import builtins
import json
import time
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from typing import Any, Literal, overload
from urllib.parse import parse_qs, urlsplit

import attrs

from .. import _backend
from .._http import AsyncRequester, path
from .._pagination import AsyncPage
from .._retry import RetryPolicy
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
from ..errors import MediaFailedError, UploadError, WaitTimeoutError
from ..models.common import (
    AccessPolicy,
    AccessRestrictions,
    PolicyAction,
    RestrictionRules,
    SortOrder,
)
from ..models.media import (
    AIFeatureSettings,
    AudioInput,
    MaxResolution,
    Media,
    MediaInput,
    MediaInputInfo,
    MediaQuality,
    ModerationSettings,
    Mp4Support,
    PlaybackId,
    SubtitleInput,
    SubtitleSettings,
    Track,
    TrackType,
    Upload,
    VideoInput,
    WatermarkInput,
)
from ._base import (
    AsyncResource,
    body,
    check_bool,
    check_concurrency,
    check_metadata,
    check_range,
    check_strings,
    check_text,
    page_params,
)

_INPUT_TYPES = (VideoInput, WatermarkInput, AudioInput, SubtitleInput)


def _check_inputs(
    inputs: Sequence[MediaInput] | None, *, required: bool
) -> list[MediaInput] | None:
    if inputs is None and not required:
        return None
    if isinstance(inputs, _INPUT_TYPES):
        return [inputs]
    if inputs is None or isinstance(inputs, (str, bytes)) or not isinstance(inputs, Sequence):
        raise TypeError("inputs must be a list of input models, e.g. [VideoInput(url=...)]")
    if required and not inputs:
        raise ValueError("inputs must name at least one input, e.g. [VideoInput(url=...)]")
    for item in inputs:
        if not isinstance(item, _INPUT_TYPES):
            raise TypeError(
                "each input must be a VideoInput, WatermarkInput, AudioInput or SubtitleInput, "
                f"got {type(item).__name__}"
            )
    if required and not any(isinstance(i, VideoInput) and i.url for i in inputs):
        raise ValueError("media.create needs a VideoInput with the url of the video to pull")
    return list(inputs)


def _media_settings(
    *,
    metadata: Mapping[str, str] | None,
    creator_id: str | None,
    drm_configuration_id: str | None,
    subtitles: SubtitleSettings | None,
    mp4_support: Mp4Support | str | None,
    source_access: bool | None,
    optimize_audio: bool | None,
    max_resolution: MaxResolution | str | None,
    media_quality: MediaQuality | str | None,
    chapters: bool | None,
    named_entities: bool | None,
    moderation: ModerationSettings | None,
    access_restrictions: AccessRestrictions | None,
) -> dict[str, object]:
    """The settings shared by ``create`` and ``create_upload``, checked before sending."""
    return {
        "metadata": check_metadata(metadata),
        "creator_id": creator_id,
        "drm_configuration_id": drm_configuration_id,
        "subtitles": subtitles,
        "mp4_support": None if mp4_support is None else Mp4Support(mp4_support),
        "source_access": source_access,
        "optimize_audio": optimize_audio,
        "max_resolution": None if max_resolution is None else MaxResolution(max_resolution),
        "media_quality": None if media_quality is None else MediaQuality(media_quality),
        "chapters": chapters,
        "named_entities": named_entities,
        "moderation": moderation,
        "access_restrictions": access_restrictions,
    }


def _created_media_id(body: bytes) -> str | None:
    """The media id in the upload URL's final answer, when it gives one."""
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    media_id = answer.get("mediaId") if isinstance(answer, dict) else None
    return media_id if isinstance(media_id, str) and media_id else None


def _query_value(url: str, name: str) -> str | None:
    values = parse_qs(urlsplit(url).query).get(name)
    return values[0] if values else None


class AsyncMediaResource(AsyncResource):
    """Create, read, update and delete on-demand media, and everything hanging off one."""

    __slots__ = ("playback_ids", "tracks")

    def __init__(self, requester: AsyncRequester) -> None:
        super().__init__(requester)
        self.tracks = AsyncTracksResource(self._requester)
        self.playback_ids = AsyncMediaPlaybackIdsResource(self._requester)

    async def create(
        self,
        *,
        inputs: Sequence[MediaInput],
        access_policy: AccessPolicy | str = AccessPolicy.PUBLIC,
        metadata: Mapping[str, str] | None = None,
        creator_id: str | None = None,
        drm_configuration_id: str | None = None,
        subtitles: SubtitleSettings | None = None,
        mp4_support: Mp4Support | str | None = None,
        source_access: bool | None = None,
        optimize_audio: bool | None = None,
        max_resolution: MaxResolution | str | None = None,
        media_quality: MediaQuality | str | None = None,
        chapters: bool | None = None,
        named_entities: bool | None = None,
        moderation: ModerationSettings | None = None,
        access_restrictions: AccessRestrictions | None = None,
    ) -> Media:
        """Create a media by pulling a video from a URL (``inputs=[VideoInput(url=...)]``)."""
        payload = body(
            inputs=_check_inputs(inputs, required=True),
            access_policy=AccessPolicy(access_policy),
            **_media_settings(
                metadata=metadata,
                creator_id=creator_id,
                drm_configuration_id=drm_configuration_id,
                subtitles=subtitles,
                mp4_support=mp4_support,
                source_access=source_access,
                optimize_audio=optimize_audio,
                max_resolution=max_resolution,
                media_quality=media_quality,
                chapters=chapters,
                named_entities=named_entities,
                moderation=moderation,
                access_restrictions=access_restrictions,
            ),
        )
        return await self._requester.request("POST", "/on-demand", Media, json_body=payload)

    async def create_upload(
        self,
        *,
        cors_origin: str = "*",
        access_policy: AccessPolicy | str = AccessPolicy.PUBLIC,
        inputs: Sequence[MediaInput] | None = None,
        start_time: float | None = None,
        end_time: float | None = None,
        metadata: Mapping[str, str] | None = None,
        creator_id: str | None = None,
        drm_configuration_id: str | None = None,
        subtitles: SubtitleSettings | None = None,
        mp4_support: Mp4Support | str | None = None,
        source_access: bool | None = None,
        optimize_audio: bool | None = None,
        max_resolution: MaxResolution | str | None = None,
        media_quality: MediaQuality | str | None = None,
        chapters: bool | None = None,
        named_entities: bool | None = None,
        moderation: ModerationSettings | None = None,
        access_restrictions: AccessRestrictions | None = None,
    ) -> Upload:
        """Create a direct upload: PUT the file's bytes to ``upload.url`` (or use ``upload_file``).

        The keyword settings become the ``pushMediaSettings`` of the media the upload creates.
        """
        settings = body(
            access_policy=AccessPolicy(access_policy),
            inputs=_check_inputs(inputs, required=False),
            start_time=start_time,
            end_time=end_time,
            **_media_settings(
                metadata=metadata,
                creator_id=creator_id,
                drm_configuration_id=drm_configuration_id,
                subtitles=subtitles,
                mp4_support=mp4_support,
                source_access=source_access,
                optimize_audio=optimize_audio,
                max_resolution=max_resolution,
                media_quality=media_quality,
                chapters=chapters,
                named_entities=named_entities,
                moderation=moderation,
                access_restrictions=access_restrictions,
            ),
        )
        payload = body(cors_origin=cors_origin, push_media_settings=settings)
        return await self._requester.request("POST", "/on-demand/upload", Upload, json_body=payload)

    @overload
    async def upload_file(
        self,
        source: UploadSource,
        *,
        upload: Upload | str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        on_progress: ProgressCallback | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | None = None,
        wait: Literal[False] = False,
        wait_timeout: float = 900.0,
        **media_settings: Any,
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
        timeout: float | None = None,
        wait: Literal[True],
        wait_timeout: float = 900.0,
        **media_settings: Any,
    ) -> Media: ...

    async def upload_file(
        self,
        source: UploadSource,
        *,
        upload: Upload | str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        on_progress: ProgressCallback | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | None = None,
        wait: bool = False,
        wait_timeout: float = 900.0,
        **media_settings: Any,
    ) -> Upload | Media:
        """Upload a local file as a new media, in resumable chunks with bounded memory.

        ``source`` is a path, a seekable binary file (sent from its current position)
        or bytes. A direct upload is created with ``media_settings`` (the keywords of
        ``create_upload``), unless ``upload`` names one that exists already — an
        ``Upload``, its URL or its id — in which case the upload resumes from whatever
        the server holds (after an interruption, even in another process).

        Chunks are ``chunk_size`` bytes (a multiple of 256 KiB); a failed chunk is
        retried after asking the server what it received, with backoff (``retry``,
        default 5 attempts from 1 s capped at 30 s). ``on_progress(sent, total)`` is
        called with the bytes the server has confirmed. ``timeout`` bounds each chunk
        request (default: the client's timeout plus time to send the chunk at 128 KiB/s).

        Returns the upload with ``media_id`` set; with ``wait=True``, waits for the
        media to be ready and returns it instead. Raises ``UploadSessionExpiredError``
        when the URL's session has expired and ``UploadError`` when the server refuses
        the file or the retries run out; both carry the ``upload`` to resume or cancel.
        """
        chunk_size = check_chunk_size(chunk_size)
        if upload is not None and media_settings:
            raise TypeError(
                "media settings apply when an upload is created; "
                f"they can't be given with upload= ({', '.join(sorted(media_settings))})"
            )
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
        async for candidate in self.list_uploads_all():
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

    async def list(
        self,
        *,
        limit: int | None = None,
        offset: int = 1,
        order_by: SortOrder | str | None = None,
    ) -> AsyncPage[Media]:
        """One page of media (``offset`` is the page number, from 1; ``limit`` up to 50)."""
        return await self._list("/on-demand", Media, page_params(limit, order_by), offset)

    async def list_all(
        self, *, limit: int = 50, order_by: SortOrder | str | None = None
    ) -> AsyncIterator[Media]:
        """Every media, fetching pages of ``limit`` as the iteration reaches them."""
        page = await self.list(limit=limit, order_by=order_by)
        async for item in page.iter_items():
            yield item

    async def list_uploads(
        self,
        *,
        limit: int | None = None,
        offset: int = 1,
        order_by: SortOrder | str | None = None,
    ) -> AsyncPage[Upload]:
        """One page of direct uploads that have not received their file yet."""
        return await self._list("/on-demand/uploads", Upload, page_params(limit, order_by), offset)

    async def list_uploads_all(
        self, *, limit: int = 50, order_by: SortOrder | str | None = None
    ) -> AsyncIterator[Upload]:
        page = await self.list_uploads(limit=limit, order_by=order_by)
        async for item in page.iter_items():
            yield item

    async def cancel_upload(self, upload_id: str) -> Upload:
        """Cancel a direct upload that has not completed."""
        return await self._requester.request(
            "PUT", path("/on-demand/upload/{upload_id}/cancel", upload_id=upload_id), Upload
        )

    async def get(self, media_id: str) -> Media:
        return await self._requester.request(
            "GET", path("/on-demand/{media_id}", media_id=media_id), Media
        )

    async def get_many(
        self,
        media_ids: Iterable[str],
        *,
        concurrency: int | None = None,
        return_exceptions: bool = True,
    ) -> builtins.list[Media | Exception]:
        """Fetch many media in parallel, at most ``concurrency`` at a time, in input order.

        A media that can't be fetched is returned as its exception (``NotFoundError``, …)
        in its place; with ``return_exceptions=False`` the first failure is raised and
        the remaining fetches are cancelled. Every ID is checked before any is sent.
        """
        ids = list(media_ids)
        for media_id in ids:
            path("{media_id}", media_id=media_id)
        limit = check_concurrency(concurrency, self._requester.transport.max_connections)
        return await _backend.bounded_map(
            self.get, ids, concurrency=limit, return_exceptions=return_exceptions
        )

    async def wait_until_ready(
        self,
        media_id: str,
        *,
        timeout: float = 900.0,
        poll_interval: float = 2.0,
        max_poll_interval: float = 30.0,
    ) -> Media:
        """Poll until the media is ready and return it.

        Polls start every ``poll_interval`` seconds and back off (x1.5) up to
        ``max_poll_interval``. Raises ``MediaFailedError`` if processing fails and
        ``WaitTimeoutError`` after ``timeout`` seconds; both carry the last ``media``.
        """
        if timeout <= 0 or poll_interval <= 0 or max_poll_interval < poll_interval:
            raise ValueError("need timeout > 0 and 0 < poll_interval <= max_poll_interval")
        deadline = time.monotonic() + timeout
        interval = poll_interval
        while True:
            media = await self.get(media_id)
            if media.is_ready:
                return media
            if media.is_failed:
                raise MediaFailedError(media)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(media, timeout)
            await _backend.sleep(min(interval, remaining))
            interval = min(interval * 1.5, max_poll_interval)

    async def update(
        self,
        media_id: str,
        *,
        metadata: Mapping[str, str] | None = None,
        title: str | None = None,
        creator_id: str | None = None,
    ) -> Media:
        """Change a media's metadata, title or creator id (only what is given is sent)."""
        payload = body(metadata=check_metadata(metadata), title=title, creator_id=creator_id)
        if not payload:
            raise ValueError("media.update needs at least one of metadata, title or creator_id")
        return await self._requester.request(
            "PATCH", path("/on-demand/{media_id}", media_id=media_id), Media, json_body=payload
        )

    async def delete(self, media_id: str) -> None:
        await self._requester.request(
            "DELETE", path("/on-demand/{media_id}", media_id=media_id), None
        )

    async def input_info(self, media_id: str) -> MediaInputInfo:
        """What FastPix read from the media's source file (container, tracks)."""
        return await self._requester.request(
            "GET", path("/on-demand/{media_id}/input-info", media_id=media_id), MediaInputInfo
        )

    async def list_clips(
        self,
        media_id: str,
        *,
        limit: int | None = None,
        offset: int = 1,
        order_by: SortOrder | str | None = None,
    ) -> AsyncPage[Media]:
        """One page of the clips cut from a media."""
        return await self._list(
            path("/on-demand/{media_id}/media-clips", media_id=media_id),
            Media,
            page_params(limit, order_by),
            offset,
        )

    async def list_clips_all(
        self, media_id: str, *, limit: int = 50, order_by: SortOrder | str | None = None
    ) -> AsyncIterator[Media]:
        page = await self.list_clips(media_id, limit=limit, order_by=order_by)
        async for item in page.iter_items():
            yield item

    async def list_live_clips(
        self,
        livestream_id: str,
        *,
        limit: int | None = None,
        offset: int = 1,
        order_by: SortOrder | str | None = None,
    ) -> AsyncPage[Media]:
        """One page of the clips recorded from a live stream."""
        return await self._list(
            path("/on-demand/{livestream_id}/live-clips", livestream_id=livestream_id),
            Media,
            page_params(limit, order_by),
            offset,
        )

    async def list_live_clips_all(
        self, livestream_id: str, *, limit: int = 50, order_by: SortOrder | str | None = None
    ) -> AsyncIterator[Media]:
        page = await self.list_live_clips(livestream_id, limit=limit, order_by=order_by)
        async for item in page.iter_items():
            yield item

    async def update_mp4_support(self, media_id: str, *, mp4_support: Mp4Support | str) -> Media:
        """Turn MP4 renditions on or off (``"capped_4k"``, ``"audioOnly"``, both, or ``"none"``)."""
        return await self._requester.request(
            "PATCH",
            path("/on-demand/{media_id}/update-mp4Support", media_id=media_id),
            Media,
            json_body=body(mp4_support=Mp4Support(mp4_support)),
        )

    async def update_source_access(self, media_id: str, *, source_access: bool) -> Media:
        """Allow or forbid downloading the original source file."""
        return await self._requester.request(
            "PATCH",
            path("/on-demand/{media_id}/source-access", media_id=media_id),
            Media,
            json_body={"sourceAccess": check_bool("source_access", source_access)},
        )

    async def get_summary(self, media_id: str) -> str:
        """The AI-generated summary of a media (once ``generate_summary`` has run)."""
        return await self._requester.request(
            "GET", path("/on-demand/{media_id}/summary", media_id=media_id), str
        )

    async def generate_summary(
        self, media_id: str, *, generate: bool = True, summary_length: int | None = None
    ) -> AIFeatureSettings:
        """Ask for (or turn off) an AI summary of ``summary_length`` words (30 to 250)."""
        payload = body(
            generate=check_bool("generate", generate),
            summary_length=check_range("summary_length", summary_length, 30, 250),
        )
        return await self._requester.request(
            "PATCH",
            path("/on-demand/{media_id}/summary", media_id=media_id),
            AIFeatureSettings,
            json_body=payload,
        )

    async def generate_chapters(self, media_id: str, *, chapters: bool = True) -> AIFeatureSettings:
        return await self._requester.request(
            "PATCH",
            path("/on-demand/{media_id}/chapters", media_id=media_id),
            AIFeatureSettings,
            json_body={"chapters": check_bool("chapters", chapters)},
        )

    async def generate_named_entities(
        self, media_id: str, *, named_entities: bool = True
    ) -> AIFeatureSettings:
        return await self._requester.request(
            "PATCH",
            path("/on-demand/{media_id}/named-entities", media_id=media_id),
            AIFeatureSettings,
            json_body={"namedEntities": check_bool("named_entities", named_entities)},
        )

    async def update_moderation(
        self, media_id: str, *, moderation: ModerationSettings
    ) -> AIFeatureSettings:
        """Run content moderation on the video, the audio, or both (``ModerationSettings``)."""
        if not isinstance(moderation, ModerationSettings):
            raise TypeError(
                "moderation must be a ModerationSettings, e.g. ModerationSettings(type='av')"
            )
        return await self._requester.request(
            "PATCH",
            path("/on-demand/{media_id}/moderation", media_id=media_id),
            AIFeatureSettings,
            json_body=body(moderation=moderation),
        )


class AsyncTracksResource(AsyncResource):
    """``fp.media.tracks``: audio and subtitle tracks of a media."""

    __slots__ = ()

    async def add(
        self,
        media_id: str,
        *,
        url: str,
        type: TrackType | str,
        language_code: str,
        language_name: str,
    ) -> Track:
        """Add an audio or subtitle track from a URL."""
        track_type = TrackType(type)
        if track_type is TrackType.VIDEO:
            raise ValueError("a track added to a media is 'audio' or 'subtitle'")
        payload = {
            "tracks": body(
                url=check_text("url", url),
                type=track_type,
                language_code=check_text("language_code", language_code),
                language_name=check_text("language_name", language_name),
            )
        }
        return await self._requester.request(
            "POST",
            path("/on-demand/{media_id}/tracks", media_id=media_id),
            Track,
            json_body=payload,
        )

    async def update(
        self,
        media_id: str,
        track_id: str,
        *,
        url: str,
        language_code: str,
        language_name: str,
    ) -> Track:
        payload = body(
            url=check_text("url", url),
            language_code=check_text("language_code", language_code),
            language_name=check_text("language_name", language_name),
        )
        return await self._requester.request(
            "PATCH",
            path("/on-demand/{media_id}/tracks/{track_id}", media_id=media_id, track_id=track_id),
            Track,
            json_body=payload,
        )

    async def delete(self, media_id: str, track_id: str) -> None:
        await self._requester.request(
            "DELETE",
            path("/on-demand/{media_id}/tracks/{track_id}", media_id=media_id, track_id=track_id),
            None,
        )

    async def generate_subtitles(
        self,
        media_id: str,
        track_id: str,
        *,
        language_code: str,
        language_name: str,
        metadata: Mapping[str, str] | None = None,
    ) -> Track:
        """Generate a subtitle track from an audio track (``language_code`` like ``"en-US"``)."""
        payload = body(
            language_code=check_text("language_code", language_code),
            language_name=check_text("language_name", language_name),
            metadata=check_metadata(metadata),
        )
        return await self._requester.request(
            "POST",
            path(
                "/on-demand/{media_id}/tracks/{track_id}/generate-subtitles",
                media_id=media_id,
                track_id=track_id,
            ),
            Track,
            json_body=payload,
        )


class AsyncMediaPlaybackIdsResource(AsyncResource):
    """``fp.media.playback_ids``: the IDs players use to stream a media."""

    __slots__ = ()

    async def create(
        self,
        media_id: str,
        *,
        access_policy: AccessPolicy | str = AccessPolicy.PUBLIC,
        access_restrictions: AccessRestrictions | None = None,
        drm_configuration_id: str | None = None,
        resolution: MaxResolution | str | None = None,
    ) -> PlaybackId:
        """A new playback ID: ``"public"``, ``"private"`` (signed tokens) or ``"drm"``."""
        payload = body(
            access_policy=AccessPolicy(access_policy),
            access_restrictions=access_restrictions,
            drm_configuration_id=drm_configuration_id,
            resolution=None if resolution is None else MaxResolution(resolution),
        )
        return await self._requester.request(
            "POST",
            path("/on-demand/{media_id}/playback-ids", media_id=media_id),
            PlaybackId,
            json_body=payload,
        )

    async def list(self, media_id: str) -> list[PlaybackId]:
        return await self._requester.request(
            "GET", path("/on-demand/{media_id}/playback-ids", media_id=media_id), list[PlaybackId]
        )

    async def get(self, media_id: str, playback_id: str) -> PlaybackId:
        return await self._requester.request(
            "GET",
            path(
                "/on-demand/{media_id}/playback-ids/{playback_id}",
                media_id=media_id,
                playback_id=playback_id,
            ),
            PlaybackId,
        )

    async def delete(self, media_id: str, playback_id: str) -> None:
        await self._requester.request(
            "DELETE",
            path("/on-demand/{media_id}/playback-ids", media_id=media_id),
            None,
            params=[("playbackId", check_text("playback_id", playback_id))],
        )

    async def update_domain_restrictions(
        self,
        media_id: str,
        playback_id: str,
        *,
        default_policy: PolicyAction | str,
        allow: Sequence[str] = (),
        deny: Sequence[str] = (),
    ) -> RestrictionRules:
        """Which referring domains may play it: ``default_policy`` for all but the listed ones."""
        return await self._update_restrictions(
            media_id, playback_id, "domains", default_policy, allow, deny
        )

    async def update_user_agent_restrictions(
        self,
        media_id: str,
        playback_id: str,
        *,
        default_policy: PolicyAction | str,
        allow: Sequence[str] = (),
        deny: Sequence[str] = (),
    ) -> RestrictionRules:
        """Which user agents may play it: ``default_policy`` for all but the listed ones."""
        return await self._update_restrictions(
            media_id, playback_id, "user-agents", default_policy, allow, deny
        )

    async def _update_restrictions(
        self,
        media_id: str,
        playback_id: str,
        kind: str,
        default_policy: PolicyAction | str,
        allow: Sequence[str],
        deny: Sequence[str],
    ) -> RestrictionRules:
        payload = body(
            default_policy=PolicyAction(default_policy),
            allow=check_strings("allow", allow),
            deny=check_strings("deny", deny),
        )
        return await self._requester.request(
            "PATCH",
            path(
                "/on-demand/{media_id}/playback-ids/{playback_id}/" + kind,
                media_id=media_id,
                playback_id=playback_id,
            ),
            RestrictionRules,
            json_body=payload,
        )
