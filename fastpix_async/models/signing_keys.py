"""Signing keys: the RSA keys that sign playback tokens for private media."""

from __future__ import annotations

from datetime import datetime

import attrs

from .base import Model
from .common import Pagination

__all__ = ["SigningKey", "SigningKeyWorkspace"]


@attrs.frozen(kw_only=True)
class SigningKeyWorkspace(Model):
    """The workspace a signing key belongs to, as the live API's key list names it."""

    id: str | None = None
    name: str | None = None
    workspace_type: str | None = None


@attrs.frozen(kw_only=True)
class SigningKey(Model):
    """A signing key.

    ``private_key`` (base64 of a PEM) is returned once, by ``fp.signing_keys.create``: store it
    then, it can't be fetched again. It never appears in a repr. ``fp.signing_keys.get`` returns
    the ``public_key`` and names the id ``signingKeyId``; ``id`` holds it either way.

    In ``fp.signing_keys.list`` the live API adds each key's ``workspace`` (a list of
    :class:`SigningKeyWorkspace`) and a copy of the list's ``pagination``; both are
    ``None`` elsewhere (the page's own pagination is the one to use).
    """

    id: str | None = None
    signing_key_id: str | None = None
    created_at: datetime | None = None
    workspace_id: str | None = None
    public_key: str | None = None
    private_key: str | None = attrs.field(default=None, repr=False)
    workspace: list[SigningKeyWorkspace] | None = None
    pagination: Pagination | None = None

    def __attrs_post_init__(self) -> None:
        if self.id is None and self.signing_key_id is not None:
            object.__setattr__(self, "id", self.signing_key_id)
