"""Derive the prose-free API contract used by the tests from FastPix's OpenAPI file.

Usage::

    python -m codegen.contract [--spec PATH] [--output PATH] [--check]

The OpenAPI 3.0 file (default ``../shared/spec/fastpix-openapi.yaml`` next to the
repository) is reduced to its structure: for every operation the method, path
template, parameters, request body schema, response schemas and response examples,
with every ``$ref`` resolved inline and every prose key (``description``,
``summary``, ``title``, ``x-codeSamples``) removed from schema positions.  The
operations the live API has but the file lacks are added by hand
(:data:`EXTRA_OPERATIONS`), and so are the request fields it takes beyond the file
(:data:`LIVE_REQUEST_CHANGES`): the contract is the union of both descriptions.
The result is written to ``tests/contract/fastpix_contract.json``; ``--check``
compares instead of writing.

Only the structure of the OpenAPI file ends up in the output; property names and
example values are data and are kept verbatim.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import importlib
import json
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "spec" / "fastpix-openapi.yaml"
DEFAULT_OUTPUT = REPO_ROOT / "tests" / "contract" / "fastpix_contract.json"

FORMAT_VERSION = 1
BASE_PATH = "/v1"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PROSE_KEYS = frozenset({"description", "summary", "title", "x-codeSamples"})
#: Schema keywords whose value is a single sub-schema.
_SUBSCHEMA_KEYS = frozenset({"items", "not", "additionalProperties"})
#: Schema keywords whose value is a list of sub-schemas.
_SUBSCHEMA_LIST_KEYS = frozenset({"oneOf", "anyOf", "allOf"})
#: Schema keywords whose value maps names to sub-schemas.
_SUBSCHEMA_MAP_KEYS = frozenset({"properties", "patternProperties"})
_MAX_DEPTH = 64

JSON = Any
Schema = dict[str, Any]


class ContractError(Exception):
    """The OpenAPI file cannot be reduced to a contract."""


# --------------------------------------------------------------------------- #
# The operations missing from the OpenAPI file: two the spec's README names (see
# shared/spec/README.md) and two the live API has (shared/spec/live-api-delta.txt).
# Structure only; ``$ref`` values are resolved against the spec (components or paths).
# --------------------------------------------------------------------------- #

# ``[startMs, endMs]``
_TIMESPAN: Schema = {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
_ENVELOPE_REQUIRED = ["success", "data", "timespan"]
_ERROR_REF: Schema = {"$ref": "#/components/schemas/Default-Error"}

CONCURRENT_VIEWERS_DIMENSIONS: tuple[str, ...] = (
    "country",
    "region",
    "asn_id",
    "cdn",
    "video_title",
    "video_series",
    "video_id",
    "sub_property_id",
    "video_source_stream_type",
    "os_name",
    "player_name",
    "media_id",
    "fp_playback_id",
    "view_id",
)

_PATH_STRING: Schema = {"type": "string"}


def _vod_restrictions(kind: str, part: str) -> Schema:
    """A schema of the on-demand ``…/playback-ids/{playbackId}/<kind>`` PATCH, which the
    live-stream twin shares "IDENTICAL" (live-api-delta.txt, section 1c)."""
    pointer = f"/on-demand/{{mediaId}}/playback-ids/{{playbackId}}/{kind}".replace("/", "~1")
    return {"$ref": f"#/paths/{pointer}/patch/{part}"}


def _live_restrictions(operation_id: str, kind: str) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "method": "PATCH",
        "path": f"/live/streams/{{streamId}}/playback-ids/{{playbackId}}/{kind}",
        "parameters": [
            {"name": name, "in": "path", "required": True, "schema": _PATH_STRING}
            for name in ("streamId", "playbackId")
        ],
        "requestBody": {
            "required": True,
            "schema": _vod_restrictions(kind, "requestBody/content/application~1json/schema"),
        },
        "responses": {
            "200": _vod_restrictions(kind, "responses/200/content/application~1json/schema"),
            "default": _ERROR_REF,
        },
        "source": "spec/live-api-delta.txt",
    }


EXTRA_OPERATIONS: tuple[dict[str, Any], ...] = (
    {
        "operationId": "get-concurrent-viewers-timeseries",
        "method": "GET",
        "path": "/data/viewlist/current-views/getTimeseriesViews",
        "parameters": [],
        "requestBody": None,
        "responses": {
            "200": {
                "type": "object",
                "required": _ENVELOPE_REQUIRED,
                "properties": {
                    "success": {"type": "boolean"},
                    "data": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["intervalTime", "numberOfViews"],
                            "properties": {
                                "intervalTime": {"type": "string", "format": "date-time"},
                                "numberOfViews": {"type": "integer"},
                            },
                        },
                    },
                    "timespan": _TIMESPAN,
                },
            },
            "default": _ERROR_REF,
        },
    },
    {
        "operationId": "get-concurrent-viewers-breakdown",
        "method": "GET",
        "path": "/data/viewlist/current-views/filter",
        "parameters": [
            {
                "name": "dimension",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "enum": list(CONCURRENT_VIEWERS_DIMENSIONS)},
            },
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "default": 10},
            },
        ],
        "requestBody": None,
        "responses": {
            "200": {
                "type": "object",
                "required": _ENVELOPE_REQUIRED,
                "properties": {
                    "success": {"type": "boolean"},
                    "data": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["dimension_name", "concurrent_viewers", "metricValue"],
                            "properties": {
                                # null for the views that don't report the dimension
                                "dimension_name": {"type": "string", "nullable": True},
                                "concurrent_viewers": {"type": "integer"},
                                "metricValue": {"type": "integer"},
                            },
                        },
                    },
                    "timespan": _TIMESPAN,
                },
            },
            "default": _ERROR_REF,
        },
    },
    _live_restrictions("update-live-stream-domain-restrictions", "domains"),
    _live_restrictions("update-live-stream-user-agent-restrictions", "user-agents"),
)


# --------------------------------------------------------------------------- #
# The request fields the live API takes beyond the OpenAPI file
# (shared/spec/live-api-delta.txt, section 2): the contract is the union of both.
# Each change names an operation, the path of a node in its request body (``a.b``
# for properties, ``[]`` for array items, ``?name`` for the ``anyOf`` branch that
# has property ``name``) and what happens to that node.
# --------------------------------------------------------------------------- #

_STRING: Schema = {"type": "string"}
_NUMBER: Schema = {"type": "number", "minimum": 0}
_ACCESS_RESTRICTIONS: Schema = {
    "type": "object",
    "properties": {
        "domains": {"$ref": "#/components/schemas/DomainRestrictions"},
        "userAgents": {"$ref": "#/components/schemas/UserAgentRestrictions"},
    },
}


def _add(**properties: Schema) -> Any:
    def change(node: Schema, res: _Resolver) -> None:
        for name, schema in properties.items():
            node.setdefault("properties", {})[name] = res.root_schema(schema, name)

    return change


def _optional(*names: str) -> Any:
    def change(node: Schema, _: _Resolver) -> None:
        node["required"] = [n for n in node.get("required", []) if n not in names]
        if not node["required"]:
            del node["required"]

    return change


def _also(*values: str) -> Any:
    def change(node: Schema, _: _Resolver) -> None:
        node["enum"] = [*node["enum"], *(v for v in values if v not in node["enum"])]

    return change


LIVE_REQUEST_CHANGES: tuple[tuple[str, str, Any], ...] = (
    ("create-media", "maxResolution", _also("360p")),
    ("create-media", "inputs.[].?startTime", _add(startTime=_NUMBER, endTime=_NUMBER)),
    ("create-media", "inputs.[].?swapTrackUrl", _optional("swapTrackUrl")),
    ("direct-upload-video-media", "pushMediaSettings.maxResolution", _also("360p")),
    (
        "direct-upload-video-media",
        "pushMediaSettings.inputs.[].?swapTrackUrl",
        _optional("swapTrackUrl"),
    ),
    (
        "direct-upload-video-media",
        "pushMediaSettings.inputs.[].?expungeSegments",
        _add(startTime=_NUMBER, endTime=_NUMBER),
    ),
    ("Add-media-track", "tracks", _add(title=_STRING)),
    ("update-media-track", "", _add(title=_STRING)),
    ("update-media-track", "", _optional("url", "languageCode", "languageName")),
    ("Generate-subtitle-track", "", _add(title=_STRING)),
    ("create-new-stream", "inputMediaSettings", _add(enableRecording={"type": "boolean"})),
    ("create-new-stream", "playbackSettings", _add(accessRestrictions=_ACCESS_RESTRICTIONS)),
    ("create-playbackId-of-stream", "", _add(accessRestrictions=_ACCESS_RESTRICTIONS)),
)


def _nodes(schema: Schema, steps: Sequence[str]) -> list[Schema]:
    """The nodes at ``steps`` below ``schema`` (see :data:`LIVE_REQUEST_CHANGES`)."""
    if not steps:
        return [schema]
    step, rest = steps[0], steps[1:]
    if step == "[]":
        return _nodes(schema["items"], rest)
    if step.startswith("?"):
        branches = [b for b in schema["anyOf"] if step[1:] in b.get("properties", {})]
        return [node for branch in branches for node in _nodes(branch, rest)]
    return _nodes(schema["properties"][step], rest)


def _apply_live_request_changes(res: _Resolver, operations: Sequence[dict[str, Any]]) -> None:
    by_id = {op["operationId"]: op for op in operations}
    for op_id, where, change in LIVE_REQUEST_CHANGES:
        nodes = _nodes(by_id[op_id]["requestBody"]["schema"], [s for s in where.split(".") if s])
        if not nodes:
            raise ContractError(f"{op_id}: no request node at {where!r}")
        for node in nodes:
            change(node, res)


# --------------------------------------------------------------------------- #
# Loading
# --------------------------------------------------------------------------- #

# YAML 1.1 (PyYAML's dialect) turns unquoted timestamps into datetime objects,
# ``yes``/``on`` into booleans and ``1:30`` into 90.  The contract must hold the
# values a JSON client would see, so resolve only what YAML 1.2/JSON resolves.
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9]+\.(?:[0-9]*)?(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_REPLACED_TAGS = {
    "tag:yaml.org,2002:bool": _BOOL_RE,
    "tag:yaml.org,2002:int": _INT_RE,
    "tag:yaml.org,2002:float": _FLOAT_RE,
}


def _loader_class(yaml: Any) -> Any:
    base = yaml.SafeLoader
    resolvers: dict[Any, list[tuple[str, Any]]] = {}
    for first, entries in base.yaml_implicit_resolvers.items():
        kept = []
        for tag, regexp in entries:
            if tag == "tag:yaml.org,2002:timestamp":
                continue
            kept.append((tag, _REPLACED_TAGS.get(tag, regexp)))
        resolvers[first] = kept
    return type("ContractLoader", (base,), {"yaml_implicit_resolvers": resolvers})


def load_spec(path: Path) -> dict[str, Any]:
    """Parse the OpenAPI YAML file with JSON-compatible scalar resolution."""
    try:
        yaml = importlib.import_module("yaml")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ContractError("PyYAML is required (install the 'dev' extra)") from exc
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_loader_class(yaml))  # a SafeLoader subclass
    if not isinstance(data, dict):
        raise ContractError(f"{path}: top level is not a mapping")
    return data


# --------------------------------------------------------------------------- #
# Reduction
# --------------------------------------------------------------------------- #


class _Resolver:
    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        # Recursive schemas cannot be inlined completely.  The first occurrence is
        # inlined; a reference back into a schema that is still being inlined
        # becomes a local ``#/definitions/<Name>`` ref, and the root schema
        # carries those definitions, so it stays self-contained.
        self._definitions: dict[str, Schema] = {}
        self._recursive: set[str] = set()

    def root_schema(self, node: Any, where: str) -> Any:
        """A self-contained schema: refs inlined, recursion as local definitions."""
        self._definitions, self._recursive = {}, set()
        result = self.schema(node, where)
        if self._definitions:
            if not isinstance(result, dict) or "definitions" in result:
                raise ContractError(f"{where}: cannot attach definitions for recursion")
            result = {**result, "definitions": dict(sorted(self._definitions.items()))}
        self._definitions, self._recursive = {}, set()
        return result

    @staticmethod
    def _definition_name(ref: str) -> str:
        return re.sub(r"[^A-Za-z0-9_.-]", "_", ref.rsplit("/", 1)[-1])

    def lookup(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ContractError(f"only local $refs are supported, got {ref!r}")
        node: Any = self.spec
        for raw in ref[2:].split("/"):
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise ContractError(f"unresolvable $ref {ref!r}")
        return node

    def schema(self, node: Any, where: str, stack: tuple[str, ...] = ()) -> Any:
        """Return *node* (a schema) with refs inlined and prose removed."""
        if len(stack) > _MAX_DEPTH:
            raise ContractError(f"{where}: $ref nesting deeper than {_MAX_DEPTH}")
        if isinstance(node, bool):  # JSON Schema boolean schema
            return node
        if not isinstance(node, Mapping):
            raise ContractError(f"{where}: schema is not a mapping: {node!r}")
        out: Schema = {}
        if "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str):
                raise ContractError(f"{where}: $ref is not a string")
            siblings = {
                k: copy.deepcopy(v) for k, v in node.items() if k != "$ref" and k not in PROSE_KEYS
            }
            if ref in stack:
                self._recursive.add(ref)
                local: Schema = {"$ref": f"#/definitions/{self._definition_name(ref)}"}
                return {"allOf": [local], **siblings} if siblings else local
            target = self.schema(self.lookup(ref), f"{where}<{ref}>", (*stack, ref))
            if ref in self._recursive:
                name = self._definition_name(ref)
                if self._definitions.get(name, target) != target:
                    raise ContractError(f"{where}: definition name clash for {ref!r}")
                self._definitions[name] = copy.deepcopy(target)
            if not isinstance(target, dict):
                return target
            # OpenAPI 3.0 ignores siblings of $ref; the file relies on them anyway
            # (``nullable: true`` and ``example`` next to a $ref), so they are merged
            # over the referenced schema.
            out.update(target)
        for key, value in node.items():
            if key == "$ref" or key in PROSE_KEYS:
                continue
            sub = f"{where}.{key}"
            if key in _SUBSCHEMA_MAP_KEYS and isinstance(value, Mapping):
                out[key] = {
                    str(name): self.schema(prop, f"{sub}.{name}", stack)
                    for name, prop in value.items()
                }
            elif key in _SUBSCHEMA_LIST_KEYS and isinstance(value, list):
                out[key] = [self.schema(item, f"{sub}[{i}]", stack) for i, item in enumerate(value)]
            elif key in _SUBSCHEMA_KEYS and isinstance(value, (Mapping, bool)):
                out[key] = self.schema(value, sub, stack)
            else:  # data: type, enum, example, default, required, discriminator, ...
                out[key] = copy.deepcopy(value)
        return out

    def maybe_ref(self, node: Any, where: str) -> Any:
        """Resolve a non-schema object (parameter, requestBody, response) $ref."""
        seen: list[str] = []
        while isinstance(node, Mapping) and "$ref" in node:
            ref = node["$ref"]
            if ref in seen:
                raise ContractError(f"{where}: recursive $ref {ref!r}")
            seen.append(ref)
            node = self.lookup(ref)
        return node


def _json_media(content: Any, where: str) -> Mapping[str, Any] | None:
    if not isinstance(content, Mapping) or not content:
        return None
    for media_type, media in content.items():
        if media_type == "application/json" or media_type.endswith("+json"):
            return media if isinstance(media, Mapping) else None
    raise ContractError(f"{where}: no JSON content among {sorted(content)}")


def _parameter(res: _Resolver, raw: Any, where: str) -> dict[str, Any]:
    param = res.maybe_ref(raw, where)
    name = param["name"]
    location = param["in"]
    required = bool(param.get("required", False)) or location == "path"
    schema = res.root_schema(param.get("schema", {}), f"{where}:{name}")
    return {"name": name, "in": location, "required": required, "schema": schema}


def _media_examples(res: _Resolver, media: Mapping[str, Any], schema: Any) -> dict[str, Any]:
    """Named examples of one media object: ``example``, ``examples``, schema ``example``."""
    found: dict[str, Any] = {}
    if "example" in media:
        found["example"] = copy.deepcopy(media["example"])
    for name, ex in (media.get("examples") or {}).items():
        ex = res.maybe_ref(ex, str(name))
        if isinstance(ex, Mapping) and "value" in ex:
            found[str(name)] = copy.deepcopy(ex["value"])
    if not found and isinstance(schema, dict) and "example" in schema:
        found["schema"] = copy.deepcopy(schema["example"])
    return found


def _operation(
    res: _Resolver, path: str, method: str, op: Mapping[str, Any], shared: Sequence[Any]
) -> dict[str, Any]:
    op_id = op.get("operationId")
    if not isinstance(op_id, str):
        raise ContractError(f"{method.upper()} {path}: missing operationId")

    params: dict[tuple[str, str], dict[str, Any]] = {}
    for i, raw in enumerate([*shared, *op.get("parameters", [])]):
        p = _parameter(res, raw, f"{op_id}:param[{i}]")
        params[(p["in"], p["name"])] = p  # operation level overrides path level

    body: dict[str, Any] | None = None
    raw_body = op.get("requestBody")
    if raw_body is not None:
        rb = res.maybe_ref(raw_body, f"{op_id}:requestBody")
        media = _json_media(rb.get("content"), f"{op_id}:requestBody")
        schema = res.root_schema(media.get("schema", {}), f"{op_id}:body") if media else None
        body = {"required": bool(rb.get("required", False)), "schema": schema}
        if media is not None and "example" in media:
            body["example"] = copy.deepcopy(media["example"])

    responses: dict[str, Any] = {}
    examples: dict[str, dict[str, Any]] = {}
    for status, raw_resp in op.get("responses", {}).items():
        code = str(status)
        resp = res.maybe_ref(raw_resp, f"{op_id}:{code}")
        media = _json_media(resp.get("content"), f"{op_id}:{code}")
        if media is None:
            responses[code] = None
            continue
        schema = res.root_schema(media.get("schema", {}), f"{op_id}:{code}")
        responses[code] = schema
        found = _media_examples(res, media, schema)
        if found:
            examples[code] = found

    return {
        "operationId": op_id,
        "method": method.upper(),
        "path": path,
        "parameters": list(params.values()),
        "requestBody": body,
        "responses": responses,
        "examples": examples,
        "source": "openapi",
    }


def _extra_operation(res: _Resolver, raw: Mapping[str, Any]) -> dict[str, Any]:
    op_id = raw["operationId"]
    params = [
        {**p, "schema": res.root_schema(p["schema"], f"{op_id}:{p['name']}")}
        for p in raw["parameters"]
    ]
    raw_body = raw["requestBody"]
    body = raw_body and {
        **raw_body,
        "schema": res.root_schema(raw_body["schema"], f"{op_id}:body"),
    }
    return {
        "operationId": op_id,
        "method": raw["method"],
        "path": raw["path"],
        "parameters": params,
        "requestBody": body,
        "responses": {
            code: res.root_schema(schema, f"{op_id}:{code}")
            for code, schema in raw["responses"].items()
        },
        "examples": {},
        "source": raw.get("source", "spec/README.md"),
    }


def build_contract(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Reduce a parsed OpenAPI document to the contract dictionary."""
    res = _Resolver(spec)
    operations: list[dict[str, Any]] = []
    paths = spec.get("paths")
    if not isinstance(paths, Mapping):
        raise ContractError("spec has no 'paths'")
    for path, item in paths.items():
        item = res.maybe_ref(item, str(path))
        shared = item.get("parameters", [])
        for method, op in item.items():
            if method in HTTP_METHODS:
                operations.append(_operation(res, str(path), method, op, shared))
    operations.extend(_extra_operation(res, raw) for raw in EXTRA_OPERATIONS)
    _apply_live_request_changes(res, operations)

    seen: dict[str, str] = {}
    for op in operations:
        key = f"{op['method']} {op['path']}"
        if op["operationId"] in seen:
            raise ContractError(
                f"duplicate operationId {op['operationId']!r}: {seen[op['operationId']]} / {key}"
            )
        seen[op["operationId"]] = key
    operations.sort(key=lambda op: (op["path"], HTTP_METHODS.index(op["method"].lower())))

    return {
        "formatVersion": FORMAT_VERSION,
        "openapi": spec.get("openapi"),
        "basePath": BASE_PATH,
        "operationCount": len(operations),
        "retries": copy.deepcopy(spec.get("x-fastpix-retries")),
        "operations": operations,
    }


def render(contract: Mapping[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, indent 1, trailing newline."""
    text = json.dumps(contract, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False)
    return text + "\n"


# --------------------------------------------------------------------------- #
# Staleness report
# --------------------------------------------------------------------------- #


def describe_difference(committed: str, fresh: str, limit: int = 40) -> str:
    """Human-readable summary of how *committed* differs from *fresh*."""
    lines: list[str] = []
    try:
        old = json.loads(committed)
        new = json.loads(fresh)
    except ValueError as exc:
        lines.append(f"committed file is not valid JSON: {exc}")
    else:
        old_ops = {o["operationId"]: o for o in old.get("operations", [])}
        new_ops = {o["operationId"]: o for o in new.get("operations", [])}
        for op_id in sorted(new_ops.keys() - old_ops.keys()):
            lines.append(f"operation {op_id} missing from committed file")
        for op_id in sorted(old_ops.keys() - new_ops.keys()):
            lines.append(f"operation {op_id} no longer in spec")
        for op_id in sorted(old_ops.keys() & new_ops.keys()):
            if old_ops[op_id] != new_ops[op_id]:
                keys = sorted(
                    k
                    for k in old_ops[op_id].keys() | new_ops[op_id].keys()
                    if old_ops[op_id].get(k) != new_ops[op_id].get(k)
                )
                lines.append(f"operation {op_id} differs in: {', '.join(keys)}")
        for key in sorted((old.keys() | new.keys()) - {"operations"}):
            if old.get(key) != new.get(key):
                lines.append(f"top-level {key!r} differs")
        if not lines:
            lines.append("same data, different formatting")
    diff = list(
        difflib.unified_diff(
            committed.splitlines(), fresh.splitlines(), "committed", "from spec", lineterm="", n=1
        )
    )
    if diff:
        lines.append("diff (first lines):")
        lines.extend(diff[:limit])
        if len(diff) > limit:
            lines.append(f"... {len(diff) - limit} more diff lines")
    return "\n".join(lines)


# --------------------------------------------------------------------------- #
# CLI
# --------------------------------------------------------------------------- #


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m codegen.contract",
        description="Derive tests/contract/fastpix_contract.json from FastPix's OpenAPI file.",
    )
    parser.add_argument("--spec", type=Path, default=None, help=f"default: {DEFAULT_SPEC}")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed file, do not write"
    )
    args = parser.parse_args(argv)
    spec_path: Path = args.spec if args.spec is not None else DEFAULT_SPEC
    output: Path = args.output

    if not spec_path.is_file():
        if args.check:
            print(f"contract: spec {spec_path} not found; nothing to check", file=sys.stderr)
            return 0
        print(f"contract: spec {spec_path} not found; cannot generate", file=sys.stderr)
        return 2

    try:
        contract = build_contract(load_spec(spec_path))
    except ContractError as exc:
        print(f"contract: {exc}", file=sys.stderr)
        return 2
    fresh = render(contract)

    if args.check:
        if not output.is_file():
            print(f"contract: {output} does not exist; run python -m codegen.contract")
            return 1
        committed = output.read_text(encoding="utf-8")
        if committed != fresh:
            print(f"contract: {output} is stale relative to {spec_path}:")
            print(describe_difference(committed, fresh))
            print("regenerate with: python -m codegen.contract")
            return 1
        print(f"contract: {output} is up to date")
        return 0

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(fresh, encoding="utf-8", newline="\n")
    print(f"contract: wrote {output} ({contract['operationCount']} operations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
