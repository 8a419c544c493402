"""``fastpix signing-keys …`` and ``fastpix token sign`` against the emulator."""

from __future__ import annotations

import base64
import stat
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from .conftest import Fastpix, record_table


def test_signing_keys_create_list_delete(fastpix: Fastpix, tmp_path: Path) -> None:
    key = fastpix.json("signing-keys", "create")
    assert key["privateKey"]  # shown this once

    saved = tmp_path / "key.txt"
    created = fastpix("signing-keys", "create", "--save-private-key", str(saved), "--table")
    assert created.exit_code == 0
    fields = record_table(created.stdout)
    assert "private key" not in fields and fields["id"]
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert f"private key saved to {saved}" in created.stderr
    again = fastpix("signing-keys", "create", "--save-private-key", str(saved))
    assert again.exit_code == 2 and "exists already" in again.stderr  # no key made, none lost

    ids = {k["id"] for k in fastpix.json_lines("signing-keys", "list", "--all")}
    assert {key["id"], fields["id"]} <= ids
    assert fastpix("signing-keys", "delete", key["id"]).exit_code == 0
    assert key["id"] not in {k["id"] for k in fastpix.json_lines("signing-keys", "list", "--all")}


def test_token_sign_prints_a_url_the_key_signed(fastpix: Fastpix, tmp_path: Path) -> None:
    saved = tmp_path / "key.txt"
    key_id = record_table(
        fastpix("signing-keys", "create", "--save-private-key", str(saved), "--table").stdout
    )["id"]
    public_key = load_pem_private_key(base64.b64decode(saved.read_text()), None).public_key()

    signed = fastpix("token", "sign", "pb123", "--key-id", key_id, "--private-key", f"@{saved}",
                     "--expires", "2h")  # fmt: skip
    assert signed.exit_code == 0, signed.stderr
    url = signed.stdout.strip()  # plain text even when piped: URL=$(fastpix token sign …)
    assert url.startswith("https://stream.fastpix.com/pb123.m3u8?token=")
    claims = _claims(url, public_key, "pb123")
    assert claims["kid"] == key_id and claims["exp"] - claims["iat"] == 7200

    thumbnail = fastpix.json("token", "sign", "pb123", "--type", "thumbnail", "--json",
                             FASTPIX_SIGNING_KEY_ID=key_id,
                             FASTPIX_SIGNING_PRIVATE_KEY=saved.read_text())  # fmt: skip
    assert thumbnail["url"].startswith("https://images.fastpix.com/pb123/thumbnail.jpg?token=")
    default = _claims(thumbnail["url"], public_key, "pb123")
    assert default["exp"] - default["iat"] == 3600


def test_token_sign_refuses_a_bad_key_or_duration(fastpix: Fastpix) -> None:
    bad_key = fastpix("token", "sign", "pb123", "--key-id", "k", "--private-key", "not a key")
    assert bad_key.exit_code == 2
    assert bad_key.stderr.startswith("Error: private_key is neither a PEM private key")
    assert "not a key" not in bad_key.stderr  # the key itself is never echoed
    never = fastpix("token", "sign", "pb", "--key-id", "k", "--private-key", "x", "--expires", "0")
    assert never.exit_code == 2 and "is not a duration" in never.stderr


def _claims(url: str, public_key: Any, playback_id: str) -> dict[str, Any]:
    (token,) = parse_qs(urlsplit(url).query)["token"]
    claims: dict[str, Any] = jwt.decode(
        token, public_key, algorithms=["RS256"], audience=f"media:{playback_id}"
    )
    return claims
