"""``fastpix signing-keys``: the RSA keys that sign playback tokens for private media."""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import click

from ..output import Column, show, show_text
from ..settings import api_options, client
from ._listing import list_options, show_listing

KEY_COLUMNS: list[Column] = [("ID", "id"), ("CREATED", "created_at")]


@click.group("signing-keys")
def signing_keys() -> None:
    """Signing keys for private playback tokens (see token sign)."""


@signing_keys.command("create")
@click.option(
    "--save-private-key",
    "key_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the private key to this new file (mode 600) instead of printing it.",
)
@api_options
def create_key(key_file: Path | None) -> None:
    """Create a signing key. Its private key is shown (or saved) this once: keep it.

    \b
    Example:
      fastpix signing-keys create --save-private-key fastpix-key.txt
      fastpix token sign PLAYBACK_ID --key-id KEY_ID --private-key @fastpix-key.txt
    """
    if key_file is not None and key_file.exists():  # before the key exists: it can't be re-read
        raise click.UsageError(f"{key_file} exists already; name a new file")
    key = client().signing_keys.create()
    if key_file is None or key.private_key is None:
        show(key)
        return
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(key.private_key)
    show(attrs.evolve(key, private_key=None))
    click.echo(f"private key saved to {key_file}", err=True)


@signing_keys.command("list")
@list_options
@api_options
def list_keys(limit: int | None, every: bool) -> None:
    """List signing keys (ids and creation times).

    \b
    Example:
      fastpix signing-keys list
    """
    fp = client()
    show_listing(
        fp.signing_keys.list, fp.signing_keys.list_all, KEY_COLUMNS, limit=limit, every=every
    )


@signing_keys.command("delete")
@click.argument("key_id")
@api_options
def delete_key(key_id: str) -> None:
    """Delete a signing key: tokens it signed stop working.

    \b
    Example:
      fastpix signing-keys delete 1c3e…
    """
    client().signing_keys.delete(key_id)
    show_text(f"deleted signing key {key_id}", {"id": key_id, "deleted": True})
