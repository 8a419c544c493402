"""``fastpix token sign``: a signed playback URL for a private playback ID."""

from __future__ import annotations

import functools
from collections.abc import Callable

import click

from fastpix_sync.tokens import (
    mp4_url,
    sign_playback_token,
    spritesheet_url,
    stream_url,
    thumbnail_url,
)

from ..output import show_text
from ..params import converted, duration, text_or_file
from ..settings import output_options

#: What ``--type`` names → the URL it builds, given the playback ID and a token.
URL_TYPES: dict[str, Callable[..., str]] = {
    "video": stream_url,
    "thumbnail": thumbnail_url,
    "spritesheet": spritesheet_url,
    "mp4": functools.partial(mp4_url, rendition="capped-4k"),
    "audio": functools.partial(mp4_url, rendition="audio"),
}


@click.group()
def token() -> None:
    """Playback tokens for private playback IDs."""


@token.command("sign")
@click.argument("playback_id")
@click.option(
    "--key-id",
    required=True,
    envvar="FASTPIX_SIGNING_KEY_ID",
    show_envvar=True,
    help="The signing key's id.",
)
@click.option(
    "--private-key",
    required=True,
    callback=converted(text_or_file),
    metavar="KEY|@FILE",
    envvar="FASTPIX_SIGNING_PRIVATE_KEY",
    show_envvar=True,
    help="The signing key's private half, or @FILE to read it (as signing-keys create saves it).",
)
@click.option(
    "--expires",
    callback=converted(duration),
    metavar="DURATION",
    default="1h",
    show_default=True,
    help="How long it plays.",
)
@click.option(
    "--type",
    "url_type",
    type=click.Choice(list(URL_TYPES)),
    default="video",
    show_default=True,
    help="The URL to sign: the HLS stream, a thumbnail, the spritesheet, the MP4 or M4A.",
)
@output_options
def sign(playback_id: str, key_id: str, private_key: str, expires: int, url_type: str) -> None:
    """Print a signed URL for a private playback ID (--json: the URL and the token).

    \b
    Example:
      fastpix token sign 9f2c… --key-id 1c3e… --private-key @fastpix-key.txt --expires 2h
      fastpix token sign 9f2c… --key-id 1c3e… --private-key @key.txt --type thumbnail
    """
    signed = sign_playback_token(
        playback_id, key_id=key_id, private_key=private_key.strip(), expires_in=expires
    )
    url = URL_TYPES[url_type](playback_id, token=signed)
    show_text(url, {"playbackId": playback_id, "url": url, "token": signed, "expiresIn": expires})
