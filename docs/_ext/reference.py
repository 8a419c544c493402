"""Griffe extensions for the API reference: what reading the source alone gets wrong.

``EveryItem``: render each ``x_all = every_item(x)`` method as the method it is.

The SDK writes its ``*_all`` methods once, ``list_all: Final = every_item(list)``
(``fastpix_async/_pagination.py``); at run time each is a function with the list's
signature and a docstring. Griffe reads source, where it is a class attribute, so this
extension replaces each such attribute with a function: the list method's parameters
(``limit`` defaulting to ``EVERY_ITEM_LIMIT``), returning ``AsyncIterator[T]`` (sync:
``Iterator[T]``) for the list's ``AsyncPage[T]``, with the docstring ``every_item``
gives it at run time (``_EVERY_ITEM_DOC``, read from the same package).

``InitValues``: an attribute declared in the class body and set in ``__init__``
(``tracks: AsyncTracksResource``, then ``self.tracks = AsyncTracksResource(...)``) shows
its declared type, not the ``__init__`` expression griffe would print as its value.

``RstRoles``: docstrings written for Sphinx-style readers say ``:class:`~pkg.Name```; this
site's Markdown would print the role verbatim, so each becomes inline code of the name
(``~`` keeping only its last part, as Sphinx does).

mkdocs.yml loads them (``extensions:`` under the python handler's options).
"""

from __future__ import annotations

import ast
import re
from typing import Any

import griffe

_CALL = re.compile(r"^every_item\((?P<list>\w+)\)$")
_ROLE = re.compile(r":(?:class|meth|func|mod|data|attr|exc|obj):`(?P<tilde>~?)(?P<target>[\w.]+)`")


def _constant(package: griffe.Module, name: str) -> Any:
    """The literal value of ``_pagination.<name>`` in the package griffe loaded."""
    value = package.get_member(f"_pagination.{name}").value
    return ast.literal_eval(str(value))


class EveryItem(griffe.Extension):
    """Turns ``every_item(list)`` attributes into documented methods."""

    def on_class_members(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        for name, member in list(cls.members.items()):
            if member.is_alias or not member.is_attribute:
                continue
            match = _CALL.match(str(member.value))
            listed = cls.members.get(match["list"]) if match else None
            if listed is None or not listed.is_function:
                continue
            cls.set_member(name, self._method(cls, name, listed))

    def _method(self, cls: griffe.Class, name: str, listed: griffe.Function) -> griffe.Function:
        package = cls.package
        limit = str(_constant(package, "EVERY_ITEM_LIMIT"))
        doc = _constant(package, "_EVERY_ITEM_DOC").format(name=listed.name, limit=limit)
        parameters = griffe.Parameters(
            *(
                griffe.Parameter(
                    p.name,
                    annotation=p.annotation,
                    kind=p.kind,
                    default=limit if p.name == "limit" else p.default,
                )
                for p in listed.parameters
            )
        )
        method = griffe.Function(
            name,
            lineno=cls.members[name].lineno,
            endlineno=cls.members[name].endlineno,
            parameters=parameters,
            returns=self._iterator_of(listed),
            docstring=griffe.Docstring(doc, parser=listed.docstring.parser)
            if listed.docstring
            else griffe.Docstring(doc),
        )
        method.parent = cls
        for parameter in method.parameters:
            parameter.function = method
        return method

    @staticmethod
    def _iterator_of(listed: griffe.Function) -> Any:
        """``AsyncPage[T]`` → ``AsyncIterator[T]``; ``SyncPage[T]`` → ``Iterator[T]``."""
        returns = listed.returns
        if not isinstance(returns, griffe.ExprSubscript):
            return returns
        iterator = "AsyncIterator" if "async" in listed.labels else "Iterator"
        left = griffe.ExprName(iterator, parent=listed.parent)
        return griffe.ExprSubscript(left, returns.slice)


class InitValues(griffe.Extension):
    """Drops the values of instance attributes that ``__init__`` computes from ``self``."""

    def on_class_members(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        for member in cls.members.values():
            if (
                not member.is_alias
                and member.is_attribute
                and "instance-attribute" in member.labels
                and "self." in str(member.value)
            ):
                member.value = None


class RstRoles(griffe.Extension):
    """Rewrites Sphinx roles in docstrings as Markdown inline code."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ":" in obj.docstring.value:
            obj.docstring.value = _ROLE.sub(_inline_code, obj.docstring.value)


def _inline_code(match: re.Match[str]) -> str:
    target = match["target"]
    return f"`{target.rsplit('.', 1)[-1] if match['tilde'] else target}`"
