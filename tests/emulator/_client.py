"""A thin HTTP client for talking to the emulator in tests (plain aiohttp, not the SDK)."""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass
from typing import Any

import aiohttp
from multidict import CIMultiDictProxy

from fastpix_async.testing import FastPixEmulator


def basic_auth(login: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()


@dataclass
class Reply:
    status: int
    headers: CIMultiDictProxy[str]
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw)

    @property
    def data(self) -> Any:
        body = self.json
        assert body["success"] is True, body
        return body["data"]

    @property
    def error(self) -> dict[str, Any]:
        body = self.json
        assert body["success"] is False, body
        return dict(body["error"])


class Api:
    """``await api.get("on-demand")``: requests relative to the emulator's base URL."""

    def __init__(self, session: aiohttp.ClientSession, emulator: FastPixEmulator) -> None:
        self.session = session
        self.emulator = emulator
        self.authorization = basic_auth(emulator.access_token_id, emulator.secret_key)

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
    ) -> Reply:
        all_headers = {"Authorization": self.authorization} if auth else {}
        all_headers.update(headers or {})
        url = path if path.startswith("http") else self.emulator.base_url + path.lstrip("/")
        # a file-like body: aiohttp warns about big raw bytes bodies
        body = io.BytesIO(data) if data is not None else None
        async with self.session.request(
            method, url, json=json, params=params, data=body, headers=all_headers
        ) as response:
            return Reply(response.status, response.headers, await response.read())

    async def get(self, path: str, **kwargs: Any) -> Reply:
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, **kwargs: Any) -> Reply:
        return await self.request("POST", path, **kwargs)

    async def put(self, path: str, **kwargs: Any) -> Reply:
        return await self.request("PUT", path, **kwargs)

    async def patch(self, path: str, **kwargs: Any) -> Reply:
        return await self.request("PATCH", path, **kwargs)

    async def delete(self, path: str, **kwargs: Any) -> Reply:
        return await self.request("DELETE", path, **kwargs)

    async def create_media(self, **settings: Any) -> dict[str, Any]:
        body = {
            "inputs": [{"type": "video", "url": "https://static.fastpix.com/fp-sample-video.mp4"}],
            "accessPolicy": "public",
            **settings,
        }
        reply = await self.post("on-demand", json=body)
        assert reply.status == 201, reply.raw
        return dict(reply.data)

    async def create_stream(self, **settings: Any) -> dict[str, Any]:
        body = {"playbackSettings": {"accessPolicy": "public"}, "inputMediaSettings": settings}
        reply = await self.post("live/streams", json=body)
        assert reply.status == 201, reply.raw
        return dict(reply.data)
