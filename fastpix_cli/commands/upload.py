"""``fastpix upload FILE``: a local file sent in resumable chunks, with a progress bar."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from fastpix_sync.errors import UploadError, UploadSessionExpiredError
from fastpix_sync.progress import RichProgress, rich_progress

from .. import settings
from ..errors import EXIT_FAILED, EXIT_INTERRUPTED, CommandError, command_error, describe
from ..output import show
from ..params import byte_size, converted, metadata, metadata_option
from ..settings import api_options, client
from .media import POLICIES, wait_timeout_option, wait_until_ready

DEFAULT_CHUNK = "16MiB"
UPLOAD_FIELDS = ["upload_id", "media_id", "status", "access_policy", "metadata"]


def progress_bar(description: str) -> RichProgress:
    """Bytes, percentage, rate and time left, drawn on stderr so stdout keeps the result."""
    from rich.console import Console

    return rich_progress(description, console=Console(stderr=True))


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--resume",
    metavar="UPLOAD_ID_OR_URL",
    help="Continue an interrupted upload from what the server holds.",
)
@click.option(
    "--chunk-size",
    callback=converted(byte_size),
    metavar="SIZE",
    default=DEFAULT_CHUNK,
    show_default=True,
    help="Bytes per request: a multiple of 256KiB.",
)
@click.option("--policy", type=POLICIES, help="Who may play the media (default public).")
@click.option("--title", help="The media's title (up to 255 characters).")
@metadata_option
@click.option("--wait", is_flag=True, help="Wait until the media is ready, and show it then.")
@wait_timeout_option("--wait-timeout")
@api_options
def upload(
    file: Path,
    resume: str | None,
    chunk_size: int,
    policy: str | None,
    title: str | None,
    pairs: tuple[tuple[str, str], ...],
    wait: bool,
    wait_timeout: float,
) -> None:
    """Upload a video file as a new media. Ctrl-C stops it resumably and prints the command
    that carries on.

    \b
    Examples:
      fastpix upload talk.mp4 --wait
      fastpix upload talk.mp4 --title "Launch" --metadata team=video --chunk-size 8MiB
      fastpix upload talk.mp4 --resume 2b5e…   # after an interruption
    """
    media_settings: dict[str, Any] = {
        "access_policy": policy,
        "title": title,
        "metadata": metadata(pairs),
    }
    media_settings = {key: value for key, value in media_settings.items() if value is not None}
    if resume and media_settings:
        raise click.UsageError(
            "--title, --policy and --metadata apply to a new upload, not --resume"
        )
    fp = client()
    # Created here, not inside upload_file, so an interruption can name it.
    target = fp.media.create_upload(**media_settings) if resume is None else resume
    upload_id = target if isinstance(target, str) else target.upload_id
    try:
        with progress_bar(file.name) as bar:
            done = fp.media.upload_file(file, upload=target, chunk_size=chunk_size, on_progress=bar)
    except KeyboardInterrupt:
        raise _resumable("interrupted", file, upload_id, EXIT_INTERRUPTED) from None
    except UploadError as exc:
        if isinstance(exc, UploadSessionExpiredError) or exc.upload is None:
            raise  # expired, or no such upload: nothing to resume, the usual one line
        raise _resumable(describe(exc), file, upload_id, EXIT_FAILED) from None
    if wait:
        show(wait_until_ready(fp, done.media_id or done.upload_id, wait_timeout))
    else:
        show(done, UPLOAD_FIELDS)


def _resumable(reason: str, file: Path, upload_id: str, exit_code: int) -> CommandError:
    """The error, with the exact command that carries the upload on."""
    shared = settings.current()
    if shared.emulator:  # its uploads end with it: nothing to resume
        return command_error(reason, exit_code)
    ctx = click.get_current_context()
    command = ["fastpix", "upload", str(file), "--resume", upload_id]
    if ctx.get_parameter_source("chunk_size") is not ParameterSource.DEFAULT:
        command += ["--chunk-size", str(ctx.params["chunk_size"])]
    if ctx.params["wait"]:
        command.append("--wait")
    if shared.base_url:
        command += ["--base-url", shared.base_url]
    return command_error(
        f"{reason}; the upload stays open. Resume it with:\n  {shlex.join(command)}", exit_code
    )
