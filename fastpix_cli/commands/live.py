"""``fastpix live``: live streams — list, show, create, and switch them on, off or to done."""

from __future__ import annotations

import click

from fastpix_sync.models import InputMediaSettings, PlaybackSettings

from ..output import Column, show, show_text
from ..params import converted, duration, metadata, metadata_option
from ..settings import api_options, client
from ._listing import list_options, show_listing

LIVE_COLUMNS: list[Column] = [
    ("ID", "stream_id"),
    ("STATUS", "status"),
    ("MAX RESOLUTION", "max_resolution"),
    ("PLAYBACK IDS", "playback_ids"),
    ("CREATED", "created_at"),
]
# Which SDK call each switch makes, and what it says once done.
SWITCHES = {
    "enable": ("enabled", "Let a disabled stream take broadcasts again."),
    "disable": ("disabled", "Stop a stream from taking broadcasts."),
    "complete": ("completed", "End the current broadcast (the stream goes back to idle)."),
}


@click.group()
def live() -> None:
    """Live streams: push with RTMPS or SRT, play with a playback ID."""


@live.command("list")
@list_options
@api_options
def list_streams(limit: int | None, every: bool) -> None:
    """List live streams.

    \b
    Example:
      fastpix live list --all
    """
    fp = client()
    show_listing(
        fp.live_streams.list, fp.live_streams.list_all, LIVE_COLUMNS, limit=limit, every=every
    )


@live.command("get")
@click.argument("stream_id")
@api_options
def get_stream(stream_id: str) -> None:
    """Show one live stream, with its stream key.

    \b
    Example:
      fastpix live get 8d1f…
    """
    show(client().live_streams.get(stream_id))


@live.command("create")
@click.option(
    "--policy",
    type=click.Choice(["public", "private"]),
    default="public",
    show_default=True,
    help="Who may watch it (and its recording).",
)
@click.option(
    "--max-resolution",
    type=click.Choice(["1080p", "720p", "480p"]),
    default="1080p",
    show_default=True,
)
@click.option(
    "--reconnect-window",
    callback=converted(duration),
    metavar="DURATION",
    help="How long to wait for the encoder to come back (60s to 30m).",
)
@metadata_option
@api_options
def create_stream(
    policy: str,
    max_resolution: str,
    reconnect_window: int | None,
    pairs: tuple[tuple[str, str], ...],
) -> None:
    """Create a live stream; the output has the stream key to push to.

    \b
    Example:
      fastpix live create --policy private --max-resolution 720p --reconnect-window 2m
    """
    show(
        client().live_streams.create(
            playback_settings=PlaybackSettings(access_policy=policy),
            input_media_settings=InputMediaSettings(
                max_resolution=max_resolution,
                media_policy=policy,
                reconnect_window=reconnect_window,
                metadata=metadata(pairs),
            ),
        )
    )


def _switch(name: str, done: str, summary: str) -> click.Command:
    @click.argument("stream_id")
    @api_options
    def switch(stream_id: str) -> None:
        getattr(client().live_streams, name)(stream_id)
        show_text(f"{done} live stream {stream_id}", {"id": stream_id, "done": name})

    example = f"\n\n\b\nExample:\n  fastpix live {name} 8d1f…"
    return click.command(name, help=summary + example)(switch)


for _name, (_done, _summary) in SWITCHES.items():
    live.add_command(_switch(_name, _done, _summary))
