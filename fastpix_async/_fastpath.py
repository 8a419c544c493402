"""Straight-line structure functions: the fast path of :func:`._serde.structure`.

cattrs' generated functions dispatch every field through general hooks and, for its
detailed errors, wrap each one in its own ``try``. Responses are nearly always well
formed, so for each type read this module compiles one plain function instead: a dict
lookup per field, a type check that lets the expected JSON type through untouched, and
the converter's own hook for anything else (numbers sent as strings, timestamps, ...).
Short text is interned on the way, so a batch of thousands of models holds one copy of
each repeated value ("1080p", "ready", "en", ...) rather than one per model.

Models are built the way their attrs ``__init__`` would build them, minus the keyword
parsing and the frozen ``object.__setattr__`` calls (only for plain classes: no
validators, converters or init hooks). Each such model has an unfrozen twin: a private
subclass adding no slot, whose ``__setattr__`` is ``object``'s. The reader creates a
twin, stores each field with a plain attribute store (which the interpreter specializes
to a direct slot write: ~60 instructions, against ~600 for a slot descriptor's
``__set__`` called as a function), and then makes it the model itself by assigning its
``__class__`` (same slots, same layout: Python allows it). No twin is ever returned.

Keys no field reads go to the model's ``unknown_fields``, as cattrs' reader keeps them.
Looking for them costs a count of the known keys found: when it is the object's length,
there are none (a subset test decides otherwise, e.g. when a value is null); only an
object that has some pays for collecting them.

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
    UNKNOWN_FIELDS,
    KeyOf,
    enum_members,
    enum_members_exact,
    is_plain_union,
    json_key,
    keeps_unknown_fields,
    keyed_fields,
    open_enum_of,
    plain_union_kinds,
    read_duration,
    reads_clock,
    union_args,
)

__all__ = ["compile_structure"]

Structure = Callable[[Any], Any]

_MISSING = object()
_FACTORY: type[Any] = type(attrs.Factory(list))  # (the stubs type Factory as a function)
_NATIVE = (str, int, float, bool)  # JSON scalars whose type check is one identity test
_SHARED_TEXT = 16  # text up to this length is interned (see _Compiler.expression)


def compile_structure(
    converter: Converter, tp: Any, key: KeyOf = json_key, *, keep_unknown: bool = True
) -> Structure:
    """A function reading JSON-shaped ``data`` as ``tp``, as ``converter.structure`` would.

    ``key`` spells each field's JSON key: it must be the one ``converter`` was built with.
    ``keep_unknown=False`` drops unknown keys instead: only ``benchmarks/bench_models.py``
    uses it, to measure what looking for them costs.

    For a type cattrs itself has no reader for, one that leaves cattrs to report that,
    every time, as it always has. Any other failure here is a bug, and is raised.
    """
    try:
        converter.get_structure_hook(tp)
    except Exception:
        return _not_compiled
    return _Compiler(converter, key, keep_unknown).function(tp)


def _not_compiled(data: Any) -> Any:
    raise NotImplementedError("read by cattrs")


class _Compiler:
    def __init__(self, converter: Converter, key: KeyOf, keep_unknown: bool = True) -> None:
        self.converter = converter
        self.key = key
        self.keep_unknown = keep_unknown
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

    def expression(self, tp: Any, var: str, depth: int, clock: bool = False) -> str:
        """Python source converting the JSON value in ``var`` to ``tp``.

        ``clock``: a duration field's (``metadata={"clock": True}``), which also reads
        clock text.
        """
        if tp is Any:
            return var
        if tp is float and clock:
            hook = self.constant(read_duration)
            return f"({var} if {var}.__class__ is {self.constant(float)} else {hook}({var}, None))"
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
            return self.union(tp, args, var, depth, clock)
        origin = typing.get_origin(tp)
        type_args = typing.get_args(tp)
        if origin is list and len(type_args) == 1:
            item = f"i{depth}"
            each = self.expression(type_args[0], item, depth + 1)
            # An empty list is a new one too, without a comprehension's call (~1.5k
            # instructions less; there are 6 to 8 in a media).
            comprehension = f"([{each} for {item} in {var}] if {var} else [])"
            return f"({comprehension} if {var}.__class__ is list else {self.hook(tp, var)})"
        if origin is dict and len(type_args) == 2:
            key, value = f"k{depth}", f"v{depth}"
            keys = self.expression(type_args[0], key, depth + 1)
            values = self.expression(type_args[1], value, depth + 1)
            comprehension = f"{{{keys}: {values} for {key}, {value} in {var}.items()}}"
            comprehension = f"({comprehension} if {var} else {{}})"
            return f"({comprehension} if {var}.__class__ is dict else {self.hook(tp, var)})"
        return self.hook(tp, var)

    def union(self, tp: Any, args: tuple[Any, ...], var: str, depth: int, clock: bool) -> str:
        enum_cls = open_enum_of(tp)
        if enum_cls is not None:
            # The open-enum hook, inlined for text: a known value (any case) is the member.
            # The value as the enum spells it is found first, without lower-casing it.
            exact = self.constant(enum_members_exact(enum_cls))
            members = self.constant(enum_members(enum_cls))
            found = f"e{depth}"
            known = (
                f"({found} if ({found} := {exact}.get({var})) is not None "
                f"else {members}.get({var}.lower(), {var}))"
            )
            return f"({known} if {var}.__class__ is str else {self.hook(tp, var)})"
        if is_plain_union(tp):
            # The plain-union hook's check, as one set lookup on the exact class.
            kinds = self.constant(frozenset(plain_union_kinds(tp)))
            return f"({var} if {var}.__class__ in {kinds} else {self.hook(tp, var)})"
        others = [a for a in args if a is not type(None)]
        if len(others) == 1 and len(args) == 2:
            present = self.expression(others[0], var, depth, clock)
            return f"(None if {var} is None else {present})"
        return self.hook(tp, var)

    def model(self, cls: type) -> str:
        """The name of ``cls``'s compiled function (compiled on first reference)."""
        name = self.compiled.get(cls)
        if name is not None:
            return name
        name = self.compiled[cls] = f"structure_{cls.__name__}_{len(self.compiled)}"
        fields = attrs.fields(attrs.resolve_types(cls))
        keyed = {f.name: k for f, k in keyed_fields(cls, self.key)}
        if any(isinstance(f.default, _FACTORY) and f.default.takes_self for f in fields):
            # cattrs' own function for the rare shape this compiler doesn't write
            self.namespace[name] = self.converter.get_structure_hook(cls)
            return name
        twin = _unfrozen_twin(cls, fields)
        lines = [
            f"def {name}(o):",
            "    if o.__class__ is not dict:",
            "        raise TypeError",
        ]
        if twin is not None:
            lines.append(f"    m = {self.constant(twin)}()")
        # Looking for unknown keys: ``n`` starts at the number of known keys and drops by
        # one for each that is absent or null (responses hold most, so a present value
        # costs nothing more). If it ends at ``len(o)``, every key of ``o`` is known;
        # else (a null, or an unknown key) one subset test (in C) decides.
        counting = self.keep_unknown and keeps_unknown_fields(cls)
        counted: set[str] = set()  # a key two fields read counts once
        n_line = len(lines)
        arguments = []
        for index, field in enumerate(f for f in fields if f.init and f.name in keyed):
            key, local = keyed[field.name], f"a{index}"
            count = counting and key not in counted
            counted.add(key)
            clock = reads_clock(field)
            if field.default is None and _is_optional(field.type):
                # Absent or null, the same None: one test, then the value's own reading.
                present = self.expression(_without_none(field.type), "v", 0, clock)
                value = f"(None if (v := o.get({key!r})) is None else {present})"
                if count and twin is not None:  # each branch sets the slot itself
                    lines += [f"    v = o.get({key!r})", "    if v is None:", "        n -= 1"]
                    lines += [f"        m.{field.name} = None", "    else:"]
                    lines.append(f"        m.{field.name} = {present}")
                    continue
                if count:
                    lines += [f"    v = o.get({key!r})", "    if v is None:", "        n -= 1"]
                    lines += [f"        {local} = None", "    else:"]
                    lines.append(f"        {local} = {present}")
                    value = local
            elif field.default is attrs.NOTHING:
                present = self.expression(field.type, "v", 0, clock)
                lines += [f"    v = o[{key!r}]", f"    {local} = {present}"]
                value = local
            else:
                default = field.default
                absent = (
                    f"{self.constant(default.factory)}()"
                    if isinstance(default, _FACTORY)
                    else self.constant(default)
                )
                present = self.expression(field.type, "v", 0, clock)
                lines.append(f"    v = o.get({key!r}, _M)")
                if count:
                    lines += ["    if v is _M:", "        n -= 1", f"        {local} = {absent}"]
                    lines += ["    else:", f"        {local} = {present}"]
                else:
                    lines.append(f"    {local} = {absent} if v is _M else {present}")
                value = local
            if twin is not None:
                lines.append(f"    m.{field.name} = {value}")
            else:
                arguments.append(f"{field.alias}={value}")
        if counting:
            lines.insert(n_line, f"    n = {len(counted)}")
        if keeps_unknown_fields(cls):
            # ``_shapes.unknown_entries`` (cattrs' path), inlined: no call when some.
            known = self.constant(frozenset(keyed.values()))
            some = f"len(o) != n and not o.keys() <= {known}"
            collect = f"{{uk: uv for uk, uv in o.items() if uk not in {known}}}"
            if twin is not None:
                # Set only when there are some: unset, the model reads it as empty.
                if counting:
                    lines += [f"    if {some}:", f"        m.{UNKNOWN_FIELDS} = {collect}"]
            else:
                none = self.constant(attrs.fields_dict(cls)[UNKNOWN_FIELDS].default)
                unknown = f"({collect} if {some} else {none})" if counting else none
                arguments.append(f"{UNKNOWN_FIELDS}={unknown}")
        if twin is not None:
            lines += [f"    m.__class__ = {self.constant(cls)}", "    return m"]
        else:
            lines.append(f"    return {self.constant(cls)}({', '.join(arguments)})")
        self.define(name, "\n".join(lines) + "\n", f"<fastpix structure {cls.__qualname__}>")
        return name


def _unfrozen_twin(cls: type, fields: tuple[attrs.Attribute[Any], ...]) -> type | None:
    """``cls``'s unfrozen twin (see the module's docstring), when setting the slots is all
    ``cls.__init__`` does; ``None`` otherwise (the reader calls ``cls`` itself)."""
    init = getattr(getattr(cls, "__init__", None), "__code__", None)
    if init is None or not init.co_filename.startswith("<attrs generated"):
        return None  # a hand-written __init__ (or none of attrs' making) must run
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        return None
    slots = {slot for klass in cls.__mro__ for slot in getattr(klass, "__slots__", ())}
    if slots - {"__weakref__"} != {f.name for f in fields}:
        return None  # a slot attrs fills itself (a cached hash) or no slots at all
    for field in fields:
        if not field.init or field.validator or field.converter:
            return None
        if not isinstance(getattr(cls, field.name, None), types.MemberDescriptorType):
            return None
    twin = type(
        cls.__name__,
        (cls,),
        {
            "__slots__": (),
            # both: one C slot serves them, generic (so specialized) only if neither is
            # the frozen class's
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__init__": object.__init__,
            "__module__": __name__,
            "__qualname__": f"{cls.__qualname__} (being read)",
        },
    )
    try:
        probe = twin()
        probe.__class__ = cls  # the layouts agree, as the readers rely on
    except TypeError:
        return None
    return twin


def _without_none(tp: Any) -> Any:
    others = tuple(a for a in union_args(tp) or () if a is not type(None))
    return others[0] if len(others) == 1 else typing.Union[others]  # noqa: UP007


def _is_optional(tp: Any) -> bool:
    return type(None) in (union_args(tp) or ())
