"""``fp.signing_keys``: RSA keys for signing private playback tokens."""

from __future__ import annotations

from typing import Final

from .._checks import check_limit
from .._http import path
from .._pagination import AsyncPage, every_item
from ..models.signing_keys import SigningKey
from ._base import AsyncResource

_KEY = "/iam/signing-keys/{signing_key_id}"


class AsyncSigningKeysResource(AsyncResource):
    """Create, list and delete the workspace's signing keys."""

    __slots__ = ()

    async def create(self) -> SigningKey:
        """Create a signing key pair, to sign playback tokens for private playback IDs.

        Returns:
            The key: its ``id`` and, in this answer only, its ``private_key`` (base64
            of a PEM RSA key). Keep the private key: FastPix never shows it again.

        Example:
            ```python
            from fastpix_async.tokens import sign_playback_token

            key = await fp.signing_keys.create()
            token = sign_playback_token("a-playback-id", key_id=key.id, private_key=key.private_key)
            print(token.count("."))  # 2: a JWT
            ```
        """
        return await self._requester.request("POST", "/iam/signing-keys", SigningKey)

    async def list(self, *, limit: int | None = None, offset: int = 1) -> AsyncPage[SigningKey]:
        """One page of signing keys (ids and creation times; ``offset`` is the page, from 1)."""
        return await self._list(
            "/iam/signing-keys", SigningKey, {"limit": check_limit(limit)}, offset
        )

    list_all: Final = every_item(list)

    async def get(self, signing_key_id: str) -> SigningKey:
        """A signing key with its ``public_key`` (PEM)."""
        return await self._requester.request(
            "GET", path(_KEY, signing_key_id=signing_key_id), SigningKey
        )

    async def delete(self, signing_key_id: str) -> None:
        """Delete a signing key."""
        await self._requester.request("DELETE", path(_KEY, signing_key_id=signing_key_id), None)
