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
from typing import Any, Union

import attrs

# From 3.11 ``datetime.fromisoformat`` reads "Z" and fractions longer than microseconds.
FROMISOFORMAT_READS_Z = sys.version_info >= (3, 11)


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def json_key(field: attrs.Attribute[Any]) -> str:
    key = field.metadata.get("key")
    return key if isinstance(key, str) else camel_case(field.name)


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
