"""The one cattrs converter: API JSON ⇄ attrs models.

Attribute names are snake_case; the API's keys are camelCase. The key of each
attribute is derived (``media_id`` → ``mediaId``) unless the field says otherwise
with ``metadata={"key": "..."}``. Reading is forgiving (unknown keys ignored,
unknown enum values kept as strings, numbers sent as strings accepted); writing
is strict and omits ``None``.

cattrs is imported and the converter built on first use (:func:`get_converter`), so
importing the SDK doesn't pay for them; ``converter`` is still a module attribute.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._shapes import (
    FROMISOFORMAT_READS_Z,
    enum_members,
    is_plain_union,
    json_key,
    open_enum_of,
    plain_union_kinds,
    union_args,
)

if TYPE_CHECKING:
    from cattrs import Converter

T = TypeVar("T")

# --- forgiving scalars -------------------------------------------------------

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    raise ValueError(f"not a boolean: {value!r}")


def _structure_str(value: Any, _: Any) -> str:
    # An integer where the contract says string (error codes, ids) is kept as text;
    # an object or list is not text and must not be silently stringified.
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"not a string: {value!r}")


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return int(float(value)) if "." in value else int(value)
    raise ValueError(f"not an integer: {value!r}")


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"not a number: {value!r}")
    return float(value)


def parse_datetime(value: Any) -> datetime:
    """ISO-8601 with ``Z`` and up to nanosecond fractions, or epoch seconds/milliseconds."""
    if FROMISOFORMAT_READS_Z and value.__class__ is str:
        # The common case in one C call; other spellings take the general path below.
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return _parse_any_datetime(value)


def _parse_any_datetime(value: Any) -> datetime:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    if not isinstance(value, str):
        raise ValueError(f"not a timestamp: {value!r}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    dot = text.find(".")
    if dot != -1:
        # Python reads at most microseconds: trim longer fractions (the API sends nanoseconds).
        end = dot + 1
        while end < len(text) and text[end].isdigit():
            end += 1
        text = text[: dot + 1] + text[dot + 1 : end][:6].ljust(6, "0") + text[end:]
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _structure_datetime(value: Any, _: Any) -> datetime:
    return parse_datetime(value)


def _format_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    text = value.astimezone(timezone.utc).isoformat()
    return text.replace("+00:00", "Z")


# --- unions: open enums and values whose type drifts -------------------------


def _make_open_enum_hook(tp: Any) -> Any:
    """``SomeEnum | str``: a known value (in any case) becomes the member, others stay text."""
    enum_cls = open_enum_of(tp)
    assert enum_cls is not None
    members = enum_members(enum_cls)
    nullable = type(None) in (union_args(tp) or ())

    def structure(value: Any, _: Any) -> Any:
        if value is None and nullable:
            return None
        text = _structure_str(value, str)
        return members.get(text.lower(), text)

    return structure


def _make_plain_union_hook(tp: Any) -> Any:
    kinds = plain_union_kinds(tp)
    described = " | ".join(getattr(a, "__name__", str(a)) for a in kinds)

    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds):
            return value
        raise ValueError(f"expected {described}, got {value!r}")

    return structure


# --- the converter, built on first use ------------------------------------------

_converter: Converter | None = None


def get_converter() -> Converter:
    """The converter with every hook above registered (built once, on the first call)."""
    global _converter
    if _converter is None:
        _converter = _build_converter()
    return _converter


def __getattr__(name: str) -> Any:
    if name == "converter":
        return get_converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _build_converter() -> Converter:
    from cattrs import Converter
    from cattrs.cols import list_structure_factory
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    converter = Converter()

    def structure_attrs(cls: type) -> Any:
        renames: dict[str, Any] = {  # Any: cattrs types **overrides loosely
            f.name: override(rename=json_key(f)) for f in attrs.fields(cls) if json_key(f) != f.name
        }
        return _only(dict, "an object", make_dict_structure_fn(cls, converter, **renames))

    def structure_list(tp: Any) -> Any:
        return _only(list, "a list", list_structure_factory(tp, converter))

    def unstructure_attrs(cls: type) -> Any:
        # A field whose default is None is left out while it is None; fields with a
        # real default (an input's ``type``) are always written.
        overrides: dict[str, Any] = {
            f.name: override(rename=json_key(f), omit_if_default=f.default is None)
            for f in attrs.fields(cls)
        }
        return make_dict_unstructure_fn(cls, converter, **overrides)

    converter.register_structure_hook_factory(attrs.has, structure_attrs)
    converter.register_structure_hook_factory(_is_list, structure_list)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_attrs)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_unstructure_hook(datetime, _format_datetime)
    converter.register_unstructure_hook(timedelta, lambda v: v.total_seconds())
    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda v: v.value
    )
    converter.register_structure_hook_factory(
        lambda t: open_enum_of(t) is not None, _make_open_enum_hook
    )
    converter.register_structure_hook_factory(is_plain_union, _make_plain_union_hook)
    return converter


def _is_list(tp: Any) -> bool:
    origin: Any = typing.get_origin(tp)
    return origin is list


def _only(json_type: type, what: str, hook: Callable[[Any, Any], Any]) -> Any:
    """``hook``, refusing values that aren't ``json_type``: cattrs would otherwise read a
    string as a list of characters, or any string as a model with every field absent."""

    def structure(value: Any, tp: Any) -> Any:
        if value.__class__ is not json_type:
            raise TypeError(f"expected {what}, got {type(value).__name__}")
        return hook(value, tp)

    return structure


# Compiled fast paths by type, built on first use (see _fastpath.py).
_compiled: dict[Any, Callable[[Any], Any]] = {}


def structure(data: Any, cls: type[T]) -> T:
    """``data`` (parsed JSON) as ``cls``; on bad data, cattrs' detailed validation error."""
    try:
        fast = _compiled.get(cls)
    except TypeError:  # an unhashable type form: no cache entry, cattrs alone reads it
        fast = _cattrs_only
    if fast is None:
        from ._fastpath import compile_structure  # the compiler is only needed once per type

        fast = _compiled[cls] = compile_structure(get_converter(), cls)
    try:
        result: T = fast(data)
        return result
    except Exception:  # cattrs re-reads it below and names what is wrong
        pass
    # Outside the handler, so the error raised carries no unrelated exception context.
    return get_converter().structure(data, cls)


def _cattrs_only(data: Any) -> Any:
    raise NotImplementedError


def unstructure(value: Any) -> Any:
    return get_converter().unstructure(value)
