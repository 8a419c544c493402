"""The compiled fast path reads responses exactly as the cattrs converter does.

``structure`` tries a compiled function first and falls back to cattrs on any error,
so what a user sees can only change if the compiled function *accepts* a payload and
returns something else than cattrs would. These tests generate payloads for every
model — mostly well-typed, often not (numbers as strings, wrong shapes, odd case) —
and compare. And since a fast path that always fell back would go unnoticed but for
the benchmarks, every model must compile and read a well-formed payload by itself.

Both surfaces read responses with this one module (``fastpix_async._serde``).
"""

from __future__ import annotations

import enum
import typing
from datetime import datetime, timezone
from types import ModuleType, NoneType, UnionType
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fastpix_async._serde
import fastpix_async.models as async_models
from fastpix_async import _fastpath as fastpath
from fastpix_async._fastpath import compile_structure
from fastpix_async._shapes import json_key, keyed_fields, open_enum_of, union_args
from fastpix_async.models.base import NO_UNKNOWN_FIELDS

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
ANY_JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)
TIMESTAMPS = st.sampled_from(
    [
        "2026-03-01T10:15:30.123456789Z",
        "2026-03-01T10:15:30Z",
        "2026-03-01T10:15:30.5+02:00",
        " 2026-03-01T10:15:30z ",
        "2026-03-01",
        "not a date",
    ]
) | st.integers(min_value=0, max_value=2_000_000_000_000)


def media_object() -> dict[str, Any]:
    """A media as ``GET /on-demand/{id}`` returns it, nested objects included."""
    rules = {"defaultPolicy": "allow", "allow": ["example.com"], "deny": []}
    return {
        "id": "8ab6c5f1-0d51-4b0c-9f7e-4a6a2cbb73f1",
        "workspaceId": "4fa85f64-5717-4562-b3fc-2c963f66afa6",
        "metadata": {"project": "benchmarks"},
        "title": "Quarterly review",
        "status": "Ready",
        "mediaQuality": "standard",
        "mp4Support": [{"type": "capped_4k", "status": "ready"}],
        "sourceAccess": False,
        "playbackIds": [
            {
                "id": "b1d0c3a2",
                "accessPolicy": "public",
                "accessRestrictions": {"domains": rules, "userAgents": rules},
            }
        ],
        "tracks": [
            {"id": "c6a1", "type": "video", "width": 1920, "height": 1080, "frameRate": "30/1"},
            {"id": "d7b2", "type": "audio", "languageCode": "en", "status": "available"},
        ],
        "duration": 125.48,
        "createdAt": "2026-03-01T10:15:30.123456789Z",
        "updatedAt": 1772360222,
    }


def _models(package: ModuleType) -> list[type]:
    return [
        value
        for name in package.__all__
        if attrs.has(value := getattr(package, name)) and isinstance(value, type)
    ]


MODELS = _models(async_models)
# Its ``data`` is a union of models, which cattrs has no reader for: ``webhooks.parse``
# reads it field by field, and the fast path leaves it to cattrs' report.
UNREADABLE_BY_CATTRS = async_models.WebhookEvent
# Request models with rules beyond their types: what a valid one holds.
WITHIN_RULES: dict[type, dict[str, Any]] = {
    async_models.Segment: {"insertAtEnd": None},  # exactly one of insertAt, insertAtEnd
    async_models.InputMediaSettings: {"maxResolution": "1080p", "reconnectWindow": 60},
    async_models.SummarySettings: {"summaryLength": 100},  # 30 to 250 words
}


def payload_for(tp: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Mostly the JSON type ``tp`` expects, sometimes anything at all."""
    return st.one_of(_expected(tp, depth), ANY_JSON) if depth < 3 else ANY_JSON


def _expected(tp: Any, depth: int) -> st.SearchStrategy[Any]:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, UnionType):
        return st.one_of([payload_for(arg, depth + 1) for arg in args])
    if tp is NoneType:
        return st.none()
    if tp is str:
        return st.text(max_size=8) | st.integers()
    if tp is int:
        return st.integers() | st.integers().map(str) | st.just(2.0)
    if tp is float:
        return st.floats(allow_nan=False) | st.integers() | st.just("1.5")
    if tp is bool:
        return st.booleans() | st.sampled_from(["true", "No", "", 0, 1])
    if tp is datetime:
        return TIMESTAMPS
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        values = [str(m.value) for m in tp]
        return st.sampled_from(values) | st.sampled_from(values).map(str.upper)
    if origin is list:
        return st.lists(payload_for(args[0], depth + 1), max_size=3)
    if origin is dict:
        # JSON object keys are always text.
        return st.dictionaries(st.text(max_size=5), payload_for(args[1], depth + 1), max_size=3)
    if attrs.has(tp):
        keyed = keyed_fields(attrs.resolve_types(tp), json_key)
        known = {k: payload_for(f.type, depth + 1) for f, k in keyed}
        # Keys the SDK doesn't know, now and then: kept in ``unknown_fields``.
        unknown = {"brandNewKey": ANY_JSON, "unknown_fields": ANY_JSON}
        return st.fixed_dictionaries({}, optional={**known, **unknown})
    return ANY_JSON


def typed(value: Any) -> Any:
    """``value`` with every type spelled out: ``1`` and ``1.0`` and ``True`` differ."""
    if attrs.has(type(value)):
        return (type(value), [typed(getattr(value, f.name)) for f in attrs.fields(type(value))])
    if isinstance(value, list):
        return (list, [typed(item) for item in value])
    if isinstance(value, dict):
        return (dict, [(typed(k), typed(v)) for k, v in value.items()])
    return (type(value), value)


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_compiled_reading_agrees_with_cattrs(cls: type, data: st.DataObject) -> None:
    serde = fastpix_async._serde
    payload = data.draw(_expected(cls, 0) | ANY_JSON)
    try:
        expected: Any = typed(serde.converter.structure(payload, cls))
    except Exception as exc:
        expected = type(exc)
    fast = compile_structure(serde.converter, cls)
    try:
        compiled = fast(payload)
    except Exception:
        pass  # the caller falls back to cattrs: nothing a user sees changes
    else:  # (outside the try: a slot the compiled function left unset fails here)
        assert typed(compiled) == expected
    # And the public function always answers what cattrs answers.
    try:
        public: Any = typed(serde.structure(payload, cls))
    except Exception as exc:
        public = type(exc)
    assert public == expected


def well_formed(tp: Any, depth: int = 0) -> Any:
    """A value of the JSON type ``tp`` expects, every field present (optional ones fade
    to null past a few levels, so recursive models end)."""
    if tp is Any:
        return {"any": ["json"]}
    if tp is str:
        return "text"
    if tp is bool:
        return True
    if tp is int:
        return 7
    if tp is float:
        return 1.5
    if tp is datetime:
        return "2026-03-01T10:15:30.123456Z"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    args = union_args(tp)
    if args is not None:
        if depth > 3 and NoneType in args:
            return None
        enum_cls = open_enum_of(tp)
        if enum_cls is not None:
            return well_formed(enum_cls, depth)
        return well_formed(next(a for a in args if a is not NoneType), depth)
    origin, type_args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list:
        return [] if depth > 3 else [well_formed(type_args[0], depth + 1)]
    if origin is dict:
        return {"key": well_formed(type_args[1], depth + 1)}
    if attrs.has(tp):
        keyed = keyed_fields(attrs.resolve_types(tp), json_key)
        payload = {k: well_formed(f.type, depth + 1) for f, k in keyed if f.init}
        return {**payload, **WITHIN_RULES.get(tp, {})}
    raise AssertionError(f"no well-formed value for {tp!r}")


def is_compiled(function: Any) -> bool:
    """Whether ``function`` was written by the fast path's compiler (not its fallback)."""
    return bool(function.__code__.co_filename.startswith("<fastpix structure"))


@pytest.mark.parametrize(
    "cls", [m for m in MODELS if m is not UNREADABLE_BY_CATTRS], ids=lambda cls: cls.__name__
)
def test_every_model_reads_a_well_formed_payload_on_the_compiled_path(cls: type) -> None:
    serde = fastpix_async._serde
    payload = well_formed(cls)
    expected = typed(serde.converter.structure(payload, cls))
    fast = compile_structure(serde.converter, cls)
    page = compile_structure(serde.converter, list[cls])
    assert is_compiled(fast) and is_compiled(page)
    # Called directly: an exception here is no fallback but a failure.
    assert typed(fast(payload)) == expected
    assert typed(page([payload, payload])) == (list, [expected, expected])


@pytest.mark.parametrize(
    "cls", [m for m in MODELS if m is not UNREADABLE_BY_CATTRS], ids=lambda cls: cls.__name__
)
def test_unknown_keys_are_kept_alike_on_both_paths(cls: type) -> None:
    serde = fastpix_async._serde
    payload = {"newKey": [1, {"a": None}], **well_formed(cls), "otherKey": "x"}
    fast = compile_structure(serde.converter, cls)
    model = fast(payload)  # no fallback: an exception here fails the test
    assert model.unknown_fields == {"newKey": [1, {"a": None}], "otherKey": "x"}
    assert list(model.unknown_fields) == ["newKey", "otherKey"]  # in the order sent
    assert typed(model) == typed(serde.converter.structure(payload, cls))
    # Without unknown keys, every model shares the one empty mapping: nothing allocated.
    assert fast(well_formed(cls)).unknown_fields is NO_UNKNOWN_FIELDS


@pytest.mark.parametrize(
    "payload",
    [
        {"id": "m", "title": None, "newKey": 1},  # a null: the count falls short, then the test
        {"id": "m", "playbackIds": [], "thumbnail": None, "newKey": 1},
        {"id": "m", "mp4Support": "capped_4k", "newKey": 1},  # a key two fields read
        {"id": "m", "mp4Support": [{"type": "audioOnly"}], "newKey": 1},
    ],
)
def test_unknown_keys_are_found_however_the_known_ones_are_spelled(
    payload: dict[str, Any],
) -> None:
    fast = compile_structure(fastpix_async._serde.converter, async_models.Media)
    assert fast(payload).unknown_fields == {"newKey": 1}
    known = {k: v for k, v in payload.items() if k != "newKey"}
    assert fast(known).unknown_fields is NO_UNKNOWN_FIELDS


def test_a_well_formed_media_takes_the_compiled_path() -> None:
    serde = fastpix_async._serde
    payload = media_object()
    expected = typed(serde.converter.structure(payload, async_models.Media))
    fast = compile_structure(serde.converter, async_models.Media)
    assert typed(fast(payload)) == expected  # no fallback: it read the payload itself
    page = compile_structure(serde.converter, list[async_models.Media])
    assert typed(page([payload, payload])) == (list, [expected, expected])


def test_only_a_type_cattrs_cannot_read_is_left_to_cattrs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serde = fastpix_async._serde
    fallback = compile_structure(serde.converter, UNREADABLE_BY_CATTRS)
    assert not is_compiled(fallback)
    with pytest.raises(cattrs.StructureHandlerNotFoundError):  # as without the fast path
        serde.structure(well_formed(UNREADABLE_BY_CATTRS), UNREADABLE_BY_CATTRS)

    # A bug in the compiler itself is raised, not hidden behind the slower path.
    def broken(self: Any, cls: type) -> str:
        raise RuntimeError("compiler bug")

    monkeypatch.setattr(fastpath._Compiler, "model", broken)
    with pytest.raises(RuntimeError, match="compiler bug"):
        compile_structure(serde.converter, async_models.Media)


def test_a_bad_response_still_gets_the_detailed_cattrs_error() -> None:
    payload = media_object()
    payload["tracks"] = [{"id": "t", "width": {"not": "a number"}}]
    with pytest.raises(cattrs.BaseValidationError) as caught:
        fastpix_async._serde.structure(payload, async_models.Media)
    # What ResponseValidationError reports: the path to the bad value, from cattrs;
    # and no fast-path exception chained into the traceback.
    assert any("$.tracks[0].width" in line for line in cattrs.transform_error(caught.value))
    assert caught.value.__context__ is None


@given(
    moment=st.datetimes(timezones=st.none() | st.timezones()),
    nanos=st.integers(min_value=0, max_value=999),
    spelling=st.sampled_from(["iso", "Z", "z", "nanos Z", "padded", "comma"]),
)
def test_the_one_call_timestamp_reading_matches_the_general_one(
    moment: datetime, nanos: int, spelling: str
) -> None:
    text = moment.isoformat()
    if spelling != "iso" and moment.utcoffset() is not None:
        text = moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat()
    if spelling == "Z":
        text += "Z"
    elif spelling == "z":
        text += "z"
    elif spelling == "nanos Z":
        text += ("" if "." in text else ".000000") + f"{nanos:03d}Z"
    elif spelling == "padded":
        text = f" {text}Z "
    elif spelling == "comma":
        text = text.replace(".", ",") + "Z"
    try:
        general: Any = fastpix_async._serde._parse_any_datetime(text)
    except ValueError:
        general = ValueError
    try:
        read: Any = fastpix_async._serde.parse_datetime(text)
    except ValueError:
        read = ValueError
    assert read == general and getattr(read, "tzinfo", None) == getattr(general, "tzinfo", None)


def test_a_model_built_by_the_compiled_path_behaves_like_one_built_by_init() -> None:
    import copy
    import pickle

    serde = fastpix_async._serde
    fast = compile_structure(serde.converter, async_models.Media)
    built, reference = (
        fast(media_object()),
        serde.converter.structure(media_object(), async_models.Media),
    )
    assert type(built) is async_models.Media
    assert built == reference
    assert repr(built) == repr(reference)
    assert pickle.loads(pickle.dumps(built)) == reference
    assert copy.copy(built) == attrs.evolve(built) == reference
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.title = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del built.title  # type: ignore[misc]
    # Each model is built as its unfrozen twin and then made the model itself: no twin
    # is ever handed out, nested models included.
    nested = [*built.tracks, *built.playback_ids, *(built.mp4_renditions or [])]
    nested += [p.access_restrictions for p in built.playback_ids]
    assert len(nested) >= 3
    assert all(type(m).__module__.startswith("fastpix_async.models.") for m in nested)
    assert not hasattr(built, "__dict__")


def test_a_models_post_init_still_runs_on_the_compiled_path() -> None:
    # signing_keys.get names the id signingKeyId; SigningKey's __attrs_post_init__ copies it.
    fast = compile_structure(fastpix_async._serde.converter, async_models.SigningKey)
    key = fast({"signingKeyId": "key-1", "publicKey": "pem"})
    assert key.id == "key-1"
