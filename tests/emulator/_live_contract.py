"""The contract's response schemas, and the same schemas with the live API's differences.

The emulator answers in two shapes. ``spec`` answers are checked against the contract
(``tests/contract/fastpix_contract.json``) as it is. ``live`` answers are checked against
the contract with :data:`LIVE_RESPONSE_CHANGES` applied: each names an operation, a node
of its success body (``data.tracks.[]``: properties, then ``[]`` for array items) and the
properties the live API has there, or types differently (``duration`` a number,
``mp4Support`` a list of renditions, ...), taken from ``shared/spec/live-api-delta.txt``
(section 3; every error body gets 3b's 422 fields). Everything else still has to match
the contract, and :func:`undeclared_keys` makes both checks strict: an answer may carry
no key that its description lacks.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from tests.contract._contract import OPERATIONS, Operation, response_schema

Schema = dict[str, Any]

_STR: Schema = {"type": "string"}
_INT: Schema = {"type": "integer"}
_BOOL: Schema = {"type": "boolean"}
_STR_MAP: Schema = {"type": "object", "additionalProperties": _STR}
_RULES: Schema = {
    "type": "object",
    "properties": {
        "defaultPolicy": {"type": "string", "enum": ["allow", "deny"]},
        "allow": {"type": "array", "items": _STR},
        "deny": {"type": "array", "items": _STR},
    },
}
_RESTRICTIONS: Schema = {
    "type": "object",
    "properties": {"domains": _RULES, "userAgents": _RULES},
}
_RENDITIONS: Schema = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["type", "status"],
        "properties": {
            "type": {"type": "string", "enum": ["audioOnly", "capped_4k"]},
            "status": {"type": "string", "enum": ["ready", "preparing", "failed"]},
            "ext": {"type": "string", "enum": ["mp4", "m4a"]},
            "width": _INT,
            "height": _INT,
        },
    },
}
_SECONDS: Schema = {"type": "number", "minimum": 0}
_MEDIA: dict[str, Schema] = {
    "duration": _SECONDS,
    "mp4Support": _RENDITIONS,
    "optimizeAudio": _BOOL,
    "frameRate": _STR,
    "sourceMediaId": _STR,
    "streamId": _STR,
}
_TRACK: dict[str, Schema] = {"title": _STR, "closedCaptions": _BOOL}
_PLAYBACK_ID: Schema = {
    "type": "object",
    "properties": {"id": _STR, "accessPolicy": _STR, "accessRestrictions": _RESTRICTIONS},
}
_CLIP: dict[str, Schema] = {
    "duration": _SECONDS,
    "aspectRatio": _STR,
    "generatedSubtitles": {"type": "array", "items": {"type": "object"}},
    "isAudioOnly": _BOOL,
    "maxResolution": _STR,
    "metadata": _STR_MAP,
    "optimizeAudio": _BOOL,
    "sourceAccess": _BOOL,
    "sourceMediaId": _STR,
    "sourceResolution": _STR,
    "subtitleAvailable": _BOOL,
    "tracks": {"type": "array", "items": {"type": "object"}},
    "updatedAt": _STR,
    "workspaceId": _STR,
}
_SIMULCAST: Schema = {
    "type": "object",
    "properties": {
        "simulcastId": _STR,
        "url": _STR,
        "streamKey": _STR,
        "isEnabled": _BOOL,
        "metadata": _STR_MAP,
    },
}
_WORKSPACE: Schema = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"id": _STR, "name": _STR, "workspaceType": _STR},
    },
}
_PLAYLISTS = (
    "create-a-playlist", "update-a-playlist", "get-playlist-by-id", "add-media-to-playlist",
    "change-media-order-in-playlist", "delete-media-from-playlist",
)  # fmt: skip
_MEDIA_ANSWERS = ("get-media", "updated-media", "updated-mp4Support", "updated-source-access")

#: (operationId, node, properties to set there): the live API's success bodies.
LIVE_RESPONSE_CHANGES: tuple[tuple[str, str, dict[str, Schema]], ...] = (
    *((op, "data", _MEDIA) for op in _MEDIA_ANSWERS),
    *((op, "data.tracks.[]", _TRACK) for op in _MEDIA_ANSWERS),
    ("list-media", "data.[]", _MEDIA),
    ("list-media", "data.[].tracks.[]", _TRACK),
    ("list-live-clips", "data.[]", {**_MEDIA, "mediaQuality": _STR, "metadata": _STR_MAP}),
    ("list-live-clips", "data.[].tracks.[]", _TRACK),
    ("get-media-clips", "data.[]", _CLIP),
    ("get-media-clips", "data.[].playbackIds.[]", {"accessRestrictions": _RESTRICTIONS}),
    ("Add-media-track", "data", {"title": _STR}),
    ("update-media-track", "data", {"title": _STR}),
    ("Generate-subtitle-track", "data", {"title": _STR}),
    ("retrieveMediaInputInfo", "data.file.tracks.[]", {"title": _STR}),
    *((op, "data.mediaList.[]", {"duration": _SECONDS}) for op in _PLAYLISTS),
    ("delete-a-playlist", "", {"data": {"type": "array", "items": {"type": "object"}}}),
    ("create-media-playback-id", "data", {"playbackIds": {"type": "array", "items": _PLAYBACK_ID}}),
    (
        "create-new-stream",
        "data",
        {
            "mediaIds": {"type": "array", "items": _STR},
            "simulcastResponses": {"type": "array", "items": _SIMULCAST},
        },
    ),
    *(
        (op, node, {"accessRestrictions": _RESTRICTIONS})
        for op, node in (
            ("create-new-stream", "data.playbackIds.[]"),
            ("get-all-streams", "data.[].playbackIds.[]"),
            ("get-live-stream-by-id", "data.playbackIds.[]"),
            ("update-live-stream", "data.playbackIds.[]"),
            ("create-playbackId-of-stream", "data"),
            ("get-live-stream-playback-id", "data"),
        )
    ),
    ("direct-upload-video-media", "data", {"id": _STR, "mediaId": _STR}),
    ("list-uploads", "data.[]", {"id": _STR, "mediaId": _STR}),
    ("list-uploads", "data.[].pushMediaSettings.playbackIds.[]", {"id": _STR}),
    ("list_signing_keys", "data.[]", {"workspace": _WORKSPACE}),
    (
        "delete_signing_key",
        "",
        {"data": {"type": "object", "properties": {"message": _STR}}},
    ),
    ("list_video_views", "data.[]", {"errorId": {"type": ["integer", "null"]}}),
    (
        "get_video_view_details",
        "data",
        {
            "errorId": {"type": ["string", "null"]},
            "fpEmbed": {"type": ["string", "null"]},
            **{f"custom{n}": _STR for n in range(1, 11)},
        },
    ),
    ("get_video_view_details", "data.events.[]", {"eventTime": {"type": ["integer", "string"]}}),
    ("get-concurrent-viewers-timeseries", "data.[]", {"metricValue": _INT}),
    ("list_breakdown_values", "metadata", {"granularity": _STR}),
    ("list_errors", "data.topErrors.[]", {"id": _STR, "description": _STR}),
)
_FIELD_ERRORS: Schema = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["field", "message"],
        "properties": {"field": _STR, "message": _STR},
    },
}


def _nodes(schema: Schema, steps: list[str]) -> list[Schema]:
    """The object schemas at ``steps`` below ``schema`` (every branch of an anyOf/oneOf)."""
    branches = [b for key in ("anyOf", "oneOf") for b in schema.get(key, [])]
    if branches:
        return [node for branch in branches for node in _nodes(branch, steps)]
    if not steps:
        return [schema]
    step, rest = steps[0], steps[1:]
    if step == "[]":
        return _nodes(schema["items"], rest)
    return _nodes(schema["properties"][step], rest)


def _set(node: Schema, properties: dict[str, Schema]) -> None:
    node.setdefault("properties", {}).update(copy.deepcopy(properties))


@functools.cache
def _live_schemas() -> dict[tuple[str, str], Schema]:
    schemas: dict[tuple[str, str], Schema] = {}
    for op_id, where, properties in LIVE_RESPONSE_CHANGES:
        op = OPERATIONS[op_id]
        if (op_id, op.success_status) not in schemas:
            schema = response_schema(op, op.success_status)
            assert schema is not None, f"{op_id}: no success body to change"
            schemas[op_id, op.success_status] = copy.deepcopy(schema)
        nodes = _nodes(schemas[op_id, op.success_status], [s for s in where.split(".") if s])
        assert nodes, f"{op_id}: no node at {where!r}"
        for node in nodes:
            _set(node, properties)
    return schemas


def live_response_schema(op: Operation, status: int) -> Schema | None:
    """``op``'s schema for ``status`` as the live API answers."""
    if status >= 400:
        contract = response_schema(op, status)
        assert contract is not None, f"{op}: no error body in the contract"
        schema = copy.deepcopy(contract)
        _set(schema, {"message": _STR, "errors": _FIELD_ERRORS})
        _set(schema["properties"]["error"], {"fields": _FIELD_ERRORS})
        return schema
    live = _live_schemas().get((op.operation_id, str(status)))
    return live if live is not None else response_schema(op, status)


def undeclared_keys(schema: Any, instance: Any, path: str = "$") -> set[str]:
    """Where ``instance`` has a key its schema does not declare (an object with
    ``properties`` and no ``additionalProperties`` declares only those); a key is
    undeclared under an anyOf/oneOf when no branch declares it."""
    if not isinstance(schema, dict):
        return set()
    branches = [b for key in ("anyOf", "oneOf") for b in schema.get(key, [])]
    if branches:
        return set.intersection(*(undeclared_keys(b, instance, path) for b in branches))
    found: set[str] = set()
    if isinstance(instance, dict) and "properties" in schema:
        if schema.get("additionalProperties") not in (None, False):
            return found
        for key, value in instance.items():
            if key in schema["properties"]:
                found |= undeclared_keys(schema["properties"][key], value, f"{path}.{key}")
            else:
                found.add(f"{path}.{key}")
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for item in instance:
            found |= undeclared_keys(schema["items"], item, f"{path}[]")
    return found
