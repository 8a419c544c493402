"""Every request field of the contract is a parameter of its SDK method.

For each operation (``OPERATION_METHODS`` names its method) every query parameter and
every body property must have a keyword: the contract's camelCase name in snake_case,
on the method itself, or on the settings model its parameter takes when the body
property is an object (``inputMediaSettings.enableRecording`` →
``InputMediaSettings.enable_recording``), down to every nested object and array item.
The contract is the union of FastPix's OpenAPI file and the live API
(``codegen.contract.LIVE_REQUEST_CHANGES``), so a field either side has is checked.
"""

from __future__ import annotations

import inspect
import re
import types
from collections.abc import Iterator, Mapping
from typing import Any, ForwardRef

import attrs
import pytest

import fastpix_async.models
from fastpix_async import AsyncFastPix
from fastpix_sync import FastPix
from tests._async.test_coverage import OPERATION_METHODS, resolve
from tests.contract._contract import OPERATIONS, Operation

#: Body objects whose properties are the method's own keywords, not a model's fields.
FLATTENED = {
    ("Add-media-track", "tracks"),  # tracks.add(media_id, url=..., type=..., ...)
    ("direct-upload-video-media", "pushMediaSettings"),  # create_upload(**UploadSettings)
}
#: Contract names whose parameter is not their plain snake_case.
ALIASES = {"filterby[]": "filter_by"}

Names = dict[str, str]  # parameter or field name -> its annotation, as written


def snake_case(name: str) -> str:
    name = ALIASES.get(name, name).removesuffix("[]")
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _text(annotation: object) -> str:
    return annotation.__forward_arg__ if isinstance(annotation, ForwardRef) else str(annotation)


def _models(annotation: str) -> list[type]:
    """The attrs models and TypedDicts an annotation names (``MediaInput`` is four)."""
    found: list[type] = []
    for name in re.findall(r"[A-Z]\w*", annotation):
        value = getattr(fastpix_async.models, name, None)
        members = value.__args__ if isinstance(value, types.UnionType) else (value,)
        found += [m for m in members if attrs.has(m) or _is_typed_dict(m)]
    return found


def _is_typed_dict(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, dict) and hasattr(value, "__total__")


def _names_of(model: type) -> Names:
    if attrs.has(model):
        return {f.name: _text(f.type) for f in attrs.fields(model)}
    return {name: _text(a) for name, a in model.__annotations__.items()}


def method_names(method: Any) -> Names:
    """A method's keywords; ``**settings: Unpack[MediaSettings]`` adds the TypedDict's keys."""
    names: Names = {}
    for param in inspect.signature(method).parameters.values():
        if param.kind is param.VAR_KEYWORD:
            for model in _models(_text(param.annotation)):
                names |= _names_of(model)
        else:
            names[param.name] = _text(param.annotation)
    return names


def _branches(schema: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(schema.get("anyOf") or schema.get("oneOf") or [schema])


def missing(schema: Mapping[str, Any], names: Names, where: str) -> Iterator[str]:
    """The properties of an object ``schema`` that ``names`` lacks, nested ones included."""
    for prop, sub in schema.get("properties", {}).items():
        name = snake_case(prop)
        if name not in names:
            yield f"{where}{prop}"
            continue
        while sub.get("type") == "array":
            sub = sub["items"]
        for branch in _branches(sub):
            if "properties" in branch:
                yield from _missing_in_models(branch, _models(names[name]), f"{where}{prop}.")


def _missing_in_models(schema: Mapping[str, Any], models: list[type], where: str) -> list[str]:
    """An object property: one of the models its parameter takes has every field of it."""
    if not models:
        return [f"{where}* (the parameter takes no model)"]
    tries = [list(missing(schema, _names_of(model), where)) for model in models]
    return min(tries, key=len)


def request_fields_without_parameter(op: Operation, method: Any) -> list[str]:
    names = method_names(method)
    lost = [f"query {p}" for p in op.query_params() if snake_case(p) not in names]
    body = op.request_body.schema if op.request_body else {}
    for prop, sub in body.get("properties", {}).items():
        if (op.operation_id, prop) in FLATTENED:
            lost += missing(sub, names, f"body {prop}.")
        else:
            lost += missing({"properties": {prop: sub}}, names, "body ")
    return lost


@pytest.mark.parametrize("client_class", [AsyncFastPix, FastPix])
@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_request_field_is_a_parameter(client_class: type, operation_id: str) -> None:
    client = client_class("token-id", "secret-key")
    method = resolve(client, OPERATION_METHODS[operation_id])
    lost = request_fields_without_parameter(OPERATIONS[operation_id], method)
    assert not lost, f"{OPERATION_METHODS[operation_id]} has no parameter for: {lost}"


def test_the_check_sees_nested_fields() -> None:
    # the check reaches into models: a live stream's recording switch is found
    op = OPERATIONS["create-new-stream"]
    method = AsyncFastPix("token-id", "secret-key").live_streams.create
    assert request_fields_without_parameter(op, method) == []
    names = method_names(method)
    names["input_media_settings"] = "dict[str, str]"  # a parameter that takes no model
    schema = op.request_body.schema if op.request_body else {}
    assert "body inputMediaSettings.* (the parameter takes no model)" in list(
        missing({"properties": schema["properties"]}, names, "body ")
    )
