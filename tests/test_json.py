"""JSON with and without the ``speedups`` extra: users get the same values either way.

The suite runs with orjson installed; ``.ci/run`` runs the request-path and model tests
again with it hidden (``FASTPIX_HIDE_ORJSON=1``, see ``tests/conftest.py``).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fastpix_async import _json

orjson = pytest.importorskip("orjson") if _json.orjson is not None else None

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)  # past 64 bits: orjson refuses
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
# Documents the standard library reads and orjson does not.
ODD_DOCUMENTS = [
    b'{"duration": NaN}',
    b'{"n": Infinity}',
    b'{"big": 123456789012345678901234567890}',
    b'{"text": "\\ud800"}',
    '{"utf16": true}'.encode("utf-16"),
]


def _same(left: Any, right: Any) -> bool:
    """Equal, and NaN where the other has NaN (NaN != NaN)."""
    if isinstance(left, float) and math.isnan(left):
        return isinstance(right, float) and math.isnan(right)
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    return type(left) is type(right) and left == right


@pytest.mark.skipif(_json.orjson is None, reason="orjson is hidden in this run")
@given(VALUES)
def test_every_document_reads_the_same_with_orjson_and_without(value: Any) -> None:
    document = json.dumps(value).encode()
    assert _same(_json.loads(document), json.loads(document))


@pytest.mark.parametrize("document", ODD_DOCUMENTS)
def test_documents_orjson_refuses_are_still_read_as_the_stdlib_reads_them(
    document: bytes,
) -> None:
    assert _same(_json.loads(document), json.loads(document))


@pytest.mark.parametrize("document", [b"", b"{", b"<html>502</html>", b"\xff\xfe{"])
def test_what_is_not_json_raises_value_error(document: bytes) -> None:
    with pytest.raises(ValueError):
        _json.loads(document)


@given(VALUES)
def test_request_bodies_carry_the_same_values_either_way(value: Any) -> None:
    encoded = _json.dumps(value)
    assert isinstance(encoded, bytes)
    assert _same(json.loads(encoded), value)


def test_orjson_is_used_exactly_when_it_is_installed_and_not_hidden() -> None:
    hidden = os.environ.get("FASTPIX_HIDE_ORJSON") == "1"
    try:
        import orjson as installed
    except ImportError:
        installed = None
    assert _json.orjson is (None if hidden else installed)


def test_the_stdlib_path_works_when_orjson_cannot_be_imported() -> None:
    code = (
        "import sys; sys.modules['orjson'] = None\n"  # import orjson now raises ImportError
        "from fastpix_async import _json\n"
        "assert _json.orjson is None\n"
        "print(_json.dumps({'title': 'café', 'n': 1}).decode(), _json.loads(b'[1.5]'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == '{"title":"café","n":1} [1.5]'
