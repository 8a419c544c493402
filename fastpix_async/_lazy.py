"""Package attributes imported on first use (PEP 562), for the package ``__init__`` files.

A package lists where each public name lives; the first lookup imports that module
and stores the value in the package, so later lookups are plain attribute reads.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["LazyHooks", "lazy_attributes"]

#: A module's ``__getattr__`` and ``__dir__`` (PEP 562).
LazyHooks = tuple[Callable[[str], Any], Callable[[], list[str]]]


def lazy_attributes(package: str, homes: Mapping[str, str]) -> LazyHooks:
    """Give ``package`` a module ``__getattr__`` and ``__dir__`` that import on first use.

    Called once at the end of a package's ``__init__`` (or a re-export module), after
    ``__all__``: ``lazy_attributes(__name__, {"AsyncFastPix": "._client", ...})``. The two
    hooks are installed in the module itself, so the call is a plain statement: type
    checkers then see only the module's ``if TYPE_CHECKING:`` imports, which name every
    public object with its type, and a misspelt name is still an error to them.

    Args:
        package: The module's ``__name__``; it must already be in ``sys.modules``.
        homes: Each lazy name → the module defining it, relative to ``package``
            (``".media"``) or absolute (``"fastpix_async.errors"``). In a package, any
            other name is looked up as a submodule: ``package.media`` works before it was
            imported.

    Returns:
        The installed hooks, ``(__getattr__, __dir__)``.

    Raises:
        KeyError: ``package`` is not an imported module.
    """
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None and "__path__" in namespace and not name.startswith("__"):
            return _submodule(package, name)  # only a package has submodules
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home, package), name)
        namespace[name] = value  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *homes})

    # Set here rather than by the caller: an assignment at module level would be a
    # module attribute without a declared type, which type checkers can't verify.
    namespace["__getattr__"] = __getattr__
    namespace["__dir__"] = __dir__
    return __getattr__, __dir__


def _submodule(package: str, name: str) -> Any:
    try:
        return importlib.import_module(f"{package}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{package}.{name}":
            raise  # the submodule exists but something it imports does not
        raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
