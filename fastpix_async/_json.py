"""JSON in and out: orjson when it is installed (the ``speedups`` extra), else the stdlib.

What a user gets never depends on the extra. orjson refuses a few documents the
standard library reads (``NaN``, lone surrogates, UTF-16) and reads integers beyond
64 bits as floats; such documents go to the standard library, so every document gives
the same values either way (``tests/test_json.py`` checks it on generated documents).
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps", "loads"]


def _orjson() -> Any:
    try:
        import orjson
    except ImportError:  # the standard library alone
        return None
    return orjson


orjson = _orjson()

# orjson reads an integer outside [-2**63, 2**64) as a float; the stdlib keeps it exact.
# Such an integer is a run of 20 characters of digits (or a minus sign and 19 digits).
# Mapping digits and "-" to "0" and the rest to " " finds one with a single fast
# substring search (a regex is ~20x slower); a long run inside a string or a float
# merely takes the standard library's path.
_DIGITS = bytes(0x30 if chr(i) in "0123456789-" else 0x20 for i in range(256))
_LONG_NUMBER = b"0" * 20


def _orjson_reads_exactly(data: bytes) -> bool:
    return _LONG_NUMBER not in data.translate(_DIGITS)


def loads(data: bytes | str) -> Any:
    """The value of a JSON document; ``ValueError`` when it is not one."""
    if orjson is not None and isinstance(data, bytes) and _orjson_reads_exactly(data):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # not JSON, or JSON orjson refuses: the standard library decides
    return json.loads(data)


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON, as request bodies are sent."""
    if orjson is not None:
        try:
            encoded: bytes = orjson.dumps(value)
            return encoded
        except orjson.JSONEncodeError:
            pass  # e.g. an int beyond 64 bits: the standard library writes it
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
