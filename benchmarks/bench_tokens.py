"""Signing playback tokens: the SDK's path against a bare RSA-SHA256 signature.

The floor is cryptography's ``private_key.sign(data, PKCS1v15(), SHA256())`` over the
same bytes a token signs (its JWT signing input), with the same key. Everything the SDK
adds — argument checks, claims, JSON, base64url, PyJWT — must cost at most 15% on top.
``sign_playback_token`` is called as users call it, with the API's base64 PEM string each
time (the parsed key is cached); ``PlaybackTokenSigner.sign`` holds the key itself.

    python -m benchmarks.bench_tokens [--quick] [--json]
"""

from __future__ import annotations

import base64
import time

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.hashes import SHA256

from benchmarks._common import Report, Row, cli, interleaved_medians, per_call
from fastpix_async import tokens

KEY_ID = "bench-key"
PLAYBACK_ID = "b3c1d2e4-5f60-4a7b-8c9d-0e1f2a3b4c5d"
TARGET = 1.15


def run(quick: bool) -> Report:
    rounds, batch = (3, 50) if quick else (10, 1000)  # full: 10,000 tokens per candidate
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    api_key = base64.b64encode(pem).decode()  # as signing_keys.create returns it

    started = time.perf_counter()
    token = tokens.sign_playback_token(PLAYBACK_ID, key_id=KEY_ID, private_key=api_key)
    first_token_ms = (time.perf_counter() - started) * 1000
    signing_input = token.rsplit(".", 1)[0].encode("ascii")
    signer = tokens.PlaybackTokenSigner(KEY_ID, api_key)

    medians = interleaved_medians(
        {
            "bare": per_call(lambda: key.sign(signing_input, PKCS1v15(), SHA256()), batch),
            "function": per_call(
                lambda: tokens.sign_playback_token(PLAYBACK_ID, key_id=KEY_ID, private_key=api_key),
                batch,
            ),
            "signer": per_call(lambda: signer.sign(PLAYBACK_ID), batch),
        },
        rounds,
    )
    bare_us = medians["bare"] * 1e6

    def row(scenario: str, name: str) -> Row:
        us = medians[name] * 1e6
        return Row(
            scenario,
            medians[name] / medians["bare"],
            TARGET,
            details=f"{us:.0f} µs vs {bare_us:.0f} µs per token (+{us - bare_us:.0f} µs)",
        )

    return Report(
        "Playback token signing",
        [
            row("sign_playback_token(…) vs bare RSA-SHA256", "function"),
            row("PlaybackTokenSigner.sign vs bare RSA-SHA256", "signer"),
        ],
        [
            f"{rounds} interleaved rounds of {batch} tokens per candidate, RSA 2048, medians.",
            f"The first token with a new key took {first_token_ms:.1f} ms (importing PyJWT and"
            " cryptography, parsing the PEM);"
            " later ones reuse the parsed key.",
        ],
    )


if __name__ == "__main__":
    cli(run)
