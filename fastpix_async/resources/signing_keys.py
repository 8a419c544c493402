"""``fp.signing_keys``: RSA keys for signing private playback tokens."""

from __future__ import annotations

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
        """A new key pair. Its ``private_key`` is in this answer only: keep it."""
        return await self._requester.request("POST", "/iam/signing-keys", SigningKey)

    async def list(self, *, limit: int | None = None, offset: int = 1) -> AsyncPage[SigningKey]:
        """One page of signing keys (ids and creation times; ``offset`` is the page, from 1)."""
        return await self._list(
            "/iam/signing-keys", SigningKey, {"limit": check_limit(limit)}, offset
        )

    list_all = every_item(list)

    async def get(self, signing_key_id: str) -> SigningKey:
        """A signing key with its ``public_key`` (PEM)."""
        return await self._requester.request(
            "GET", path(_KEY, signing_key_id=signing_key_id), SigningKey
        )

    async def delete(self, signing_key_id: str) -> None:
        """Delete a signing key."""
        await self._requester.request("DELETE", path(_KEY, signing_key_id=signing_key_id), None)
