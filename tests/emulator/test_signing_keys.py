"""Signing keys are real RSA 2048 key pairs."""

from __future__ import annotations

import base64

import pytest

from tests.emulator._client import Api

serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
hashes = pytest.importorskip("cryptography.hazmat.primitives.hashes")
padding = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.padding")
rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa")


async def test_the_private_half_signs_what_the_public_half_verifies(api: Api) -> None:
    created = await api.post("iam/signing-keys")
    assert created.status == 201
    private_pem = base64.b64decode(created.data["privateKey"])
    assert private_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    private_key = serialization.load_pem_private_key(private_pem, password=None)
    assert isinstance(private_key, rsa.RSAPrivateKey) and private_key.key_size == 2048

    got = await api.get(f"iam/signing-keys/{created.data['id']}")
    assert got.data["signingKeyId"] == created.data["id"]
    assert got.data["workspaceId"] == api.emulator.workspace_id
    assert "privateKey" not in got.data
    public_key = serialization.load_pem_public_key(base64.b64decode(got.data["publicKey"]))
    assert isinstance(public_key, rsa.RSAPublicKey)

    message = b"header.claims"
    signature = private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    public_key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())


async def test_keys_are_listed_newest_first_and_deleted(api: Api) -> None:
    first = (await api.post("iam/signing-keys")).data
    second = (await api.post("iam/signing-keys")).data
    assert first["privateKey"] != second["privateKey"]
    listed = await api.get("iam/signing-keys")
    assert listed.data == [
        {"id": second["id"], "createdAt": second["createdAt"]},
        {"id": first["id"], "createdAt": first["createdAt"]},
    ]
    assert listed.json["pagination"]["totalRecords"] == 2
    assert (await api.delete(f"iam/signing-keys/{first['id']}")).json == {"success": True}
    assert (await api.get(f"iam/signing-keys/{first['id']}")).status == 404
    assert [k["id"] for k in (await api.get("iam/signing-keys")).data] == [second["id"]]
