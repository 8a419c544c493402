"""Webhook deliveries as FastPix makes them: signed, retried with backoff, maybe out of order.

A destination is a URL with its own signing secret. Adding one first sends it the
unsigned ``{}`` ping; every event published after that is POSTed to it with a
``FastPix-Signature`` over the exact bytes sent. A non-2xx answer, a timeout or a broken
connection is retried after the policy's delays, and each retry's envelope lists the
failed attempts before it. Deliveries are tasks on the emulator's event loop, sent with a
session the dispatcher owns, so an API answer never waits for one.

Events may be published, and destinations added, from any thread (a test turns the
emulator's knobs from its own while the server runs in another); the rest happens on the
emulator's loop.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import json
import logging
import random
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import aiohttp

from ..webhooks import SIGNATURE_HEADER, compute_signature
from ._http import JSON

_log = logging.getLogger("fastpix_async.testing")

PING_BODY = b"{}"
SHUFFLE_WINDOW = 0.05  # seconds: the longest a shuffled delivery is held back
_USER_AGENT = "FastPix-Emulator-Webhooks"


def new_webhook_secret() -> str:
    """A signing secret as the dashboard shows one: base64 of 32 random bytes."""
    return base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def _new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class WebhookDestination:
    """Where events go (``url``) and the signing secret (base64) they are signed with."""

    url: str
    secret: str = field(default_factory=new_webhook_secret, repr=False)
    id: str = field(default_factory=_new_id)

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise ValueError(f"a webhook URL must be http(s), got {self.url!r}")
        # the SDK's own check of the secret (its message never contains the secret)
        compute_signature(b"", self.secret)


@dataclass(frozen=True)
class DeliveryPolicy:
    """How deliveries are made.

    ``retry_delays``: the waits before each retry (so ``len + 1`` attempts in all);
    ``timeout``: seconds an attempt may take before it counts as failed; ``shuffle``:
    hold each delivery back a random moment (up to 50 ms) so later events can overtake
    it; ``duplicate``: deliver every event twice, with the same id.
    """

    retry_delays: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4)
    timeout: float = 2.0
    shuffle: bool = False
    duplicate: bool = False

    def __post_init__(self) -> None:
        if any(delay < 0 for delay in self.retry_delays):
            raise ValueError("retry_delays must be >= 0")
        if self.timeout <= 0:
            raise ValueError("timeout must be > 0")

    @property
    def max_attempts(self) -> int:
        """Deliveries of one event to one destination at most: the first and each retry."""
        return len(self.retry_delays) + 1


@dataclass(frozen=True)
class WebhookAttempt:
    """One POST the emulator made to a destination; ``event_id`` is None for the ping."""

    webhook_id: str
    url: str
    event_id: str | None
    event_type: str | None
    attempt: int  # 1 for the first try
    status: int | None  # the answer's status; None when no answer came
    error: str | None  # "timeout", or the connection error's name
    created_at: str

    @property
    def ok(self) -> bool:
        """The destination answered 2xx."""
        return self.status is not None and 200 <= self.status < 300

    def to_json(self) -> JSON:
        """The entry a retry's ``attempts`` list holds for this failed attempt."""
        return {
            "attempt": self.attempt,
            "createdAt": self.created_at,
            "address": self.url,
            "responseStatusCode": self.status,
            "error": self.error,
        }


def timestamp() -> str:
    """Now in ISO-8601 with nanoseconds, as FastPix writes an event's ``createdAt``."""
    seconds, nanoseconds = divmod(time.time_ns(), 1_000_000_000)
    moment = datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{moment}.{nanoseconds:09d}Z"


def _body(event: JSON, webhook_id: str, attempts: list[JSON]) -> bytes:
    """The bytes sent (and signed), keys in the order FastPix sends them."""
    envelope = {
        "type": event["type"],
        "id": event["id"],
        "webhookId": webhook_id,
        "object": event["object"],
        "workspace": event["workspace"],
        "data": event["data"],
        "createdAt": event["createdAt"],
        "attempts": attempts,
    }
    return json.dumps(envelope, separators=(",", ":")).encode()


class WebhookDispatcher:
    """The destinations, the published events, and the tasks that deliver them."""

    def __init__(self, *, workspace: JSON, policy: DeliveryPolicy | None = None) -> None:
        self.workspace = workspace
        self.policy = policy or DeliveryPolicy()  # read at each delivery: replaceable any time
        self.events: list[JSON] = []
        self.attempts: list[WebhookAttempt] = []
        self._lock = threading.Lock()
        self._destinations: dict[str, WebhookDestination] = {}
        self._pings: dict[str, asyncio.Task[None]] = {}  # destinations that are live (loop)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._session: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._timers: set[asyncio.TimerHandle] = set()
        self._random = random.Random()

    # -- from any thread -------------------------------------------------------------------

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The emulator's event loop while it runs."""
        return self._loop

    @property
    def destinations(self) -> list[WebhookDestination]:
        with self._lock:
            return list(self._destinations.values())

    def add(self, destination: WebhookDestination) -> WebhookDestination:
        """Deliver to ``destination`` from now on; it gets the ``{}`` ping first."""
        with self._lock:
            self._destinations[destination.id] = destination
        self.call_soon(self._go_live, destination)
        return destination

    def remove(self, webhook_id: str) -> None:
        """Stop delivering there (a delivery under way stops before its next attempt)."""
        with self._lock:
            if self._destinations.pop(webhook_id, None) is None:
                raise KeyError(webhook_id)
        self.call_soon(self._pings.pop, webhook_id, None)

    def publish(self, event_type: str, data: JSON, about: JSON) -> JSON:
        """Record an event and deliver it to every live destination; returns the event."""
        event: JSON = {
            "type": event_type,
            "id": _new_id(),
            "object": about,
            "workspace": self.workspace,
            # a snapshot: the resource's dicts are the state's own, and change later
            "data": copy.deepcopy(data),
            "createdAt": timestamp(),
        }
        with self._lock:
            self.events.append(event)
        self.call_soon(self._dispatch, event)
        return event

    def call_soon(self, callback: Callable[..., object], *args: Any) -> None:
        """Run ``callback`` on the emulator's loop; nothing happens while it isn't running."""
        loop = self._loop
        if loop is None:
            return
        # a RuntimeError: the loop closed meanwhile, the emulator has stopped
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(callback, *args)

    # -- on the emulator's loop ------------------------------------------------------------

    def call_later(self, delay: float, callback: Callable[..., object], *args: Any) -> None:
        """A timer on the loop that stopping the emulator cancels."""
        if self._loop is None:
            return

        def fire() -> None:
            self._timers.discard(handle)
            callback(*args)

        handle = self._loop.call_later(delay, fire)
        self._timers.add(handle)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        for destination in self.destinations:
            self._go_live(destination)

    async def close(self) -> None:
        self._loop = None  # publish() from here on only records
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()
        tasks, self._tasks = self._tasks, set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pings.clear()
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def drain(self) -> None:
        """Return once no delivery is under way (each accepted, or out of attempts)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    def _go_live(self, destination: WebhookDestination) -> None:
        if self._loop is None or destination.id not in self._destinations:
            return
        self._pings[destination.id] = self._spawn(self._deliver(destination, None))

    def _dispatch(self, event: JSON) -> None:
        if self._loop is None:
            return
        copies = 2 if self.policy.duplicate else 1
        for webhook_id in list(self._pings):
            destination = self._destinations.get(webhook_id)
            if destination is not None:
                for _ in range(copies):
                    self._spawn(self._deliver(destination, event))

    def _spawn(self, delivery: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        assert self._loop is not None
        task: asyncio.Task[None] = self._loop.create_task(delivery)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            _log.error("webhook delivery failed unexpectedly", exc_info=task.exception())

    async def _deliver(self, destination: WebhookDestination, event: JSON | None) -> None:
        """POST ``event`` (None: the ping) to ``destination`` until accepted or out of tries."""
        ping = self._pings.get(destination.id)
        if event is not None and ping is not None:
            await asyncio.wait({ping})  # the ping goes first, whatever its fate
        policy = self.policy
        if policy.shuffle:
            await asyncio.sleep(self._random.uniform(0, SHUFFLE_WINDOW))
        failed: list[JSON] = []
        for number in range(1, policy.max_attempts + 1):
            if destination.id not in self._destinations:
                return  # removed meanwhile
            body = PING_BODY if event is None else _body(event, destination.id, failed)
            attempt = await self._post(destination, body, event, number, policy.timeout)
            with self._lock:
                self.attempts.append(attempt)
            if attempt.ok:
                return
            failed = [*failed, attempt.to_json()]
            if number < policy.max_attempts:
                await asyncio.sleep(policy.retry_delays[number - 1])

    async def _post(
        self,
        destination: WebhookDestination,
        body: bytes,
        event: JSON | None,
        number: int,
        timeout: float,
    ) -> WebhookAttempt:
        headers = {"Content-Type": "application/json", "User-Agent": _USER_AGENT}
        if event is not None:  # the ping is the one unsigned delivery
            headers[SIGNATURE_HEADER] = compute_signature(body, destination.secret)
        started = timestamp()
        status: int | None = None
        error: str | None = None
        try:
            async with self._client().post(
                destination.url,
                data=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=timeout),
                allow_redirects=False,
            ) as response:
                await response.read()  # an answer cut short is no answer
                status = response.status
        except asyncio.TimeoutError:
            error = "timeout"
        except (aiohttp.ClientError, OSError) as exc:
            error = type(exc).__name__
        return WebhookAttempt(
            webhook_id=destination.id,
            url=destination.url,
            event_id=None if event is None else event["id"],
            event_type=None if event is None else event["type"],
            attempt=number,
            status=status,
            error=error,
            created_at=started,
        )

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:  # made on first use: an emulator without webhooks has none
            self._session = aiohttp.ClientSession()
        return self._session
