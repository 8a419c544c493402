"""The contract's response schemas as jsonschema validators, read from the shared OpenAPI file.

OpenAPI 3.0 schemas differ from JSON Schema in ``nullable: true`` (turned into
``anyOf [..., null]``) and in ``$ref`` siblings; every ``#/components/...`` reference is
rewritten to point into one registry resource holding the whole converted document.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
import yaml  # type: ignore[import-untyped,unused-ignore]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "fastpix-openapi.yaml"
_BASE = "urn:fastpix-contract"
_DROP = {"example", "examples", "discriminator", "xml", "externalDocs", "description", "summary"}

# The two operations spec/README.md adds to the contract, in the shape it describes.
_TIMESPAN = {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
EXTRA_OPERATIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/data/viewlist/current-views/getTimeseriesViews"): {
        "type": "object",
        "required": ["success", "data", "timespan"],
        "properties": {
            "success": {"const": True},
            "data": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["intervalTime", "numberOfViews"],
                    "properties": {
                        "intervalTime": {"type": "string"},
                        "numberOfViews": {"type": "integer"},
                    },
                },
            },
            "timespan": _TIMESPAN,
        },
    },
    ("GET", "/data/viewlist/current-views/filter"): {
        "type": "object",
        "required": ["success", "data", "timespan"],
        "properties": {
            "success": {"const": True},
            "data": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["dimension_name", "concurrent_viewers", "metricValue"],
                    "properties": {
                        "dimension_name": {"type": ["string", "null"]},
                        "concurrent_viewers": {"type": "integer"},
                        "metricValue": {"type": "integer"},
                    },
                },
            },
            "timespan": _TIMESPAN,
        },
    },
}


def _convert(node: Any, *, in_properties: bool = False) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    if in_properties:  # keys are property names here, not keywords
        return {key: _convert(value) for key, value in node.items()}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("example", "examples") or (key in _DROP and not isinstance(value, dict)):
            continue
        if key == "$ref":
            out[key] = _BASE + value
        elif key == "nullable":
            continue
        else:
            out[key] = _convert(value, in_properties=key == "properties")
    if node.get("nullable") is True:
        return {"anyOf": [out, {"type": "null"}]}
    return out


@functools.cache
def _document() -> dict[str, Any]:
    if not SPEC_PATH.exists():
        pytest.skip(f"the FastPix OpenAPI contract is not at {SPEC_PATH}")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with SPEC_PATH.open(encoding="utf-8") as handle:
        return dict(yaml.load(handle, Loader=loader))


@functools.cache
def _registry() -> Registry[Any]:
    converted = _convert(_document())
    resource = Resource.from_contents(converted, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_BASE, resource)
    return registry


def operations() -> dict[tuple[str, str], str]:
    """(METHOD, path template) -> operationId, for the contract's operations and the extras."""
    found = {
        (method.upper(), path): op["operationId"]
        for path, item in _document()["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    found.update({key: f"extra {key[1]}" for key in EXTRA_OPERATIONS})
    return found


def _response_schema(method: str, template: str, status: int) -> Any:
    if (method, template) in EXTRA_OPERATIONS:
        return EXTRA_OPERATIONS[(method, template)]
    op = _document()["paths"][template][method.lower()]
    responses = op["responses"]
    answer = responses.get(str(status)) or responses["default"]
    raw = answer["content"]["application/json"]["schema"]
    return _convert(raw)


def validate(method: str, template: str, status: int, body: Any) -> None:
    """Raise ``jsonschema.ValidationError`` if ``body`` breaks the operation's schema."""
    schema = _response_schema(method, template, status)
    validator = jsonschema.Draft202012Validator(
        schema, registry=_registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(body)


def fill(template: str, **ids: str) -> str:
    """``fill("/on-demand/{mediaId}", mediaId=...)`` -> the concrete path."""
    path = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], template)
    return path
