"""Shared request/response helpers: the error envelope, JSON bodies, query parsing, pages."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from http import HTTPStatus
from typing import Any, TypeVar

from aiohttp import web

from ._validate import FieldError, Spec, check

JSON = dict[str, Any]
T = TypeVar("T")

MAX_LIMIT = 50


# The API's messages for its statuses, fixed here because Python's own phrases change
# between versions (422 became "Unprocessable Content" in 3.13).
_REASONS = {422: "Unprocessable Entity"}


def reason(status: int) -> str:
    return _REASONS.get(status) or HTTPStatus(status).phrase


class ApiError(Exception):
    """Raised by handlers; the app turns it into the API's error envelope."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        message: str | None = None,
        fields: Sequence[FieldError] = (),
    ) -> None:
        super().__init__(description)
        self.status = status
        self.message = message or reason(status)
        self.description = description
        self.fields = list(fields)

    def to_response(self, *, live: bool = True) -> web.Response:
        """The error envelope; see :func:`error_envelope` for what ``live`` changes."""
        return error_response(self.status, self.message, self.description, self.fields, live=live)


def error_envelope(
    status: int,
    message: str,
    description: str,
    fields: Sequence[FieldError] = (),
    *,
    live: bool = True,
) -> JSON:
    """``{"success": false, "error": {code, message, description}}``.

    The live API lists the invalid fields (``error.fields``) and repeats them in a 422's
    top-level ``errors`` beside a ``message``; the contract (``live=False``) has none of
    that, so there they are spelled out in the description.
    """
    listed = [{"field": f.field, "message": f.message} for f in fields]
    if fields and not live:
        description += ": " + "; ".join(f"{f.field} {f.message}" for f in fields)
    error: JSON = {"code": status, "message": message, "description": description}
    if listed and live:
        error["fields"] = listed
    body: JSON = {"success": False, "error": error}
    if live and status == 422:
        body.update(message=description, errors=listed)
    return body


def error_response(
    status: int,
    message: str,
    description: str,
    fields: Sequence[FieldError] = (),
    *,
    live: bool = True,
) -> web.Response:
    body = error_envelope(status, message, description, fields, live=live)
    return web.json_response(body, status=status)


def ok(data: Any = None, *, status: int = 200, **extra: Any) -> web.Response:
    """The success envelope; ``data=None`` leaves ``data`` out (delete operations)."""
    body: JSON = {"success": True}
    if data is not None:
        body["data"] = data
    body.update(extra)
    return web.json_response(body, status=status)


def not_found(kind: str, ident: str) -> ApiError:
    return ApiError(404, f"{kind} with id '{ident}' was not found", message=f"{kind} not found")


def lookup(table: dict[str, T], ident: str, kind: str) -> T:
    """``table[ident]`` or the API's 404."""
    try:
        return table[ident]
    except KeyError:
        raise not_found(kind, ident) from None


def unprocessable(errors: Sequence[FieldError]) -> ApiError:
    return ApiError(422, "The request failed validation", fields=errors)


async def read_json(request: web.Request, spec: Spec | None = None) -> JSON:
    """The request's JSON object, checked against ``spec`` (400 if not JSON, 422 if invalid)."""
    raw = await request.read()
    if not raw.strip():
        body: Any = {}
    else:
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"The request body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise unprocessable([FieldError("body", "must be a JSON object")])
    if spec is not None:
        errors = check(spec, body)
        if errors:
            raise unprocessable(errors)
    return body


def query_int(
    request: web.Request,
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise unprocessable([FieldError(name, "must be an integer")]) from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise unprocessable([FieldError(name, f"must be {bounds}")])
    return value


def query_choice(request: web.Request, name: str, choices: Sequence[str], default: str) -> str:
    value = request.query.get(name, default) or default
    if value not in choices:
        raise unprocessable([FieldError(name, f"must be one of: {', '.join(choices)}")])
    return value


def required_query(request: web.Request, name: str) -> str:
    value = request.query.get(name)
    if not value:
        raise unprocessable([FieldError(name, "is required")])
    return value


def page_params(request: web.Request, *, maximum: int | None = MAX_LIMIT) -> tuple[int, int]:
    """``limit`` (1..50 unless told otherwise, default 10) and ``offset`` (a 1-based page
    number, default 1)."""
    limit = query_int(request, "limit", 10, minimum=1, maximum=maximum)
    offset = query_int(request, "offset", 1, minimum=1)
    return limit, offset


def paginate(items: Sequence[T], limit: int, offset: int) -> tuple[list[T], JSON]:
    start = (offset - 1) * limit
    pagination = {
        "totalRecords": len(items),
        "currentOffset": offset,
        "offsetCount": math.ceil(len(items) / limit),
    }
    return list(items[start : start + limit]), pagination


def sort_by_creation(
    items: Sequence[T], request: web.Request, key: Callable[[T], Any], *, default: str = "desc"
) -> list[T]:
    """Order by creation, honouring ``orderBy=asc|desc``."""
    order = query_choice(request, "orderBy", ("asc", "desc"), default)
    return sorted(items, key=key, reverse=order == "desc")


def page_response(
    request: web.Request,
    items: Sequence[T],
    render: Callable[[T], Any],
    *,
    order_key: Callable[[T], Any] | None = None,
) -> web.Response:
    """The common list answer: optional ordering, one page, rendered, with ``pagination``."""
    limit, offset = page_params(request)
    if order_key is not None:
        items = sort_by_creation(items, request, order_key)
    page, pagination = paginate(items, limit, offset)
    return ok([render(item) for item in page], pagination=pagination)
