"""``fp.media.playback_ids``: the IDs players use to stream a media, and who may use them."""

from __future__ import annotations

from collections.abc import Sequence

from .._checks import body, check_strings, check_text
from .._http import path
from ..models.common import AccessPolicy, AccessRestrictions, PolicyAction, RestrictionRules
from ..models.media import MaxResolution, PlaybackId
from ._base import AsyncResource

_PLAYBACK_IDS = "/on-demand/{media_id}/playback-ids"
_PLAYBACK_ID = "/on-demand/{media_id}/playback-ids/{playback_id}"


class AsyncRestrictionsResource(AsyncResource):
    """What the playback IDs of media and of live streams share: their domain and
    user-agent rules, PATCHed at ``…/playback-ids/{playback_id}/domains`` or ``…/user-agents``."""

    __slots__ = ()

    async def _update_restrictions(
        self,
        rules_path: str,
        default_policy: PolicyAction | str,
        allow: Sequence[str],
        deny: Sequence[str],
    ) -> RestrictionRules:
        payload = body(
            default_policy=PolicyAction(default_policy),
            allow=check_strings("allow", allow),
            deny=check_strings("deny", deny),
        )
        return await self._requester.request(
            "PATCH", rules_path, RestrictionRules, json_body=payload
        )


class AsyncMediaPlaybackIdsResource(AsyncRestrictionsResource):
    """``fp.media.playback_ids``: the IDs players use to stream a media."""

    __slots__ = ()

    async def create(
        self,
        media_id: str,
        *,
        access_policy: AccessPolicy | str = AccessPolicy.PUBLIC,
        access_restrictions: AccessRestrictions | None = None,
        drm_configuration_id: str | None = None,
        resolution: MaxResolution | str | None = None,
    ) -> PlaybackId:
        """Add a playback ID to a media: what a player streams it by.

        Args:
            media_id: The media's ID.
            access_policy: ``"public"`` (anyone with the ID), ``"private"`` (a player
                needs a token signed with a signing key: see ``fastpix_async.tokens``)
                or ``"drm"`` (with ``drm_configuration_id``).
            access_restrictions: Which referring domains and user agents may play it.
            drm_configuration_id: The DRM configuration of a ``"drm"`` playback ID.
            resolution: The highest resolution it streams at.

        Returns:
            The new playback ID; ``playback_urls.stream_url(playback_id.id)`` is
            where it plays.

        Raises:
            ValueError: ``access_policy`` or ``resolution`` is not a known value
                (checked before sending).
            NotFoundError: No media has this ID.

        Example:
            ```python
            from fastpix_async.models import VideoInput

            media = await fp.media.create(inputs=[VideoInput(url="https://example.com/a.mp4")])
            playback_id = await fp.media.playback_ids.create(media.id, access_policy="private")
            print(playback_id.id, playback_id.access_policy)  # … private
            ```
        """
        payload = body(
            access_policy=AccessPolicy(access_policy),
            access_restrictions=access_restrictions,
            drm_configuration_id=drm_configuration_id,
            resolution=None if resolution is None else MaxResolution(resolution),
        )
        return await self._requester.request(
            "POST", path(_PLAYBACK_IDS, media_id=media_id), PlaybackId, json_body=payload
        )

    async def list(self, media_id: str) -> list[PlaybackId]:
        """Every playback ID of a media."""
        return await self._requester.request(
            "GET", path(_PLAYBACK_IDS, media_id=media_id), list[PlaybackId]
        )

    async def get(self, media_id: str, playback_id: str) -> PlaybackId:
        """One playback ID of a media, with its access policy and restrictions."""
        return await self._requester.request(
            "GET", path(_PLAYBACK_ID, media_id=media_id, playback_id=playback_id), PlaybackId
        )

    async def delete(self, media_id: str, playback_id: str) -> None:
        """Remove a playback ID: players using it can no longer stream the media."""
        await self._requester.request(
            "DELETE",
            path(_PLAYBACK_IDS, media_id=media_id),
            None,
            params=[("playbackId", check_text("playback_id", playback_id))],
        )

    async def update_domain_restrictions(
        self,
        media_id: str,
        playback_id: str,
        *,
        default_policy: PolicyAction | str,
        allow: Sequence[str] = (),
        deny: Sequence[str] = (),
    ) -> RestrictionRules:
        """Which referring domains may play it: ``default_policy`` for all but the listed ones."""
        return await self._update_restrictions(
            path(_PLAYBACK_ID + "/domains", media_id=media_id, playback_id=playback_id),
            default_policy,
            allow,
            deny,
        )

    async def update_user_agent_restrictions(
        self,
        media_id: str,
        playback_id: str,
        *,
        default_policy: PolicyAction | str,
        allow: Sequence[str] = (),
        deny: Sequence[str] = (),
    ) -> RestrictionRules:
        """Which user agents may play it: ``default_policy`` for all but the listed ones."""
        return await self._update_restrictions(
            path(_PLAYBACK_ID + "/user-agents", media_id=media_id, playback_id=playback_id),
            default_policy,
            allow,
            deny,
        )
