"""Signing keys (real RSA 2048 pairs, see ``_rsa``) and the workspace's DRM configurations."""

from __future__ import annotations

import asyncio
import base64

from aiohttp import web

from ._http import JSON, lookup, ok, page_response
from ._rsa import new_key_pair
from ._state import SigningKey, iso, state_of

routes = web.RouteTableDef()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@routes.post("/iam/signing-keys")
async def create_signing_key(request: web.Request) -> web.Response:
    state = state_of(request)
    # RSA generation takes a moment: keep the event loop serving meanwhile
    private_pem, public_pem = await asyncio.to_thread(new_key_pair)
    key = SigningKey(seq=state.next_seq(), public_pem=public_pem)
    state.signing_keys[key.id] = key
    # the private half is shown once and never kept
    data = {"id": key.id, "privateKey": _b64(private_pem), "createdAt": iso(key.created_at)}
    return ok(data, status=201)


@routes.get("/iam/signing-keys")
async def list_signing_keys(request: web.Request) -> web.Response:
    state = state_of(request)
    items = sorted(state.signing_keys.values(), key=lambda k: k.seq, reverse=True)

    # the live API names the workspace each key belongs to
    workspace = [{"id": state.workspace_id, "name": "FastPix emulator", "workspaceType": "pro"}]

    def render(key: SigningKey) -> JSON:
        out: JSON = {"id": key.id, "createdAt": iso(key.created_at)}
        if state.shape == "live":
            out["workspace"] = workspace
        return out

    return page_response(request, items, render)


@routes.get("/iam/signing-keys/{signingKeyId}")
async def get_signing_key(request: web.Request) -> web.Response:
    state = state_of(request)
    key = lookup(state.signing_keys, request.match_info["signingKeyId"], "Signing key")
    data = {
        "workspaceId": state.workspace_id,
        "signingKeyId": key.id,
        "publicKey": _b64(key.public_pem),
    }
    return ok(data)


@routes.delete("/iam/signing-keys/{signingKeyId}")
async def delete_signing_key(request: web.Request) -> web.Response:
    state = state_of(request)
    key = lookup(state.signing_keys, request.match_info["signingKeyId"], "Signing key")
    del state.signing_keys[key.id]
    if state.shape == "live":
        return ok({"message": f"Signing key '{key.id}' was deleted"})
    return ok()


@routes.get("/on-demand/drm-configurations")
async def list_drm_configurations(request: web.Request) -> web.Response:
    state = state_of(request)
    return page_response(request, state.drm_configurations, lambda i: {"id": i})


@routes.get("/on-demand/drm-configurations/{drmConfigurationId}")
async def get_drm_configuration(request: web.Request) -> web.Response:
    state = state_of(request)
    wanted = request.match_info["drmConfigurationId"]
    configurations = {i: i for i in state.drm_configurations}
    return ok({"id": lookup(configurations, wanted, "DRM configuration")})
