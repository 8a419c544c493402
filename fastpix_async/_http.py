"""The request pipeline: URL and headers, the retry loop, and reading the envelope.

Every API call goes through :meth:`AsyncRequester.request`; this is the only
place responses are read and turned into models or typed errors. A call is
observed (hooks, tracing, per-call extras, response captures) only when one of
those is on: one check per call, else the transport is used directly.
"""

from __future__ import annotations

import enum
import re
import time
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from . import _backend, _json, _logging
from ._config import ClientConfig, basic_auth
from ._observed import AsyncObservedCall
from ._raw import CAPTURES
from ._serde import structure_owned
from ._types import AsyncCredentialsProvider, AsyncSend, Response
from .errors import (
    APIConnectionError,
    APIErrorDetail,
    APIStatusError,
    ClientClosedError,
    ResponseValidationError,
    status_error_class,
)
from .models.common import Pagination

T = TypeVar("T")

_JSON = "application/json"


def path(template: str, **ids: str) -> str:
    """Fill a path template with IDs, each checked and percent-encoded as one segment."""
    return template.format_map({name: _segment(name, value) for name, value in ids.items()})


# IDs are nearly always made of these: nothing to check further or to percent-encode.
_UNRESERVED = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9_.~-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _segment(name: str, value: object) -> str:
    if value.__class__ is str and _UNRESERVED.fullmatch(value):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    if value in (".", "..") or _CONTROL.search(value):
        raise ValueError(f"{name} is not a valid identifier: {value!r}")
    return quote(value, safe="")


def query(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """Query pairs in the API's encoding: ``None`` skipped, lists repeated, enums by value."""
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        if value is None:
            continue
        values: Iterable[object] = value if isinstance(value, (list, tuple)) else (value,)
        for item in values:
            if isinstance(item, bool):
                text = "true" if item else "false"
            elif isinstance(item, enum.Enum):
                text = str(item.value)
            else:
                text = str(item)
            pairs.append((name, text))
    return pairs


class AsyncRequester:
    """Sends requests for one client configuration over a (possibly shared) transport."""

    def __init__(
        self,
        config: ClientConfig,
        transport: _backend.Transport,
        *,
        authorization: str | None,
        credentials: AsyncCredentialsProvider | None,
    ) -> None:
        _logging.configure_from_env()  # FASTPIX_LOG, read as each client is made
        self.config = config
        self.transport = transport
        self._authorization = authorization
        self._credentials = credentials
        self._rotated: tuple[tuple[str, str], str] | None = None
        self._headers = {"Accept": _JSON, "User-Agent": config.user_agent}
        self._headers.update(config.extra_headers)
        # With fixed credentials every GET sends the same headers: built once, sent as is.
        self._fixed_headers: dict[str, str] | None = None
        if credentials is None and authorization is not None:
            self._fixed_headers = {**self._headers, "Authorization": authorization}
        self._tracing = None
        if config.tracing is not False:
            from ._otel import Tracing  # OpenTelemetry is imported only when tracing is on

            self._tracing = Tracing(config.tracing, config.base_url)
        self._extra_query = urlencode(config.extra_query, quote_via=quote)
        self._extra_body = dict(config.extra_body)
        # No hooks, tracing or extras: calls skip the observed path (unless captured)
        self._plain = not (
            config.on_request
            or config.on_response
            or self._tracing
            or self._extra_query
            or self._extra_body
        )

    def credentials(self) -> tuple[str | None, AsyncCredentialsProvider | None]:
        """The Authorization header for fixed credentials, or the provider that asks."""
        return self._authorization, self._credentials

    def derive(self, config: ClientConfig) -> AsyncRequester:
        """A requester with ``config`` sharing this one's transport and credentials."""
        return AsyncRequester(
            config,
            self.transport,
            authorization=self._authorization,
            credentials=self._credentials,
        )

    async def request(
        self,
        method: str,
        path: str,
        cast_to: type[T] | None,
        *,
        params: list[tuple[str, str]] | None = None,
        json_body: Any = None,
    ) -> T:
        """Send, retry as the policy allows, and return the envelope's ``data`` as ``cast_to``."""
        payload, context = await self._exchange(method, path, params, json_body)
        return self._structure(payload.get("data"), cast_to, context)

    async def request_page(
        self,
        path: str,
        item_type: type[T],
        params: list[tuple[str, str]],
    ) -> tuple[list[T], Pagination | None]:
        """A GET of a list endpoint: its items and the envelope's ``pagination``."""
        payload, context = await self._exchange("GET", path, params, None)
        items = self._structure(payload.get("data", []), list[item_type], context)  # type: ignore[valid-type]
        raw = payload.get("pagination")
        pagination = self._structure(raw, Pagination, context) if raw is not None else None
        return items, pagination

    async def _exchange(
        self,
        method: str,
        path: str,
        params: list[tuple[str, str]] | None,
        json_body: Any,
    ) -> tuple[dict[str, Any], tuple[Response, str, str]]:
        url = self.config.base_url + path
        if params:
            url += "?" + urlencode(params, quote_via=quote)
        if not self._plain or CAPTURES.get():
            return await self._exchange_observed(method, path, url, json_body)
        if json_body is None and method != "POST" and self._fixed_headers is not None:
            response = await self._send_with_retries(
                method, url, self._fixed_headers, None, self.transport.send
            )
        else:
            headers, body = await self._prepare(method, json_body)
            response = await self._send_with_retries(
                method, url, headers, body, self.transport.send
            )
        context = (response, method, url)
        return self._read_envelope(context), context

    async def _exchange_observed(
        self, method: str, path: str, url: str, json_body: Any
    ) -> tuple[dict[str, Any], tuple[Response, str, str]]:
        """``_exchange`` with the client's extras applied, its hooks and tracer told."""
        if self._extra_query:
            url += ("&" if "?" in url else "?") + self._extra_query
        if self._extra_body and isinstance(json_body, dict):
            json_body = {**json_body, **self._extra_body}
        if json_body is None and method != "POST" and self._fixed_headers is not None:
            headers, body = self._fixed_headers, None
        else:
            headers, body = await self._prepare(method, json_body)
        config = self.config
        call = AsyncObservedCall(
            self.transport,
            method,
            url,
            path,
            on_request=config.on_request,
            on_response=config.on_response,
            tracing=self._tracing,
        )
        response = None
        try:
            response = await self._send_with_retries(method, url, headers, body, call.send)
            call.received(response)
            context = (response, method, url)
            payload = self._read_envelope(context)
        except BaseException as exc:
            call.end(response.status if response is not None else None, exc)
            raise
        call.end(response.status, None)
        return payload, context

    async def _prepare(self, method: str, json_body: Any) -> tuple[dict[str, str], bytes | None]:
        """Headers (credentials asked for now) and the encoded body of one call."""
        body = None
        headers = dict(self._headers)
        headers["Authorization"] = await self._authorize()
        if json_body is not None:
            body = _json.dumps(json_body)
            headers["Content-Type"] = _JSON
        if method == "POST" and "Idempotency-Key" not in headers:
            # One key per logical call, reused by its retries: the API replays the
            # first answer, so a retried create never creates twice.
            import uuid  # here: it imports `platform`, which GETs never need

            headers["Idempotency-Key"] = str(uuid.uuid4())
        return headers, body

    async def _authorize(self) -> str:
        if self._credentials is None:
            assert self._authorization is not None
            return self._authorization
        pair = await self._credentials()
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not all(isinstance(part, str) and part for part in pair)
        ):
            raise TypeError(
                "credentials() must return (access_token_id, secret_key) as non-empty strings"
            )
        if self._rotated is None or self._rotated[0] != pair:
            self._rotated = (pair, basic_auth(*pair))
        return self._rotated[1]

    async def _send_with_retries(
        self, method: str, url: str, headers: dict[str, str], body: bytes | None, send: AsyncSend
    ) -> Response:
        policy = self.config.retry
        attempt = 0
        while True:
            if self.transport.closed:
                raise ClientClosedError("the FastPix client is closed; create a new one")
            attempt += 1
            started = time.monotonic()
            try:
                response = await send(method, url, headers, body, self.config.timeout)
            except APIConnectionError as exc:
                _logging.log_attempt(
                    method, url, attempt, started, type(exc).__name__, None, headers
                )
                if not policy.retry_connection_errors or attempt >= policy.max_attempts:
                    raise
                await _backend.sleep(policy.delay(attempt))
                continue
            _logging.log_attempt(
                method, url, attempt, started, response.status, response.headers, headers
            )
            if response.status not in policy.status_codes or attempt >= policy.max_attempts:
                return response
            await _backend.sleep(policy.delay(attempt, response.headers))

    def _read_envelope(self, context: tuple[Response, str, str]) -> dict[str, Any]:
        response = context[0]
        try:
            payload = _json.loads(response.body) if response.body else {}
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
            payload = None
        if not 200 <= response.status < 300:
            raise _status_error(payload, context)
        if not isinstance(payload, dict):
            reason = (
                "response body is not JSON" if payload is None else "response is not a JSON object"
            )
            raise _invalid(reason, context)
        if payload.get("success") is False:  # an error envelope under a 2xx status
            raise _status_error(payload, context)
        return payload

    @staticmethod
    def _structure(data: Any, cast_to: type[T] | None, context: tuple[Response, str, str]) -> T:
        if cast_to is None:
            return None  # type: ignore[return-value]
        if data is None:
            raise _invalid("response has no data", context)
        try:
            return structure_owned(data, cast_to)  # (``data`` is this call's own)
        except Exception as exc:  # any shape the models can't hold becomes one typed error
            import cattrs  # loaded already: the converter raised this

            details = (
                cattrs.transform_error(exc)
                if isinstance(exc, cattrs.BaseValidationError)
                else [str(exc)]
            )
            raise _invalid("unexpected response shape: " + "; ".join(details), context) from exc


def _status_error(payload: Any, context: tuple[Response, str, str]) -> APIStatusError:
    response, method, url = context
    return status_error_class(response.status)(
        status_code=response.status,
        error=APIErrorDetail.from_body(payload),
        method=method,
        url=url,
        headers=response.headers,
        body=response.body,
    )


def _invalid(reason: str, context: tuple[Response, str, str]) -> ResponseValidationError:
    response, method, url = context
    return ResponseValidationError(
        reason,
        status_code=response.status,
        method=method,
        url=url,
        headers=response.headers,
        body=response.body,
    )
