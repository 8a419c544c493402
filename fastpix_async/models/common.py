"""Models and enums shared across resources."""

from __future__ import annotations

import enum

import attrs

from .base import Model

__all__ = [
    "AccessPolicy",
    "AccessRestrictions",
    "Pagination",
    "PolicyAction",
    "RestrictionRules",
    "SortOrder",
    "StrEnum",
]


class StrEnum(str, enum.Enum):
    """An enum whose members are also their string values (``AccessPolicy.PUBLIC == "public"``)."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> StrEnum:
        # Strict on the way out: name the accepted values in the error.
        accepted = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"{value!r} is not a valid {cls.__name__}; expected one of {accepted}")


class Timespan(StrEnum):
    """The durations analytics calls accept as ``timespan`` (or pass a (start, end) pair)."""

    LAST_60_MINUTES = "60:minutes"
    LAST_6_HOURS = "6:hours"
    LAST_24_HOURS = "24:hours"
    LAST_3_DAYS = "3:days"
    LAST_7_DAYS = "7:days"
    LAST_30_DAYS = "30:days"


class SortOrder(StrEnum):
    """Ascending or descending order of a list."""

    ASC = "asc"
    DESC = "desc"


class AccessPolicy(StrEnum):
    """Who may play a playback ID: anyone (``public``), holders of a signed token (``private``), or
    DRM clients (``drm``).
    """

    PUBLIC = "public"
    PRIVATE = "private"
    DRM = "drm"


class PolicyAction(StrEnum):
    """Whether a restriction rule allows or denies what it matches."""

    ALLOW = "allow"
    DENY = "deny"


@attrs.frozen(kw_only=True)
class Pagination(Model):
    """Page-number pagination.

    ``current_offset`` is the page (from 1) and ``offset_count`` the number of pages.
    """

    total_records: int | None = None
    current_offset: int | None = None
    offset_count: int | None = None


@attrs.frozen(kw_only=True)
class RestrictionRules(Model):
    """Allow/deny lists for domains or user agents, with the policy for everything else."""

    default_policy: PolicyAction | str | None = None
    allow: list[str] | None = None
    deny: list[str] | None = None


@attrs.frozen(kw_only=True)
class AccessRestrictions(Model):
    """The domains and user agents allowed to play a playback ID (``None``: no rule)."""

    domains: RestrictionRules | None = None
    user_agents: RestrictionRules | None = None
