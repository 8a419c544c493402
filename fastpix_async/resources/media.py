"""``fp.media``: on-demand media, their clips and AI features, and direct uploads.

``AsyncMediaResource`` is composed from the modules beside this one: its tracks
(``media_tracks``) and playback IDs (``media_playback_ids``) as attributes, and
``upload_file`` (``_media_uploads``), ``get_many`` and ``wait_until_ready``
(``_media_polling``) as mixins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from .._checks import (
    body,
    check_bool,
    check_inputs,
    check_media_settings,
    check_metadata,
    check_range,
    check_title,
    page_params,
)
from .._http import AsyncRequester, path
from .._pagination import AsyncPage, every_item
from ..models.common import AccessPolicy, SortOrder
from ..models.media import (
    MAX_SUMMARY_LENGTH,
    MIN_SUMMARY_LENGTH,
    AIFeatureSettings,
    Media,
    MediaInput,
    MediaInputInfo,
    MediaSettings,
    ModerationSettings,
    Mp4Support,
    Upload,
    UploadSettings,
)
from ._media_uploads import AsyncMediaUploads
from .media_playback_ids import AsyncMediaPlaybackIdsResource
from .media_tracks import AsyncTracksResource

if TYPE_CHECKING:
    from typing_extensions import Unpack

_MEDIA = "/on-demand/{media_id}"

# What create_upload sends when not told otherwise.
_UPLOAD_DEFAULTS: UploadSettings = {"cors_origin": "*", "access_policy": AccessPolicy.PUBLIC}


class AsyncMediaResource(AsyncMediaUploads):
    """Create, read, update and delete on-demand media, and everything hanging off one."""

    __slots__ = ("playback_ids", "tracks")

    tracks: AsyncTracksResource
    """A media's audio and subtitle tracks: ``fp.media.tracks.add(media_id, ...)``."""
    playback_ids: AsyncMediaPlaybackIdsResource
    """A media's playback ids: ``fp.media.playback_ids.create(media_id, ...)``."""

    def __init__(self, requester: AsyncRequester) -> None:
        super().__init__(requester)
        self.tracks = AsyncTracksResource(self._requester)
        self.playback_ids = AsyncMediaPlaybackIdsResource(self._requester)

    async def create(
        self,
        *,
        inputs: Sequence[MediaInput],
        access_policy: AccessPolicy | str = AccessPolicy.PUBLIC,
        **settings: Unpack[MediaSettings],
    ) -> Media:
        """Create a media by pulling a video from a URL (``inputs=[VideoInput(url=...)]``).

        FastPix fetches and processes the video after answering: the media comes back
        ``created``, and :meth:`wait_until_ready` (or the ``video.media.ready`` webhook)
        says when it can play.

        Args:
            inputs: The video and, optionally, its audio, subtitle and watermark inputs;
                at least one.
            access_policy: The policy of the playback ID the media is created with:
                ``"public"`` (the default), ``"private"`` (plays with a signed token)
                or ``"drm"``.
            **settings: The other ``MediaSettings``: ``title``, ``metadata``,
                ``max_resolution``, ``mp4_support``, ``summary``, ….

        Returns:
            The new media, with its ``id`` and playback IDs.

        Raises:
            ValueError: An input or setting is invalid (checked before sending).
            BadRequestError: The API refused the request (``UnprocessableEntityError``
                for a field it rejects).

        Example:
            ```python
            from fastpix_async.models import VideoInput

            media = await fp.media.create(
                inputs=[VideoInput(url="https://example.com/talk.mp4")],
                title="Launch talk",
                metadata={"team": "video"},
            )
            print(media.id, media.status)
            ```
        """
        payload = body(
            inputs=check_inputs(inputs, required=True),
            access_policy=AccessPolicy(access_policy),
            **check_media_settings("media.create", MediaSettings, settings),
        )
        return await self._requester.request("POST", "/on-demand", Media, json_body=payload)

    async def create_upload(self, **settings: Unpack[UploadSettings]) -> Upload:
        """Create a direct upload: PUT the file's bytes to ``upload.url`` (or use ``upload_file``).

        The keywords are ``UploadSettings``: ``cors_origin`` (default ``"*"``) and the
        ``pushMediaSettings`` of the media the upload creates (``access_policy`` default
        ``"public"``).
        """
        checked = check_media_settings(
            "media.create_upload", UploadSettings, {**_UPLOAD_DEFAULTS, **settings}
        )
        cors_origin = checked.pop("cors_origin")
        payload = body(cors_origin=cors_origin, push_media_settings=body(**checked))
        return await self._requester.request("POST", "/on-demand/upload", Upload, json_body=payload)

    async def list(
        self,
        *,
        limit: int | None = None,
        offset: int = 1,
        order_by: SortOrder | str | None = None,
    ) -> AsyncPage[Media]:
        """One page of media, newest first unless ``order_by`` says otherwise.

        Args:
            limit: Items per page, up to 50 (the API's default when ``None``).
            offset: The page number, from 1.
            order_by: ``"asc"`` or ``"desc"``, by creation time.

        Returns:
            The page: ``page.data`` holds the media, ``page.next_page()`` fetches the
            next one, and :meth:`list_all` iterates over every media instead.

        Example:
            ```python
            page = await fp.media.list(limit=10)
            for media in page.data:
                print(media.id, media.status)
            ```
        """
        return await self._list("/on-demand", Media, page_params(limit, order_by), offset)

    list_all: Final = every_item(list)

    async def list_uploads(
        self,
        *,
        limit: int | None = None,
        offset: int = 1,
        order_by: SortOrder | str | None = None,
    ) -> AsyncPage[Upload]:
        """One page of direct uploads that have not received their file yet."""
        return await self._list("/on-demand/uploads", Upload, page_params(limit, order_by), offset)

    list_uploads_all: Final = every_item(list_uploads)

    async def cancel_upload(self, upload_id: str) -> Upload:
        """Cancel a direct upload that has not completed."""
        return await self._requester.request(
            "PUT", path("/on-demand/upload/{upload_id}/cancel", upload_id=upload_id), Upload
        )

    async def get(self, media_id: str) -> Media:
        """Read one media, with its status, tracks and playback IDs.

        Args:
            media_id: The media's ID.

        Returns:
            The media as the API has it now.

        Raises:
            NotFoundError: No media has this ID.
        """
        return await self._requester.request("GET", path(_MEDIA, media_id=media_id), Media)

    async def update(
        self,
        media_id: str,
        *,
        metadata: Mapping[str, str] | None = None,
        title: str | None = None,
        creator_id: str | None = None,
    ) -> Media:
        """Change a media's metadata, title or creator id (only what is given is sent).

        Args:
            media_id: The media's ID.
            metadata: Key-value pairs replacing the media's metadata.
            title: The new title.
            creator_id: Your own ID for who made the media.

        Returns:
            The updated media.

        Raises:
            ValueError: None of ``metadata``, ``title`` and ``creator_id`` is given, or
                one is invalid (checked before sending).
            NotFoundError: No media has this ID.

        Example:
            ```python
            from fastpix_async.models import VideoInput

            video = VideoInput(url="https://example.com/a.mp4")
            media = await fp.media.create(inputs=[video])
            media = await fp.media.update(media.id, title="Renamed")
            assert media.title == "Renamed"
            ```
        """
        payload = body(
            metadata=check_metadata(metadata), title=check_title(title), creator_id=creator_id
        )
        if not payload:
            raise ValueError("media.update needs at least one of metadata, title or creator_id")
        return await self._requester.request(
            "PATCH", path(_MEDIA, media_id=media_id), Media, json_body=payload
        )

    async def delete(self, media_id: str) -> None:
        """Delete a media, its playback IDs and its tracks.

        Args:
            media_id: The media's ID.

        Raises:
            NotFoundError: No media has this ID.
        """
        await self._requester.request("DELETE", path(_MEDIA, media_id=media_id), None)

    async def input_info(self, media_id: str) -> MediaInputInfo:
        """What FastPix read from the media's source file (container, tracks)."""
        return await self._requester.request(
            "GET", path(_MEDIA + "/input-info", media_id=media_id), MediaInputInfo
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
            path(_MEDIA + "/media-clips", media_id=media_id),
            Media,
            page_params(limit, order_by),
            offset,
        )

    list_clips_all: Final = every_item(list_clips)

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

    list_live_clips_all: Final = every_item(list_live_clips)

    async def update_mp4_support(self, media_id: str, *, mp4_support: Mp4Support | str) -> Media:
        """Turn MP4 renditions on or off (``"capped_4k"``, ``"audioOnly"``, both, or ``"none"``)."""
        return await self._requester.request(
            "PATCH",
            path(_MEDIA + "/update-mp4Support", media_id=media_id),
            Media,
            json_body=body(mp4_support=Mp4Support(mp4_support)),
        )

    async def update_source_access(self, media_id: str, *, source_access: bool) -> Media:
        """Allow or forbid downloading the original source file."""
        return await self._requester.request(
            "PATCH",
            path(_MEDIA + "/source-access", media_id=media_id),
            Media,
            json_body={"sourceAccess": check_bool("source_access", source_access)},
        )

    async def get_summary(self, media_id: str) -> str:
        """The AI-generated summary of a media (once ``generate_summary`` has run)."""
        return await self._requester.request(
            "GET", path(_MEDIA + "/summary", media_id=media_id), str
        )

    async def generate_summary(
        self, media_id: str, *, generate: bool = True, summary_length: int | None = None
    ) -> AIFeatureSettings:
        """Ask for (or turn off) an AI summary of ``summary_length`` words (30 to 250)."""
        payload = body(
            generate=check_bool("generate", generate),
            summary_length=check_range(
                "summary_length", summary_length, MIN_SUMMARY_LENGTH, MAX_SUMMARY_LENGTH
            ),
        )
        return await self._requester.request(
            "PATCH",
            path(_MEDIA + "/summary", media_id=media_id),
            AIFeatureSettings,
            json_body=payload,
        )

    async def generate_chapters(self, media_id: str, *, chapters: bool = True) -> AIFeatureSettings:
        """Ask for (or turn off) AI-generated chapters of the video."""
        return await self._requester.request(
            "PATCH",
            path(_MEDIA + "/chapters", media_id=media_id),
            AIFeatureSettings,
            json_body={"chapters": check_bool("chapters", chapters)},
        )

    async def generate_named_entities(
        self, media_id: str, *, named_entities: bool = True
    ) -> AIFeatureSettings:
        """Ask for (or turn off) the AI extraction of the people, places and things named."""
        return await self._requester.request(
            "PATCH",
            path(_MEDIA + "/named-entities", media_id=media_id),
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
            path(_MEDIA + "/moderation", media_id=media_id),
            AIFeatureSettings,
            json_body=body(moderation=moderation),
        )
