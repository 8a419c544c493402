"""Small types shared by the transport and the request pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

__all__ = ["AsyncCredentialsProvider", "Response"]


class Response:
    """A complete HTTP response as the transport read it."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers  # case-insensitive on both transports
        self.body = body


class AsyncCredentialsProvider(Protocol):
    """Returns ``(access_token_id, secret_key)``; asked before each request, for rotation."""

    async def __call__(self) -> tuple[str, str]: ...
