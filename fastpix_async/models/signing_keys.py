"""Signing keys: the RSA keys that sign playback tokens for private media."""

from __future__ import annotations

from datetime import datetime

import attrs

__all__ = ["SigningKey"]


@attrs.frozen(kw_only=True)
class SigningKey:
    """A signing key.

    ``private_key`` (base64 of a PEM) is returned once, by ``fp.signing_keys.create``: store it
    then, it can't be fetched again. It never appears in a repr. ``fp.signing_keys.get`` returns
    the ``public_key`` and names the id ``signingKeyId``; ``id`` holds it either way.
    """

    id: str | None = None
    signing_key_id: str | None = None
    created_at: datetime | None = None
    workspace_id: str | None = None
    public_key: str | None = None
    private_key: str | None = attrs.field(default=None, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.id is None and self.signing_key_id is not None:
            object.__setattr__(self, "id", self.signing_key_id)
