"""``fp.media.tracks``: audio and subtitle tracks of a media."""

from __future__ import annotations

from collections.abc import Mapping

from .._checks import body, check_at_least_one, check_metadata, check_text, optional_text
from .._http import path
from ..models.media import Track, TrackType
from ._base import AsyncResource

_TRACKS = "/on-demand/{media_id}/tracks"
_TRACK = "/on-demand/{media_id}/tracks/{track_id}"


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
        title: str | None = None,
    ) -> Track:
        """Add an audio or subtitle track to a media, from a file at a URL.

        Args:
            media_id: The media's ID.
            url: Where FastPix fetches the track's file (audio, or WebVTT/SRT subtitles).
            type: ``"audio"`` or ``"subtitle"``.
            language_code: The track's language, as a BCP 47 code (``"fr"``, ``"en-US"``).
            language_name: The language as players show it (``"Français"``).
            title: The track's name as players show it.

        Returns:
            The new track, processed by FastPix after the answer.

        Raises:
            ValueError: ``type`` is ``"video"`` or unknown, or a text is empty (checked
                before sending).
            NotFoundError: No media has this ID.

        Example:
            ```python
            from fastpix_async.models import VideoInput

            media = await fp.media.create(inputs=[VideoInput(url="https://example.com/a.mp4")])
            track = await fp.media.tracks.add(
                media.id,
                url="https://example.com/a.fr.vtt",
                type="subtitle",
                language_code="fr",
                language_name="Français",
            )
            print(track.id, track.type)  # … subtitle
            ```
        """
        track_type = TrackType(type)
        if track_type is TrackType.VIDEO:
            raise ValueError("a track added to a media is 'audio' or 'subtitle'")
        payload = {
            "tracks": body(
                url=check_text("url", url),
                type=track_type,
                language_code=check_text("language_code", language_code),
                language_name=check_text("language_name", language_name),
                title=optional_text("title", title),
            )
        }
        return await self._requester.request(
            "POST", path(_TRACKS, media_id=media_id), Track, json_body=payload
        )

    async def update(
        self,
        media_id: str,
        track_id: str,
        *,
        url: str | None = None,
        language_code: str | None = None,
        language_name: str | None = None,
        title: str | None = None,
    ) -> Track:
        """Change a track's file, language or title (only what is given is sent)."""
        payload = body(
            url=optional_text("url", url),
            language_code=optional_text("language_code", language_code),
            language_name=optional_text("language_name", language_name),
            title=optional_text("title", title),
        )
        check_at_least_one(
            "media.tracks.update", payload, "url", "language_code", "language_name", "title"
        )
        return await self._requester.request(
            "PATCH",
            path(_TRACK, media_id=media_id, track_id=track_id),
            Track,
            json_body=payload,
        )

    async def delete(self, media_id: str, track_id: str) -> None:
        """Remove a track from a media."""
        await self._requester.request(
            "DELETE", path(_TRACK, media_id=media_id, track_id=track_id), None
        )

    async def generate_subtitles(
        self,
        media_id: str,
        track_id: str,
        *,
        language_code: str,
        language_name: str,
        metadata: Mapping[str, str] | None = None,
        title: str | None = None,
    ) -> Track:
        """Generate a subtitle track from an audio track (``language_code`` like ``"en-US"``)."""
        payload = body(
            language_code=check_text("language_code", language_code),
            language_name=check_text("language_name", language_name),
            metadata=check_metadata(metadata),
            title=optional_text("title", title),
        )
        return await self._requester.request(
            "POST",
            path(_TRACK + "/generate-subtitles", media_id=media_id, track_id=track_id),
            Track,
            json_body=payload,
        )
