"""Playback tokens and playback URLs: pure functions, checked with PyJWT and cryptography."""

from __future__ import annotations

import base64
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import timedelta
from types import ModuleType, SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

import fastpix_async._signing as signing
import fastpix_async.tokens

KEY_ID = "sk-7f3a"
PLAYBACK_ID = "b3c1d2e4-5f60-4a7b-8c9d-0e1f2a3b4c5d"


@pytest.fixture
def tokens() -> ModuleType:
    """The public module (``fastpix_sync.tokens`` re-exports these very functions)."""
    return fastpix_async.tokens


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pkcs8_pem(key: Any) -> bytes:
    pem: bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem


@pytest.fixture(scope="module")
def api_private_key(rsa_key: rsa.RSAPrivateKey) -> str:
    """The private key as ``signing_keys.create`` returns it: base64 of a PKCS#8 PEM."""
    return base64.b64encode(pkcs8_pem(rsa_key)).decode()


def decode(token: str, key: rsa.RSAPrivateKey, audience: str = f"media:{PLAYBACK_ID}") -> Any:
    return jwt.decode(
        token, key.public_key(), algorithms=["RS256"], audience=audience, issuer="fastpix.com"
    )


def test_token_is_the_rs256_jwt_fastpix_expects(
    tokens: ModuleType, rsa_key: rsa.RSAPrivateKey, api_private_key: str
) -> None:
    token = tokens.sign_playback_token(
        PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key, expires_in=600
    )
    assert jwt.get_unverified_header(token) == {"alg": "RS256", "typ": "JWT", "kid": KEY_ID}
    claims = decode(token, rsa_key)
    assert claims["kid"] == KEY_ID
    assert claims["aud"] == f"media:{PLAYBACK_ID}"
    assert claims["iss"] == "fastpix.com" and claims["sub"] == ""
    assert claims["exp"] - claims["iat"] == 600
    assert "groups" not in claims


def test_drm_audience_and_other_playback_ids_are_refused(
    tokens: ModuleType, rsa_key: rsa.RSAPrivateKey, api_private_key: str
) -> None:
    token = tokens.sign_playback_token(
        PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key, audience="drm"
    )
    assert decode(token, rsa_key, audience=f"drm:{PLAYBACK_ID}")["aud"] == f"drm:{PLAYBACK_ID}"
    with pytest.raises(jwt.InvalidAudienceError):
        decode(token, rsa_key)
    media_token = tokens.sign_playback_token(
        PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key
    )
    with pytest.raises(jwt.InvalidAudienceError):
        decode(media_token, rsa_key, audience="media:another-playback-id")
    with pytest.raises(ValueError, match="audience"):
        tokens.sign_playback_token(
            PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key, audience="gif"
        )


def test_an_expired_token_is_rejected(
    tokens: ModuleType,
    rsa_key: rsa.RSAPrivateKey,
    api_private_key: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    two_hours_ago = int(time.time()) - 7200
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: two_hours_ago))
    token = tokens.sign_playback_token(
        PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key, expires_in=timedelta(hours=1)
    )
    with pytest.raises(jwt.ExpiredSignatureError):
        decode(token, rsa_key)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert (claims["iat"], claims["exp"]) == (two_hours_ago, two_hours_ago + 3600)


def test_issuer_subject_groups_and_extra_claims(
    tokens: ModuleType, rsa_key: rsa.RSAPrivateKey, api_private_key: str
) -> None:
    token = tokens.sign_playback_token(
        PLAYBACK_ID,
        key_id=KEY_ID,
        private_key=api_private_key,
        issuer="fastpix.io",
        subject="workspace-1",
        groups=["premium", "eu"],
        extra_claims={"viewer": "u-42"},
    )
    claims = jwt.decode(
        token,
        rsa_key.public_key(),
        algorithms=["RS256"],
        audience=f"media:{PLAYBACK_ID}",
        issuer="fastpix.io",
    )
    assert claims["sub"] == "workspace-1"
    assert claims["groups"] == ["premium", "eu"]
    assert claims["viewer"] == "u-42"


@pytest.mark.parametrize("claim", ["aud", "exp", "kid"])
def test_extra_claims_cannot_override_the_signed_ones(
    tokens: ModuleType, api_private_key: str, claim: str
) -> None:
    with pytest.raises(ValueError, match=claim):
        tokens.sign_playback_token(
            PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key, extra_claims={claim: "x"}
        )


def key_forms(key: rsa.RSAPrivateKey) -> dict[str, Any]:
    pem = pkcs8_pem(key)
    b64 = base64.b64encode(pem)
    pkcs1 = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return {
        "api base64 str": b64.decode(),
        "api base64 bytes": b64,
        "base64 wrapped at 64 columns": "\n".join(textwrap.wrap(b64.decode(), 64)),
        "pem str": pem.decode(),
        "pem bytes": pem,
        "pem with surrounding blank lines": b"\n\n" + pem + b"\n",
        "pkcs1 pem": pkcs1,
        "loaded key": key,
    }


FORMS = [
    "api base64 str",
    "api base64 bytes",
    "base64 wrapped at 64 columns",
    "pem str",
    "pem bytes",
    "pem with surrounding blank lines",
    "pkcs1 pem",
    "loaded key",
]


@pytest.mark.parametrize("form", FORMS)
def test_every_key_form_is_accepted(
    tokens: ModuleType, rsa_key: rsa.RSAPrivateKey, form: str
) -> None:
    token = tokens.sign_playback_token(
        PLAYBACK_ID, key_id=KEY_ID, private_key=key_forms(rsa_key)[form]
    )
    assert decode(token, rsa_key)["aud"] == f"media:{PLAYBACK_ID}"


def bad_keys(key: rsa.RSAPrivateKey) -> list[tuple[str, Any, type[Exception], str]]:
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"passphrase"),
    )
    ec_key = ec.generate_private_key(ec.SECP256R1())
    broken = pkcs8_pem(key).replace(b"M", b"N", 40)
    return [
        ("empty", "", ValueError, "empty"),
        ("not a key", "not a key at all", ValueError, "neither a PEM"),
        ("public key", public_pem, ValueError, "public key"),
        ("public key as base64", base64.b64encode(public_pem).decode(), ValueError, "public"),
        ("encrypted", encrypted, ValueError, "encrypted"),
        ("damaged pem", broken, ValueError, "could not be read"),
        ("ec key", pkcs8_pem(ec_key), ValueError, "RSA"),
        ("loaded ec key", ec_key, ValueError, "RSA"),
        ("non-ascii", "-----BEGIN PRIVATE KEY-----é", ValueError, "non-ASCII"),
        ("a number", 12345, TypeError, "private_key must be"),
    ]


@pytest.mark.parametrize("case", range(10))
def test_bad_keys_give_clear_errors_without_the_key(
    tokens: ModuleType, rsa_key: rsa.RSAPrivateKey, case: int
) -> None:
    name, key, error, message = bad_keys(rsa_key)[case]
    with pytest.raises(error, match=message) as caught:
        tokens.sign_playback_token(PLAYBACK_ID, key_id=KEY_ID, private_key=key)
    body_line = pkcs8_pem(rsa_key).splitlines()[1].decode()
    assert body_line not in str(caught.value), name
    assert caught.value.__cause__ is None or body_line not in str(caught.value.__cause__)


def test_the_parsed_key_is_cached(tokens: ModuleType, api_private_key: str) -> None:
    signing._load_key_material.cache_clear()
    for _ in range(5):
        tokens.sign_playback_token(PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key)
    info = signing._load_key_material.cache_info()
    assert (info.misses, info.hits) == (1, 4)


def test_the_signer_reuses_one_key_and_hides_it(
    tokens: ModuleType, rsa_key: rsa.RSAPrivateKey, api_private_key: str
) -> None:
    signer = tokens.PlaybackTokenSigner(KEY_ID, api_private_key, subject="ws")
    assert decode(signer.sign(PLAYBACK_ID), rsa_key)["sub"] == "ws"
    assert decode(signer.sign("other-id"), rsa_key, audience="media:other-id")
    assert repr(signer) == f"PlaybackTokenSigner(key_id={KEY_ID!r}, issuer='fastpix.com')"
    assert api_private_key[:40] not in repr(signer)


@pytest.mark.parametrize(
    "playback_id, error",
    [
        ("", ValueError),
        ("a/b", ValueError),
        ("a?b", ValueError),
        ("a#b", ValueError),
        ("a b", ValueError),
        ("a%2Fb", ValueError),
        ("..", ValueError),
        (42, TypeError),
    ],
)
def test_playback_ids_must_be_one_path_segment(
    tokens: ModuleType, api_private_key: str, playback_id: Any, error: type[Exception]
) -> None:
    with pytest.raises(error, match="playback_id"):
        tokens.sign_playback_token(playback_id, key_id=KEY_ID, private_key=api_private_key)
    with pytest.raises(error, match="playback_id"):
        tokens.stream_url(playback_id)


@pytest.mark.parametrize(
    "arguments, error, message",
    [
        ({"expires_in": 0}, ValueError, "positive"),
        ({"expires_in": -5}, ValueError, "positive"),
        ({"expires_in": float("nan")}, ValueError, "positive"),
        ({"expires_in": "60"}, TypeError, "expires_in"),
        ({"expires_in": True}, TypeError, "expires_in"),
        ({"key_id": ""}, ValueError, "key_id"),
        ({"groups": "premium"}, TypeError, "groups"),
        ({"groups": ["ok", 3]}, TypeError, "group"),
        ({"extra_claims": ["x"]}, TypeError, "extra_claims"),
    ],
)
def test_bad_arguments_are_refused_before_signing(
    tokens: ModuleType,
    api_private_key: str,
    arguments: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    options: dict[str, Any] = {"key_id": KEY_ID, "private_key": api_private_key, **arguments}
    with pytest.raises(error, match=message):
        tokens.sign_playback_token(PLAYBACK_ID, **options)


@pytest.fixture
def no_caches() -> Iterator[None]:
    signing._jwt.cache_clear()
    signing._load_key_material.cache_clear()
    yield
    signing._jwt.cache_clear()
    signing._load_key_material.cache_clear()


@pytest.mark.usefixtures("no_caches")
@pytest.mark.parametrize("missing", ["jwt", "cryptography.hazmat.primitives.serialization"])
def test_a_missing_extra_names_the_install_command(
    tokens: ModuleType, api_private_key: str, monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # makes `import` raise ImportError
    with pytest.raises(ImportError, match=r'pip install "fastpix-sdk\[tokens\]"'):
        tokens.sign_playback_token(PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key)


def test_importing_the_sdk_does_not_import_jwt_or_cryptography() -> None:
    code = (
        "import sys\n"
        "import fastpix_async, fastpix_sync\n"
        "import fastpix_async.tokens, fastpix_async.webhooks, fastpix_async.playback_urls\n"
        "import fastpix_sync.tokens, fastpix_sync.webhooks, fastpix_sync.playback_urls\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('jwt', 'cryptography')]\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


# --- URLs -------------------------------------------------------------------------


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_public_urls(tokens: ModuleType) -> None:
    pid = PLAYBACK_ID
    assert tokens.stream_url(pid) == f"https://stream.fastpix.com/{pid}.m3u8"
    assert tokens.thumbnail_url(pid) == f"https://images.fastpix.com/{pid}/thumbnail.jpg"
    assert tokens.spritesheet_url(pid) == f"https://images.fastpix.com/{pid}/spritesheet.jpg"
    assert tokens.mp4_url(pid) == f"https://stream.fastpix.com/{pid}/capped-4k.mp4"
    assert tokens.mp4_url(pid, rendition="audio") == f"https://stream.fastpix.com/{pid}/audio.m4a"


def test_thumbnail_options_are_in_the_query(tokens: ModuleType) -> None:
    url = tokens.thumbnail_url(
        PLAYBACK_ID, time=12.5, width=640, height=360, fit_mode="smartcrop", format="webp"
    )
    assert url == (
        f"https://images.fastpix.com/{PLAYBACK_ID}/thumbnail.webp"
        "?time=12.5&width=640&height=360&fit_mode=smartcrop"
    )
    assert tokens.thumbnail_url(PLAYBACK_ID, time=3, format="png").endswith("thumbnail.png?time=3")


@pytest.mark.parametrize(
    "options, error, message",
    [
        ({"width": 0}, ValueError, "width"),
        ({"height": -10}, ValueError, "height"),
        ({"width": 10.5}, TypeError, "width"),
        ({"width": True}, TypeError, "width"),
        ({"time": -1}, ValueError, "time"),
        ({"time": float("inf")}, ValueError, "time"),
        ({"time": "5"}, TypeError, "time"),
        ({"fit_mode": "cover"}, ValueError, "fit_mode"),
        ({"format": "gif"}, ValueError, "format"),
        ({"host": "images.example.com/path"}, ValueError, "host"),
        ({"host": "ftp://images.example.com"}, ValueError, "host"),
        ({"host": "user@images.example.com"}, ValueError, "host"),
        ({"host": ""}, ValueError, "host"),
    ],
)
def test_bad_thumbnail_options_raise(
    tokens: ModuleType, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        tokens.thumbnail_url(PLAYBACK_ID, **options)


def test_mp4_rendition_is_checked(tokens: ModuleType) -> None:
    with pytest.raises(ValueError, match="rendition"):
        tokens.mp4_url(PLAYBACK_ID, rendition="1080p")


def test_hosts_are_configurable(tokens: ModuleType) -> None:
    assert tokens.stream_url("p1", host="stream.fastpix.io") == "https://stream.fastpix.io/p1.m3u8"
    assert (
        tokens.spritesheet_url("p1", host="http://127.0.0.1:8080/")
        == "http://127.0.0.1:8080/p1/spritesheet.jpg"
    )


def test_a_given_token_is_appended(tokens: ModuleType) -> None:
    url = tokens.stream_url(PLAYBACK_ID, token="eyJ.abc.def")
    assert url == f"https://stream.fastpix.com/{PLAYBACK_ID}.m3u8?token=eyJ.abc.def"
    thumb = tokens.thumbnail_url(PLAYBACK_ID, width=100, token="eyJ.abc.def")
    assert thumb.endswith("?width=100&token=eyJ.abc.def")


@pytest.mark.parametrize("builder", ["stream_url", "thumbnail_url", "spritesheet_url", "mp4_url"])
def test_urls_sign_a_token_for_their_playback_id(
    tokens: ModuleType, rsa_key: rsa.RSAPrivateKey, api_private_key: str, builder: str
) -> None:
    url = getattr(tokens, builder)(
        PLAYBACK_ID, key_id=KEY_ID, private_key=api_private_key, expires_in=120
    )
    (token,) = query_of(url)["token"]
    claims = decode(token, rsa_key)
    assert claims["exp"] - claims["iat"] == 120
    assert jwt.get_unverified_header(token)["kid"] == KEY_ID


@pytest.mark.parametrize(
    "options, message",
    [
        ({"token": "t", "key_id": KEY_ID}, "not both"),
        ({"key_id": KEY_ID}, "both key_id and private_key"),
        ({"private_key": "x"}, "both key_id and private_key"),
        ({"token": ""}, "token"),
    ],
)
def test_token_arguments_are_consistent(
    tokens: ModuleType, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        tokens.stream_url(PLAYBACK_ID, **options)
