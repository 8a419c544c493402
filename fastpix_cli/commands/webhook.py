"""``fastpix webhook verify``: check a delivery's signature and show the event it carries."""

from __future__ import annotations

from typing import BinaryIO

import click

from fastpix_sync.models import WebhookEvent
from fastpix_sync.webhooks import SECRET_ENV, SIGNATURE_HEADER, verify_and_parse

from ..output import show, show_text, to_json
from ..params import converted, text_or_file
from ..settings import output_options

EVENT_FIELDS = ["id", "type", "created_at", "object", "workspace", "webhook_id", "data"]


@click.group()
def webhook() -> None:
    """Webhook deliveries."""


@webhook.command("verify")
@click.option(
    "--secret",
    "secrets",
    callback=converted(text_or_file),
    metavar="SECRET|@FILE",
    multiple=True,
    help=f"The destination's signing secret, or @FILE; repeat while rotating "
    f"(default: ${SECRET_ENV}).",
)
@click.option(
    "--header",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help=f"A request header as received (repeatable); {SIGNATURE_HEADER} is the one checked.",
)
@click.option(
    "--body",
    type=click.File("rb"),
    default="-",
    help="The raw body as received (default: standard input).",
)
@output_options
def verify(secrets: tuple[str, ...], headers: tuple[str, ...], body: BinaryIO) -> None:
    """Verify a delivery and print its typed event; exit 1 if the signature is wrong.

    \b
    Example:
      fastpix webhook verify --secret @secret.txt \\
          --header "FastPix-Signature: 3q2+7w==" < body.json
    """
    received = dict(_header(line) for line in headers)
    event = verify_and_parse(body.read(), received, [s.strip() for s in secrets] or None)
    if not isinstance(event, WebhookEvent):  # the unsigned {} sent when a destination is added
        show_text("ping: the unsigned {} FastPix sends when a destination is added", {"ping": True})
        return
    typed = {**to_json(event), "dataModel": type(event.data).__name__}
    typed.pop("raw", None)  # the same event again, untyped
    show(event, EVENT_FIELDS, json_record=typed)


def _header(line: str) -> tuple[str, str]:
    name, sep, value = line.partition(":")
    if not sep or not name.strip():
        raise click.BadParameter(f"{line!r} is not 'Name: value'", param_hint="'--header'")
    return name.strip(), value.strip()
