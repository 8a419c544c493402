"""How a model's fields meet JSON: their keys, and the union shapes read specially.

Both readers of responses use these: the cattrs converter (``_serde``) and the compiled
fast path (``_fastpath``), which must agree with it. A leaf, so neither imports the other
for them.
"""

from __future__ import annotations

import enum
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, Union

import attrs

# From 3.11 ``datetime.fromisoformat`` reads "Z" and fractions longer than microseconds.
FROMISOFORMAT_READS_Z = sys.version_info >= (3, 11)


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


#: The attribute of every model (``models/base.py``) holding the keys of a JSON object
#: that no field reads. It has no key of its own: both readers fill it, both writers
#: write its entries back. While its slot is unset, a model reads it as empty: the
#: compiled reader sets it only when there are some.
UNKNOWN_FIELDS = "unknown_fields"

#: How a field is spelled in JSON: the API's key, or (``snake_case=True`` in
#: ``to_dict``/``from_dict``) the attribute's name.
KeyOf = Callable[["attrs.Attribute[Any]"], str]


def json_key(field: attrs.Attribute[Any]) -> str:
    key = field.metadata.get("key")
    return key if isinstance(key, str) else camel_case(field.name)


#: Field metadata of a duration in seconds (``float | None``) that the contract writes
#: as clock text (``"00:01:30.5"``): only such a field reads that text; any other float
#: field refuses it.
CLOCK = "clock"


def reads_clock(field: attrs.Attribute[Any]) -> bool:
    return field.metadata.get(CLOCK) is True


def read_float(value: Any, _: Any) -> float:
    """A float field's value: a number, or a number sent as text (``"90.5"``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"not a number: {value!r}")
    return float(value)


def read_duration(value: Any, _: Any) -> float:
    """A duration field's seconds (``metadata={"clock": True}``): what :func:`read_float`
    reads, or the clock text the contract writes (``"00:01:30.5"``)."""
    if value.__class__ is str and ":" in value:
        return clock_seconds(value)
    return read_float(value, float)


def clock_seconds(text: str) -> float:
    """Seconds in a clock reading: ``"00:01:30.5"`` → ``90.5`` (also ``"MM:SS"``).

    Raises:
        ValueError: ``text`` is no ``[HH:]MM:SS[.fraction]`` reading.
    """
    parts = text.strip().split(":")
    *whole, last = parts
    seconds = last.split(".", 1)
    if (
        not 2 <= len(parts) <= 3
        or not all(p.isascii() and p.isdigit() for p in [*whole, *seconds])
        or any(int(p) >= 60 for p in [*whole[1:], seconds[0]])
    ):
        raise ValueError(f"not a duration: {text!r}")
    minutes = 0
    for part in whole:
        minutes = minutes * 60 + int(part)
    return minutes * 60 + float(last)


def attribute_key(field: attrs.Attribute[Any]) -> str:
    return field.name


def keyed_fields(cls: type, key: KeyOf) -> list[tuple[attrs.Attribute[Any], str]]:
    """``cls``'s fields read from JSON, each with its key (``unknown_fields`` has none)."""
    return [(f, key(f)) for f in attrs.fields(cls) if f.name != UNKNOWN_FIELDS]


def keeps_unknown_fields(cls: type) -> bool:
    return any(f.name == UNKNOWN_FIELDS for f in attrs.fields(cls))


def unknown_entries(data: dict[str, Any], known: frozenset[str]) -> dict[str, Any] | None:
    """The entries of ``data`` whose key is not ``known``, in ``data``'s order; ``None``
    when there are none. Both readers fill ``unknown_fields`` with it."""
    if data.keys() <= known:  # a pass in C (for an object with a null, say)
        return None
    return {key: value for key, value in data.items() if key not in known}


def union_args(tp: Any) -> tuple[Any, ...] | None:
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return typing.get_args(tp)
    return None


def open_enum_of(tp: Any) -> type[enum.Enum] | None:
    """``SomeEnum`` of an open enum ``SomeEnum | str`` (known values become members)."""
    args = union_args(tp)
    if not args or str not in args:
        return None
    enums = [a for a in args if isinstance(a, type) and issubclass(a, enum.Enum)]
    return enums[0] if len(enums) == 1 else None


def enum_members(enum_cls: type[enum.Enum]) -> dict[str, enum.Enum]:
    """An open enum's members by lower-cased value: how a response's text is matched."""
    return {str(member.value).lower(): member for member in enum_cls}


def enum_members_exact(enum_cls: type[enum.Enum]) -> dict[str, enum.Enum]:
    """:func:`enum_members` plus each member's value as spelled: text the API sends in
    the enum's own case is found without lower-casing it (the compiled reader's first try)."""
    members = enum_members(enum_cls)  # (each text maps to what its lower case maps to)
    return {**members, **{str(m.value): members[str(m.value).lower()] for m in enum_cls}}


def is_plain_union(tp: Any) -> bool:
    """A union of JSON-native shapes (``str | float``, ``str | list[...]``): kept as sent."""
    args = union_args(tp)
    if not args or open_enum_of(tp) is not None:
        return False
    if len([a for a in args if a is not type(None)]) < 2:
        return False  # plain Optional[X]: cattrs reads X with X's own hook
    return all(
        a in (str, int, float, bool, type(None)) or typing.get_origin(a) in (list, dict)
        for a in args
    )


def plain_union_kinds(tp: Any) -> tuple[type, ...]:
    """The classes a plain union keeps as sent (``list[Any]`` → ``list``)."""
    kinds = tuple(typing.get_origin(a) or a for a in union_args(tp) or ())
    if float in kinds:
        kinds += (int,)  # a JSON number without a fraction is still a number
    return kinds
