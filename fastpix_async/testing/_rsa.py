"""RSA key pairs for the emulator's signing keys, with or without ``cryptography``.

``cryptography`` makes them when it is installed. Without it (a plain install) a small
pure-Python generator does: random primes by Miller-Rabin, the standard PKCS#8 and
SubjectPublicKeyInfo DER structures, PEM-encoded as the API hands keys out. The keys are
for tests against the emulator only; nothing here is meant to guard a secret.
"""

from __future__ import annotations

import base64
import math
import secrets

KEY_BITS = 2048
PUBLIC_EXPONENT = 65537
_RSA_ALGORITHM = bytes.fromhex("300d06092a864886f70d0101010500")  # rsaEncryption, NULL
_SMALL_PRIMES = [n for n in range(3, 2000, 2) if all(n % d for d in range(3, math.isqrt(n) + 1, 2))]


def new_key_pair() -> tuple[bytes, bytes]:
    """(private PKCS#8 PEM, public SubjectPublicKeyInfo PEM) of a new RSA 2048 key."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
    except ImportError:
        return pure_python_key_pair()
    key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, public_pem


def pure_python_key_pair(bits: int = KEY_BITS) -> tuple[bytes, bytes]:
    """The same as :func:`new_key_pair`, computed with the standard library alone."""
    e = PUBLIC_EXPONENT
    while True:
        p, q = _prime(bits // 2), _prime(bits - bits // 2)
        n = p * q
        if p != q and n.bit_length() == bits and math.gcd(e, (p - 1) * (q - 1)) == 1:
            break
    d = pow(e, -1, math.lcm(p - 1, q - 1))
    private_key = _sequence(
        *map(_integer, (0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)))
    )
    private_info = _sequence(_integer(0), _RSA_ALGORITHM, _der(0x04, private_key))
    public_key = _sequence(_integer(n), _integer(e))
    public_info = _sequence(_RSA_ALGORITHM, _der(0x03, b"\x00" + public_key))
    return _pem("PRIVATE KEY", private_info), _pem("PUBLIC KEY", public_info)


def _prime(bits: int) -> int:
    while True:
        # top two bits set, so two such primes make a modulus of exactly 2 * bits
        candidate = secrets.randbits(bits) | (0b11 << (bits - 2)) | 1
        if all(candidate % small for small in _SMALL_PRIMES) and _probably_prime(candidate):
            return candidate


def _probably_prime(n: int, rounds: int = 40) -> bool:
    """Miller-Rabin with random bases: wrong with chance below 4**-rounds."""
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def _integer(value: int) -> bytes:
    # big-endian two's complement: one spare bit keeps a positive number positive
    return _der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def _sequence(*items: bytes) -> bytes:
    return _der(0x30, b"".join(items))


def _pem(label: str, der: bytes) -> bytes:
    text = base64.b64encode(der).decode("ascii")
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----", ""]).encode()
