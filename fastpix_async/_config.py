"""Client settings and credentials, resolved once at construction.

Every setting is checked here. What shapes a request is checked by :class:`ClientConfig`
itself, so a client built by the constructor and one derived by ``with_options``
(``attrs.evolve``) pass the same checks; the pool's size, which ``with_options`` can't
change, by :func:`check_max_connections`. Shared by both surfaces: nothing here knows
which transport sends the requests.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping

import attrs

from ._retry import DEFAULT_RETRY, RetryPolicy
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


def _positive_timeout(_: object, __: attrs.Attribute[float | None], value: float | None) -> None:
    if value is not None and value <= 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds, got {value!r}")


def _frozen_headers(
    value: Mapping[str, str] | tuple[tuple[str, str], ...] | None,
) -> tuple[tuple[str, str], ...]:
    return tuple(dict(value or ()).items())  # (a tuple of pairs again when evolve passes it)


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
    timeout: float | None = attrs.field(validator=_positive_timeout)
    retry: RetryPolicy
    user_agent: str
    extra_headers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_frozen_headers)

    @classmethod
    def build(
        cls,
        *,
        base_url: str | None,
        timeout: float | None,
        max_retries: int | None,
        retry: RetryPolicy | None,
        user_agent: str | None,
        extra_headers: Mapping[str, str] | None,
        transport: str,
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
