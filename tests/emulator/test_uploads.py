"""Direct uploads: the resumable protocol at the signed URL, and its programmable mishaps."""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pytest

from fastpix_async.testing import FastPixEmulator
from tests.emulator._client import Api, Reply

KIB = 1024
CHUNK = 256 * KIB


async def new_upload(api: Api, **settings: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"corsOrigin": "*"}
    if settings:
        body["pushMediaSettings"] = {"accessPolicy": "public", **settings}
    reply = await api.post("on-demand/upload", json=body)
    assert reply.status == 201, reply.raw
    return dict(reply.data)


async def put(api: Api, url: str, data: bytes = b"", content_range: str | None = None) -> Reply:
    headers = {"Content-Range": content_range} if content_range else {}
    return await api.put(url, data=data, headers=headers, auth=False)


def held(reply: Reply) -> int:
    """Bytes the server says it holds, from a 308's Range header."""
    assert reply.status == 308, (reply.status, reply.raw)
    if "Range" not in reply.headers:
        return 0
    first, last = reply.headers["Range"].removeprefix("bytes=").split("-")
    assert first == "0"
    return int(last) + 1


async def send_all(api: Api, url: str, source: bytes, chunk: int = CHUNK) -> Reply:
    """Upload like FastPix's uploaders do: resume from whatever the server says it holds."""
    offset, total = 0, len(source)
    for _ in range(100):
        piece = source[offset : offset + chunk]
        end = offset + len(piece) - 1
        reply = await put(api, url, piece, f"bytes {offset}-{end}/{total}")
        if reply.status in (200, 201):
            return reply
        if reply.status == 308:
            offset = held(reply)
        else:
            status = await put(api, url, content_range=f"bytes */{total}")
            if status.status in (200, 201):
                return status
            offset = held(status)
    raise AssertionError("the upload never finished")


async def test_create_upload_answers_a_session_url_on_the_emulator(
    api: Api, emu: FastPixEmulator
) -> None:
    upload = await new_upload(api, metadata={"k": "v"})
    assert upload["status"] == "waiting" and upload["trial"] is False
    assert upload["timeout"] == 14400 and upload["corsOrigin"] == "*"
    assert upload["url"] == (
        f"{emu.origin}/upload/{upload['uploadId']}?upload_id={upload['uploadId']}"
    )
    assert upload["pushMediaSettings"]["metadata"] == {"k": "v"}
    listed = await api.get("on-demand/uploads")
    assert [u["uploadId"] for u in listed.data] == [upload["uploadId"]]
    assert (await api.post("on-demand/upload", json={})).status == 422
    bad = await api.post(
        "on-demand/upload", json={"corsOrigin": "*", "pushMediaSettings": {"metadata": {}}}
    )
    assert [f["field"] for f in bad.error["fields"]] == ["pushMediaSettings.accessPolicy"]


async def test_a_chunked_upload_stores_every_byte_and_becomes_a_media(
    api: Api, emu: FastPixEmulator
) -> None:
    upload = await new_upload(
        api, metadata={"origin": "test"}, title="Uploaded", accessPolicy="private"
    )
    url, upload_id = upload["url"], upload["uploadId"]
    source = os.urandom(3 * CHUNK + 1234)
    total = len(source)
    assert held(await put(api, url, content_range=f"bytes */{total}")) == 0
    first = await put(api, url, source[:CHUNK], f"bytes 0-{CHUNK - 1}/{total}")
    assert held(first) == CHUNK
    assert held(await put(api, url, content_range=f"bytes */{total}")) == CHUNK
    second = await put(api, url, source[CHUNK : 3 * CHUNK], f"bytes {CHUNK}-{3 * CHUNK - 1}/*")
    assert held(second) == 3 * CHUNK
    last = await put(api, url, source[3 * CHUNK :], f"bytes {3 * CHUNK}-{total - 1}/{total}")
    assert last.status == 200
    assert last.json == {"uploadId": upload_id, "mediaId": upload_id, "size": total}
    assert emu.upload_size(upload_id) == total
    assert emu.upload_sha256(upload_id) == hashlib.sha256(source).hexdigest()
    # done: a status query says so, and the upload is no longer waiting
    assert (await put(api, url, content_range=f"bytes */{total}")).status == 200
    assert (await api.get("on-demand/uploads")).data == []
    media = (await api.get(f"on-demand/{upload_id}")).data
    assert media["status"] == "Ready"
    assert (media["metadata"], media["title"]) == ({"origin": "test"}, "Uploaded")
    assert media["playbackIds"][0]["accessPolicy"] == "private"
    assert (await api.put(f"on-demand/upload/{upload_id}/cancel")).status == 400


async def test_a_whole_file_put_without_content_range_completes(
    api: Api, emu: FastPixEmulator
) -> None:
    upload = await new_upload(api)
    source = os.urandom(5 * CHUNK)
    reply = await put(api, upload["url"], source)
    assert reply.status == 200
    assert emu.upload_sha256(upload["uploadId"]) == hashlib.sha256(source).hexdigest()


async def test_a_large_upload_in_big_chunks(api: Api, emu: FastPixEmulator) -> None:
    upload = await new_upload(api)
    source = os.urandom(24 * 1024 * KIB + 77)
    reply = await send_all(api, upload["url"], source, chunk=8 * 1024 * KIB)
    assert reply.status == 200
    assert emu.upload_size(upload["uploadId"]) == len(source)
    assert emu.upload_sha256(upload["uploadId"]) == hashlib.sha256(source).hexdigest()


async def test_held_back_bytes_are_resent_from_the_announced_range(
    api: Api, emu: FastPixEmulator
) -> None:
    upload = await new_upload(api)
    source = os.urandom(4 * CHUNK)
    emu.add_upload_fault("hold_back", times=2)
    reply = await put(api, upload["url"], source[:CHUNK], f"bytes 0-{CHUNK - 1}/{len(source)}")
    assert held(reply) == CHUNK // 2  # half of the chunk was kept, the rest dropped
    assert emu.upload_size(upload["uploadId"]) == CHUNK // 2
    done = await send_all(api, upload["url"], source)
    assert done.status == 200
    assert emu.upload_sha256(upload["uploadId"]) == hashlib.sha256(source).hexdigest()


async def test_hold_back_can_keep_an_exact_count_even_of_the_last_chunk(
    api: Api, emu: FastPixEmulator
) -> None:
    upload = await new_upload(api)
    source = os.urandom(1000)
    emu.add_upload_fault("hold_back", keep_bytes=10)
    reply = await put(api, upload["url"], source, f"bytes 0-999/{len(source)}")
    assert held(reply) == 10  # not complete though the chunk reached the total
    rest = await put(api, upload["url"], source[10:], f"bytes 10-999/{len(source)}")
    assert rest.status == 200
    assert emu.upload_sha256(upload["uploadId"]) == hashlib.sha256(source).hexdigest()


async def test_a_dropped_chunk_answers_503_and_keeps_nothing(
    api: Api, emu: FastPixEmulator
) -> None:
    upload = await new_upload(api)
    source = os.urandom(2 * CHUNK)
    fault = emu.add_upload_fault("drop_chunk", upload_id=upload["uploadId"])
    reply = await put(api, upload["url"], source[:CHUNK], f"bytes 0-{CHUNK - 1}/{len(source)}")
    assert reply.status == 503 and reply.error["code"] == 503
    assert emu.upload_size(upload["uploadId"]) == 0
    assert fault.hits == 1
    done = await send_all(api, upload["url"], source)
    assert done.status == 200
    assert emu.upload_sha256(upload["uploadId"]) == hashlib.sha256(source).hexdigest()


async def test_upload_faults_can_target_one_upload(api: Api, emu: FastPixEmulator) -> None:
    one, other = await new_upload(api), await new_upload(api)
    emu.add_upload_fault("drop_chunk", upload_id=one["uploadId"])
    assert (await put(api, other["url"], b"x" * 10, "bytes 0-9/10")).status == 200
    assert (await put(api, one["url"], b"x" * 10, "bytes 0-9/10")).status == 503
    assert (await put(api, one["url"], b"x" * 10, "bytes 0-9/10")).status == 200


async def test_an_expired_session_answers_410_for_good(api: Api, emu: FastPixEmulator) -> None:
    upload = await new_upload(api)
    emu.add_upload_fault("expire")
    reply = await put(api, upload["url"], b"a" * 100, "bytes 0-99/200")
    assert reply.status == 410 and reply.error["code"] == 410
    assert (await put(api, upload["url"], content_range="bytes */200")).status == 410
    assert (await put(api, upload["url"], b"a" * 100, "bytes 0-99/200")).status == 410
    assert (await api.get("on-demand/uploads")).data == []


async def test_a_cancelled_upload_refuses_bytes(api: Api) -> None:
    upload = await new_upload(api, metadata={"k": "v"})
    cancelled = await api.put(f"on-demand/upload/{upload['uploadId']}/cancel")
    assert cancelled.status == 200
    assert cancelled.data["status"] == "cancelled" and cancelled.data["metadata"] == {"k": "v"}
    assert (await put(api, upload["url"], b"abc", "bytes 0-2/3")).status == 404
    assert (await api.get("on-demand/uploads")).data == []
    assert (await api.get(f"on-demand/{upload['uploadId']}")).status == 404
    assert (await api.put("on-demand/upload/nope/cancel")).status == 404


@pytest.mark.parametrize(
    ("data", "content_range"),
    [
        (b"abc", "bytes 5-7/10"),  # a gap after the 0 bytes held
        (b"abc", "bytes 0-2/2"),  # past the total
        (b"abc", "bytes 2-0/3"),  # backwards
        (b"abc", "bytes 0-9/10"),  # fewer bytes than announced
        (b"abc", "chunks 0-2/3"),  # not a byte range
    ],
)
async def test_inconsistent_chunks_get_400_and_leave_nothing(
    api: Api, emu: FastPixEmulator, data: bytes, content_range: str
) -> None:
    upload = await new_upload(api)
    reply = await put(api, upload["url"], data, content_range)
    assert reply.status == 400
    assert emu.upload_size(upload["uploadId"]) == 0
    assert emu.upload_sha256(upload["uploadId"]) == hashlib.sha256(b"").hexdigest()


async def test_a_resent_overlapping_chunk_adds_only_new_bytes(
    api: Api, emu: FastPixEmulator
) -> None:
    upload = await new_upload(api)
    source = bytes(range(256)) * 4
    assert held(await put(api, upload["url"], source[:600], "bytes 0-599/1024")) == 600
    assert (await put(api, upload["url"], source[500:], "bytes 500-1023/1024")).status == 200
    assert emu.upload_sha256(upload["uploadId"]) == hashlib.sha256(source).hexdigest()
    changed_total = await new_upload(api)
    await put(api, changed_total["url"], b"ab", "bytes 0-1/4")
    assert (await put(api, changed_total["url"], b"cd", "bytes 2-3/5")).status == 400


async def test_the_session_uri_is_checked_and_can_be_opened_by_post(api: Api) -> None:
    upload = await new_upload(api)
    bare = upload["url"].split("?")[0]
    assert (await put(api, bare, b"abc", "bytes 0-2/3")).status == 403
    opened = await api.post(bare, auth=False, headers={"x-goog-resumable": "start"})
    assert opened.status == 201
    assert opened.headers["Location"] == upload["url"]
    assert (await api.post(bare, auth=False)).status == 400
