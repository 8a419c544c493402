"""``fastpix playback-ids``: the IDs players use to stream a media."""

from __future__ import annotations

import click

from ..output import Column, show, show_rows
from ..settings import api_options, client
from .media import POLICIES

PLAYBACK_ID_COLUMNS: list[Column] = [("ID", "id"), ("POLICY", "access_policy")]


@click.group("playback-ids")
def playback_ids() -> None:
    """Playback IDs of on-demand media."""


@playback_ids.command("create")
@click.argument("media_id")
@click.option(
    "--policy",
    type=POLICIES,
    default="public",
    show_default=True,
    help="public, private (plays with a signed token: see token sign) or drm.",
)
@api_options
def create_playback_id(media_id: str, policy: str) -> None:
    """Add a playback ID to a media.

    \b
    Example:
      fastpix playback-ids create 5a1c0f0e-… --policy private
    """
    show(client().media.playback_ids.create(media_id, access_policy=policy))


@playback_ids.command("list")
@click.argument("media_id")
@api_options
def list_playback_ids(media_id: str) -> None:
    """List a media's playback IDs.

    \b
    Example:
      fastpix playback-ids list 5a1c0f0e-…
    """
    show_rows(client().media.playback_ids.list(media_id), PLAYBACK_ID_COLUMNS)
