"""Playlists: ordered collections of media, picked by hand (manual) or by date rules (smart)."""

from __future__ import annotations

from datetime import date, datetime

import attrs

from .base import Model
from .common import StrEnum
from .media import MediaStatus

__all__ = [
    "DateRange",
    "Playlist",
    "PlaylistMediaItem",
    "PlaylistPlayOrder",
    "PlaylistType",
    "SmartPlaylistRules",
]


class PlaylistType(StrEnum):
    """A playlist's media are picked by hand (``manual``) or by date rules (``smart``)."""

    MANUAL = "manual"
    SMART = "smart"


class PlaylistPlayOrder(StrEnum):
    """The order of a smart playlist's media."""

    CREATED_DATE_ASC = "createdDate ASC"
    CREATED_DATE_DESC = "createdDate DESC"


def _date_text(value: date | str | None) -> str | None:
    # a ``date`` (or ``datetime``) is written as the API's YYYY-MM-DD; text is kept as given
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


@attrs.frozen(kw_only=True)
class DateRange(Model):
    """From ``start_date`` to ``end_date`` (``date`` objects or ``"YYYY-MM-DD"``)."""

    start_date: str | None = attrs.field(default=None, converter=_date_text)
    end_date: str | None = attrs.field(default=None, converter=_date_text)


@attrs.frozen(kw_only=True)
class SmartPlaylistRules(Model):
    """Which media a smart playlist holds: those created and/or updated within the ranges.

    Sent as the playlist's ``metadata``, and read back the same way.
    """

    created_date: DateRange | None = None
    updated_date: DateRange | None = None


@attrs.frozen(kw_only=True)
class PlaylistMediaItem(Model):
    """A media as a playlist lists it."""

    id: str
    title: str | None = None
    status: MediaStatus | str | None = None
    thumbnail: str | None = None
    #: seconds: a number in the live API, ``"HH:MM:SS"`` text in the contract
    duration: float | None = attrs.field(default=None, metadata={"clock": True})
    source_resolution: str | None = None
    creator_id: str | None = None
    created_at: datetime | None = None


@attrs.frozen(kw_only=True)
class Playlist(Model):
    """A playlist. ``fp.playlists.list`` gives a summary (no ``media_list``).

    ``play_order`` and ``metadata`` (a smart playlist's rules) are ``None`` where the
    answer leaves them out, as the live API may for any playlist.
    """

    id: str
    name: str | None = None
    reference_id: str | None = None
    type: PlaylistType | str | None = None
    description: str | None = None
    media_count: int | None = None
    media_list: list[PlaylistMediaItem] = attrs.field(factory=list)
    play_order: PlaylistPlayOrder | str | None = None
    metadata: SmartPlaylistRules | None = None
    workspace_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
