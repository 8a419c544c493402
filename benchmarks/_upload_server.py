"""A minimal resumable-upload server for the upload benchmark, run in its own process.

It speaks just enough of the API (``POST /v1/on-demand/upload``) and of the signed
URL's protocol (chunk PUTs with ``Content-Range``, 308 with ``Range``, 200 at the end)
for ``upload_file`` and a raw PUT loop to be measured against the same server. Bytes
are counted and dropped, so the disk is never the bottleneck.

``python -m benchmarks._upload_server`` prints its port on the first line.
"""

from __future__ import annotations

import re
import socket
import sys
import uuid

from aiohttp import web

_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
_PIECE = 1 << 20


async def create_upload(request: web.Request) -> web.Response:
    upload_id = uuid.uuid4().hex
    request.app["held"][upload_id] = 0
    url = f"http://{request.host}/upload/{upload_id}?upload_id={upload_id}"
    data = {"uploadId": upload_id, "status": "waiting", "url": url, "timeout": 14400}
    return web.json_response({"success": True, "data": data}, status=201)


async def put_chunk(request: web.Request) -> web.Response:
    upload_id = request.match_info["upload_id"]
    held: dict[str, int] = request.app["held"]
    match = _RANGE.match(request.headers.get("Content-Range", ""))
    received = 0
    async for piece in request.content.iter_chunked(_PIECE):
        received += len(piece)
    if match is None:  # a status query (bytes */TOTAL)
        return _answer(held[upload_id], None)
    start, end, total = (int(g) for g in match.groups())
    if start != held[upload_id] or received != end - start + 1:
        return web.Response(status=400, text="unexpected chunk")
    held[upload_id] = end + 1
    return _answer(held[upload_id], total)


def _answer(size: int, total: int | None) -> web.Response:
    if total is not None and size == total:
        return web.json_response({"uploadId": "done", "size": size})
    headers = {"Range": f"bytes=0-{size - 1}"} if size else {}
    return web.Response(status=308, headers=headers)


def main() -> None:
    app = web.Application(client_max_size=1 << 31)
    app["held"] = {}
    app.router.add_post("/v1/on-demand/upload", create_upload)
    app.router.add_put("/upload/{upload_id}", put_chunk)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    print(sock.getsockname()[1], flush=True)
    web.run_app(app, sock=sock, print=None, access_log=None)


if __name__ == "__main__":
    sys.exit(main())
