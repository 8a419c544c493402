"""``fastpix media``: list, get, create, update, delete and wait for on-demand media."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from fastpix_sync import FastPix
from fastpix_sync.models import AccessPolicy, Media, VideoInput

from ..output import Column, show, show_text
from ..params import metadata, metadata_option
from ..settings import api_options, api_options_own_timeout, client
from ._listing import list_options, show_listing

MEDIA_COLUMNS: list[Column] = [
    ("ID", "id"),
    ("STATUS", "status"),
    ("TITLE", "title"),
    ("DURATION", "duration"),
    ("PLAYBACK IDS", "playback_ids"),
    ("CREATED", "created_at"),
]
POLICIES = click.Choice([policy.value for policy in AccessPolicy])
DEFAULT_WAIT = 900.0
F = TypeVar("F", bound=Callable[..., Any])


def wait_timeout_option(name: str) -> Callable[[F], F]:
    return click.option(
        name,
        "wait_timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=DEFAULT_WAIT,
        show_default=True,
        metavar="SECONDS",
        help="How long to wait for the media to be ready.",
    )


def wait_until_ready(fp: FastPix, media_id: str, timeout: float) -> Media:
    """Poll until ready, with a spinner on a terminal's stderr (stdout keeps the result)."""
    if not sys.stderr.isatty():
        return fp.media.wait_until_ready(media_id, timeout=timeout)
    from rich.console import Console

    with Console(stderr=True).status(f"Waiting for media {media_id} to be ready…"):
        return fp.media.wait_until_ready(media_id, timeout=timeout)


@click.group()
def media() -> None:
    """On-demand media: videos FastPix stores and streams."""


@media.command("list")
@list_options
@api_options
def list_media(limit: int | None, every: bool) -> None:
    """List media.

    \b
    Example:
      fastpix media list --limit 20
      fastpix media list --all --json | jq -r .id
    """
    fp = client()
    show_listing(fp.media.list, fp.media.list_all, MEDIA_COLUMNS, limit=limit, every=every)


@media.command("get")
@click.argument("media_id")
@api_options
def get_media(media_id: str) -> None:
    """Show one media: status, tracks, playback IDs.

    \b
    Example:
      fastpix media get 5a1c0f0e-…
    """
    show(client().media.get(media_id))


@media.command("create")
@click.option("--url", required=True, help="The video to pull (http or https).")
@click.option(
    "--policy", type=POLICIES, default="public", show_default=True, help="Who may play it."
)
@click.option("--title", help="The media's title (up to 255 characters).")
@metadata_option
@click.option("--wait", is_flag=True, help="Wait until the media is ready, and show it then.")
@wait_timeout_option("--wait-timeout")
@api_options
def create_media(
    url: str,
    policy: str,
    title: str | None,
    pairs: tuple[tuple[str, str], ...],
    wait: bool,
    wait_timeout: float,
) -> None:
    """Create a media from a video at a URL.

    \b
    Example:
      fastpix media create --url https://example.com/talk.mp4 --title "Launch" --metadata team=video
    """
    fp = client()
    created = fp.media.create(
        inputs=[VideoInput(url=url)], access_policy=policy, title=title, metadata=metadata(pairs)
    )
    show(wait_until_ready(fp, created.id, wait_timeout) if wait else created)


@media.command("update")
@click.argument("media_id")
@metadata_option
@click.option("--title", help="A new title.")
@click.option("--creator-id", help="A new creator id.")
@api_options
def update_media(
    media_id: str, pairs: tuple[tuple[str, str], ...], title: str | None, creator_id: str | None
) -> None:
    """Change a media's metadata, title or creator id (only what is given).

    \b
    Example:
      fastpix media update 5a1c0f0e-… --metadata team=video --title "Launch talk"
    """
    if not (pairs or title or creator_id):
        raise click.UsageError("give at least one of --metadata, --title or --creator-id")
    show(
        client().media.update(
            media_id, metadata=metadata(pairs), title=title, creator_id=creator_id
        )
    )


@media.command("delete")
@click.argument("media_id")
@api_options
def delete_media(media_id: str) -> None:
    """Delete a media.

    \b
    Example:
      fastpix media delete 5a1c0f0e-…
    """
    client().media.delete(media_id)
    show_text(f"deleted media {media_id}", {"id": media_id, "deleted": True})


@media.command("wait")
@click.argument("media_id")
@wait_timeout_option("--timeout")
@api_options_own_timeout
def wait_media(media_id: str, wait_timeout: float) -> None:
    """Wait until a media is ready, then show it (exit 1 if it fails or time runs out).

    \b
    Example:
      fastpix media wait 5a1c0f0e-… --timeout 600
    """
    show(wait_until_ready(client(), media_id, wait_timeout))
