"""Signing keys are real RSA 2048 key pairs."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

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
    workspace = [
        {"id": api.emulator.workspace_id, "name": "FastPix emulator", "workspaceType": "pro"}
    ]
    assert listed.data == [
        {"id": second["id"], "createdAt": second["createdAt"], "workspace": workspace},
        {"id": first["id"], "createdAt": first["createdAt"], "workspace": workspace},
    ]
    assert listed.json["pagination"]["totalRecords"] == 2
    deleted = await api.delete(f"iam/signing-keys/{first['id']}")
    assert deleted.data == {"message": f"Signing key '{first['id']}' was deleted"}
    assert (await api.get(f"iam/signing-keys/{first['id']}")).status == 404
    assert [k["id"] for k in (await api.get("iam/signing-keys")).data] == [second["id"]]


# A plain install has no cryptography: the emulator makes its keys in pure Python then.
_WITHOUT_CRYPTOGRAPHY = """
import base64, json, sys, urllib.request
sys.modules["cryptography"] = None  # as if not installed
from fastpix_async.testing import run_emulator_in_thread
with run_emulator_in_thread() as emu:
    pair = base64.b64encode(f"{emu.access_token_id}:{emu.secret_key}".encode()).decode()
    request = urllib.request.Request(
        emu.base_url + "iam/signing-keys", method="POST", headers={"Authorization": "Basic " + pair}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        created = json.load(response)["data"]
    with urllib.request.urlopen(
        urllib.request.Request(
            emu.base_url + "iam/signing-keys/" + created["id"],
            headers={"Authorization": "Basic " + pair},
        ),
        timeout=30,
    ) as response:
        created["publicKey"] = json.load(response)["data"]["publicKey"]
print(json.dumps(created))
loaded = [n for n, m in sys.modules.items() if n.startswith("cryptography") and m is not None]
print(loaded, file=sys.stderr)
"""


def test_without_cryptography_the_keys_are_made_in_pure_python() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_CRYPTOGRAPHY], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "[]"  # cryptography was never used
    created = json.loads(result.stdout)
    private_key = serialization.load_pem_private_key(
        base64.b64decode(created["privateKey"]), password=None
    )
    assert isinstance(private_key, rsa.RSAPrivateKey) and private_key.key_size == 2048
    public_key = serialization.load_pem_public_key(base64.b64decode(created["publicKey"]))
    message = b"header.claims"
    signature = private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    public_key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
