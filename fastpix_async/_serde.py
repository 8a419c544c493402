"""The one cattrs converter: API JSON ⇄ attrs models.

Attribute names are snake_case; the API's keys are camelCase. The key of each
attribute is derived (``media_id`` → ``mediaId``) unless the field says otherwise
with ``metadata={"key": "..."}``. Reading is forgiving (unknown keys kept in the
model's ``unknown_fields``, unknown enum values kept as strings, numbers sent as
strings accepted); writing is strict and omits ``None``.

A second converter, built only if ``to_dict(snake_case=True)`` or
``from_dict(..., snake_case=True)`` is used, is the same with the attribute names as keys.

cattrs is imported and the converter built on first use (:func:`get_converter`), so
importing the SDK doesn't pay for them; ``converter`` is still a module attribute.
"""

from __future__ import annotations

import enum
import sys
import typing
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._shapes import (
    FROMISOFORMAT_READS_Z,
    UNKNOWN_FIELDS,
    KeyOf,
    attribute_key,
    enum_members,
    is_plain_union,
    json_key,
    keeps_unknown_fields,
    keyed_fields,
    open_enum_of,
    plain_union_kinds,
    read_duration,
    read_float,
    reads_clock,
    union_args,
    unknown_entries,
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


def _structure_optional_duration(value: Any, _: Any) -> float | None:
    return None if value is None else read_duration(value, float)


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


# --- the live API's shapes beside the contract's (issue 14) -------------------------
# Where the live API answers a field in another shape than the contract (the YAML),
# the model reads both and holds one type. A duration in seconds is a float either way
# (its field's ``metadata={"clock": True}``: ``_shapes.read_duration`` reads the
# contract's clock text). The rest is here.


def _media_model(name: str) -> Any:
    # The models' module only once a program has loaded it: before that, no type asked
    # for can be one of its classes (and building the converter loads no model).
    module = sys.modules.get("fastpix_async.models.media")
    return getattr(module, name, None)


def _is_mp4_setting(tp: Any) -> bool:
    """``Mp4Support | str`` (``| None``): the ``mp4Support`` setting of a media."""
    setting = _media_model("Mp4Support")
    args = union_args(tp)
    return setting is not None and args is not None and set(args) - _NONE == {setting, str}


def _is_mp4_renditions(tp: Any) -> bool:
    """``list[Mp4Rendition]``: the ``mp4Support`` renditions of a media."""
    rendition = _media_model("Mp4Rendition")
    return rendition is not None and _is_list(tp) and typing.get_args(tp) == (rendition,)


_NONE = {type(None)}


def _register_live_shapes(converter: Converter) -> None:
    """Hooks for the fields whose one JSON key the live API and the contract fill with
    different shapes (registered last: they take precedence over the general ones)."""

    # ``mp4Support``: the setting's text (contract) or the list of renditions (live).
    # ``Media.mp4_support`` and ``Media.mp4_renditions`` both read the key: a list is
    # the renditions' (the setting is None), anything else the setting's (the
    # renditions are None). So each shape is checked, and refused, by one field.
    def mp4_setting(tp: Any) -> Any:
        read_setting = _make_open_enum_hook(tp)

        def structure(value: Any, _: Any) -> Any:
            return None if value.__class__ is list else read_setting(value, tp)

        return structure

    def mp4_renditions(tp: Any) -> Any:
        from cattrs.cols import list_structure_factory

        read_renditions = list_structure_factory(tp, converter)

        def structure(value: Any, _: Any) -> Any:
            return read_renditions(value, tp) if value.__class__ is list else None

        return structure

    converter.register_structure_hook_factory(_is_mp4_setting, mp4_setting)
    converter.register_structure_hook_factory(_is_mp4_renditions, mp4_renditions)


# --- the converter, built on first use ------------------------------------------

_converters: dict[bool, Converter] = {}  # by snake_case


def get_converter(snake_case: bool = False) -> Converter:
    """The converter with every hook above registered (built once, on the first call).

    ``snake_case=True``: the one whose JSON keys are the attribute names.
    """
    converter = _converters.get(snake_case)
    if converter is None:
        key = attribute_key if snake_case else json_key
        converter = _converters[snake_case] = _build_converter(key)
    return converter


def __getattr__(name: str) -> Any:
    if name == "converter":
        return get_converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _build_converter(key: KeyOf) -> Converter:
    from cattrs import Converter
    from cattrs.cols import list_structure_factory
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    converter = Converter()

    def structure_attrs(cls: type) -> Any:
        attrs.resolve_types(cls)  # (a duration's nullability is read off its type below)
        keyed = keyed_fields(cls, key)
        overrides: dict[str, Any] = {  # Any: cattrs types **overrides loosely
            f.name: override(rename=k) for f, k in keyed if k != f.name
        }
        for f, k in keyed:
            if reads_clock(f):
                nullable = type(None) in (union_args(f.type) or ())
                clock = _structure_optional_duration if nullable else read_duration
                overrides[f.name] = override(rename=k, struct_hook=clock)
        if not keeps_unknown_fields(cls):
            return _only(dict, "an object", make_dict_structure_fn(cls, converter, **overrides))
        overrides[UNKNOWN_FIELDS] = override(omit=True)
        read: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter, **overrides)
        known = frozenset(k for _, k in keyed)

        def read_keeping_unknown(value: dict[str, Any], tp: Any) -> Any:
            model = read(value, tp)
            unknown = unknown_entries(value, known)
            if unknown is not None:
                object.__setattr__(model, UNKNOWN_FIELDS, unknown)  # (a frozen model)
            return model

        return _only(dict, "an object", read_keeping_unknown)

    def structure_list(tp: Any) -> Any:
        return _only(list, "a list", list_structure_factory(tp, converter))

    def unstructure_attrs(cls: type) -> Any:
        # A field whose default is None is left out while it is None; fields with a
        # real default (an input's ``type``) are always written.
        attrs.resolve_types(cls)  # (else a union field written as its annotation's text)
        keyed = keyed_fields(cls, key)
        overrides: dict[str, Any] = {
            f.name: override(rename=k, omit_if_default=f.default is None) for f, k in keyed
        }
        if not keeps_unknown_fields(cls):
            return make_dict_unstructure_fn(cls, converter, **overrides)
        overrides[UNKNOWN_FIELDS] = override(omit=True)
        write: Callable[[Any], Any] = make_dict_unstructure_fn(cls, converter, **overrides)
        known = frozenset(k for _, k in keyed)

        def write_with_unknown(model: Any) -> dict[str, Any]:
            data: dict[str, Any] = write(model)
            # After the known keys, under their own keys; a field's key always wins.
            for k, v in getattr(model, UNKNOWN_FIELDS).items():
                if k not in known:
                    data[k] = converter.unstructure(v)  # a copy: JSON values, as read
            return data

        return write_with_unknown

    converter.register_structure_hook_factory(attrs.has, structure_attrs)
    converter.register_structure_hook_factory(_is_list, structure_list)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_attrs)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, read_float)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_unstructure_hook(datetime, _format_datetime)
    converter.register_unstructure_hook(timedelta, lambda v: v.total_seconds())
    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda v: v.value
    )
    # cattrs finds its hook for ``str`` before any for an enum that is also a ``str``
    # (``StrEnum``): the hook for ``str`` writes those as their values too.
    converter.register_unstructure_hook(str, _unstructure_str)
    # A union field (``MediaStatus | str``) is written as its value's own class is: an
    # enum member as its value, a model as a dict.
    converter.register_unstructure_hook_func(
        lambda t: union_args(t) is not None, lambda v: converter.unstructure(v)
    )
    converter.register_structure_hook_factory(
        lambda t: open_enum_of(t) is not None, _make_open_enum_hook
    )
    converter.register_structure_hook_factory(is_plain_union, _make_plain_union_hook)
    _register_live_shapes(converter)
    return converter


def _unstructure_str(value: str) -> str:
    if value.__class__ is str:
        return value
    return str(value.value if isinstance(value, enum.Enum) else value)  # a StrEnum: its value


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


# Compiled fast paths by type, built on first use (see _fastpath.py); by snake_case.
_compiled: dict[Any, Callable[[Any], Any]] = {}
_compiled_snake_case: dict[Any, Callable[[Any], Any]] = {}


def structure(data: Any, cls: type[T], *, snake_case: bool = False) -> T:
    """``data`` (parsed JSON) as ``cls``; on bad data, cattrs' detailed validation error.

    ``snake_case=True``: the keys are the attribute names (``from_dict(snake_case=True)``).
    """
    compiled = _compiled_snake_case if snake_case else _compiled
    try:
        fast = compiled.get(cls)
    except TypeError:  # an unhashable type form: no cache entry, cattrs alone reads it
        fast = _cattrs_only
    if fast is None:
        from ._fastpath import compile_structure  # the compiler is only needed once per type

        key = attribute_key if snake_case else json_key
        fast = compiled[cls] = compile_structure(get_converter(snake_case), cls, key)
    try:
        result: T = fast(data)
        return result
    except Exception:  # cattrs re-reads it below and names what is wrong
        pass
    # Outside the handler, so the error raised carries no unrelated exception context.
    return get_converter(snake_case).structure(data, cls)


def _cattrs_only(data: Any) -> Any:
    raise NotImplementedError


def structure_owned(data: Any, tp: type[T]) -> T:
    """``structure``, for parsed JSON nothing else holds (a response's): a list is
    emptied as it is read, each item's dicts freed as soon as its model is built.

    Why: CPython's garbage collector runs whenever the containers made since its last
    pass, less those freed, pass a threshold (700; 2,000 from Python 3.13). A page of
    20 media parses into about 550 and reads into as many models; holding both crosses
    the line on every page, and the page's objects, alive during each pass, are
    promoted until a full collection of the whole heap follows every few hundred pages:
    a third of the time of reading a page, measured. Read this way, a page's JSON and
    models never coexist whole. A bad item doesn't stop the read: every bad item is
    reported, as cattrs does.
    """
    if data.__class__ is not list or not _is_list(tp):
        return structure(data, tp)
    (item_type,) = typing.get_args(tp)
    models = []
    errors: list[Exception] = []
    for index, item in enumerate(data):
        data[index] = None  # ``item`` holds it alone now: freed on the next turn
        try:
            models.append(structure(item, item_type))
        except Exception as exc:
            from cattrs.errors import IterableValidationNote  # loaded: cattrs just ran

            note = IterableValidationNote(f"Structuring {tp} @ index {index}", index, item_type)
            # (as cattrs notes them; ``add_note`` is Python 3.11+)
            exc.__notes__ = [*getattr(exc, "__notes__", ()), note]  # type: ignore[attr-defined]
            errors.append(exc)
    if errors:
        from cattrs.errors import IterableValidationError

        raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
    return models  # type: ignore[return-value]


def unstructure(value: Any, *, snake_case: bool = False) -> Any:
    """``value`` as JSON-ready data: models as dicts (``None`` fields left out, unknown
    keys back under their own keys), datetimes ISO 8601 text, enums their values."""
    return get_converter(snake_case).unstructure(value)
