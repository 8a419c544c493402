"""Signing key operations match the contract; the private key stays out of reprs."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncPage
from fastpix_async.models import SigningKey
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

KEY_ID = "fc9d9368-6ee5-4b16-ae50-880a2374bdc4"

SIGNING_KEY_CALLS: Calls = {
    "create_signing_key": (lambda fp: fp.signing_keys.create(), SigningKey),
    "list_signing_keys": (
        lambda fp: fp.signing_keys.list(limit=10, offset=1),
        (AsyncPage, SigningKey),
    ),
    "get-signing_key_by_id": (lambda fp: fp.signing_keys.get(KEY_ID), SigningKey),
    "delete_signing_key": (lambda fp: fp.signing_keys.delete(KEY_ID), type(None)),
}


def test_every_signing_key_operation_is_covered() -> None:
    assert set(SIGNING_KEY_CALLS) == operations_under("/iam/")
    assert len(SIGNING_KEY_CALLS) == 4


@pytest.mark.parametrize("operation_id", sorted(SIGNING_KEY_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *SIGNING_KEY_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(SIGNING_KEY_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *SIGNING_KEY_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(SIGNING_KEY_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, SIGNING_KEY_CALLS[operation_id][0])


async def test_private_key_is_returned_but_never_in_repr(server: ScriptedServer) -> None:
    server.respond_data(
        {
            "id": KEY_ID,
            "createdAt": "2024-01-11T10:00:06.618993Z",
            "privateKey": "UFJJVkFURS1LRVk=",
        },
        status=201,
    )
    async with make_client(server) as fp:
        key = await fp.signing_keys.create()
    assert key.private_key == "UFJJVkFURS1LRVk="
    assert "UFJJVkFURS1LRVk=" not in repr(key) + str(key)
    assert KEY_ID in repr(key)
    assert server.last.method == "POST" and server.last.body == b""


async def test_get_names_the_id_signing_key_id_and_id_holds_it(server: ScriptedServer) -> None:
    server.respond_data(
        {"signingKeyId": KEY_ID, "workspaceId": "ws-1", "publicKey": "-----BEGIN PUBLIC KEY-----"}
    )
    async with make_client(server) as fp:
        key = await fp.signing_keys.get(KEY_ID)
    assert key.id == key.signing_key_id == KEY_ID
    assert key.public_key is not None and key.public_key.startswith("-----BEGIN")


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda fp: fp.signing_keys.get(""), ValueError, "signing_key_id"),
        (lambda fp: fp.signing_keys.delete(None), TypeError, "signing_key_id"),
        (lambda fp: fp.signing_keys.list(limit=0), ValueError, "limit"),
        (lambda fp: fp.signing_keys.list(offset=-1), ValueError, "offset"),
    ],
)
async def test_bad_arguments_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None
) -> None:
    await rejected_before_sending(server, call, error, match)
