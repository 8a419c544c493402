"""Playback tokens signed with a key the emulator made, checked with the public key it returns."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from fastpix_async import AsyncFastPix, RetryPolicy
from fastpix_async.models import SigningKey, VideoInput
from fastpix_async.testing import FastPixEmulator
from fastpix_async.tokens import PlaybackTokenSigner, sign_playback_token, stream_url


def make_client(emulator: FastPixEmulator) -> AsyncFastPix:
    return AsyncFastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        retry=RetryPolicy(initial_interval=0.01, max_interval=0.05),
    )


def public_key_of(key: SigningKey) -> Any:
    assert key.public_key is not None
    pem = key.public_key.encode()
    if not pem.lstrip().startswith(b"-----BEGIN"):
        pem = base64.b64decode(pem)  # the API sends the PEM base64-encoded
    return load_pem_public_key(pem)


async def test_a_token_verifies_with_the_keys_public_half(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        created = await fp.signing_keys.create()
        assert created.id is not None and created.private_key is not None
        media = await fp.media.create(
            inputs=[VideoInput(url="https://example.com/v.mp4")], access_policy="private"
        )
        playback_id = media.playback_ids[0].id
        assert playback_id is not None

        token = sign_playback_token(
            playback_id, key_id=created.id, private_key=created.private_key, expires_in=300
        )
        public_key = public_key_of(await fp.signing_keys.get(created.id))

    assert jwt.get_unverified_header(token)["kid"] == created.id
    claims = jwt.decode(
        token,
        public_key,
        algorithms=["RS256"],
        audience=f"media:{playback_id}",
        issuer="fastpix.com",
    )
    assert claims["kid"] == created.id
    assert claims["exp"] - claims["iat"] == 300


async def test_a_token_from_another_key_does_not_verify(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        first = await fp.signing_keys.create()
        second = await fp.signing_keys.create()
        assert first.id is not None and first.private_key is not None and second.id is not None
        url = stream_url("pb-1", key_id=first.id, private_key=first.private_key)
        wrong_public_key = public_key_of(await fp.signing_keys.get(second.id))

    (token,) = parse_qs(urlsplit(url).query)["token"]
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            token,
            wrong_public_key,
            algorithms=["RS256"],
            audience="media:pb-1",
        )


async def test_a_signer_from_the_created_key_signs_many(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        created = await fp.signing_keys.create()
        assert created.id is not None and created.private_key is not None
        signer = PlaybackTokenSigner(created.id, created.private_key)
        public_key = public_key_of(await fp.signing_keys.get(created.id))

    for playback_id in ("pb-a", "pb-b", "pb-c"):
        claims = jwt.decode(
            signer.sign(playback_id, audience="drm"),
            public_key,
            algorithms=["RS256"],
            audience=f"drm:{playback_id}",
        )
        assert claims["aud"] == f"drm:{playback_id}"
