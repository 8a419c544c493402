"""Every public name of both packages has a docstring.

Public means reachable by a user: the modules whose dotted path has no ``_``-prefixed
part, the names each lists in ``__all__`` (or, without one, the names it defines that
don't start with ``_``), and, for each class, the methods, properties and nested
classes it defines that don't start with ``_``. Fields and enum members may go without
(their class documents them); a model class or an enum may not.

The sync twin is generated from the async source (``python -m codegen``), docstrings
included: a name missing here is fixed in ``fastpix_async`` and regenerated.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from functools import cached_property
from types import ModuleType
from typing import Any

import pytest

PACKAGES = ("fastpix_async", "fastpix_sync")


class _DoclessEnum(enum.Enum):
    MEMBER = 1


# Some Pythons give an enum without a docstring a generated one: it doesn't count.
_GENERATED_ENUM_DOC = _DoclessEnum.__doc__


def public_modules(package: str) -> list[ModuleType]:
    """The package and its submodules whose dotted path has no ``_``-prefixed part."""
    root = importlib.import_module(package)
    modules = [root]
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def _ours(obj: Any) -> bool:
    return str(getattr(obj, "__module__", "") or "").startswith(PACKAGES)


def public_names(module: ModuleType) -> list[str]:
    declared = getattr(module, "__all__", None)
    if declared is not None:
        return [name for name in declared if not name.startswith("__")]
    return [  # without __all__: what the module defines itself, not what it imports
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
    ]


def _own_doc(obj: Any) -> str:
    if inspect.isclass(obj):
        doc = obj.__dict__.get("__doc__")
        if issubclass(obj, enum.Enum) and doc == _GENERATED_ENUM_DOC:
            return ""
        return (doc or "").strip()
    if isinstance(obj, (property, cached_property)):
        obj = obj.fget if isinstance(obj, property) else obj.func
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    return (getattr(obj, "__doc__", None) or "").strip()


def _is_documentable(value: Any) -> bool:
    """What must carry a docstring: code, not data (fields, enum members, constants)."""
    if isinstance(value, (property, cached_property, staticmethod, classmethod)):
        return True
    if inspect.isclass(value) or inspect.isfunction(value):
        return True
    return inspect.ismethoddescriptor(value) and callable(value)  # e.g. a pytest fixture


def _class_members(cls: type, qualname: str) -> Iterator[tuple[str, Any]]:
    """The class's public members, its own and those it inherits from the packages' bases."""
    members: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        if _ours(base):
            members.update(vars(base))
    for name, value in members.items():
        if name.startswith("_") or not _is_documentable(value):
            continue
        if issubclass(cls, enum.Enum) and isinstance(value, cls):
            continue
        target = value.fget if isinstance(value, property) else value
        target = getattr(target, "__func__", getattr(target, "func", target))
        if not _ours(target):
            continue  # inherited from elsewhere or a constant of a foreign type
        yield f"{qualname}.{name}", value
        if inspect.isclass(value):
            yield from _class_members(value, f"{qualname}.{name}")


def public_objects(packages: tuple[str, ...] = PACKAGES) -> Iterator[tuple[str, Any]]:
    """``(dotted name, object)`` for every public module, class, function, method and
    property of ``packages``; an object re-exported under several names comes once."""
    seen: set[int] = set()
    for package in packages:
        for module in public_modules(package):
            yield module.__name__, module
            for name in public_names(module):
                value = getattr(module, name)
                if id(value) in seen or not _is_documentable(value) or not _ours(value):
                    continue
                seen.add(id(value))
                qualname = f"{module.__name__}.{name}"
                yield qualname, value
                if inspect.isclass(value):
                    for member_name, member in _class_members(value, qualname):
                        key = id(member)
                        if key not in seen:
                            seen.add(key)
                            yield member_name, member


def _defined_at(obj: Any) -> str:
    """Where to write the docstring: the defining module and qualified name."""
    target = obj.fget if isinstance(obj, property) else getattr(obj, "func", obj)
    target = getattr(target, "__func__", target)
    module = getattr(target, "__module__", None) or getattr(obj, "__name__", "")
    qualname = getattr(target, "__qualname__", "")
    return f"{module}.{qualname}" if qualname else module


def missing_docstrings() -> list[str]:
    """The public names without a docstring, each with where it is defined."""
    return [
        f"{name}" + ("" if name == _defined_at(obj) else f"  ({_defined_at(obj)})")
        for name, obj in public_objects()
        if not _own_doc(obj)
    ]


def test_every_public_name_has_a_docstring() -> None:
    missing = missing_docstrings()
    assert not missing, f"{len(missing)} public names lack a docstring:\n" + "\n".join(missing)


def test_the_walk_reaches_every_kind_of_public_name() -> None:
    names = dict(public_objects())
    for expected in (
        "fastpix_async",  # a package
        "fastpix_sync.resources.media",  # a generated module
        "fastpix_async.AsyncFastPix",  # a class from __all__
        "fastpix_sync.FastPix.media",  # a cached property
        "fastpix_async.AsyncPage.has_next_page",  # a method
        "fastpix_async.models.Media",  # a model, under the first name that reaches it
        "fastpix_async.models.MediaStatus",  # an enum
        "fastpix_async.tokens.sign_playback_token",  # a function
        "fastpix_sync.resources.SyncMediaResource.list_all",  # a derived method
    ):
        assert expected in names, expected
    assert not any(".MediaStatus.READY" in name for name in names)  # enum members are data


@pytest.mark.parametrize("package", PACKAGES)
def test_documented_names_are_counted(package: str) -> None:
    # the twin re-exports the shared models and errors: they count for it too
    assert len(list(public_objects((package,)))) > 300
