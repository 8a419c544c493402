"""``fp.live_streams``: live streams, their playback IDs and their simulcasts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from .._checks import (
    body,
    check_at_least_one,
    check_bool,
    check_metadata,
    check_range,
    check_text,
    page_params,
)
from .._http import AsyncRequester, path
from .._pagination import AsyncPage, every_item
from ..models.common import (
    AccessPolicy,
    AccessRestrictions,
    PolicyAction,
    RestrictionRules,
    SortOrder,
)
from ..models.live import (
    MAX_RECONNECT_WINDOW,
    MIN_RECONNECT_WINDOW,
    InputMediaSettings,
    LiveStream,
    PlaybackSettings,
    Simulcast,
    ViewerCount,
)
from ..models.media import PlaybackId
from ._base import AsyncResource
from .media_playback_ids import AsyncRestrictionsResource

_STREAM = "/live/streams/{stream_id}"
_PLAYBACK_ID = _STREAM + "/playback-ids/{playback_id}"
_SIMULCAST = "/live/streams/{stream_id}/simulcast/{simulcast_id}"


class AsyncLiveStreamsResource(AsyncResource):
    """Create live streams, read and change them, and switch them on, off or to done."""

    __slots__ = ("playback_ids", "simulcasts")

    playback_ids: AsyncLiveStreamPlaybackIdsResource
    """A stream's playback ids: ``fp.live_streams.playback_ids.create(stream_id, ...)``."""
    simulcasts: AsyncSimulcastsResource
    """Where a stream is restreamed: ``fp.live_streams.simulcasts.create(stream_id, ...)``."""

    def __init__(self, requester: AsyncRequester) -> None:
        super().__init__(requester)
        self.playback_ids = AsyncLiveStreamPlaybackIdsResource(self._requester)
        self.simulcasts = AsyncSimulcastsResource(self._requester)

    async def create(
        self,
        *,
        playback_settings: PlaybackSettings | None = None,
        input_media_settings: InputMediaSettings | None = None,
    ) -> LiveStream:
        """Create a live stream; push to it with ``stream.stream_key`` (RTMPS) or SRT.

        Args:
            playback_settings: How viewers play it: ``access_policy`` (``"public"`` by
                default). ``None``: the defaults.
            input_media_settings: What is taken and recorded: ``max_resolution``
                (1080p at most by default), ``reconnect_window``, ``media_policy`` of the
                recording, ``metadata``. ``None``: the defaults.

        Returns:
            The new stream, ``idle`` until an encoder connects; ``stream.stream_key``
            and its playback IDs are set.

        Raises:
            TypeError: A setting is not of its model's type (checked before sending).

        Example:
            ```python
            from fastpix_async.models import InputMediaSettings, PlaybackSettings

            stream = await fp.live_streams.create(
                playback_settings=PlaybackSettings(access_policy="private"),
                input_media_settings=InputMediaSettings(metadata={"event": "launch"}),
            )
            print(stream.id, stream.status, stream.stream_key is not None)
            ```
        """
        playback = PlaybackSettings() if playback_settings is None else playback_settings
        if not isinstance(playback, PlaybackSettings):
            raise TypeError("playback_settings must be a PlaybackSettings")
        media = InputMediaSettings() if input_media_settings is None else input_media_settings
        if not isinstance(media, InputMediaSettings):
            raise TypeError("input_media_settings must be an InputMediaSettings")
        media = attrs.evolve(media, metadata=check_metadata(media.metadata))
        payload = body(playback_settings=playback, input_media_settings=media)
        return await self._requester.request("POST", "/live/streams", LiveStream, json_body=payload)

    async def list(
        self,
        *,
        limit: int | None = None,
        offset: int = 1,
        order_by: SortOrder | str | None = None,
    ) -> AsyncPage[LiveStream]:
        """One page of live streams (``offset`` is the page number, from 1; ``limit`` up to 50)."""
        return await self._list("/live/streams", LiveStream, page_params(limit, order_by), offset)

    list_all: Final = every_item(list)

    async def get(self, stream_id: str) -> LiveStream:
        """Read one live stream, with its status and settings.

        Args:
            stream_id: The stream's ID.

        Returns:
            The stream as the API has it now.

        Raises:
            NotFoundError: No stream has this ID.
        """
        return await self._requester.request("GET", path(_STREAM, stream_id=stream_id), LiveStream)

    async def update(
        self,
        stream_id: str,
        *,
        metadata: Mapping[str, str] | None = None,
        reconnect_window: int | None = None,
    ) -> LiveStream:
        """Change a stream's metadata or reconnect window; only what is given is sent.

        Args:
            stream_id: The stream's ID.
            metadata: Key-value pairs replacing the stream's metadata.
            reconnect_window: Seconds (60 to 1800) the stream waits for an encoder that
                dropped before it ends the broadcast.

        Returns:
            The updated stream.

        Raises:
            ValueError: Neither argument is given, or one is out of range (checked
                before sending).
            NotFoundError: No stream has this ID.
        """
        payload = body(
            metadata=check_metadata(metadata),
            reconnect_window=check_range(
                "reconnect_window", reconnect_window, MIN_RECONNECT_WINDOW, MAX_RECONNECT_WINDOW
            ),
        )
        check_at_least_one("live_streams.update", payload, "metadata", "reconnect_window")
        return await self._requester.request(
            "PATCH", path(_STREAM, stream_id=stream_id), LiveStream, json_body=payload
        )

    async def delete(self, stream_id: str) -> None:
        """Delete a live stream.

        Raises:
            NotFoundError: No stream has this ID.
        """
        await self._requester.request("DELETE", path(_STREAM, stream_id=stream_id), None)

    async def enable(self, stream_id: str) -> None:
        """Let a disabled stream take a broadcast again (it becomes idle)."""
        await self._requester.request(
            "PUT", path(_STREAM + "/live-enable", stream_id=stream_id), None
        )

    async def disable(self, stream_id: str) -> None:
        """Stop a stream from taking broadcasts."""
        await self._requester.request(
            "PUT", path(_STREAM + "/live-disable", stream_id=stream_id), None
        )

    async def complete(self, stream_id: str) -> None:
        """End the current broadcast (the stream goes back to idle)."""
        await self._requester.request("PUT", path(_STREAM + "/finish", stream_id=stream_id), None)

    async def viewer_count(self, stream_id: str) -> ViewerCount:
        """How many are watching the stream now."""
        return await self._requester.request(
            "GET", path(_STREAM + "/viewer-count", stream_id=stream_id), ViewerCount
        )


class AsyncLiveStreamPlaybackIdsResource(AsyncRestrictionsResource):
    """``fp.live_streams.playback_ids``: the IDs players use to watch a live stream."""

    __slots__ = ()

    async def create(
        self,
        stream_id: str,
        *,
        access_policy: AccessPolicy | str = AccessPolicy.PUBLIC,
        access_restrictions: AccessRestrictions | None = None,
    ) -> PlaybackId:
        """A new playback ID, ``"public"`` or ``"private"``, with optional domain and
        user-agent rules."""
        # the settings model holds the live rules (no DRM, typed restrictions) in one place
        settings = PlaybackSettings(
            access_policy=access_policy, access_restrictions=access_restrictions
        )
        return await self._requester.request(
            "POST",
            path(_STREAM + "/playback-ids", stream_id=stream_id),
            PlaybackId,
            json_body=body(
                access_policy=settings.access_policy,
                access_restrictions=settings.access_restrictions,
            ),
        )

    async def get(self, stream_id: str, playback_id: str) -> PlaybackId:
        """One playback ID of a live stream, with its access policy and restrictions."""
        return await self._requester.request(
            "GET", path(_PLAYBACK_ID, stream_id=stream_id, playback_id=playback_id), PlaybackId
        )

    async def update_domain_restrictions(
        self,
        stream_id: str,
        playback_id: str,
        *,
        default_policy: PolicyAction | str,
        allow: Sequence[str] = (),
        deny: Sequence[str] = (),
    ) -> RestrictionRules:
        """Which referring domains may play it: ``default_policy`` for all but the listed ones."""
        return await self._update_restrictions(
            path(_PLAYBACK_ID + "/domains", stream_id=stream_id, playback_id=playback_id),
            default_policy,
            allow,
            deny,
        )

    async def update_user_agent_restrictions(
        self,
        stream_id: str,
        playback_id: str,
        *,
        default_policy: PolicyAction | str,
        allow: Sequence[str] = (),
        deny: Sequence[str] = (),
    ) -> RestrictionRules:
        """Which user agents may play it: ``default_policy`` for all but the listed ones."""
        return await self._update_restrictions(
            path(_PLAYBACK_ID + "/user-agents", stream_id=stream_id, playback_id=playback_id),
            default_policy,
            allow,
            deny,
        )

    async def delete(self, stream_id: str, playback_id: str) -> None:
        """Remove a playback ID: players using it can no longer watch the stream."""
        await self._requester.request(
            "DELETE",
            path(_STREAM + "/playback-ids", stream_id=stream_id),
            None,
            params=[("playbackId", check_text("playback_id", playback_id))],
        )


class AsyncSimulcastsResource(AsyncResource):
    """``fp.live_streams.simulcasts``: re-broadcast a live stream to other RTMP(S) services."""

    __slots__ = ()

    async def create(
        self,
        stream_id: str,
        *,
        url: str,
        stream_key: str,
        metadata: Mapping[str, str] | None = None,
    ) -> Simulcast:
        """Send the stream on to ``url`` (e.g. ``"rtmps://live.example.com/app"``) with the
        target service's ``stream_key``. The stream must be idle."""
        payload = body(
            url=check_text("url", url),
            stream_key=check_text("stream_key", stream_key),
            metadata=check_metadata(metadata),
        )
        return await self._requester.request(
            "POST",
            path(_STREAM + "/simulcast", stream_id=stream_id),
            Simulcast,
            json_body=payload,
        )

    async def get(self, stream_id: str, simulcast_id: str) -> Simulcast:
        """One simulcast of a live stream."""
        return await self._requester.request(
            "GET", path(_SIMULCAST, stream_id=stream_id, simulcast_id=simulcast_id), Simulcast
        )

    async def update(
        self,
        stream_id: str,
        simulcast_id: str,
        *,
        is_enabled: bool | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Simulcast:
        """Switch a simulcast on or off, or change its metadata (only what is given is sent)."""
        payload = body(
            is_enabled=None if is_enabled is None else check_bool("is_enabled", is_enabled),
            metadata=check_metadata(metadata),
        )
        check_at_least_one("live_streams.simulcasts.update", payload, "is_enabled", "metadata")
        return await self._requester.request(
            "PUT",
            path(_SIMULCAST, stream_id=stream_id, simulcast_id=simulcast_id),
            Simulcast,
            json_body=payload,
        )

    async def delete(self, stream_id: str, simulcast_id: str) -> None:
        """Remove a simulcast: the stream is no longer sent to its URL."""
        await self._requester.request(
            "DELETE", path(_SIMULCAST, stream_id=stream_id, simulcast_id=simulcast_id), None
        )
