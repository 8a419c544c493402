"""Client settings and credentials, resolved once at construction.

Every setting is checked here. What shapes a request is checked by :class:`ClientConfig`
itself, so a client built by the constructor and one derived by ``with_options``
(``attrs.evolve``) pass the same checks; the pool's size, which ``with_options`` can't
change, by :func:`check_max_connections`. Shared by both surfaces: nothing here knows
which transport sends the requests.
"""

from __future__ import annotations

import base64
import enum
import os
from collections.abc import Mapping
from typing import Any

import attrs

from . import _json
from ._hooks import RequestHook, ResponseHook, check_hook
from ._retry import DEFAULT_RETRY, RetryPolicy
from ._timeout import TimeoutSetting, check_timeout
from ._version import __version__
from .errors import ConfigurationError

DEFAULT_BASE_URL = "https://api.fastpix.com/v1/"
DEFAULT_TIMEOUT = 30.0


def default_user_agent(transport: str) -> str:
    """``fastpix-python/<version> (<transport>)``: the transport is the surface's own."""
    return f"fastpix-python/{__version__} ({transport})"


def _http_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"base_url must start with http:// or https://, got {url!r}")
    return url.rstrip("/")


def _timeout(_: object, __: attrs.Attribute[TimeoutSetting], value: TimeoutSetting) -> None:
    check_timeout(value)


def _frozen_headers(
    value: Mapping[str, str] | tuple[tuple[str, str], ...] | None,
) -> tuple[tuple[str, str], ...]:
    return tuple(dict(value or ()).items())  # (a tuple of pairs again when evolve passes it)


def _query_text(name: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (str, int, float)):
        return str(value)
    raise TypeError(
        f"extra_query[{name!r}] must be a string, number or bool, got {type(value).__name__}"
    )


def query_pairs(
    value: Mapping[str, object] | tuple[tuple[str, str], ...] | None,
) -> tuple[tuple[str, str], ...]:
    """``extra_query`` as query pairs in the API's encoding; a list value repeats its name."""
    if isinstance(value, tuple):  # evolve passes the pairs already made
        return value
    pairs: list[tuple[str, str]] = []
    for name, item in (value or {}).items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"extra_query names must be non-empty strings, got {name!r}")
        for one in item if isinstance(item, (list, tuple)) else (item,):
            pairs.append((name, _query_text(name, one)))
    return tuple(pairs)


def _frozen_body(
    value: Mapping[str, Any] | tuple[tuple[str, Any], ...] | None,
) -> tuple[tuple[str, Any], ...]:
    """Fields for JSON bodies, checked now so a bad one fails before anything is sent."""
    if isinstance(value, tuple):
        return value
    fields = dict(value or {})
    for name in fields:
        if not isinstance(name, str) or not name:
            raise TypeError(f"extra_body keys must be non-empty strings, got {name!r}")
    try:
        _json.dumps(fields)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"extra_body must be JSON-serializable: {exc}") from None
    return tuple(fields.items())


def _hook(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_hook(attribute.name, value)


def _tracing(_: object, __: object, value: object) -> None:
    if not isinstance(value, bool) and not callable(getattr(value, "get_tracer", None)):
        raise ConfigurationError(
            f"tracing must be True, False or an OpenTelemetry TracerProvider, got {value!r}"
        )


def retry_policy(
    retry: RetryPolicy | None, max_retries: int | None, *, default: RetryPolicy
) -> RetryPolicy:
    """``retry`` (else ``default``), allowing ``max_retries`` retries when that is given."""
    policy = retry if retry is not None else default
    return policy if max_retries is None else policy.with_max_retries(max_retries)


@attrs.frozen(kw_only=True)
class ClientConfig:
    """What shapes each request. Immutable: ``with_options`` derives a new one."""

    base_url: str = attrs.field(converter=_http_url)
    timeout: TimeoutSetting = attrs.field(validator=_timeout)  # as given: a number or Timeout
    retry: RetryPolicy
    user_agent: str
    extra_headers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_frozen_headers)
    # per-call extras (with_options): query pairs appended, fields merged into JSON bodies
    extra_query: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=query_pairs)
    extra_body: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_frozen_body)
    # observing calls: hooks called per attempt, and OpenTelemetry spans (True: the
    # global tracer provider; or a TracerProvider)
    on_request: RequestHook | None = attrs.field(default=None, validator=_hook)
    on_response: ResponseHook | None = attrs.field(default=None, validator=_hook)
    tracing: object = attrs.field(default=False, validator=_tracing)

    @classmethod
    def build(
        cls,
        *,
        base_url: str | None,
        timeout: TimeoutSetting,
        max_retries: int | None,
        retry: RetryPolicy | None,
        user_agent: str | None,
        extra_headers: Mapping[str, str] | None,
        transport: str,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
        tracing: object = False,
    ) -> ClientConfig:
        """The constructor's settings, with the defaults and the environment filled in.

        ``transport`` names the surface's HTTP library in the default User-Agent.
        """
        return cls(
            base_url=base_url or os.environ.get("FASTPIX_BASE_URL") or DEFAULT_BASE_URL,
            timeout=timeout,
            retry=retry_policy(retry, max_retries, default=DEFAULT_RETRY),
            user_agent=user_agent or default_user_agent(transport),
            extra_headers=extra_headers,
            on_request=on_request,
            on_response=on_response,
            tracing=tracing,
        )


def check_max_connections(max_connections: int) -> int:
    """The pool size, if it is a positive int (it is the transport's, not a request's)."""
    if (
        isinstance(max_connections, bool)
        or not isinstance(max_connections, int)
        or max_connections < 1
    ):
        raise ConfigurationError(f"max_connections must be a positive int, got {max_connections!r}")
    return max_connections


def basic_auth(access_token_id: str, secret_key: str) -> str:
    token = base64.b64encode(f"{access_token_id}:{secret_key}".encode()).decode("ascii")
    return f"Basic {token}"


def static_credentials(access_token_id: str | None, secret_key: str | None) -> str:
    """The Authorization header for fixed credentials, from the arguments or the environment."""
    token_id = access_token_id or os.environ.get("FASTPIX_ACCESS_TOKEN_ID")
    secret = secret_key or os.environ.get("FASTPIX_SECRET_KEY")
    missing = [
        name for name, value in (("access_token_id", token_id), ("secret_key", secret)) if not value
    ]
    if missing or token_id is None or secret is None:
        raise ConfigurationError(
            f"missing FastPix credentials: {' and '.join(missing)}. Pass them to the client, "
            "set FASTPIX_ACCESS_TOKEN_ID and FASTPIX_SECRET_KEY, or pass credentials=callable."
        )
    return basic_auth(token_id, secret)
