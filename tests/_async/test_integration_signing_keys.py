"""Signing keys through the SDK, over real sockets, against the emulator."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import serialization

from fastpix_async import NotFoundError
from fastpix_async.testing import FastPixEmulator

from ._integration import Coverage, make_client

COVERAGE = Coverage.of_group("signing_keys")


def public_pem_of(private_key_b64: str) -> bytes:
    private = serialization.load_pem_private_key(base64.b64decode(private_key_b64), None)
    return private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


async def test_signing_key_lifecycle(fastpix_emulator_thread: FastPixEmulator) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        key = await fp.signing_keys.create()
        assert key.id and key.private_key and key.created_at is not None
        assert key.private_key not in repr(key)

        # the private key is shown once: get answers with the matching public key only
        fetched = await fp.signing_keys.get(key.id)
        assert fetched.id == key.id and fetched.private_key is None
        assert fetched.public_key is not None
        assert base64.b64decode(fetched.public_key) == public_pem_of(key.private_key)

        others = [(await fp.signing_keys.create()).id for _ in range(2)]
        first = await fp.signing_keys.list(limit=2)
        assert first.pagination is not None and first.pagination.total_records == 3
        assert first.has_next_page() and len(first.data) == 2
        rest = await first.next_page()
        assert not rest.has_next_page()
        listed = [k async for k in fp.signing_keys.list_all(limit=2)]
        assert sorted(k.id or "" for k in listed) == sorted([key.id, *others])
        assert all(k.private_key is None for k in listed)

        await fp.signing_keys.delete(key.id)
        with pytest.raises(NotFoundError):
            await fp.signing_keys.get(key.id)
        assert key.id not in [k.id for k in (await fp.signing_keys.list()).data]
    COVERAGE.assert_received(emulator)


async def test_deleting_an_unknown_key_is_not_found(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread, max_retries=0) as fp:
        with pytest.raises(NotFoundError) as raised:
            await fp.signing_keys.delete("no-such-key")
    assert raised.value.status_code == 404 and raised.value.error is not None
    assert raised.value.error.description == "Signing key with id 'no-such-key' was not found"
