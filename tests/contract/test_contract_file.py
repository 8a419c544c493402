"""Tests for the committed API contract and for the ``_contract`` test helpers."""

from __future__ import annotations

import copy
import itertools
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from ._contract import (
    CONTRACT_PATH,
    OPERATION_COUNT,
    OPERATIONS,
    RAW_CONTRACT,
    RETRIES,
    ROUTES,
    Operation,
    check_request,
    fill,
    generate,
    match_operation,
    path_arguments,
    sample_error,
    sample_response,
    schema_errors,
    specificity,
    template_matches,
    to_json_schema,
    validate_response,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT.parent / "shared" / "spec" / "fastpix-openapi.yaml"
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PROSE_KEYS = {"description", "summary", "title", "x-codeSamples"}
ALL = frozenset(OPERATIONS)

README_OPERATIONS = {
    "get-concurrent-viewers-timeseries": ("GET", "/data/viewlist/current-views/getTimeseriesViews"),
    "get-concurrent-viewers-breakdown": ("GET", "/data/viewlist/current-views/filter"),
}
#: The live API's operations the file lacks (shared/spec/live-api-delta.txt, section 1c).
LIVE_OPERATIONS = {
    "update-live-stream-domain-restrictions": "update-domain-restrictions",
    "update-live-stream-user-agent-restrictions": "update-user-agent-restrictions",
}


def _concrete(op: Operation, value: str = "x1") -> str:
    return re.sub(r"\{[^}]+\}", value, op.path)


def _walk_schemas(schema: Any, where: str = "") -> Any:
    """Yield (where, subschema) for every schema node, properties named by path."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for name, sub in (schema.get("properties") or {}).items():
        yield from _walk_schemas(sub, f"{where}.{name}")
    for name, sub in (schema.get("definitions") or {}).items():
        yield from _walk_schemas(sub, f"#{name}")
    for key, suffix in (("items", "[]"), ("additionalProperties", "{}"), ("not", "!")):
        if isinstance(schema.get(key), dict):
            yield from _walk_schemas(schema[key], where + suffix)
    for key in ("oneOf", "anyOf", "allOf"):
        for i, sub in enumerate(schema.get(key) or []):
            yield from _walk_schemas(sub, f"{where}<{key}{i}>")


def _all_schemas(op: Operation) -> Any:
    for code, schema in op.responses.items():
        if schema is not None:
            yield code, schema
    if op.request_body is not None:
        yield "body", op.request_body.schema
    for p in op.parameters:
        yield f"{p.location}:{p.name}", p.schema


# --------------------------------------------------------------------------- #
# The file
# --------------------------------------------------------------------------- #


def test_the_operation_count_is_the_number_of_operations_in_the_file() -> None:
    # OPERATION_COUNT is the one number the other tests compare with.
    assert len(RAW_CONTRACT["operations"]) == len(OPERATIONS) == OPERATION_COUNT
    assert len(ROUTES) == OPERATION_COUNT
    sources = defaultdict(set)
    for op in OPERATIONS.values():
        sources[op.source].add(op.operation_id)
    assert len(sources["openapi"]) == OPERATION_COUNT - len(README_OPERATIONS) - len(
        LIVE_OPERATIONS
    )
    assert sources["spec/README.md"] == set(README_OPERATIONS)
    assert sources["spec/live-api-delta.txt"] == set(LIVE_OPERATIONS)


def test_live_operations_have_the_shapes_of_their_on_demand_twins() -> None:
    for op_id, twin_id in LIVE_OPERATIONS.items():
        op, twin = OPERATIONS[op_id], OPERATIONS[twin_id]
        assert op.method == twin.method == "PATCH"
        assert op.path.startswith("/live/streams/{streamId}/playback-ids/{playbackId}/")
        assert op.path.rsplit("/", 1)[1] == twin.path.rsplit("/", 1)[1]
        assert op.request_body == twin.request_body and op.request_body is not None
        assert op.responses == twin.responses


def test_operation_ids_unique() -> None:
    ids = [raw["operationId"] for raw in RAW_CONTRACT["operations"]]
    assert len(ids) == len(set(ids))


def test_path_templates_unique_per_method() -> None:
    keys = [(op.method, op.path) for op in OPERATIONS.values()]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes


def test_readme_operations() -> None:
    for op_id, (method, path) in README_OPERATIONS.items():
        op = OPERATIONS[op_id]
        assert (op.method, op.path) == (method, path)
        assert op.request_body is None
        success: Any = op.responses["200"]
        assert success["required"] == ["success", "data", "timespan"]
        items = success["properties"]["data"]["items"]
        data = items["properties"]
        assert set(items["required"]) == set(data)  # every field is always sent
        timespan = success["properties"]["timespan"]  # [startMs, endMs]
        assert (timespan["type"], timespan["minItems"], timespan["maxItems"]) == ("array", 2, 2)
        if op_id.endswith("timeseries"):
            assert op.parameters == ()
            assert data["intervalTime"]["type"] == "string"
            assert data["numberOfViews"]["type"] == "integer"
        else:
            params = {p.name: p for p in op.parameters}
            assert set(params) == {"dimension", "limit"}
            assert len(params["dimension"].schema["enum"]) == 14
            assert "view_id" in params["dimension"].schema["enum"]
            assert params["limit"].schema == {"type": "integer", "default": 10}
            assert {"dimension_name", "concurrent_viewers", "metricValue"} == set(data)
            assert data["dimension_name"]["nullable"] is True  # a view may lack the dimension
    # the hand-written operations reuse the spec's error envelope
    assert (
        OPERATIONS["get-concurrent-viewers-breakdown"].responses["default"]
        == OPERATIONS["get-media"].responses["default"]
    )


def test_retries_block() -> None:
    assert RETRIES["maxAttempts"] == 3
    assert RETRIES["backoff"] == {
        "strategy": "exponential",
        "initialInterval": 1000,
        "maxInterval": 10000,
        "multiplier": 2,
    }
    assert RETRIES["retryConnectionErrors"] is True
    assert RETRIES["statusCodes"] == [408, 429, 500, 502, 503, 504]


def test_every_operation_has_success_and_default_responses() -> None:
    for op in OPERATIONS.values():
        assert op.success_status in {"200", "201"}, op
        assert "default" in op.responses, op
        assert op.method in {"GET", "POST", "PUT", "PATCH", "DELETE"}, op
        assert op.path.startswith("/") and not op.path.startswith("/v1"), op
        for p in op.path_params().values():
            assert p.required, (op, p)
        names = {seg[1:-1] for seg in op.segments if seg.startswith("{")}
        assert names == set(op.path_params()), op


def test_schemas_are_self_contained_and_prose_free() -> None:
    text = CONTRACT_PATH.read_text(encoding="utf-8")
    refs = set(re.findall(r'"\$ref": "([^"]+)"', text))
    # the only reference left is the one recursive schema, as a local definition
    assert refs == {"#/definitions/MetricsComparisonDetails"}
    for op in OPERATIONS.values():
        for code, schema in _all_schemas(op):
            for where, node in _walk_schemas(schema):
                assert not PROSE_KEYS & set(node), (op.operation_id, code, where)
                ref = node.get("$ref")
                if ref is not None:
                    assert ref.split("/")[-1] in schema.get("definitions", {}), (op, where)


def test_file_is_deterministic_json() -> None:
    text = CONTRACT_PATH.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    data = json.loads(text)
    again = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    assert again == text


# --------------------------------------------------------------------------- #
# match_operation
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/on-demand/uploads", "list-uploads"),
        ("GET", "/on-demand/4fa85f64-5717-4562-b3fc-2c963f66afa6", "get-media"),
        ("GET", "/on-demand/playlists", "get-all-playlists"),
        ("GET", "/on-demand/drm-configurations", "getDrmConfiguration"),
        ("GET", "/on-demand/drm-configurations/d1", "getDrmConfigurationById"),
        ("GET", "/on-demand/playlists/p1", "get-playlist-by-id"),
        ("GET", "/on-demand/abc/summary", "get-media-summary"),
        ("GET", "/on-demand/ls1/live-clips", "list-live-clips"),
        ("GET", "/data/viewlist/top-content", "list_by_top_content"),
        ("GET", "/data/viewlist/v1", "get_video_view_details"),
        ("GET", "/data/viewlist/current-views/filter", "get-concurrent-viewers-breakdown"),
        (
            "GET",
            "/data/viewlist/current-views/getTimeseriesViews",
            "get-concurrent-viewers-timeseries",
        ),
        ("GET", "/data/metrics/comparison", "list_comparison_values"),
        ("GET", "/data/metrics/views/overall", "list_overall_values"),
        ("POST", "/on-demand/upload", "direct-upload-video-media"),
        ("PUT", "/on-demand/upload/u1/cancel", "cancel-upload"),
        ("PATCH", "/on-demand/abc/tracks/x", "update-media-track"),
        ("delete", "/on-demand/abc/tracks/x", "delete-media-track"),
        ("DELETE", "/on-demand/playlists/p1/media", "delete-media-from-playlist"),
        ("GET", "/on-demand?limit=10", "list-media"),
    ],
)
def test_match_operation(method: str, path: str, expected: str) -> None:
    assert match_operation(method, path).operation_id == expected


def test_every_template_matches_itself() -> None:
    for op in OPERATIONS.values():
        assert match_operation(op.method, _concrete(op)) is op
        assert ROUTES[(op.method, op.path)] is op


def test_fill_puts_each_value_in_its_place() -> None:
    template = "/on-demand/{mediaId}/playback-ids/{playbackId}"
    path = fill(template, mediaId="m1", playbackId="p1")
    assert path == "/on-demand/m1/playback-ids/p1"
    assert path_arguments(ROUTES[("GET", template)], path) == {
        "mediaId": "m1",
        "playbackId": "p1",
    }
    with pytest.raises(KeyError, match="playbackId"):
        fill(template, mediaId="m1")


@pytest.mark.parametrize(
    ("method", "path", "fragment"),
    [
        ("GET", "/nope", "no operation in the contract matches GET '/nope'"),
        ("POST", "/on-demand/uploads", "no POST operation for '/on-demand/uploads'; that path"),
        ("GET", "/on-demand/", "no operation"),  # trailing slash: empty {mediaId}
        ("GET", "/on-demand//summary", "no operation"),
        ("GET", "/v1/on-demand/abc", "relative to /v1"),
        ("GET", "on-demand", "must start with '/'"),
    ],
)
def test_match_operation_errors(method: str, path: str, fragment: str) -> None:
    with pytest.raises(AssertionError, match=re.escape(fragment)):
        match_operation(method, path)


# Template pairs of the same method that some concrete path matches both of.
# match_operation resolves each to the first one (literal segment further left).
# Only the first five are plausible in practice: an id equal to a literal word.
_DRM_BY_ID = "/on-demand/drm-configurations/{drmConfigurationId}"
_PLAYLIST = "/on-demand/playlists/{playlistId}"
KNOWN_AMBIGUOUS_TEMPLATES = {
    ("GET", "/on-demand/uploads", "/on-demand/{mediaId}"),
    ("GET", "/on-demand/playlists", "/on-demand/{mediaId}"),
    ("GET", "/on-demand/drm-configurations", "/on-demand/{mediaId}"),
    ("GET", "/data/viewlist/top-content", "/data/viewlist/{viewId}"),
    # same-length templates under /on-demand whose literal and {param} segments cross
    # (e.g. /on-demand/playlists/summary):
    ("GET", _DRM_BY_ID, "/on-demand/{livestreamId}/live-clips"),
    ("GET", _DRM_BY_ID, "/on-demand/{mediaId}/input-info"),
    ("GET", _DRM_BY_ID, "/on-demand/{mediaId}/media-clips"),
    ("GET", _DRM_BY_ID, "/on-demand/{mediaId}/playback-ids"),
    ("GET", _DRM_BY_ID, "/on-demand/{mediaId}/summary"),
    ("GET", _PLAYLIST, "/on-demand/{livestreamId}/live-clips"),
    ("GET", _PLAYLIST, "/on-demand/{mediaId}/input-info"),
    ("GET", _PLAYLIST, "/on-demand/{mediaId}/media-clips"),
    ("GET", _PLAYLIST, "/on-demand/{mediaId}/playback-ids"),
    ("GET", _PLAYLIST, "/on-demand/{mediaId}/summary"),
    ("DELETE", _PLAYLIST, "/on-demand/{mediaId}/playback-ids"),
    ("DELETE", _PLAYLIST + "/media", "/on-demand/{mediaId}/tracks/{trackId}"),
    ("PATCH", _PLAYLIST + "/media", "/on-demand/{mediaId}/tracks/{trackId}"),
}


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...] | None:
    """A concrete path both templates match, or None."""
    if len(a) != len(b):
        return None
    out = []
    for x, y in zip(a, b, strict=True):
        x_param, y_param = x.startswith("{"), y.startswith("{")
        if not x_param and not y_param and x != y:
            return None
        out.append(y if x_param and not y_param else x if not x_param else "x1")
    return tuple(out)


def test_ambiguous_templates_are_known_and_resolved_literal_first() -> None:
    found = set()
    for a, b in itertools.combinations(OPERATIONS.values(), 2):
        if a.method != b.method or a.path == b.path:
            continue
        concrete = _overlap(a.segments, b.segments)
        if concrete is None:
            continue
        winner, loser = sorted((a, b), key=lambda op: specificity(op.segments))
        found.add((a.method, winner.path, loser.path))
        path = "/" + "/".join(concrete)
        assert template_matches(loser.segments, concrete)
        assert match_operation(a.method, path) is winner, path
    assert found == KNOWN_AMBIGUOUS_TEMPLATES


def test_path_parameter_names_differ_at_the_same_position() -> None:
    # /on-demand/{livestreamId}/live-clips shares its second segment with
    # /on-demand/{mediaId}/...: the only place one position has two names.
    names: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for op in OPERATIONS.values():
        for i, seg in enumerate(op.segments):
            if seg.startswith("{"):
                names[op.segments[:i]].add(seg)
    clashes = {prefix: n for prefix, n in names.items() if len(n) > 1}
    assert clashes == {("on-demand",): {"{mediaId}", "{livestreamId}"}}


# --------------------------------------------------------------------------- #
# check_request
# --------------------------------------------------------------------------- #


def test_check_request_accepts_conforming_requests() -> None:
    ops = OPERATIONS
    check_request(
        ops["list-media"],
        "GET",
        "/on-demand",
        [("limit", "10"), ("offset", "1"), ("orderBy", "desc")],
        None,
    )
    check_request(ops["list-media"], "get", "/on-demand", [], None)
    check_request(
        ops["create-media"],
        "POST",
        "/on-demand",
        [],
        {
            "inputs": [{"type": "video", "url": "https://example.com/a.mp4"}],
            "accessPolicy": "public",
        },
    )
    check_request(
        ops["list_video_views"],
        "GET",
        "/data/viewlist",
        [
            ("timespan[]", "7:days"),
            ("filterby[]", "browser_name:Chrome"),
            ("filterby[]", "!os_name:macOS"),
            ("limit", "5"),
        ],
        None,
    )
    # timespan[] as a from/to pair of epoch seconds
    check_request(
        ops["list_errors"],
        "GET",
        "/data/errors",
        [("timespan[]", "1498867200"), ("timespan[]", "1498953600")],
        None,
    )
    check_request(
        ops["delete-media-playback-id"],
        "DELETE",
        "/on-demand/m1/playback-ids",
        [("playbackId", "p1")],
        None,
    )
    check_request(
        ops["get-concurrent-viewers-breakdown"],
        "GET",
        "/data/viewlist/current-views/filter",
        [("dimension", "cdn"), ("limit", "10")],
        None,
    )
    check_request(ops["get_timeseries_data"], "GET", "/data/metrics/views/timeseries", [], None)
    check_request(
        ops["delete-media-from-playlist"],
        "DELETE",
        "/on-demand/playlists/p1/media",
        [],
        {"mediaIds": ["4fa85f64-5717-4562-b3fc-2c963f66afa6"]},
    )


@pytest.mark.parametrize(
    ("op_id", "method", "path", "query", "body", "reason"),
    [
        ("list-media", "POST", "/on-demand", [], None, "method POST but list-media is GET"),
        ("list-media", "GET", "/on-demand/x", [], None, "does not match the template"),
        ("list-media", "GET", "/on-demand", [("page", "1")], None, "unknown query parameter"),
        ("list-media", "GET", "/on-demand", [("limit", "ten")], None, "is not an integer"),
        ("list-media", "GET", "/on-demand", [("limit", "51")], None, "above the maximum 50"),
        ("list-media", "GET", "/on-demand", [("limit", "0")], None, "below the minimum 1"),
        ("list-media", "GET", "/on-demand", [("orderBy", "up")], None, "is not one of"),
        (
            "list-media",
            "GET",
            "/on-demand",
            [("limit", "1"), ("limit", "2")],
            None,
            "repeated 2 times",
        ),
        (
            "list_errors",
            "GET",
            "/data/errors",
            [("timespan[]", "1498867200")],
            None,
            "exactly 2 values",
        ),
        (
            "list_errors",
            "GET",
            "/data/errors",
            [("timespan[]", "2:weeks")],
            None,
            "is not one of",
        ),
        (
            "delete-media-playback-id",
            "DELETE",
            "/on-demand/m1/playback-ids",
            [],
            None,
            "required query parameter 'playbackId' is missing",
        ),
        (
            "get_timeseries_data",
            "GET",
            "/data/metrics/bogus/timeseries",
            [],
            None,
            "path metricId: 'bogus' is not one of",
        ),
        ("get-media", "GET", "/on-demand/m1", [], {"a": 1}, "takes no request body"),
        ("create-media", "POST", "/on-demand", [], None, "requires a JSON body"),
        ("create-media", "POST", "/on-demand", [], {"inputs": "x"}, "body at inputs:"),
        (
            "create-a-playlist",
            "POST",
            "/on-demand/playlists",
            [],
            {"name": "n", "referenceId": "r", "type": "manual", "bogus": 1},
            "body at <root>",
        ),
    ],
)
def test_check_request_rejects(
    op_id: str,
    method: str,
    path: str,
    query: list[tuple[str, str]],
    body: Any,
    reason: str,
) -> None:
    with pytest.raises(AssertionError, match=re.escape(reason)):
        check_request(OPERATIONS[op_id], method, path, query, body)


def test_generated_request_bodies_pass_check_request() -> None:
    for op in OPERATIONS.values():
        if op.request_body is None:
            continue
        body = generate(op.request_body.schema, seed=op.operation_id)
        query = [(p.name, str(generate(p.schema))) for p in op.parameters if p.required]
        query = [(n, v) for n, v in query if n in op.query_params()]
        check_request(op, op.method, _concrete(op), query, body)


# --------------------------------------------------------------------------- #
# Examples in the contract
# --------------------------------------------------------------------------- #

# Response examples (operation level) that break their own response schema.
KNOWN_BROKEN_RESPONSE_EXAMPLES = {
    # errors[].code and topErrors[].code are typed string|null; the example has 1003
    ("list_errors", "200", "schema"): {"data/errors/0/code", "data/topErrors/0/code"},
    # fpApiVersion, latitude, longitude and sign are typed string|null; example numbers
    ("get_video_view_details", "200", "schema"): {
        "data/fpApiVersion",
        "data/latitude",
        "data/longitude",
        "data/sign",
    },
    # languageCode 'it' is outside the response's languageCode enum (region codes only)
    ("Generate-subtitle-track", "200", "schema"): {"data/languageCode"},
}

# Request body examples that break their own request schema.
KNOWN_BROKEN_REQUEST_EXAMPLES = {
    # languageCode 'it' is outside the request's languageCode enum too
    "Generate-subtitle-track": {"languageCode"},
}

# Examples attached to individual schema nodes (properties) that break that node,
# keyed by (status | "body" | "query:<name>", node path) -> operations.
KNOWN_BROKEN_NODE_EXAMPLES: dict[tuple[str, str], frozenset[str]] = {
    # Default-Error: error.code is an integer, its example is the text "HTTP status code"
    ("default", ".error.code"): ALL,
    # TimeSpan is an array; its example is an object {availableValue: [from, to]}
    (
        "200",
        ".timespan",
    ): frozenset(
        {
            "get_timeseries_data",
            "list_breakdown_values",
            "list_by_top_content",
            "list_comparison_values",
            "list_errors",
            "list_filter_values_for_dimension",
            "list_overall_values",
            "list_video_views",
        }
    ),
    # live stream DTOs: the "example" of these scalar fields is a mapping that swallowed
    # the field's default/example/possibleValue (mis-indented YAML)
    **{
        (code, f"{prefix}.{field}"): ops
        for field in ("enableDvrMode", "enableRecording", "maxResolution", "mediaPolicy")
        for code, prefix, ops in (
            ("200", ".data", frozenset({"get-live-stream-by-id", "update-live-stream"})),
            ("200", ".data[]", frozenset({"get-all-streams"})),
            ("201", ".data", frozenset({"create-new-stream"})),
        )
    },
    ("200", ".data[].status"): frozenset({"get-all-streams"}),
    ("201", ".data.status"): frozenset({"create-new-stream"}),
    # ... and for reconnectWindow the mapping swallowed minimum/maximum/default
    ("200", ".data.reconnectWindow"): frozenset({"update-live-stream"}),
    # live stream status example is a mapping; media status example 'preparing' is not
    # in the media status enum (Created ... Ready, Failed)
    ("200", ".data.status"): frozenset(
        {"get-live-stream-by-id", "update-live-stream", "updated-media"}
    ),
    # upload url: the example is an object {url: ...} for a string field
    ("201", ".data.url"): frozenset({"direct-upload-video-media"}),
    ("200", ".data[].url"): frozenset({"list-uploads"}),
    # view details: timestamps typed string with epoch-millisecond integer examples,
    # errorCode typed string with an integer example, events an array with an
    # {availableValue: [...]} object example, latitude/longitude strings with numbers
    **{
        ("200", f".data.{field}"): frozenset({"get_video_view_details"})
        for field in (
            "errorCode",
            "events",
            "insertTimestamp",
            "updatedTimestamp",
            "viewStart",
            "viewEnd",
            "latitude",
            "longitude",
        )
    },
    ("200", ".data[].errorCode"): frozenset({"list_video_views"}),
    ("query:errorCode", ""): frozenset({"list_video_views"}),
    # list errors: code typed string|null with integer examples
    ("200", ".data.errors[].code"): frozenset({"list_errors"}),
    ("200", ".data.topErrors[].code"): frozenset({"list_errors"}),
    # dimensions: the whole list is given as the example of one item (a string)
    ("200", ".data[]"): frozenset({"list_dimensions"}),
    # startTime/endTime typed number, examples are strings "0" / "60" (the inputs' own
    # are replaced by the live API's numbers: codegen.contract.LIVE_REQUEST_CHANGES)
    ("body", ".pushMediaSettings.startTime"): frozenset({"direct-upload-video-media"}),
    ("body", ".pushMediaSettings.endTime"): frozenset({"direct-upload-video-media"}),
}


def test_response_examples_match_their_schemas_except_known_breaks() -> None:
    broken: dict[tuple[str, str, str], set[str]] = {}
    checked = 0
    for op in OPERATIONS.values():
        for code, named in op.examples.items():
            for name, example in named.items():
                checked += 1
                errors = schema_errors(op.responses[code], example)
                if errors:
                    broken[(op.operation_id, code, name)] = {
                        e.split(":", 1)[0].removeprefix("at ") for e in errors
                    }
    assert checked >= 40
    assert broken == KNOWN_BROKEN_RESPONSE_EXAMPLES


def test_request_examples_match_their_schemas_except_known_breaks() -> None:
    broken = {}
    for op in OPERATIONS.values():
        rb = op.request_body
        if rb is not None and rb.example is not None:
            errors = schema_errors(rb.schema, rb.example)
            if errors:
                broken[op.operation_id] = {e.split(":", 1)[0].removeprefix("at ") for e in errors}
    assert broken == KNOWN_BROKEN_REQUEST_EXAMPLES


def test_node_examples_match_their_schemas_except_known_breaks() -> None:
    broken: dict[tuple[str, str], set[str]] = defaultdict(set)
    for op in OPERATIONS.values():
        for code, root in _all_schemas(op):
            for where, node in _walk_schemas(root):
                if "example" not in node or (where == "" and code in op.responses):
                    continue
                schema = dict(node)
                if "definitions" in root:
                    schema.setdefault("definitions", root["definitions"])
                if schema_errors(schema, node["example"]):
                    broken[(code, where)].add(op.operation_id)
    assert {k: frozenset(v) for k, v in broken.items()} == KNOWN_BROKEN_NODE_EXAMPLES


def test_example_property_of_operation() -> None:
    op = OPERATIONS["get-playlist-by-id"]
    assert set(op.examples["200"]) == {"manual", "smart"}
    assert op.example == op.examples["200"]["manual"]
    assert OPERATIONS["create_signing_key"].example is not None
    assert OPERATIONS["list_dimensions"].example is None
    # the YAML's unquoted timestamps stay strings, as JSON would carry them
    data = OPERATIONS["get_video_view_details"].example["data"]
    assert isinstance(data["viewStart"], str)


# --------------------------------------------------------------------------- #
# sample_response / sample_error / validate_response
# --------------------------------------------------------------------------- #


def test_sample_response_prefers_the_contract_example() -> None:
    op = OPERATIONS["list_by_top_content"]
    sample = sample_response(op)
    assert sample == op.example
    sample["data"].clear()  # a copy: the contract is not mutated
    assert op.example["data"]


def test_generated_samples_validate_for_every_response() -> None:
    for op in OPERATIONS.values():
        for code, schema in op.responses.items():
            if schema is None:
                continue
            sample = generate(schema, seed=f"{op.operation_id}:{code}")
            assert not schema_errors(schema, sample), (op.operation_id, code)
        sample = sample_response(op, generated=True)
        validate_response(op, op.success_status, sample)


def test_samples_without_examples_are_generated_and_deterministic() -> None:
    for op in OPERATIONS.values():
        first = sample_response(op)
        assert first == sample_response(op), op
        if not op.examples.get(op.success_status):
            validate_response(op, op.success_status, first)


def test_generated_sample_shapes() -> None:
    media = sample_response(OPERATIONS["get-media"], generated=True)
    assert media["success"] is True
    data = media["data"]
    assert UUID_RE.match(data["id"])
    assert data["createdAt"].endswith("Z")
    assert len(data["tracks"]) == 2
    assert data["status"] == "Created"  # enums take their first value
    views = sample_response(OPERATIONS["get-concurrent-viewers-timeseries"])
    assert len(views["data"]) == 2
    assert set(views["data"][0]) == {"intervalTime", "numberOfViews"}
    assert views["timespan"] == [1, 1]
    # the recursive comparison schema terminates
    comparison = sample_response(OPERATIONS["list_comparison_values"], generated=True)
    validate_response(OPERATIONS["list_comparison_values"], 200, comparison)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 500, 503, 599])
def test_sample_error_matches_every_default_schema(status: int) -> None:
    body = sample_error(status)
    assert body["success"] is False
    assert body["error"]["code"] == status
    assert isinstance(body["error"]["message"], str)
    assert isinstance(body["error"]["description"], str)
    for op in OPERATIONS.values():
        validate_response(op, status, body)


def test_validate_response_reports_mismatches() -> None:
    op = OPERATIONS["get-media"]
    good = sample_response(op, generated=True)
    validate_response(op, "200", good)
    bad = copy.deepcopy(good)
    bad["data"]["tracks"] = "none"
    with pytest.raises(AssertionError, match=r"at data/tracks: 'none' is not of type"):
        validate_response(op, 200, bad)
    with pytest.raises(AssertionError, match="status 201 is not in the contract"):
        validate_response(op, 201, good)
    with pytest.raises(AssertionError, match="does not match the contract"):
        validate_response(op, 404, {"success": False, "error": {"code": "x"}})
    short_id = copy.deepcopy(good)
    short_id["data"]["id"] = "m1"  # what hand-written tests use: formats are opt-in
    validate_response(op, 200, short_id)
    with pytest.raises(AssertionError, match=r"at data/id: 'm1' is not a 'uuid'"):
        validate_response(op, 200, short_id, formats=True)


def test_validate_response_allows_nullable_fields() -> None:
    op = OPERATIONS["get-media"]
    body = sample_response(op, generated=True)
    body["data"]["thumbnail"] = None
    body["data"]["generatedSubtitles"] = None
    validate_response(op, 200, body)
    body["data"]["summary"] = None  # not nullable in get-media ...
    with pytest.raises(AssertionError, match="at data/summary: None is not of type 'object'"):
        validate_response(op, 200, body)
    op = OPERATIONS["updated-media"]
    body = sample_response(op, generated=True)
    body["data"]["summary"] = None  # ... but nullable (next to its $ref) in updated-media
    validate_response(op, 200, body)


def test_integer_percentage_is_accepted() -> None:
    # percentage is oneOf [integer, number]; an integer matches both branches
    op = OPERATIONS["list_errors"]
    body = sample_response(op, generated=True)
    body["data"]["topErrors"][0]["percentage"] = 0
    validate_response(op, 200, body)


def test_to_json_schema_nullable() -> None:
    assert to_json_schema({"type": "string", "nullable": True}) == {"type": ["string", "null"]}
    assert to_json_schema({"type": "string", "enum": ["a"], "nullable": True}) == {
        "type": ["string", "null"],
        "enum": ["a", None],
    }
    wrapped = to_json_schema({"oneOf": [{"type": "object"}, {"type": "array"}], "nullable": True})
    assert wrapped == {
        "anyOf": [{"type": "null"}, {"oneOf": [{"type": "object"}, {"type": "array"}]}]
    }
    assert to_json_schema({"type": "integer", "example": 3}) == {"type": "integer"}
    nested = to_json_schema({"properties": {"a": {"type": "integer", "nullable": True}}})
    assert nested == {"properties": {"a": {"type": ["integer", "null"]}}}


# --------------------------------------------------------------------------- #
# The generator script
# --------------------------------------------------------------------------- #


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen.contract", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(
    not SPEC_PATH.is_file(),
    reason=f"{SPEC_PATH} is absent (../shared is not checked out); cannot regenerate",
)
def test_committed_contract_is_up_to_date() -> None:
    result = _run("--check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    not SPEC_PATH.is_file(),
    reason=f"{SPEC_PATH} is absent (../shared is not checked out); cannot regenerate",
)
def test_check_names_the_stale_operation(tmp_path: Path) -> None:
    data = json.loads(CONTRACT_PATH.read_text(encoding="utf-8"))
    for op in data["operations"]:
        if op["operationId"] == "get-media":
            op["path"] = "/on-demand/{id}"
    stale = tmp_path / "contract.json"
    stale.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    result = _run("--check", "--output", str(stale))
    assert result.returncode == 1
    assert "operation get-media differs in: path" in result.stdout
    missing = _run("--check", "--output", str(tmp_path / "absent.json"))
    assert missing.returncode == 1
    assert "does not exist" in missing.stdout


def test_check_without_spec_is_a_no_op(tmp_path: Path) -> None:
    result = _run("--check", "--spec", str(tmp_path / "missing.yaml"))
    assert result.returncode == 0
    assert "not found" in result.stderr
