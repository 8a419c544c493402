"""Client settings and credentials, resolved once at construction."""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping

import attrs

from ._backend import TRANSPORT_NAME
from ._retry import DEFAULT_RETRY, RetryPolicy
from ._version import __version__
from .errors import ConfigurationError

DEFAULT_BASE_URL = "https://api.fastpix.com/v1/"
DEFAULT_TIMEOUT = 30.0
DEFAULT_USER_AGENT = f"fastpix-python/{__version__} ({TRANSPORT_NAME})"


def _without_trailing_slash(url: str) -> str:
    return url.rstrip("/")


def _frozen_headers(value: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple((value or {}).items())


@attrs.frozen(kw_only=True)
class ClientConfig:
    """What shapes each request. Immutable: ``with_options`` derives a new one."""

    base_url: str = attrs.field(converter=_without_trailing_slash)
    timeout: float | None
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
    ) -> ClientConfig:
        url = base_url or os.environ.get("FASTPIX_BASE_URL") or DEFAULT_BASE_URL
        if not url.startswith(("http://", "https://")):
            raise ConfigurationError(f"base_url must start with http:// or https://, got {url!r}")
        if timeout is not None and timeout <= 0:
            raise ConfigurationError(
                f"timeout must be a positive number of seconds, got {timeout!r}"
            )
        policy = retry if retry is not None else DEFAULT_RETRY
        if max_retries is not None:
            policy = policy.with_max_retries(max_retries)
        return cls(
            base_url=url,
            timeout=timeout,
            retry=policy,
            user_agent=user_agent or DEFAULT_USER_AGENT,
            extra_headers=extra_headers,
        )


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
