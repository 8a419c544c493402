"""DRM configuration operations match the contract."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncPage
from fastpix_async.models import DrmConfiguration
from tests._server import ScriptedServer

from ._contract_checks import (
    Call,
    Calls,
    generated_response_parses,
    make_client,
    not_found_raises,
    operations_under,
    rejected_before_sending,
    request_matches_and_example_parses,
)

DRM_ID = "e3dfdf15-16bb-4835-98b9-484c1e4320cc"

DRM_CALLS: Calls = {
    "getDrmConfiguration": (
        lambda fp: fp.drm_configurations.list(limit=10, offset=1),
        (AsyncPage, DrmConfiguration),
    ),
    "getDrmConfigurationById": (lambda fp: fp.drm_configurations.get(DRM_ID), DrmConfiguration),
}


def test_every_drm_operation_is_covered() -> None:
    assert set(DRM_CALLS) == operations_under("/on-demand/drm-configurations")


@pytest.mark.parametrize("operation_id", sorted(DRM_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *DRM_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(DRM_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *DRM_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(DRM_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, DRM_CALLS[operation_id][0])


async def test_list_all_follows_the_pages(server: ScriptedServer) -> None:
    server.respond_data(
        [{"id": "d1"}], pagination={"totalRecords": 2, "currentOffset": 1, "offsetCount": 2}
    )
    server.respond_data(
        [{"id": "d2"}], pagination={"totalRecords": 2, "currentOffset": 2, "offsetCount": 2}
    )
    async with make_client(server) as fp:
        ids = [config.id async for config in fp.drm_configurations.list_all(limit=1)]
    assert ids == ["d1", "d2"] and len(server.requests) == 2


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda fp: fp.drm_configurations.get(""), ValueError, "drm_configuration_id"),
        (lambda fp: fp.drm_configurations.get(7), TypeError, "drm_configuration_id"),
        (lambda fp: fp.drm_configurations.list(limit=100), ValueError, "limit"),
    ],
)
async def test_bad_arguments_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None
) -> None:
    await rejected_before_sending(server, call, error, match)
