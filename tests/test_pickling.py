"""What the SDK raises and returns pickles: a worker process can hand it to its parent.

Every error in ``errors.__all__`` and every public model comes back from
``pickle.loads(pickle.dumps(x))`` as the same class with the same attributes. Errors
carrying a response are built here from each transport's own header type (the aiohttp
one is what once made pickling fail); the socket tests do it with real responses.
"""

from __future__ import annotations

import datetime
import enum
import pickle
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pytest
from multidict import CIMultiDict, CIMultiDictProxy
from urllib3 import HTTPHeaderDict

from fastpix_async import errors, models
from fastpix_async.errors import APIErrorDetail, FieldError
from fastpix_async.models import Media, MediaStatus, Segment, Upload

RAW_HEADERS = [
    ("Content-Type", "application/json"),
    ("X-Request-Id", "req-42"),
    ("Set-Cookie", "a=1"),
    ("set-cookie", "b=2"),
]


def aiohttp_headers() -> Mapping[str, str]:
    return CIMultiDictProxy(CIMultiDict(RAW_HEADERS))


def urllib3_headers() -> Mapping[str, str]:
    headers = HTTPHeaderDict()
    for name, value in RAW_HEADERS:
        headers.add(name, value)
    return headers


def every_error(headers: Mapping[str, str]) -> list[BaseException | object]:
    """One instance of each name in ``errors.__all__``, every attribute set."""
    detail = APIErrorDetail(
        code=422,
        message="Invalid request",
        description="title is too long",
        fields=(FieldError(field="title", message="at most 255 characters"),),
    )
    response: dict[str, Any] = {
        "method": "PATCH",
        "url": "https://api.fastpix.com/v1/on-demand/m1",
        "headers": headers,
        "body": b'{"success": false}',
    }
    media = Media(id="m1", status=MediaStatus.FAILED)
    upload = Upload(upload_id="u1", url="https://storage.example/u1?sig=abc")
    status_errors = [
        cls(status_code=code, error=detail, **response)
        for cls, code in [
            (errors.APIStatusError, 418),
            (errors.BadRequestError, 400),
            (errors.AuthenticationError, 401),
            (errors.PermissionDeniedError, 403),
            (errors.NotFoundError, 404),
            (errors.ConflictError, 409),
            (errors.UnprocessableEntityError, 422),
            (errors.RateLimitError, 429),
            (errors.InternalServerError, 503),
        ]
    ]
    return [
        *status_errors,
        errors.FastPixError("something went wrong"),
        errors.ConfigurationError("missing FastPix credentials"),
        errors.ClientClosedError("the FastPix client is closed"),
        errors.EventLoopError("use one client per event loop"),
        errors.APIConnectionError("connection refused", method="GET", url=response["url"]),
        errors.APITimeoutError("timed out after 30s", method="GET", url=response["url"]),
        errors.ResponseValidationError("response is not JSON", status_code=200, **response),
        errors.MediaFailedError(media),
        errors.WaitTimeoutError(media, 600),
        errors.UploadError("out of retries", upload=upload, offset=1024, status_code=503),
        errors.UploadSessionExpiredError("expired", upload=upload, offset=0, status_code=410),
        errors.WebhookVerificationError("no FastPix-Signature header"),
        errors.WebhookPayloadError(
            "no data", body=b"{}", event_type="video.media.ready", event_id="e1"
        ),
        detail,
        detail.fields[0],
    ]


def test_the_samples_cover_every_public_error() -> None:
    built = {type(item).__name__ for item in every_error(aiohttp_headers())}
    assert built == set(errors.__all__)


@pytest.mark.parametrize("headers", [aiohttp_headers, urllib3_headers])
def test_every_error_unpickles_as_itself(headers: typing.Callable[[], Mapping[str, str]]) -> None:
    for original in every_error(headers()):
        back = pickle.loads(pickle.dumps(original))
        assert type(back) is type(original)
        if isinstance(original, BaseException):
            assert str(back) == str(original) and back.args == original.args
            assert vars(back) == vars(original)
        else:
            assert back == original


@pytest.mark.parametrize("headers", [aiohttp_headers, urllib3_headers])
def test_response_headers_are_one_plain_mapping_that_matches_any_case(
    headers: typing.Callable[[], Mapping[str, str]],
) -> None:
    error = errors.NotFoundError(
        status_code=404, error=None, method="GET", url="/v1/x", headers=headers(), body=b""
    )
    back = pickle.loads(pickle.dumps(error))
    for kept in (error.headers, back.headers):
        assert type(kept).__name__ == "Headers" and isinstance(kept, Mapping)
        assert kept["content-type"] == kept["CONTENT-TYPE"] == "application/json"
        assert "x-request-id" in kept and "X-Request-Id" in kept and 42 not in kept
        assert kept["Set-Cookie"] == "a=1, b=2"  # repeats joined, as HTTP allows
        assert list(kept) == ["Content-Type", "X-Request-Id", "Set-Cookie"]  # names as sent
        assert kept.get("Retry-After") is None
    assert back.request_id == error.request_id == "req-42"


# -- models ---------------------------------------------------------------------------------

# Models whose fields depend on each other: a sample that keeps their rule.
SPECIAL: dict[type, Any] = {Segment: Segment(url="https://example.com/intro.mp4", insert_at=5)}


def sample_value(hint: Any, building: frozenset[type]) -> Any:
    origin = typing.get_origin(hint)
    arguments = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
    if origin in (typing.Union, types.UnionType):
        return sample_value(arguments[0], building)
    if origin is typing.Literal:
        return arguments[0]
    if origin in (list, tuple, frozenset, Sequence):
        return (list if origin is list else tuple)([sample_value(arguments[0], building)])
    if origin in (dict, Mapping):
        return {"key": sample_value(arguments[1], building)}
    if hint is Any or hint is object:
        return {"any": [1, "two"]}
    if attrs.has(hint):
        return sample_model(hint, building)
    if issubclass(hint, enum.Enum):
        return next(iter(hint))
    samples = {
        bool: True,
        int: 7,
        float: 2.5,
        str: "text",
        datetime.datetime: datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
        datetime.date: datetime.date(2026, 1, 2),
    }
    return samples[hint]


def sample_model(cls: type, building: frozenset[type] = frozenset()) -> Any:
    """An instance of ``cls`` with every field set (those a field's own rule refuses, and
    any that would nest the model in itself, left to their defaults)."""
    if cls in SPECIAL:
        return SPECIAL[cls]
    if cls in building:
        raise RecursionError(cls)
    hints = typing.get_type_hints(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    try:
        return cls(**{f.alias: sample_value(hints[f.name], building | {cls}) for f in fields})
    except (ValueError, RecursionError):
        required = [f for f in fields if f.default is attrs.NOTHING]
        return cls(**{f.alias: sample_value(hints[f.name], building | {cls}) for f in required})


PUBLIC_MODELS = sorted(
    name
    for name in models.__all__
    if attrs.has(getattr(models, name, None))  # type: ignore[arg-type]
)


def test_the_models_checked_are_every_public_model() -> None:
    assert len(PUBLIC_MODELS) == 57


@pytest.mark.parametrize("name", PUBLIC_MODELS)
def test_every_public_model_unpickles_equal(name: str) -> None:
    model = sample_model(getattr(models, name))
    back = pickle.loads(pickle.dumps(model))
    assert type(back) is type(model) and back == model and repr(back) == repr(model)


@pytest.mark.parametrize(
    "name", sorted(n for n in models.__all__ if isinstance(getattr(models, n), enum.EnumMeta))
)
def test_every_public_enum_unpickles_as_the_same_member(name: str) -> None:
    for member in getattr(models, name):
        assert pickle.loads(pickle.dumps(member)) is member
