"""Signing playback tokens: keys, claims and the RS256 JWT (public in :mod:`.tokens`).

A leaf: :mod:`.tokens` re-exports the URL builders of :mod:`.playback_urls`, which sign
with this, so the signing can live in neither of them.
"""

from __future__ import annotations

import base64
import binascii
import functools
import math
import re
import time
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from jwt import PyJWT

#: A signing key's private half: the base64 PEM ``signing_keys.create`` returns, a PEM
#: (text or bytes), or a key loaded with ``cryptography``.
PrivateKey: TypeAlias = "str | bytes | RSAPrivateKey"
Audience: TypeAlias = Literal["media", "drm"]
Duration: TypeAlias = "int | float | timedelta"

DEFAULT_EXPIRES_IN = 3600
DEFAULT_ISSUER = "fastpix.com"

_AUDIENCES = ("media", "drm")
_INSTALL_HINT = 'playback tokens need PyJWT and cryptography: pip install "fastpix-sdk[tokens]"'
_RESERVED_CLAIMS = frozenset({"kid", "aud", "iss", "sub", "iat", "exp", "groups"})
_KEY_CACHE_SIZE = 32


@functools.cache
def _jwt() -> PyJWT:
    """One PyJWT instance: building one sets up every algorithm, too slow per token."""
    try:
        import jwt
    except ImportError as exc:
        raise ImportError(_INSTALL_HINT, name=exc.name) from exc
    return jwt.PyJWT()


# --- arguments ----------------------------------------------------------------

# One path segment of unreserved characters: no '/', '?', '#', '%', spaces.
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")


def check_playback_id(playback_id: object) -> str:
    """``playback_id`` if it is one URL path segment, else a TypeError/ValueError."""
    if not isinstance(playback_id, str):
        raise TypeError(f"playback_id must be a str, got {type(playback_id).__name__}")
    if not _SEGMENT.fullmatch(playback_id) or playback_id in (".", ".."):
        raise ValueError(
            f"playback_id must be one URL path segment (letters, digits, '-', '_', '.', '~'), "
            f"got {playback_id!r}"
        )
    return playback_id


def check_text(name: str, value: object, *, allow_empty: bool = False) -> str:
    """``value`` if it is a (non-empty, unless allowed) str, else a TypeError/ValueError."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value and not allow_empty:
        raise ValueError(f"{name} must not be empty")
    return value


# --- keys ---------------------------------------------------------------------


def _pem_of(material: str | bytes) -> bytes:
    """The PEM in a key given as PEM or as the base64 of a PEM (how the API returns it)."""
    if isinstance(material, str):
        try:
            material = material.encode("ascii")
        except UnicodeEncodeError:
            raise ValueError("private_key is not a PEM key: it has non-ASCII characters") from None
    material = material.strip()
    if material.startswith(b"-----BEGIN"):
        return material
    try:
        decoded = base64.b64decode(b"".join(material.split()), validate=True).strip()
    except (binascii.Error, ValueError):
        decoded = b""
    if not decoded.startswith(b"-----BEGIN"):
        raise ValueError(
            "private_key is neither a PEM private key nor the base64 of one "
            "(the form signing_keys.create returns)"
        )
    return decoded


@functools.lru_cache(maxsize=_KEY_CACHE_SIZE)
def _load_key_material(material: str | bytes) -> RSAPrivateKey:
    pem = _pem_of(material)
    if b"PUBLIC KEY-----" in pem.split(b"\n", 1)[0]:
        raise ValueError("private_key is a public key: signing needs the private key")
    try:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key
    except ImportError as exc:
        raise ImportError(_INSTALL_HINT, name=exc.name) from exc
    try:
        key = load_pem_private_key(pem, password=None)
    except TypeError:
        raise ValueError("private_key is encrypted: decrypt it before signing") from None
    except ValueError:
        # cryptography's reason is generic; the key's bytes are never put in the message.
        raise ValueError("private_key could not be read as a PEM private key") from None
    return _require_rsa(key)


def _require_rsa(key: object) -> RSAPrivateKey:
    try:
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    except ImportError as exc:
        raise ImportError(_INSTALL_HINT, name=exc.name) from exc
    if isinstance(key, RSAPrivateKey):
        return key
    if hasattr(key, "private_bytes"):  # another kind of cryptography private key
        raise ValueError(f"FastPix signing keys are RSA private keys, got {type(key).__name__}")
    raise TypeError(
        "private_key must be a PEM or base64 PEM (str or bytes) or an RSA private key, "
        f"got {type(key).__name__}"
    )


def _load_private_key(private_key: PrivateKey) -> RSAPrivateKey:
    """The RSA key in any accepted form, parsed once per distinct key material."""
    if isinstance(private_key, (str, bytes)):
        if not private_key.strip():
            raise ValueError("private_key is empty")
        return _load_key_material(private_key)
    if isinstance(private_key, (bytearray, memoryview)):
        return _load_key_material(bytes(private_key))
    return _require_rsa(private_key)


# --- claims ---------------------------------------------------------------------


def _seconds(expires_in: Duration) -> int:
    if isinstance(expires_in, timedelta):
        seconds = expires_in.total_seconds()
    elif isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool):
        seconds = float(expires_in)
    else:
        raise TypeError(
            f"expires_in must be seconds or a timedelta, got {type(expires_in).__name__}"
        )
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"expires_in must be a positive duration, got {expires_in!r}")
    return math.ceil(seconds)


def _check_groups(groups: Sequence[str] | None) -> list[str] | None:
    if groups is None:
        return None
    if isinstance(groups, (str, bytes)) or not isinstance(groups, Sequence):
        raise TypeError("groups must be a list of str")
    return [check_text("each group", group) for group in groups]


def _check_extra_claims(extra_claims: Mapping[str, Any] | None) -> dict[str, Any]:
    if extra_claims is None:
        return {}
    if not isinstance(extra_claims, Mapping):
        raise TypeError("extra_claims must be a mapping of claim name to value")
    clashing = sorted(_RESERVED_CLAIMS.intersection(extra_claims))
    if clashing:
        raise ValueError(
            f"extra_claims can't set {', '.join(clashing)}: use the keyword arguments instead"
        )
    return dict(extra_claims)


class PlaybackTokenSigner:
    """Signs playback tokens with one signing key; keep one to sign many tokens fast.

    ``key_id`` is the signing key's id and ``private_key`` its private half in any
    accepted form (see :data:`PrivateKey`). The key never appears in a repr.
    """

    __slots__ = ("_headers", "_jwt", "_key", "issuer", "key_id", "subject")

    def __init__(
        self,
        key_id: str,
        private_key: PrivateKey,
        *,
        issuer: str = DEFAULT_ISSUER,
        subject: str = "",
    ) -> None:
        self.key_id: str = check_text("key_id", key_id)
        self.issuer: str = check_text("issuer", issuer)
        self.subject: str = check_text("subject", subject, allow_empty=True)
        self._key = _load_private_key(private_key)
        self._jwt = _jwt()
        self._headers = {"kid": self.key_id}

    def __repr__(self) -> str:
        return f"PlaybackTokenSigner(key_id={self.key_id!r}, issuer={self.issuer!r})"

    def sign(
        self,
        playback_id: str,
        *,
        expires_in: Duration = DEFAULT_EXPIRES_IN,
        audience: Audience = "media",
        groups: Sequence[str] | None = None,
        extra_claims: Mapping[str, Any] | None = None,
    ) -> str:
        """A token for ``playback_id``, valid for ``expires_in`` (seconds or a timedelta)."""
        playback_id = check_playback_id(playback_id)
        if audience not in _AUDIENCES:
            raise ValueError(f"audience must be 'media' or 'drm', got {audience!r}")
        claims = _check_extra_claims(extra_claims)
        issued_at = int(time.time())
        claims.update(
            kid=self.key_id,
            aud=f"{audience}:{playback_id}",
            iss=self.issuer,
            sub=self.subject,
            iat=issued_at,
            exp=issued_at + _seconds(expires_in),
        )
        checked_groups = _check_groups(groups)
        if checked_groups is not None:
            claims["groups"] = checked_groups
        return self._jwt.encode(claims, self._key, algorithm="RS256", headers=self._headers)


def sign_playback_token(
    playback_id: str,
    *,
    key_id: str,
    private_key: PrivateKey,
    expires_in: Duration = DEFAULT_EXPIRES_IN,
    audience: Audience = "media",
    issuer: str = DEFAULT_ISSUER,
    subject: str = "",
    groups: Sequence[str] | None = None,
    extra_claims: Mapping[str, Any] | None = None,
) -> str:
    """An RS256 playback token for a private (``audience="media"``) or DRM playback ID.

    ``private_key`` is the signing key's private half as ``signing_keys.create`` returned
    it (base64 of a PEM), a PEM, or a loaded key; it is parsed once and cached.
    ``expires_in`` is seconds or a timedelta (default one hour). ``extra_claims`` adds
    claims of your own; it can't override the ones set here.
    """
    signer = PlaybackTokenSigner(key_id, private_key, issuer=issuer, subject=subject)
    return signer.sign(
        playback_id,
        expires_in=expires_in,
        audience=audience,
        groups=groups,
        extra_claims=extra_claims,
    )
