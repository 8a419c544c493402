"""Straight-line structure functions: the fast path of :func:`._serde.structure`.

cattrs' generated functions dispatch every field through general hooks and, for its
detailed errors, wrap each one in its own ``try``. Responses are nearly always well
formed, so for each type read this module compiles one plain function instead: a dict
lookup per field, a type check that lets the expected JSON type through untouched, and
the converter's own hook for anything else (numbers sent as strings, timestamps, ...).
Short text is interned on the way, so a batch of thousands of models holds one copy of
each repeated value ("1080p", "ready", "en", ...) rather than one per model.

It never reports errors itself. Any exception sends the caller back to the cattrs path,
which raises exactly what it always did (the ``ResponseValidationError`` details). So the
compiled function must agree with cattrs on every input it accepts, which
``tests/test_fastpath.py`` checks over generated payloads for every model.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from sys import intern
from typing import Any

import attrs
from cattrs import Converter

from ._serde import enum_members, is_plain_union, json_key, open_enum_of, union_args

__all__ = ["compile_structure"]

Structure = Callable[[Any], Any]

_MISSING = object()
_FACTORY: type[Any] = type(attrs.Factory(list))  # (the stubs type Factory as a function)
_NATIVE = (str, int, float, bool)  # JSON scalars whose type check is one identity test
_SHARED_TEXT = 16  # text up to this length is interned (see _Compiler.expression)


def compile_structure(converter: Converter, tp: Any) -> Structure:
    """A function reading JSON-shaped ``data`` as ``tp``, as ``converter.structure`` would."""
    try:
        return _Compiler(converter).function(tp)
    except Exception:
        # A type cattrs itself has no reader for (it fails building one too): let cattrs
        # report that, every time, as it always has.
        return _not_compiled


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
        others = [a for a in args if a is not type(None)]
        if len(others) == 1 and len(args) == 2 and not is_plain_union(tp):
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
        lines = [
            f"def {name}(o):",
            "    if o.__class__ is not dict:",
            "        raise TypeError",
            "    g = o.get",
        ]
        arguments = []
        for index, field in enumerate(f for f in fields if f.init):
            key, local = json_key(field), f"a{index}"
            value = self.expression(field.type, "v", 0)
            if field.default is None and _is_optional(field.type):
                # Absent or null, the same None: read in the call itself, one test.
                none = f"(None if (v := g({key!r})) is None else {value})"
                arguments.append(f"{field.alias}={none}")
                continue
            if field.default is attrs.NOTHING:
                lines += [f"    v = o[{key!r}]", f"    {local} = {value}"]
            else:
                default = field.default
                absent = (
                    f"{self.constant(default.factory)}()"
                    if isinstance(default, _FACTORY)
                    else self.constant(default)
                )
                lines += [
                    f"    v = g({key!r}, _M)",
                    f"    {local} = {absent} if v is _M else {value}",
                ]
            arguments.append(f"{field.alias}={local}")
        lines.append(f"    return {self.constant(cls)}({', '.join(arguments)})")
        self.define(name, "\n".join(lines) + "\n", f"<fastpix structure {cls.__qualname__}>")
        return name


def _is_optional(tp: Any) -> bool:
    return type(None) in (union_args(tp) or ())
