"""``FastPixEmulator``: start and stop the server, and the knobs tests turn while it runs."""

from __future__ import annotations

import asyncio
import secrets
import shutil
import tempfile
import uuid
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

from ._app import API_PREFIX, Credentials, RecordedRequest, Stats, build_app
from ._events import Events
from ._faults import Fault, FaultBook, UploadFault, UploadFaultKind
from ._http import JSON, lookup
from ._serving import origin, start_server
from ._shape import ResponseShape, check_shape
from ._state import LIVE_STATUSES, MEDIA_STATUSES, State
from ._webhooks import (
    DeliveryPolicy,
    WebhookAttempt,
    WebhookDestination,
    WebhookDispatcher,
    new_webhook_secret,
)


class FastPixEmulator:
    """A local server that speaks the FastPix HTTP API with in-memory state.

    ``async with FastPixEmulator() as emu:`` binds ``host`` on a free port (or ``port``);
    point a client at ``emu.base_url`` with ``emu.access_token_id`` / ``emu.secret_key``.
    Media become ready ``processing_seconds`` after they are created (0: at once).

    ``webhooks`` maps destination URLs to their signing secrets (base64; None makes one
    up): every state change is delivered there as FastPix delivers it, signed, the way
    ``webhook_delivery`` says (retries, shuffling, duplicates).

    ``shape`` picks which description of the API its answers follow: ``"live"`` (the
    default) as FastPix answers today (durations in seconds, ``mp4Support`` as a list of
    renditions, the live API's extra fields), ``"spec"`` exactly as the published OpenAPI
    contract says (``"HH:MM:SS"`` durations, ``mp4Support`` as the setting). Requests are
    accepted as either description allows in both.

    Raises:
        ValueError: ``processing_seconds`` is negative, or ``shape`` is neither.

    Example::

        async with FastPixEmulator(shape="spec") as emu:
            ...  # media answer {"duration": "00:00:10", "mp4Support": "none", ...}
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        access_token_id: str | None = None,
        secret_key: str | None = None,
        processing_seconds: float = 0.3,
        workspace_id: str | None = None,
        webhooks: Mapping[str, str | None] | None = None,
        webhook_delivery: DeliveryPolicy | None = None,
        shape: ResponseShape = "live",
    ) -> None:
        if processing_seconds < 0:
            raise ValueError("processing_seconds must be >= 0")
        self.shape: ResponseShape = check_shape(shape)
        self.host = host
        self._requested_port = port
        self.access_token_id: str = access_token_id or str(uuid.uuid4())
        self.secret_key: str = secret_key or secrets.token_urlsafe(32)
        self.workspace_id: str = workspace_id or str(uuid.uuid4())
        self._faults = FaultBook()
        self._stats = Stats()
        self._upload_dir: Path | None = None
        self._state = State(
            workspace_id=self.workspace_id,
            processing_seconds=processing_seconds,
            upload_dir=Path(tempfile.gettempdir()),
            shape=self.shape,
        )
        self._webhooks = WebhookDispatcher(
            workspace={"name": "FastPix emulator", "id": self.workspace_id},
            policy=webhook_delivery,
        )
        for url, secret in (webhooks or {}).items():
            self._webhooks.add(WebhookDestination(url, secret or new_webhook_secret()))
        self._events = Events(self._state, self._webhooks)
        self.app: web.Application = build_app(
            state=self._state,
            faults=self._faults,
            stats=self._stats,
            credentials=Credentials(self.access_token_id, self.secret_key),
            webhooks=self._webhooks,
            events=self._events,
        )
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    def __repr__(self) -> str:
        where = self.base_url if self._port is not None else "not started"
        shape = "" if self.shape == "live" else f" shape={self.shape!r}"
        return f"<FastPixEmulator {where}{shape}>"

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FastPixEmulator:
        """Bind and serve; ``async with`` does this. Raises RuntimeError if already running."""
        if self._runner is not None:
            raise RuntimeError("the emulator is already running")
        self._upload_dir = Path(tempfile.mkdtemp(prefix="fastpix-emulator-"))
        self._state.upload_dir = self._upload_dir
        try:
            self._runner, self._port = await start_server(self.app, self.host, self._requested_port)
        except BaseException:
            shutil.rmtree(self._upload_dir, ignore_errors=True)
            raise
        await self._webhooks.start()
        return self

    async def close(self) -> None:
        """Stop serving, end pending webhook deliveries, drop the uploads (harmless twice)."""
        runner, self._runner = self._runner, None
        await self._webhooks.close()  # pending deliveries and timers end with the server
        if runner is not None:
            await runner.cleanup()
        if self._upload_dir is not None:
            shutil.rmtree(self._upload_dir, ignore_errors=True)
            self._upload_dir = None

    async def __aenter__(self) -> FastPixEmulator:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- where it listens ------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The port it listens on (a free one unless ``port`` was given)."""
        if self._port is None:
            raise RuntimeError("the emulator is not started")
        return self._port

    @property
    def origin(self) -> str:
        """``http://host:port``, without the API's ``/v1`` prefix."""
        return origin(self.host, self.port)

    @property
    def base_url(self) -> str:
        """The SDK's base URL, ending in ``/v1/``."""
        return f"{self.origin}{API_PREFIX}/"

    # -- faults ----------------------------------------------------------------------------

    def add_fault(
        self,
        method: str,
        path: str,
        *,
        status: int | None = None,
        times: int = 1,
        retry_after: str | None = None,
        latency: float = 0.0,
        drop_connection: bool = False,
        truncate_body: bool = False,
        body: bytes | None = None,
        content_type: str | None = None,
        probability: float = 1.0,
    ) -> Fault:
        """Disturb the next ``times`` requests to ``method path`` (a contract template or "*").

        ``status`` answers with that status in the error envelope (``body`` and
        ``content_type`` answer with raw bytes instead); ``retry_after`` sets that header;
        ``latency`` waits first; ``drop_connection`` resets the socket mid-body and
        ``truncate_body`` closes it short of its Content-Length. Without ``status`` or
        ``body`` the real handler runs (its effects happen) and only its answer is hurt.
        ``probability`` below 1 disturbs each matching request with that chance (``times``
        then counts the disturbed ones): ``status=503, probability=0.02`` is a 2% error rate.
        """
        if path != "*" and not path.startswith("/"):
            raise ValueError("path must be a contract template such as /on-demand/{mediaId}, or *")
        fault = Fault(
            method=method,
            path=path.removeprefix(API_PREFIX) if path.startswith(API_PREFIX + "/") else path,
            status=status,
            times=times,
            retry_after=retry_after,
            latency=latency,
            drop_connection=drop_connection,
            truncate_body=truncate_body,
            body=body,
            content_type=content_type,
            probability=probability,
        )
        return self._faults.add(fault)

    def add_upload_fault(
        self,
        kind: UploadFaultKind,
        *,
        times: int = 1,
        upload_id: str | None = None,
        keep_bytes: int | None = None,
    ) -> UploadFault:
        """Disturb the next ``times`` chunk PUTs at an upload URL (any upload, or one).

        ``hold_back`` keeps only ``keep_bytes`` of the chunk (default half) and answers 308
        with the shorter ``Range``; ``drop_chunk`` stores nothing and answers 503;
        ``expire`` ends the session for good (410 Gone).
        """
        if kind not in ("hold_back", "drop_chunk", "expire"):
            raise ValueError(f"unknown upload fault kind {kind!r}")
        return self._faults.add_upload(UploadFault(kind, times, upload_id, keep_bytes))

    def clear_faults(self) -> None:
        """Forget every fault not used up yet."""
        self._faults.clear()

    # -- what it saw -----------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (the control API's aside)."""
        return self._stats.requests

    @property
    def max_in_flight(self) -> int:
        """The most requests it was handling at the same moment."""
        return self._stats.max_in_flight

    def reset_stats(self) -> None:
        """Forget the requests received so far and the in-flight peak."""
        self._stats.requests.clear()
        self._stats.max_in_flight = self._stats.in_flight

    def upload_sha256(self, upload_id: str) -> str:
        """Hex SHA-256 of the bytes stored for an upload so far."""
        return str(lookup(self._state.uploads, upload_id, "Upload").sha256.hexdigest())

    def upload_size(self, upload_id: str) -> int:
        """How many bytes an upload holds so far."""
        return lookup(self._state.uploads, upload_id, "Upload").size

    # -- state a test may force ------------------------------------------------------------

    def set_media_status(self, media_id: str, status: str | None) -> None:
        """Pin a media's status (e.g. "Failed"); ``None`` hands it back to the clock.

        Webhooks follow: ``video.media.failed`` for "Failed", ``ready`` for "Ready".
        """
        if status is not None and status not in MEDIA_STATUSES:
            raise ValueError(f"status must be one of {MEDIA_STATUSES}")
        lookup(self._state.media, media_id, "Media").status_override = status
        self._events.media_status_forced(media_id)

    def set_live_stream_status(self, stream_id: str, status: str) -> None:
        """Move a live stream as a broadcaster would (``active`` once it receives video).

        Webhooks follow: ``video.live_stream.recording`` when it goes active, ``idle``
        and ``disabled`` for those.
        """
        if status not in LIVE_STATUSES:
            raise ValueError(f"status must be one of {LIVE_STATUSES}")
        stream = lookup(self._state.live_streams, stream_id, "Live stream")
        previous, stream.status = stream.status, status
        # read on the emulator's loop, where the routes change the stream too
        self._webhooks.call_soon(self._events.live_status, stream, previous)

    def set_live_viewer_count(self, stream_id: str, viewers: int) -> None:
        """What viewer-count answers for the stream while it is active."""
        lookup(self._state.live_streams, stream_id, "Live stream").viewer_count = viewers

    # -- webhooks --------------------------------------------------------------------------

    @property
    def webhooks(self) -> list[WebhookDestination]:
        """The destinations events are delivered to."""
        return self._webhooks.destinations

    def add_webhook(self, url: str, secret: str | None = None) -> WebhookDestination:
        """Deliver events to ``url`` too, signed with ``secret`` (base64; None makes one up).

        The destination first gets the unsigned ``{}`` ping, as FastPix sends when a
        webhook is added; events published from then on follow it.
        """
        return self._webhooks.add(WebhookDestination(url, secret or new_webhook_secret()))

    def remove_webhook(self, webhook_id: str) -> None:
        """Stop delivering to a destination; ValueError if there is none with that id."""
        try:
            self._webhooks.remove(webhook_id)
        except KeyError:
            raise ValueError(f"no webhook destination with id {webhook_id!r}") from None

    @property
    def webhook_delivery(self) -> DeliveryPolicy:
        """How events are delivered (retries, timeout, shuffling, duplicates); settable:
        deliveries starting from then follow the new policy."""
        return self._webhooks.policy

    @webhook_delivery.setter
    def webhook_delivery(self, policy: DeliveryPolicy) -> None:
        """Deliveries starting from now follow ``policy``."""
        self._webhooks.policy = policy

    def trigger(self, event_type: str, data: Mapping[str, Any] | None = None) -> JSON:
        """Publish an event now, as ``stripe trigger`` does: ``data`` or a sample resource.

        Any documented event type works without ``data`` (the sample has the shape of the
        API's resource; its ids are made up); another type needs ``data``. Returns the
        event (``id``, ``type``, ``object``, ``data``, ...). Usable from any thread.
        """
        return self._events.trigger(event_type, data)

    async def wait_for_webhooks(self, timeout: float = 5.0) -> None:
        """Wait until the deliveries under way are done: accepted, or out of attempts.

        Awaitable from any event loop, the emulator's thread's included; events whose
        time has not come yet (a media still processing) are not waited for.
        """
        loop = self._webhooks.loop
        if loop is None:
            raise RuntimeError("the emulator is not started")
        drained = asyncio.run_coroutine_threadsafe(self._webhooks.drain(), loop)
        await asyncio.wait_for(asyncio.wrap_future(drained), timeout)

    @property
    def webhook_events(self) -> list[JSON]:
        """Every event published so far, delivered or not (without ``webhookId``/``attempts``)."""
        return list(self._webhooks.events)

    @property
    def webhook_attempts(self) -> list[WebhookAttempt]:
        """Every POST made to a destination so far, the pings included."""
        return list(self._webhooks.attempts)
