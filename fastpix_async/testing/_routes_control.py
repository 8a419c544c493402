"""The emulator's own control API, beside the FastPix API: webhook destinations and events.

Served under ``/_emulator`` with the API's Basic auth; injected faults never touch it and
``emu.requests`` does not record it (it is not traffic a client of FastPix would send).

    GET    /_emulator/webhooks                the destinations (id and url; no secret)
    POST   /_emulator/webhooks                {"url", "secret"?}: 201 with its id and secret
    DELETE /_emulator/webhooks/{webhookId}
    GET    /_emulator/events                  the events published so far
    POST   /_emulator/events                  {"type", "data"?}: trigger one, 201 with it
"""

from __future__ import annotations

from aiohttp import web

from ..errors import ConfigurationError
from ._events import events_of
from ._http import JSON, ApiError, not_found, ok, read_json, unprocessable
from ._validate import FieldError, Obj, Str
from ._webhooks import WebhookDestination, WebhookDispatcher, new_webhook_secret

CONTROL_PREFIX = "/_emulator"
DISPATCHER: web.AppKey[WebhookDispatcher] = web.AppKey(
    "fastpix_emulator_webhooks", WebhookDispatcher
)

routes = web.RouteTableDef()

_ADD_WEBHOOK = Obj(required={"url": Str()}, optional={"secret": Str()})
_TRIGGER = Obj(required={"type": Str()}, optional={"data": Obj()})


def _listed(destination: WebhookDestination) -> JSON:
    return {"id": destination.id, "url": destination.url}


@routes.get(CONTROL_PREFIX + "/webhooks")
async def list_webhooks(request: web.Request) -> web.Response:
    return ok([_listed(d) for d in request.app[DISPATCHER].destinations])


@routes.post(CONTROL_PREFIX + "/webhooks")
async def add_webhook(request: web.Request) -> web.Response:
    body = await read_json(request, _ADD_WEBHOOK)
    try:
        destination = WebhookDestination(body["url"], body.get("secret") or new_webhook_secret())
    except ValueError as exc:  # the message names the problem, never the secret
        field = "secret" if isinstance(exc, ConfigurationError) else "url"
        raise unprocessable([FieldError(field, str(exc))]) from None
    request.app[DISPATCHER].add(destination)
    # the one answer that shows the secret, as the dashboard does when a webhook is made
    return ok({**_listed(destination), "secret": destination.secret}, status=201)


@routes.delete(CONTROL_PREFIX + "/webhooks/{webhookId}")
async def remove_webhook(request: web.Request) -> web.Response:
    webhook_id = request.match_info["webhookId"]
    try:
        request.app[DISPATCHER].remove(webhook_id)
    except KeyError:
        raise not_found("Webhook", webhook_id) from None
    return ok()


@routes.get(CONTROL_PREFIX + "/events")
async def list_events(request: web.Request) -> web.Response:
    return ok(list(request.app[DISPATCHER].events))


@routes.post(CONTROL_PREFIX + "/events")
async def trigger_event(request: web.Request) -> web.Response:
    body = await read_json(request, _TRIGGER)
    try:
        event = events_of(request).trigger(body["type"], body.get("data"))
    except ValueError as exc:
        raise ApiError(422, str(exc), fields=[FieldError("type", str(exc))]) from None
    return ok(event, status=201)
