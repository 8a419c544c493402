"""Private playback: a signing key, a private media, and signed stream and thumbnail URLs.

Runs against the real API when FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY are set,
and against the embedded FastPix emulator (no network needed) when they are not.
Needs the ``tokens`` extra: ``pip install "fastpix-sdk[tokens]"``.

    python examples/private_playback.py
"""

from __future__ import annotations

import asyncio
import base64
from contextlib import AsyncExitStack
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from fastpix_async.models import VideoInput
from fastpix_async.tokens import PlaybackTokenSigner, stream_url, thumbnail_url

from _offline import connect, step

SAMPLE_VIDEO = "https://static.fastpix.com/fp-sample-video.mp4"


def pem_of(public_key: str) -> bytes:
    """The API returns keys base64-encoded; accept a bare PEM too."""
    text = public_key.strip()
    return text.encode() if text.startswith("-----BEGIN") else base64.b64decode(text)


async def main() -> None:
    async with AsyncExitStack() as stack:
        fp = await connect(stack, processing_seconds=0)

        step("Create a signing key (its private half is shown this once: store it)")
        key = await fp.signing_keys.create()
        assert key.id is not None and key.private_key is not None
        print(f"signing key {key.id}")

        step("Create a media with a private playback ID")
        media = await fp.media.create(
            inputs=[VideoInput(url=SAMPLE_VIDEO)],
            access_policy="private",
            metadata={"example": "private_playback"},
        )
        playback = media.playback_ids[0]
        playback_id = playback.id
        assert playback_id is not None
        print(f"media {media.id}: playback id {playback_id} ({playback.access_policy})")

        step("Sign playback URLs (one token serves the stream and its images)")
        signer = PlaybackTokenSigner(key.id, key.private_key)
        token = signer.sign(playback_id, expires_in=3600)
        print(f"stream:    {stream_url(playback_id, token=token)}")
        thumbnail = thumbnail_url(
            playback_id, time=5, width=640, key_id=key.id, private_key=key.private_key
        )
        print(f"thumbnail: {thumbnail}")

        step("Check the token with the key's public half, as FastPix does")
        fetched = await fp.signing_keys.get(key.id)
        assert fetched.public_key is not None
        public_key = load_pem_public_key(pem_of(fetched.public_key))
        for url in (stream_url(playback_id, token=token), thumbnail):
            (url_token,) = parse_qs(urlsplit(url).query)["token"]
            claims = jwt.decode(
                url_token,
                public_key,  # type: ignore[arg-type]  # an RSA key, as PyJWT wants
                algorithms=["RS256"],
                audience=f"media:{playback_id}",
                issuer="fastpix.com",
            )
            header = jwt.get_unverified_header(url_token)
            print(
                f"valid: kid={header['kid']} aud={claims['aud']} "
                f"expires in {claims['exp'] - claims['iat']}s"
            )

        step("Clean up")
        await fp.media.delete(media.id)
        await fp.signing_keys.delete(key.id)
        print("deleted the media and the signing key")


if __name__ == "__main__":
    asyncio.run(main())
