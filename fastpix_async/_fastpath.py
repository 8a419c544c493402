"""Straight-line structure functions: the fast path of :func:`._serde.structure`.

cattrs' generated functions dispatch every field through general hooks and, for its
detailed errors, wrap each one in its own ``try``. Responses are nearly always well
formed, so for each type read this module compiles one plain function instead: a dict
lookup per field, a type check that lets the expected JSON type through untouched, and
the converter's own hook for anything else (numbers sent as strings, timestamps, ...).
Short text is interned on the way, so a batch of thousands of models holds one copy of
each repeated value ("1080p", "ready", "en", ...) rather than one per model.

Models are built the way their attrs ``__init__`` would build them, minus the keyword
parsing and the frozen ``object.__setattr__`` lookups: a bare instance whose slots are
set one by one (only for plain classes: no validators, converters or init hooks).

It never reports errors itself. Any exception sends the caller back to the cattrs path,
which raises exactly what it always did (the ``ResponseValidationError`` details). So the
compiled function must agree with cattrs on every input it accepts, which
``tests/test_fastpath.py`` checks over generated payloads for every model; it also checks
that each model's well-formed payload is read here, not by the fallback, since a fast
path that always failed would otherwise show only in benchmarks.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import datetime, timezone
from sys import intern
from typing import Any

import attrs
from cattrs import Converter

from ._shapes import (
    FROMISOFORMAT_READS_Z,
    enum_members,
    is_plain_union,
    json_key,
    open_enum_of,
    plain_union_kinds,
    union_args,
)

__all__ = ["compile_structure"]

Structure = Callable[[Any], Any]

_MISSING = object()
_FACTORY: type[Any] = type(attrs.Factory(list))  # (the stubs type Factory as a function)
_NATIVE = (str, int, float, bool)  # JSON scalars whose type check is one identity test
_SHARED_TEXT = 16  # text up to this length is interned (see _Compiler.expression)


def compile_structure(converter: Converter, tp: Any) -> Structure:
    """A function reading JSON-shaped ``data`` as ``tp``, as ``converter.structure`` would.

    For a type cattrs itself has no reader for, one that leaves cattrs to report that,
    every time, as it always has. Any other failure here is a bug, and is raised.
    """
    try:
        converter.get_structure_hook(tp)
    except Exception:
        return _not_compiled
    return _Compiler(converter).function(tp)


def _not_compiled(data: Any) -> Any:
    raise NotImplementedError("read by cattrs")


class _Compiler:
    def __init__(self, converter: Converter) -> None:
        self.converter = converter
        self.namespace: dict[str, Any] = {"_M": _MISSING}
        self.compiled: dict[type, str] = {}  # model -> its function's name in the namespace

    def constant(self, value: object) -> str:
        name = f"_c{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def hook(self, tp: Any, var: str) -> str:
        """A call to the converter's own hook: what cattrs would do with ``var``."""
        hook = self.constant(self.converter.get_structure_hook(tp))
        return f"{hook}({var}, {self.constant(tp)})"

    def function(self, tp: Any) -> Structure:
        source = f"def structure_top(o):\n    return {self.expression(tp, 'o', 0)}\n"
        return self.define("structure_top", source, f"<fastpix structure {tp!r}>")

    def define(self, name: str, source: str, filename: str) -> Structure:
        exec(compile(source, filename, "exec"), self.namespace)
        function: Structure = self.namespace[name]
        return function

    def expression(self, tp: Any, var: str, depth: int) -> str:
        """Python source converting the JSON value in ``var`` to ``tp``."""
        if tp is Any:
            return var
        if tp is str:
            # Short text is mostly enum-like (resolutions, statuses, languages, frame rates)
            # and repeats in every object of a batch: keep one shared copy of each.
            text = f"({self.constant(intern)}({var}) if len({var}) <= {_SHARED_TEXT} else {var})"
            return f"({text} if {var}.__class__ is str else {self.hook(tp, var)})"
        if tp is datetime and FROMISOFORMAT_READS_Z:
            # parse_datetime's one-call case; any other spelling raises here and the
            # caller's cattrs pass reads it through the hook.
            parse, utc = self.constant(datetime.fromisoformat), self.constant(timezone.utc)
            parsed = f"(p if (p := {parse}({var})).tzinfo else p.replace(tzinfo={utc}))"
            return f"({parsed} if {var}.__class__ is str else {self.hook(tp, var)})"
        if tp in _NATIVE:
            return f"({var} if {var}.__class__ is {self.constant(tp)} else {self.hook(tp, var)})"
        if attrs.has(tp):
            return f"{self.model(tp)}({var})"
        args = union_args(tp)
        if args is not None:
            return self.union(tp, args, var, depth)
        origin = typing.get_origin(tp)
        type_args = typing.get_args(tp)
        if origin is list and len(type_args) == 1:
            item = f"i{depth}"
            each = self.expression(type_args[0], item, depth + 1)
            comprehension = f"[{each} for {item} in {var}]"
            return f"({comprehension} if {var}.__class__ is list else {self.hook(tp, var)})"
        if origin is dict and len(type_args) == 2:
            key, value = f"k{depth}", f"v{depth}"
            keys = self.expression(type_args[0], key, depth + 1)
            values = self.expression(type_args[1], value, depth + 1)
            comprehension = f"{{{keys}: {values} for {key}, {value} in {var}.items()}}"
            return f"({comprehension} if {var}.__class__ is dict else {self.hook(tp, var)})"
        return self.hook(tp, var)

    def union(self, tp: Any, args: tuple[Any, ...], var: str, depth: int) -> str:
        enum_cls = open_enum_of(tp)
        if enum_cls is not None:
            # The open-enum hook, inlined for text: a known value (any case) is the member.
            members = self.constant(enum_members(enum_cls))
            return (
                f"({members}.get({var}.lower(), {var}) if {var}.__class__ is str "
                f"else {self.hook(tp, var)})"
            )
        if is_plain_union(tp):
            # The plain-union hook's check, as one set lookup on the exact class.
            kinds = self.constant(frozenset(plain_union_kinds(tp)))
            return f"({var} if {var}.__class__ in {kinds} else {self.hook(tp, var)})"
        others = [a for a in args if a is not type(None)]
        if len(others) == 1 and len(args) == 2:
            return f"(None if {var} is None else {self.expression(others[0], var, depth)})"
        return self.hook(tp, var)

    def model(self, cls: type) -> str:
        """The name of ``cls``'s compiled function (compiled on first reference)."""
        name = self.compiled.get(cls)
        if name is not None:
            return name
        name = self.compiled[cls] = f"structure_{cls.__name__}_{len(self.compiled)}"
        fields = attrs.fields(attrs.resolve_types(cls))
        if any(isinstance(f.default, _FACTORY) and f.default.takes_self for f in fields):
            # cattrs' own function for the rare shape this compiler doesn't write
            self.namespace[name] = self.converter.get_structure_hook(cls)
            return name
        setters = _slot_setters(cls, fields)
        lines = [
            f"def {name}(o):",
            "    if o.__class__ is not dict:",
            "        raise TypeError",
            "    g = o.get",
        ]
        if setters is not None:
            lines.append(f"    m = {self.constant(object.__new__)}({self.constant(cls)})")
        arguments = []
        for index, field in enumerate(f for f in fields if f.init):
            key, local = json_key(field), f"a{index}"
            if field.default is None and _is_optional(field.type):
                # Absent or null, the same None: one test, then the value's own reading.
                present = self.expression(_without_none(field.type), "v", 0)
                value = f"(None if (v := g({key!r})) is None else {present})"
            elif field.default is attrs.NOTHING:
                present = self.expression(field.type, "v", 0)
                lines += [f"    v = o[{key!r}]", f"    {local} = {present}"]
                value = local
            else:
                default = field.default
                absent = (
                    f"{self.constant(default.factory)}()"
                    if isinstance(default, _FACTORY)
                    else self.constant(default)
                )
                present = self.expression(field.type, "v", 0)
                lines += [
                    f"    v = g({key!r}, _M)",
                    f"    {local} = {absent} if v is _M else {present}",
                ]
                value = local
            if setters is not None:
                lines.append(f"    {self.constant(setters[field.name])}(m, {value})")
            else:
                arguments.append(f"{field.alias}={value}")
        if setters is not None:
            lines.append("    return m")
        else:
            lines.append(f"    return {self.constant(cls)}({', '.join(arguments)})")
        self.define(name, "\n".join(lines) + "\n", f"<fastpix structure {cls.__qualname__}>")
        return name


def _slot_setters(cls: type, fields: tuple[attrs.Attribute[Any], ...]) -> dict[str, Any] | None:
    """Each field's slot setter, when setting the slots is all ``cls.__init__`` does."""
    init = getattr(getattr(cls, "__init__", None), "__code__", None)
    if init is None or not init.co_filename.startswith("<attrs generated"):
        return None  # a hand-written __init__ (or none of attrs' making) must run
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        return None
    slots = {slot for klass in cls.__mro__ for slot in getattr(klass, "__slots__", ())}
    if slots - {"__weakref__"} != {f.name for f in fields}:
        return None  # a slot attrs fills itself (a cached hash) or no slots at all
    setters = {}
    for field in fields:
        slot = getattr(cls, field.name, None)
        if not field.init or field.validator or field.converter:
            return None
        if not isinstance(slot, types.MemberDescriptorType):
            return None
        setters[field.name] = slot.__set__
    return setters


def _without_none(tp: Any) -> Any:
    others = tuple(a for a in union_args(tp) or () if a is not type(None))
    return others[0] if len(others) == 1 else typing.Union[others]  # noqa: UP007


def _is_optional(tp: Any) -> bool:
    return type(None) in (union_args(tp) or ())
