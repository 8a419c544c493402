"""Playback URLs: the HLS stream, thumbnails, the spritesheet and static MP4 renditions.

Each builder takes the playback ID and, for a private one, either a ``token`` or the
signing key (``key_id`` + ``private_key``) to sign one. Hosts default to FastPix's
``stream.fastpix.com`` and ``images.fastpix.com``; pass ``host=`` to use another.
Re-exported by :mod:`fastpix_async.tokens`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal
from urllib.parse import urlencode, urlsplit

from ._signing import (
    DEFAULT_EXPIRES_IN,
    Duration,
    PrivateKey,
    check_playback_id,
    check_text,
    sign_playback_token,
)

__all__ = [
    "DEFAULT_IMAGE_HOST",
    "DEFAULT_STREAM_HOST",
    "FIT_MODES",
    "IMAGE_FORMATS",
    "MP4_RENDITIONS",
    "mp4_url",
    "spritesheet_url",
    "stream_url",
    "thumbnail_url",
]

DEFAULT_STREAM_HOST = "stream.fastpix.com"
DEFAULT_IMAGE_HOST = "images.fastpix.com"
FIT_MODES = frozenset({"preserve", "stretch", "crop", "smartcrop", "pad"})
IMAGE_FORMATS = frozenset({"jpg", "png", "webp"})
#: rendition name → file name under ``https://stream.fastpix.com/<playbackId>/``
MP4_RENDITIONS: Mapping[str, str] = {"capped-4k": "capped-4k.mp4", "audio": "audio.m4a"}


def _origin(host: str) -> str:
    """``https://<host>``, or the origin given whole (``http://127.0.0.1:8080`` for tests)."""
    given = check_text("host", host)
    parts = urlsplit(given if "://" in given else f"https://{given}")
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or "@" in parts.netloc
        or any(c.isspace() for c in given)
    ):
        raise ValueError(f"host must be a host name or an http(s) origin, got {given!r}")
    return f"{parts.scheme}://{parts.netloc}"


def _token_query(
    playback_id: str,
    token: str | None,
    key_id: str | None,
    private_key: PrivateKey | None,
    expires_in: Duration,
) -> list[tuple[str, str]]:
    if token is not None:
        if key_id is not None or private_key is not None:
            raise ValueError("pass either token or key_id and private_key, not both")
        return [("token", check_text("token", token))]
    if key_id is None and private_key is None:
        return []  # a public playback ID needs no token
    if key_id is None or private_key is None:
        raise ValueError("signing a token needs both key_id and private_key")
    signed = sign_playback_token(
        playback_id, key_id=key_id, private_key=private_key, expires_in=expires_in
    )
    return [("token", signed)]


def _url(origin: str, path: str, query: list[tuple[str, str]]) -> str:
    return f"{origin}/{path}" + (f"?{urlencode(query)}" if query else "")


def stream_url(
    playback_id: str,
    *,
    token: str | None = None,
    key_id: str | None = None,
    private_key: PrivateKey | None = None,
    expires_in: Duration = DEFAULT_EXPIRES_IN,
    host: str = DEFAULT_STREAM_HOST,
) -> str:
    """The HLS URL (``.m3u8``) of a playback ID.

    For a private one pass a ``token``, or ``key_id`` and ``private_key`` to sign one
    valid for ``expires_in``.
    """
    playback_id = check_playback_id(playback_id)
    query = _token_query(playback_id, token, key_id, private_key, expires_in)
    return _url(_origin(host), f"{playback_id}.m3u8", query)


def _positive_int(name: str, value: int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int of pixels, got {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return str(value)


def _time_offset(value: float | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"time must be seconds (a number), got {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"time must be zero or more seconds, got {value!r}")
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def thumbnail_url(
    playback_id: str,
    *,
    time: float | None = None,
    width: int | None = None,
    height: int | None = None,
    fit_mode: str | None = None,
    format: str = "jpg",
    token: str | None = None,
    key_id: str | None = None,
    private_key: PrivateKey | None = None,
    expires_in: Duration = DEFAULT_EXPIRES_IN,
    host: str = DEFAULT_IMAGE_HOST,
) -> str:
    """A still of the video at ``time`` seconds, ``width`` by ``height`` pixels.

    ``fit_mode`` is one of :data:`FIT_MODES`, ``format`` one of :data:`IMAGE_FORMATS`.
    Tokens as for :func:`stream_url`.
    """
    playback_id = check_playback_id(playback_id)
    if format not in IMAGE_FORMATS:
        raise ValueError(f"format must be one of {sorted(IMAGE_FORMATS)}, got {format!r}")
    if fit_mode is not None and fit_mode not in FIT_MODES:
        raise ValueError(f"fit_mode must be one of {sorted(FIT_MODES)}, got {fit_mode!r}")
    options = {
        "time": _time_offset(time),
        "width": _positive_int("width", width),
        "height": _positive_int("height", height),
        "fit_mode": fit_mode,
    }
    query = [(name, value) for name, value in options.items() if value is not None]
    query += _token_query(playback_id, token, key_id, private_key, expires_in)
    return _url(_origin(host), f"{playback_id}/thumbnail.{format}", query)


def spritesheet_url(
    playback_id: str,
    *,
    token: str | None = None,
    key_id: str | None = None,
    private_key: PrivateKey | None = None,
    expires_in: Duration = DEFAULT_EXPIRES_IN,
    host: str = DEFAULT_IMAGE_HOST,
) -> str:
    """The spritesheet (timeline preview tiles). Tokens as for :func:`stream_url`."""
    playback_id = check_playback_id(playback_id)
    query = _token_query(playback_id, token, key_id, private_key, expires_in)
    return _url(_origin(host), f"{playback_id}/spritesheet.jpg", query)


def mp4_url(
    playback_id: str,
    *,
    rendition: Literal["capped-4k", "audio"] = "capped-4k",
    token: str | None = None,
    key_id: str | None = None,
    private_key: PrivateKey | None = None,
    expires_in: Duration = DEFAULT_EXPIRES_IN,
    host: str = DEFAULT_STREAM_HOST,
) -> str:
    """A static rendition (needs ``mp4_support`` on the media): the capped-4k MP4 or the
    audio-only M4A. Tokens as for :func:`stream_url`."""
    playback_id = check_playback_id(playback_id)
    file_name = MP4_RENDITIONS.get(rendition)
    if file_name is None:
        raise ValueError(f"rendition must be one of {sorted(MP4_RENDITIONS)}, got {rendition!r}")
    query = _token_query(playback_id, token, key_id, private_key, expires_in)
    return _url(_origin(host), f"{playback_id}/{file_name}", query)
