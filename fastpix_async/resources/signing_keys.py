"""``fp.signing_keys``: RSA keys for signing private playback tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator

from .._http import path
from .._pagination import AsyncPage
from ..models.signing_keys import SigningKey
from ._base import AsyncResource, check_limit

_KEY = "/iam/signing-keys/{signing_key_id}"


class AsyncSigningKeysResource(AsyncResource):
    __slots__ = ()

    async def create(self) -> SigningKey:
        """A new key pair. Its ``private_key`` is in this answer only: keep it."""
        return await self._requester.request("POST", "/iam/signing-keys", SigningKey)

    async def list(self, *, limit: int | None = None, offset: int = 1) -> AsyncPage[SigningKey]:
        """One page of signing keys (ids and creation times; ``offset`` is the page, from 1)."""
        return await self._list(
            "/iam/signing-keys", SigningKey, {"limit": check_limit(limit)}, offset
        )

    async def list_all(self, *, limit: int = 50) -> AsyncIterator[SigningKey]:
        page = await self.list(limit=limit)
        async for item in page.iter_items():
            yield item

    async def get(self, signing_key_id: str) -> SigningKey:
        """A signing key with its ``public_key`` (PEM)."""
        return await self._requester.request(
            "GET", path(_KEY, signing_key_id=signing_key_id), SigningKey
        )

    async def delete(self, signing_key_id: str) -> None:
        await self._requester.request("DELETE", path(_KEY, signing_key_id=signing_key_id), None)
