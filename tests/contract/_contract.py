"""Typed helpers for tests that check traffic against the FastPix API contract.

The contract is the committed ``fastpix_contract.json`` (derived from FastPix's
OpenAPI file by ``python -m codegen.contract``); this module never reads the YAML,
so the tests work without ``../shared``.

Schemas in the contract are OpenAPI 3.0 schema objects.  Before validation they are
translated to JSON Schema draft 7 (:func:`to_json_schema`): ``nullable: true``
admits ``null``; everything else (``format`` included) is left to the validator,
which checks formats only when asked (the contract's own ids are not all UUIDs, but
the emulator's are).
"""

from __future__ import annotations

import copy
import functools
import http
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]

CONTRACT_PATH = Path(__file__).with_name("fastpix_contract.json")

Schema = dict[str, Any]

_SUCCESS = re.compile(r"^2\d\d$")
_INT = re.compile(r"^[-+]?\d+$")
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_MAX_SAMPLE_DEPTH = 3

#: Query parameters that may legitimately be sent more than once (``style: form,
#: explode: true`` arrays); every name ending in ``[]`` qualifies.
REPEATABLE_SUFFIX = "[]"

#: ``timespan[]`` is typed as one of the duration strings, but the API also takes a
#: ``[from, to]`` pair of unix epoch seconds (``timespan[]=1498867200&timespan[]=...``).
EPOCH_PAIR_QUERY = frozenset({"timespan[]"})


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # "path" | "query" | "header" | "cookie"
    required: bool
    schema: Schema


@dataclass(frozen=True)
class RequestBody:
    required: bool
    schema: Schema
    example: Any = None


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    #: status code ("200", "201", "default") -> OpenAPI schema of the JSON body
    responses: Mapping[str, Schema | None]
    #: the contract's example of the success body, if it has one
    example: Any  # None when the contract has none
    #: every example: status -> name -> value
    examples: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "openapi"

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.path.strip("/").split("/")) if self.path != "/" else ()

    @property
    def success_status(self) -> str:
        codes = sorted(code for code in self.responses if _SUCCESS.match(code))
        if not codes:
            raise AssertionError(f"{self.operation_id}: no 2xx response in the contract")
        return codes[0]

    def query_params(self) -> dict[str, Parameter]:
        return {p.name: p for p in self.parameters if p.location == "query"}

    def path_params(self) -> dict[str, Parameter]:
        return {p.name: p for p in self.parameters if p.location == "path"}

    def __str__(self) -> str:
        return f"{self.operation_id} ({self.method} {self.path})"


# --------------------------------------------------------------------------- #
# Loading
# --------------------------------------------------------------------------- #


def load_raw(path: Path = CONTRACT_PATH) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a JSON object")
    return data


def _operation(raw: Mapping[str, Any]) -> Operation:
    body = raw.get("requestBody")
    examples: dict[str, dict[str, Any]] = {
        code: dict(named) for code, named in (raw.get("examples") or {}).items()
    }
    success = sorted(code for code in raw["responses"] if _SUCCESS.match(code))
    example = None
    for code in success:
        if examples.get(code):
            example = next(iter(examples[code].values()))
            break
    return Operation(
        operation_id=raw["operationId"],
        method=raw["method"].upper(),
        path=raw["path"],
        parameters=tuple(
            Parameter(p["name"], p["in"], bool(p["required"]), p["schema"])
            for p in raw["parameters"]
        ),
        request_body=(
            None
            if body is None
            else RequestBody(bool(body["required"]), body["schema"] or {}, body.get("example"))
        ),
        responses=dict(raw["responses"]),
        example=example,
        examples=examples,
        source=raw.get("source", "openapi"),
    )


def load_operations(path: Path = CONTRACT_PATH) -> dict[str, Operation]:
    ops: dict[str, Operation] = {}
    for raw in load_raw(path)["operations"]:
        op = _operation(raw)
        if op.operation_id in ops:
            raise ValueError(f"duplicate operationId {op.operation_id!r}")
        ops[op.operation_id] = op
    return ops


RAW_CONTRACT: dict[str, Any] = load_raw()
OPERATIONS: dict[str, Operation] = load_operations()
#: How many operations the API has: written once, by ``python -m codegen.contract``, so
#: when the API gains one, regenerating the contract is the only edit the tests need.
OPERATION_COUNT: int = RAW_CONTRACT["operationCount"]
#: Each operation by ``(METHOD, path template)``.
ROUTES: dict[tuple[str, str], Operation] = {(op.method, op.path): op for op in OPERATIONS.values()}
RETRIES: dict[str, Any] = RAW_CONTRACT["retries"]
BASE_PATH: str = RAW_CONTRACT["basePath"]


# --------------------------------------------------------------------------- #
# Path matching
# --------------------------------------------------------------------------- #


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _split(path: str) -> tuple[str, ...]:
    path = path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        raise AssertionError(f"path {path!r} must start with '/' (relative to {BASE_PATH})")
    return tuple(path[1:].split("/")) if path != "/" else ()


def template_matches(template: tuple[str, ...], segments: tuple[str, ...]) -> bool:
    if len(template) != len(segments):
        return False
    return all(
        (bool(seg) if _is_param(tpl) else tpl == seg)
        for tpl, seg in zip(template, segments, strict=True)
    )


def specificity(template: tuple[str, ...]) -> tuple[int, ...]:
    """Sort key: a literal segment beats a ``{param}`` one, leftmost first."""
    return tuple(1 if _is_param(seg) else 0 for seg in template)


def candidates(path: str, operations: Mapping[str, Operation] | None = None) -> list[Operation]:
    """Every operation whose template matches *path*, most specific first."""
    ops = OPERATIONS if operations is None else operations
    segments = _split(path)
    found = [op for op in ops.values() if template_matches(op.segments, segments)]
    return sorted(found, key=lambda op: (specificity(op.segments), op.path, op.method))


def match_operation(
    method: str, path: str, operations: Mapping[str, Operation] | None = None
) -> Operation:
    """The operation a concrete ``method path`` (relative to ``/v1``) addresses.

    Among the templates registered for *method*, literal segments win over
    ``{param}`` segments, leftmost segment first (``/on-demand/uploads`` is
    list-uploads, not get-media with ``mediaId == "uploads"``).
    """
    method = method.upper()
    found = candidates(path, operations)
    for op in found:
        if op.method == method:
            return op
    if found:
        allowed = ", ".join(sorted({f"{op.method} {op.path}" for op in found}))
        raise AssertionError(
            f"no {method} operation for {path!r}; that path matches only: {allowed}"
        )
    ops = OPERATIONS if operations is None else operations
    segments = _split(path)
    near = sorted(
        {
            f"{op.method} {op.path}"
            for op in ops.values()
            if op.segments[:1] == segments[:1] and len(op.segments) == len(segments)
        }
    )
    hint = f"; templates with the same length: {', '.join(near)}" if near else ""
    if path.startswith(BASE_PATH + "/"):
        hint += f"; give the path relative to {BASE_PATH}"
    raise AssertionError(f"no operation in the contract matches {method} {path!r}{hint}")


def fill(template: str, **values: str) -> str:
    """``fill("/on-demand/{mediaId}", mediaId="m1")``: the concrete path of a template."""
    return re.sub(r"\{(\w+)\}", lambda match: values[match.group(1)], template)


def path_arguments(op: Operation, path: str) -> dict[str, str]:
    """The ``{param}`` values of *path* under *op*'s template."""
    segments = _split(path)
    if not template_matches(op.segments, segments):
        raise AssertionError(f"path {path!r} does not match {op}")
    return {
        tpl[1:-1]: seg for tpl, seg in zip(op.segments, segments, strict=True) if _is_param(tpl)
    }


# --------------------------------------------------------------------------- #
# OpenAPI 3.0 schema -> JSON Schema draft 7
# --------------------------------------------------------------------------- #

_SUB = ("items", "not", "additionalProperties")
_SUB_LIST = ("oneOf", "anyOf", "allOf")
_SUB_MAP = ("properties", "patternProperties", "definitions")


_PRIMITIVES = frozenset({"string", "integer", "number", "boolean"})


def _primitive_branches(branches: Any) -> bool:
    return isinstance(branches, list) and all(
        isinstance(b, dict)
        and set(b) <= {"type", "format", "nullable", "example"}
        and b.get("type") in _PRIMITIVES
        for b in branches
    )


def to_json_schema(schema: Any) -> Any:
    """Translate an OpenAPI 3.0 schema object to JSON Schema draft 7.

    * ``nullable: true`` admits ``null`` (added to ``type`` and ``enum``, or as an
      ``anyOf`` alternative when there is no ``type``);
    * a ``oneOf`` of bare primitive types becomes ``anyOf`` (the contract's
      ``oneOf: [integer, number]`` would otherwise reject every integer);
    * ``example``, ``discriminator``, ``readOnly`` and ``writeOnly`` are dropped.
    """
    if not isinstance(schema, dict):
        return schema
    out: Schema = {}
    for key, value in schema.items():
        if key in _SUB and isinstance(value, dict):
            out[key] = to_json_schema(value)
        elif key == "oneOf" and _primitive_branches(value):
            # ``oneOf: [integer, number]`` means "either" to its authors, but an
            # integer matches both branches and so would fail ``oneOf``.
            out["anyOf"] = [to_json_schema(v) for v in value]
        elif key in _SUB_LIST and isinstance(value, list):
            out[key] = [to_json_schema(v) for v in value]
        elif key in _SUB_MAP and isinstance(value, dict):
            out[key] = {k: to_json_schema(v) for k, v in value.items()}
        elif key in ("nullable", "example", "discriminator", "readOnly", "writeOnly"):
            continue
        else:
            out[key] = copy.deepcopy(value)
    if schema.get("nullable") is True:
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        typ = out.get("type")
        if isinstance(typ, str):
            out["type"] = [typ, "null"]
        elif isinstance(typ, list):
            if "null" not in typ:
                out["type"] = [*typ, "null"]
        else:
            definitions = out.pop("definitions", None)
            out = {"anyOf": [{"type": "null"}, out]}
            if definitions is not None:
                out["definitions"] = definitions
    return out


@functools.cache
def _validator_for(schema_json: str, formats: bool) -> Any:
    schema = to_json_schema(json.loads(schema_json))
    jsonschema.Draft7Validator.check_schema(schema)
    # (the 2020-12 checker: it knows ``uuid``, which draft 7 predates)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER if formats else None
    return jsonschema.Draft7Validator(schema, format_checker=checker)


def _validator(schema: Any, formats: bool) -> Any:
    return _validator_for(json.dumps(schema, sort_keys=True), formats)


def schema_errors(schema: Any, instance: Any, *, formats: bool = False) -> list[str]:
    """Every validation error of *instance* against an OpenAPI *schema*, as text
    (``format`` too, if *formats*)."""
    validator = _validator(schema, formats)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    out = []
    for err in errors:
        where = "/".join(str(p) for p in err.absolute_path) or "<root>"
        out.append(f"at {where}: {err.message}")
    return out


def _assert_valid(
    schema: Any, instance: Any, what: str, limit: int = 10, *, formats: bool = False
) -> None:
    errors = schema_errors(schema, instance, formats=formats)
    if errors:
        shown = "\n  ".join(e if len(e) < 300 else e[:297] + "..." for e in errors[:limit])
        more = f"\n  ... and {len(errors) - limit} more" if len(errors) > limit else ""
        raise AssertionError(f"{what} does not match the contract:\n  {shown}{more}")


# --------------------------------------------------------------------------- #
# Requests
# --------------------------------------------------------------------------- #


def _scalar_errors(schema: Mapping[str, Any], value: str) -> list[str]:
    """Check a query/path string against a scalar parameter schema."""
    typ = schema.get("type", "string")
    parsed: Any = value
    if typ == "integer":
        if not _INT.match(value):
            return [f"{value!r} is not an integer"]
        parsed = int(value)
    elif typ == "number":
        if not _NUMBER.match(value):
            return [f"{value!r} is not a number"]
        parsed = float(value)
    elif typ == "boolean":
        if value not in ("true", "false"):
            return [f"{value!r} is not 'true' or 'false'"]
        parsed = value == "true"
    elif typ != "string":
        return [f"parameter type {typ!r} is not supported by the checker"]
    problems = []
    enum = schema.get("enum")
    if enum is not None and parsed not in enum:
        problems.append(f"{value!r} is not one of {enum}")
    if "minimum" in schema and parsed < schema["minimum"]:
        problems.append(f"{value!r} is below the minimum {schema['minimum']}")
    if "maximum" in schema and parsed > schema["maximum"]:
        problems.append(f"{value!r} is above the maximum {schema['maximum']}")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        problems.append(f"{value!r} is longer than {schema['maxLength']}")
    return problems


def check_request(
    op: Operation,
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    body: Any | None,
) -> None:
    """Assert that a request conforms to *op*; raise AssertionError with the reason."""
    problems: list[str] = []
    if method.upper() != op.method:
        problems.append(f"method {method.upper()} but {op.operation_id} is {op.method}")

    segments = _split(path)
    if not template_matches(op.segments, segments):
        problems.append(f"path {path!r} does not match the template {op.path}")
    else:
        declared = op.path_params()
        for name, value in path_arguments(op, path).items():
            param = declared.get(name)
            if param is None:
                problems.append(f"path parameter {{{name}}} is not declared")
                continue
            # formats are not checked: tests use short fake ids
            problems.extend(f"path {name}: {p}" for p in _scalar_errors(param.schema, value))

    known = op.query_params()
    pairs = list(query)
    seen: dict[str, list[str]] = {}
    for name, value in pairs:
        seen.setdefault(name, []).append(value)
    for name, values in seen.items():
        param = known.get(name)
        if param is None:
            expected = ", ".join(sorted(known)) or "none"
            problems.append(f"unknown query parameter {name!r} (known: {expected})")
            continue
        if len(values) > 1 and not name.endswith(REPEATABLE_SUFFIX):
            problems.append(f"query parameter {name!r} repeated {len(values)} times")
        if name in EPOCH_PAIR_QUERY and all(_INT.match(v) for v in values):
            if len(values) != 2:
                problems.append(f"{name} as epoch seconds needs exactly 2 values, got {values}")
            continue
        for value in values:
            problems.extend(f"query {name}: {p}" for p in _scalar_errors(param.schema, value))
    for name, param in known.items():
        if param.required and name not in seen:
            problems.append(f"required query parameter {name!r} is missing")

    rb = op.request_body
    if rb is None:
        if body is not None:
            problems.append(f"{op.operation_id} takes no request body, got {body!r:.200}")
    elif body is None:
        if rb.required:
            problems.append(f"{op.operation_id} requires a JSON body")
    else:
        problems.extend(f"body {e}" for e in schema_errors(rb.schema, body))

    if problems:
        raise AssertionError(f"request does not match {op}:\n  " + "\n  ".join(problems))


# --------------------------------------------------------------------------- #
# Responses
# --------------------------------------------------------------------------- #


def response_schema(op: Operation, status: int | str) -> Schema | None:
    """The schema for *status*; ``default`` covers undocumented error statuses."""
    code = str(status)
    if code in op.responses:
        return op.responses[code]
    if "default" in op.responses and code.isdigit() and int(code) >= 400:
        return op.responses["default"]
    raise AssertionError(
        f"status {code} is not in the contract for {op} (has {', '.join(sorted(op.responses))})"
    )


def validate_response(
    op: Operation, status: int | str, body: Any, *, formats: bool = False
) -> None:
    """Assert that *body* matches the response schema of *op* for *status* (and each
    string its ``format``, if *formats*)."""
    schema = response_schema(op, status)
    if schema is None:
        if body not in (None, b"", ""):
            raise AssertionError(f"{op} status {status} has no body in the contract")
        return
    _assert_valid(schema, body, f"{op} response {status}", formats=formats)


def sample_error(status: int) -> dict[str, Any]:
    """The API's error envelope for *status*."""
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return {
        "success": False,
        "error": {
            "code": status,
            "message": phrase,
            "description": f"The request failed with HTTP status {status} ({phrase}).",
        },
    }


def sample_response(op: Operation, status: str | None = None, *, generated: bool = False) -> Any:
    """A JSON body for a success response of *op*.

    The contract's example when it has one for *status* (unless *generated*),
    otherwise an instance generated from the schema, deterministically.  Examples
    are returned as the contract has them, quirks included (see the tests for the
    list of examples that break their own schema).
    """
    code = op.success_status if status is None else str(status)
    if code not in op.responses:
        raise AssertionError(f"status {code} is not in the contract for {op}")
    if not generated:
        named = op.examples.get(code)
        if named:
            return copy.deepcopy(next(iter(named.values())))
    schema = op.responses[code]
    if schema is None:
        return None
    return generate(schema, seed=f"{op.operation_id}:{code}")


# --------------------------------------------------------------------------- #
# Instance generation
# --------------------------------------------------------------------------- #


def generate(schema: Schema, seed: str = "") -> Any:
    """A deterministic instance of an OpenAPI *schema* that validates against it.

    Every property is filled, enums take their first value, arrays get two items,
    ``oneOf``/``anyOf`` take the first branch whose instance validates against the
    whole schema, scalars use the schema's ``example`` when it is valid.
    """
    return _Generator(schema, seed).instance(schema, "$", ())


class _Generator:
    def __init__(self, root: Schema, seed: str) -> None:
        self.root = root
        self.seed = seed

    def _deref(self, schema: Mapping[str, Any]) -> tuple[Mapping[str, Any], str | None]:
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            return schema, None
        prefix = "#/definitions/"
        if not ref.startswith(prefix):
            raise ValueError(f"unsupported $ref {ref!r} in a contract schema")
        return self.root["definitions"][ref[len(prefix) :]], ref

    def _valid(self, schema: Mapping[str, Any], value: Any) -> bool:
        wrapped = dict(schema)
        if "definitions" in self.root and "definitions" not in wrapped:
            wrapped["definitions"] = self.root["definitions"]
        return not schema_errors(wrapped, value)

    def instance(self, schema: Any, where: str, refs: tuple[str, ...]) -> Any:
        if schema is True or not isinstance(schema, Mapping):
            return "value"
        schema, ref = self._deref(schema)
        if ref is not None:
            if refs.count(ref) >= 1 or len(refs) > _MAX_SAMPLE_DEPTH:
                return self._stop(schema)
            refs = (*refs, ref)
        if "allOf" in schema:
            merged: Any = None
            for i, part in enumerate(schema["allOf"]):
                value = self.instance(part, f"{where}&{i}", refs)
                if isinstance(merged, dict) and isinstance(value, dict):
                    merged = {**merged, **value}
                elif merged is None:
                    merged = value
            rest = {k: v for k, v in schema.items() if k != "allOf"}
            if set(rest) & {"properties", "type", "enum"}:
                extra = self.instance(rest, where, refs)
                if isinstance(merged, dict) and isinstance(extra, dict):
                    return {**merged, **extra}
                return extra
            return merged
        for key in ("oneOf", "anyOf"):
            if key in schema:
                rest = {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf")}
                first: Any = None
                for i, branch in enumerate(schema[key]):
                    b, _ = self._deref(branch) if isinstance(branch, Mapping) else (branch, None)
                    merged_branch = {**rest, **b} if isinstance(b, Mapping) else b
                    value = self.instance(merged_branch, f"{where}|{i}", refs)
                    if i == 0:
                        first = value
                    if self._valid(schema, value):
                        return value
                return first
        enum = [v for v in schema.get("enum") or () if v is not None]
        if enum:
            return copy.deepcopy(enum[0])
        typ = schema.get("type")
        if typ is None:
            typ = "object" if "properties" in schema else "array" if "items" in schema else None
        if typ == "object":
            return self._object(schema, where, refs)
        if typ == "array":
            return self._array(schema, where, refs)
        if typ in ("string", "integer", "number", "boolean"):
            return self._scalar(schema, typ, where)
        return "value"

    def _stop(self, schema: Mapping[str, Any]) -> Any:
        if schema.get("nullable"):
            return None
        return [] if schema.get("type") == "array" else {}

    def _object(self, schema: Mapping[str, Any], where: str, refs: tuple[str, ...]) -> Any:
        props: Mapping[str, Any] = schema.get("properties") or {}
        out: dict[str, Any] = {}
        for name, sub in props.items():
            out[name] = self.instance(sub, f"{where}.{name}", refs)
        for name in schema.get("required") or ():
            out.setdefault(name, "value")
        extra = schema.get("additionalProperties")
        if not props and isinstance(extra, Mapping):
            limit = schema.get("maxProperties")
            if limit is None or limit >= 1:
                out["key1"] = self.instance(extra, f"{where}.key1", refs)
        return out

    def _array(self, schema: Mapping[str, Any], where: str, refs: tuple[str, ...]) -> Any:
        count = 2
        if "maxItems" in schema:
            count = min(count, int(schema["maxItems"]))
        if "minItems" in schema:
            count = max(count, int(schema["minItems"]))
        items = schema.get("items", {})
        values = [self.instance(items, f"{where}[{i}]", refs) for i in range(count)]
        if schema.get("uniqueItems") and count > 1 and values[0] == values[1]:
            values = values[:1]
        return values

    def _scalar(self, schema: Mapping[str, Any], typ: str, where: str) -> Any:
        example = schema.get("example")
        if (
            example is not None
            and not (typ == "string" and schema.get("format"))
            and self._valid(schema, example)
        ):
            return copy.deepcopy(example)
        if typ == "boolean":
            return True
        if typ == "integer":
            return self._clamp(schema, 1)
        if typ == "number":
            return self._clamp(schema, 1.5)
        return self._string(schema, where)

    @staticmethod
    def _clamp(schema: Mapping[str, Any], value: float) -> Any:
        if "minimum" in schema and value < schema["minimum"]:
            value = schema["minimum"]
        if "maximum" in schema and value > schema["maximum"]:
            value = schema["maximum"]
        return int(value) if schema.get("type") == "integer" else value

    def _string(self, schema: Mapping[str, Any], where: str) -> str:
        fmt = schema.get("format")
        if fmt == "uuid":
            return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fastpix:{self.seed}:{where}"))
        if fmt in ("date-time", "datetime"):
            return "2025-01-15T10:30:00Z"
        if fmt == "date":
            return "2025-01-15"
        if fmt in ("uri", "url"):
            return f"https://example.com/{self.seed.split(':', 1)[0]}/{where.rsplit('.', 1)[-1]}"
        if fmt == "email":
            return "user@example.com"
        name = where.rsplit(".", 1)[-1].strip("$[]0123456789") or "value"
        text = f"{name}-value"
        max_len = schema.get("maxLength")
        if isinstance(max_len, int) and len(text) > max_len:
            text = text[:max_len]
        min_len = schema.get("minLength")
        if isinstance(min_len, int) and len(text) < min_len:
            text = text.ljust(min_len, "x")
        return text
