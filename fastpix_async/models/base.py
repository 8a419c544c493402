"""The base class of every SDK model: to and from plain data, and the keys the SDK doesn't know.

Reading keeps every key of a response object that no field of the model reads, in
:attr:`Model.unknown_fields`, so a field the API adds is visible (and written back by
:meth:`Model.to_dict`) before the SDK is upgraded to know it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .. import _json
from .._serde import structure, unstructure

__all__ = ["NO_UNKNOWN_FIELDS", "Model"]

M = TypeVar("M", bound="Model")


class _NoUnknownFields(Mapping[str, Any]):
    """The empty, read-only mapping every model without unknown keys shares (one per
    process, not one empty dict per model read)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "NO_UNKNOWN_FIELDS"  # unpickles (and copies) as the one shared instance


#: What :attr:`Model.unknown_fields` is when the API sent no key the model doesn't know.
NO_UNKNOWN_FIELDS: Mapping[str, Any] = _NoUnknownFields()


@attrs.frozen(kw_only=True)
class Model:
    """What every SDK model shares: conversion to and from JSON-ready dicts.

    ``unknown_fields`` holds the keys of the API's JSON object that this version of the
    SDK has no field for, with their values as sent (with none, an empty read-only
    mapping equal to ``{}``, shared by every model), so a field the API adds is readable
    (``media.unknown_fields["newField"]``) before the SDK knows it. They count in ``==``
    (equal models write the same ``to_dict()``), not in ``hash()`` (models stay hashable
    where they were), and are left out of ``repr()``.
    They survive ``pickle``, ``copy`` and ``attrs.evolve``. No JSON key is read into the
    attribute itself (a key ``"unknownFields"`` would be one of its entries), so it
    cannot clash with the API's data. On an input model, they are sent with its fields.
    """

    unknown_fields: Mapping[str, Any] = attrs.field(
        default=NO_UNKNOWN_FIELDS, repr=False, hash=False
    )

    if not TYPE_CHECKING:  # (for type checkers, a misspelt attribute stays an error)

        def __getattr__(self, name: str) -> Any:
            # Only for an attribute not found: the compiled reader leaves the slot of
            # ``unknown_fields`` unset when there are none (a store less per object).
            if name == "unknown_fields":
                return NO_UNKNOWN_FIELDS
            raise AttributeError(
                f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
            )

    def to_dict(self, *, snake_case: bool = False) -> dict[str, Any]:
        """This model as JSON-ready data: what the API would send for it.

        Keys are the API's camelCase keys, or the attribute names with
        ``snake_case=True``; nested models are dicts, datetimes ISO 8601 text in UTC
        (``"2025-01-31T12:00:00Z"``), enums their values. Fields that are ``None`` are
        left out, as in the requests the SDK sends. Unknown keys come back under their
        original keys (in either key style), after the known ones; a key that is one of
        the model's own is written from its field, never from ``unknown_fields``.
        Values are copies: changing the result never changes the model.

        Example::

            media.to_dict()["createdAt"]  # '2025-01-31T12:00:00Z'
            media.to_dict(snake_case=True)["created_at"]
        """
        data: dict[str, Any] = unstructure(self, snake_case=snake_case)
        return data

    def to_json(self, *, snake_case: bool = False) -> str:
        """:meth:`to_dict` as compact JSON text (orjson writes it when installed)."""
        return _json.dumps(self.to_dict(snake_case=snake_case)).decode()

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any], *, snake_case: bool = False) -> M:
        """The model ``data`` describes: what :meth:`to_dict` wrote, or the API's JSON object.

        Read as the SDK reads responses: unknown enum values stay text, missing optional
        fields are ``None``, unknown keys go to ``unknown_fields``. With
        ``snake_case=True`` the keys are the attribute names, as
        ``to_dict(snake_case=True)`` writes them.

        Raises:
            TypeError: ``data`` is not a mapping.
            ValueError: ``data`` doesn't describe a ``cls`` (a required field missing,
                a value of the wrong type); the message names each field at fault.

        Example::

            Media.from_dict({"id": "m1", "status": "ready"}).is_ready  # True
        """
        if not isinstance(data, Mapping):
            raise TypeError(
                f"{cls.__name__}.from_dict() takes a mapping, got {type(data).__name__}"
            )
        return _read(dict(data) if data.__class__ is not dict else data, cls, snake_case)


def _read(data: dict[str, Any], cls: type[M], snake_case: bool) -> M:
    try:
        return structure(data, cls, snake_case=snake_case)
    except Exception as exc:
        from cattrs import BaseValidationError, transform_error

        if not isinstance(exc, BaseValidationError):
            raise ValueError(f"not a {cls.__name__}: {exc}") from None
        problems = "; ".join(transform_error(exc))
        raise ValueError(f"not a {cls.__name__}: {problems}") from None
