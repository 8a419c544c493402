"""DRM configurations: what a ``drm`` playback ID of a media refers to."""

from __future__ import annotations

import attrs

from .base import Model

__all__ = ["DrmConfiguration"]


@attrs.frozen(kw_only=True)
class DrmConfiguration(Model):
    """A workspace's DRM configuration; pass its ``id`` as ``drm_configuration_id``."""

    id: str
