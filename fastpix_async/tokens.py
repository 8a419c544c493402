"""Playback tokens for private media (and, re-exported, the playback URLs that carry them).

A token is an RS256 JWT signed with one of the workspace's signing keys
(``fp.signing_keys.create()``): ``aud`` is ``media:<playbackId>`` (stream, thumbnails,
spritesheets, MP4s) or ``drm:<playbackId>`` (DRM licences); ``kid`` names the key in the
header and in the claims. PyJWT does the signing; it and ``cryptography`` are imported
only when a token is made, so ``import fastpix_async`` never needs them
(``pip install "fastpix-sdk[tokens]"``).

Signing many tokens with one key is cheap: the parsed key is cached (or hold a
:class:`PlaybackTokenSigner`).
"""

from __future__ import annotations

from ._signing import (
    DEFAULT_EXPIRES_IN,
    DEFAULT_ISSUER,
    PlaybackTokenSigner,
    PrivateKey,
    sign_playback_token,
)
from .playback_urls import (
    DEFAULT_IMAGE_HOST,
    DEFAULT_STREAM_HOST,
    FIT_MODES,
    IMAGE_FORMATS,
    MP4_RENDITIONS,
    mp4_url,
    spritesheet_url,
    stream_url,
    thumbnail_url,
)

__all__ = [
    "DEFAULT_EXPIRES_IN",
    "DEFAULT_IMAGE_HOST",
    "DEFAULT_ISSUER",
    "DEFAULT_STREAM_HOST",
    "FIT_MODES",
    "IMAGE_FORMATS",
    "MP4_RENDITIONS",
    "PlaybackTokenSigner",
    "PrivateKey",
    "mp4_url",
    "sign_playback_token",
    "spritesheet_url",
    "stream_url",
    "thumbnail_url",
]
