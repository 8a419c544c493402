"""The root ``fastpix`` command: its shared options, its command groups, its error handling."""

from __future__ import annotations

from typing import Any

import click

from fastpix_async._version import __version__

from .commands import analytics, emulator, live, media, playback_ids, signing_keys, token, upload
from .commands import webhook as webhooks
from .errors import as_command_error
from .settings import api_options


class FastPixGroup(click.Group):
    """Turns the errors a command can expect into one line and an exit code (see errors)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            error = as_command_error(exc)
            if error is None:
                raise
            raise error from None


@click.group(
    cls=FastPixGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Exit codes: 0 done; 1 the API, the network, an upload, a wait or a signature "
    "check failed; 2 bad usage, missing credentials or a missing package; 130 interrupted.",
)
@click.version_option(__version__, prog_name="fastpix")
@api_options
def cli() -> None:
    """The FastPix video API from a shell: media, uploads, live streams, playback tokens,
    webhooks and video data.

    Credentials come from FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY (the same variables
    as the SDK), or --emulator runs a command against a local FastPix.

    \b
    Examples:
      fastpix media list
      fastpix upload talk.mp4 --wait
      fastpix --emulator media list --json | jq .id
    """


for command in (
    media.media,
    upload.upload,
    playback_ids.playback_ids,
    live.live,
    signing_keys.signing_keys,
    token.token,
    webhooks.webhook,
    analytics.views,
    analytics.metrics,
    emulator.emulator,
):
    cli.add_command(command)
