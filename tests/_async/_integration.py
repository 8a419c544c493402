"""Shared pieces of the SDK-over-real-sockets integration tests (``test_integration_*.py``).

Every integration module declares a :class:`Coverage`: the contract operations its flow
test must make the emulator receive. The flow test ends with ``COVERAGE.assert_received``,
which compares what the emulator actually recorded with the declaration, exactly; and
``tests/test_integration_coverage.py`` checks that the declarations together name every
operation of the contract. A call dropped from a flow, an operation added to the
contract, or a declaration that claims more than was sent all fail a test.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fastpix_async import AsyncFastPix, RetryPolicy
from fastpix_async.testing import FastPixEmulator
from tests.contract._contract import OPERATIONS, Operation, match_operation

API_PREFIX = "/v1"
VIDEO = "https://example.com/video.mp4"

# The contract's resource groups, by path prefix (the longest prefix wins); what is left
# of ``/on-demand`` is media, its tracks and its playback IDs.
GROUP_PREFIXES: dict[str, str] = {
    "media": "/on-demand",
    "playlists": "/on-demand/playlists",
    "drm_configurations": "/on-demand/drm-configurations",
    "live_streams": "/live/streams",
    "signing_keys": "/iam/signing-keys",
    "views": "/data/viewlist",
    "dimensions": "/data/dimensions",
    "metrics": "/data/metrics",
    "playback_errors": "/data/errors",
}


def group_of(op: Operation) -> str:
    """The resource group an operation belongs to, from its path template."""
    matches = [
        (len(prefix), name)
        for name, prefix in GROUP_PREFIXES.items()
        if op.path == prefix or op.path.startswith(prefix + "/")
    ]
    if not matches:
        raise AssertionError(f"{op} belongs to no resource group; add its prefix")
    return max(matches)[1]


def contract_group(name: str) -> frozenset[str]:
    """The operation ids of one resource group, as the contract has them."""
    if name not in GROUP_PREFIXES:
        raise ValueError(f"unknown resource group {name!r}")
    return frozenset(op_id for op_id, op in OPERATIONS.items() if group_of(op) == name)


def operations_received(emulator: FastPixEmulator) -> set[str]:
    """The contract operations of every request the emulator recorded."""
    received = set()
    for request in emulator.requests:
        if not request.path.startswith(API_PREFIX + "/"):
            raise AssertionError(f"{request.method} {request.path} is not an API request")
        path = request.path.removeprefix(API_PREFIX)
        received.add(match_operation(request.method, path).operation_id)
    return received


@dataclass(frozen=True)
class Coverage:
    """What one flow test covers (``covers``) and calls only to set the scene (``setup``)."""

    covers: frozenset[str]
    setup: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = sorted((self.covers | self.setup) - set(OPERATIONS))
        if unknown:
            raise ValueError(f"not contract operations: {', '.join(unknown)}")

    @classmethod
    def of_group(cls, name: str, *, setup: Iterable[str] = ()) -> Coverage:
        return cls(contract_group(name), frozenset(setup))

    @property
    def expected(self) -> frozenset[str]:
        return self.covers | self.setup

    def assert_received(self, emulator: FastPixEmulator) -> None:
        received = operations_received(emulator)
        missing, extra = sorted(self.expected - received), sorted(received - self.expected)
        assert not missing and not extra, f"never received: {missing}; not declared: {extra}"


def make_client(emulator: FastPixEmulator, **options: object) -> AsyncFastPix:
    """A client of the emulator; retries wait milliseconds, not seconds."""
    options.setdefault("retry", RetryPolicy(initial_interval=0.01, max_interval=0.05))
    return AsyncFastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        **options,  # type: ignore[arg-type]
    )
