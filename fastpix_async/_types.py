"""Small types shared by the transport and the request pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from ._timeout import TimeoutSetting

__all__ = ["AsyncCredentialsProvider", "AsyncSend", "Response"]


class Response:
    """A complete HTTP response as the transport read it."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status: int = status
        self.headers: Mapping[str, str] = headers  # case-insensitive on both transports
        self.body: bytes = body


class AsyncCredentialsProvider(Protocol):
    """Returns ``(access_token_id, secret_key)``; asked before each request, for rotation."""

    async def __call__(self) -> tuple[str, str]: ...


class AsyncSend(Protocol):
    """Sends one attempt: the transport's ``send``, or an observed call's stand-in for it."""

    async def __call__(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: TimeoutSetting,
    ) -> Response: ...
