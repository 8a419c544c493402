"""``fp.playlists``: manual and smart playlists of on-demand media."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from .._checks import body, check_id_list, check_limit, check_range, check_text
from .._http import path
from .._pagination import AsyncPage, every_item
from ..models.playlists import Playlist, PlaylistPlayOrder, PlaylistType, SmartPlaylistRules
from ._base import AsyncResource

_PLAYLIST = "/on-demand/playlists/{playlist_id}"
_PLAYLIST_MEDIA = "/on-demand/playlists/{playlist_id}/media"


class AsyncPlaylistsResource(AsyncResource):
    """Create playlists, list and read them, and add, order or remove their media."""

    __slots__ = ()

    async def create(
        self,
        *,
        name: str,
        reference_id: str,
        type: PlaylistType | str,
        description: str | None = None,
        limit: int | None = None,
        play_order: PlaylistPlayOrder | str | None = None,
        metadata: SmartPlaylistRules | None = None,
    ) -> Playlist:
        """Create a playlist.

        A ``"manual"`` playlist holds the media you add. A ``"smart"`` one fills itself with the
        media created or updated within date ranges: pass ``play_order`` and
        ``metadata=SmartPlaylistRules(created_date=DateRange(start_date=..., end_date=...))``.
        ``limit`` caps how many media it holds.
        """
        kind = PlaylistType(type)
        if kind is PlaylistType.SMART:
            if play_order is None or metadata is None:
                raise ValueError("a smart playlist needs play_order and metadata (its rules)")
            if not isinstance(metadata, SmartPlaylistRules):
                raise TypeError(
                    "metadata of a smart playlist is a SmartPlaylistRules, e.g. "
                    "SmartPlaylistRules(created_date=DateRange(start_date='2024-11-01'))"
                )
        elif play_order is not None or metadata is not None:
            raise ValueError("play_order and metadata are for smart playlists only")
        payload = body(
            name=check_text("name", name),
            reference_id=check_text("reference_id", reference_id),
            type=kind,
            description=description,
            limit=check_range("limit", limit, 1, None),
            play_order=None if play_order is None else PlaylistPlayOrder(play_order),
            metadata=metadata,
        )
        return await self._requester.request(
            "POST", "/on-demand/playlists", Playlist, json_body=payload
        )

    async def list(self, *, limit: int | None = None, offset: int = 1) -> AsyncPage[Playlist]:
        """One page of playlists (summaries: no ``media_list``); ``offset`` is the page, from 1."""
        return await self._list(
            "/on-demand/playlists", Playlist, {"limit": check_limit(limit)}, offset
        )

    list_all: Final = every_item(list)

    async def get(self, playlist_id: str) -> Playlist:
        """A playlist with its media, in order."""
        return await self._requester.request(
            "GET", path(_PLAYLIST, playlist_id=playlist_id), Playlist
        )

    async def update(self, playlist_id: str, *, name: str, description: str) -> Playlist:
        """Rename a playlist and replace its description (both are sent)."""
        payload = {
            "name": check_text("name", name),
            "description": check_text("description", description),
        }
        return await self._requester.request(
            "PUT", path(_PLAYLIST, playlist_id=playlist_id), Playlist, json_body=payload
        )

    async def delete(self, playlist_id: str) -> None:
        """Delete a playlist."""
        await self._requester.request("DELETE", path(_PLAYLIST, playlist_id=playlist_id), None)

    async def add_media(self, playlist_id: str, *, media_ids: Sequence[str]) -> Playlist:
        """Append media to a manual playlist."""
        return await self._media("PATCH", playlist_id, media_ids)

    async def reorder_media(self, playlist_id: str, *, media_ids: Sequence[str]) -> Playlist:
        """Set the order of a manual playlist: ``media_ids`` lists all its media, in order."""
        return await self._media("PUT", playlist_id, media_ids)

    async def remove_media(self, playlist_id: str, *, media_ids: Sequence[str]) -> Playlist:
        """Take media out of a manual playlist."""
        return await self._media("DELETE", playlist_id, media_ids)

    async def _media(self, method: str, playlist_id: str, media_ids: Sequence[str]) -> Playlist:
        payload = {"mediaIds": check_id_list("media_ids", media_ids)}
        return await self._requester.request(
            method, path(_PLAYLIST_MEDIA, playlist_id=playlist_id), Playlist, json_body=payload
        )
