"""Direct uploads: the three API operations and the signed URL that takes the bytes.

The URL speaks the Google Cloud Storage resumable protocol, as FastPix's uploaders
expect: chunk PUTs with ``Content-Range: bytes START-END/TOTAL`` answered 308 with the
``Range`` held so far, a status query ``bytes */TOTAL``, and 200 once the file is whole.
Bytes go to a file on disk (uploads may be large) and are hashed as they arrive.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import IO

from aiohttp import web

from ._events import Events, events_of
from ._faults import UploadFault, faults_of
from ._http import JSON, ApiError, error_response, lookup, ok, page_response, read_json
from ._media import MEDIA_SETTINGS, check_drm, new_media
from ._shape import ResponseShape
from ._state import UPLOAD_SESSION_TIMEOUT, PlaybackId, State, Upload, new_id, state_of
from ._validate import ACCESS_POLICY, Arr, Num, Obj, Str

UPLOAD_ROUTE = "/upload/{uploadId}"
PIECE = 1 << 20

routes = web.RouteTableDef()
upload_routes = web.RouteTableDef()  # served outside /v1 and without Basic auth

_CREATE_UPLOAD = Obj(
    required={"corsOrigin": Str()},
    optional={
        "pushMediaSettings": Obj(
            required={"accessPolicy": ACCESS_POLICY},
            optional={
                **MEDIA_SETTINGS,
                "startTime": Num(0),
                "endTime": Num(0),
                "inputs": Arr(Obj(required={"type": Str()})),
            },
        )
    },
)
_Chunk = tuple[int, int, int | None]  # start, end, total (None: not known yet)
_RANGE = re.compile(r"^bytes (?:(\d+)-(\d+)|\*)/(\d+|\*)$")


def _settings_json(upload: Upload, *, listed: bool) -> JSON:
    """The upload's ``pushMediaSettings``; the live API's list gives the playback ID an id."""
    settings = upload.settings
    playback = PlaybackId.from_request(settings.get("accessPolicy", "public"), settings)
    playback.id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"fastpix-emulator/upload/{upload.id}"))
    return {
        "playbackIds": [playback.to_json(with_id=listed)],
        "metadata": settings.get("metadata", {}),
        "mediaQuality": settings.get("mediaQuality", "standard"),
        "sourceAccess": settings.get("sourceAccess", False),
        "optimizeAudio": settings.get("optimizeAudio", False),
    }


def _upload_json(upload: Upload, shape: ResponseShape, *, listed: bool = False) -> JSON:
    """An upload as create-upload (or, ``listed``, list-uploads) answers with it."""
    live = shape == "live"
    out: JSON = {"id": upload.id} if live else {}
    out.update(
        uploadId=upload.id,
        trial=False,
        status=upload.status,
        url=upload.url,
        timeout=UPLOAD_SESSION_TIMEOUT,
        corsOrigin=upload.cors_origin,
        pushMediaSettings=_settings_json(upload, listed=listed and live),
    )
    if live:  # the media appears under the upload's id once the bytes are in
        out["mediaId"] = upload.id
    return out


def _expired(state: State, upload: Upload) -> bool:
    if upload.status == "waiting" and state.clock() - upload.started > UPLOAD_SESSION_TIMEOUT:
        upload.status = "expired"
    return upload.status == "expired"


@routes.post("/on-demand/upload")
async def create_upload(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await read_json(request, _CREATE_UPLOAD)
    settings: JSON = body.get("pushMediaSettings") or {"accessPolicy": "public"}
    check_drm(state, settings["accessPolicy"], settings.get("drmConfigurationId"))
    upload_id = new_id()
    upload = Upload(
        id=upload_id,
        seq=state.next_seq(),
        started=state.clock(),
        cors_origin=body["corsOrigin"],
        settings=settings,
        # a signed-URL stand-in on this very server; the query marks it as a session URI
        url=f"{request.scheme}://{request.host}/upload/{upload_id}?upload_id={upload_id}",
        path=state.upload_dir / upload_id,
    )
    upload.path.touch()
    state.uploads[upload.id] = upload
    return ok(_upload_json(upload, state.shape), status=201)


@routes.get("/on-demand/uploads")
async def list_uploads(request: web.Request) -> web.Response:
    state = state_of(request)
    waiting = [
        u for u in state.uploads.values() if not _expired(state, u) and u.status == "waiting"
    ]
    return page_response(
        request,
        waiting,
        lambda u: _upload_json(u, state.shape, listed=True),
        order_key=lambda u: u.seq,
    )


@routes.put("/on-demand/upload/{uploadId}/cancel")
async def cancel_upload(request: web.Request) -> web.Response:
    state = state_of(request)
    upload = lookup(state.uploads, request.match_info["uploadId"], "Upload")
    if upload.status == "completed":
        raise ApiError(400, f"Upload '{upload.id}' has completed and can no longer be cancelled")
    upload.status = "cancelled"
    data = upload.cancelled_json()
    events_of(request).upload_cancelled(upload.id, data)
    return ok(data)


# -- the signed URL ----------------------------------------------------------------------


def _session(request: web.Request) -> tuple[State, Upload]:
    state = state_of(request)
    upload = lookup(state.uploads, request.match_info["uploadId"], "Upload")
    if request.query.get("upload_id") != upload.id:
        raise ApiError(403, "The upload URL is not a valid resumable session URI")
    return state, upload


def _incomplete(upload: Upload) -> web.Response:
    """308 Resume Incomplete, with the bytes held (no ``Range`` when there are none)."""
    response = web.Response(status=308)
    if upload.size:
        response.headers["Range"] = f"bytes=0-{upload.size - 1}"
    return response


def _complete(upload: Upload) -> web.Response:
    data = {"uploadId": upload.id, "mediaId": upload.id, "size": upload.size}
    return web.json_response(data, status=200)


async def _drain(request: web.Request) -> None:
    async for _ in request.content.iter_chunked(PIECE):
        pass


@upload_routes.post(UPLOAD_ROUTE)
async def open_session(request: web.Request) -> web.Response:
    """``POST`` with ``x-goog-resumable: start`` hands out the session URI in ``Location``."""
    state = state_of(request)
    upload = lookup(state.uploads, request.match_info["uploadId"], "Upload")
    if request.headers.get("x-goog-resumable", "").lower() != "start":
        raise ApiError(400, "Open a resumable session with the header x-goog-resumable: start")
    return web.Response(status=201, headers={"Location": upload.url})


@upload_routes.put(UPLOAD_ROUTE)
async def put_bytes(request: web.Request) -> web.StreamResponse:
    try:
        return await _put_bytes(request)
    except ApiError:
        # read what the client is still sending, so it sees the answer, not a reset
        await _drain(request)
        raise


async def _put_bytes(request: web.Request) -> web.StreamResponse:
    state, upload = _session(request)
    async with upload.lock:
        if upload.status == "cancelled":
            raise ApiError(404, f"Upload '{upload.id}' was cancelled")
        if _expired(state, upload):
            raise ApiError(410, "The upload session has expired", message="Gone")
        header = request.headers.get("Content-Range")
        match = _RANGE.match(header.strip()) if header else None
        if header and not match:
            raise ApiError(400, f"Malformed Content-Range: {header}")
        if match and match.group(1) is None:  # a status query
            await _drain(request)
            return _complete(upload) if upload.status == "completed" else _incomplete(upload)
        if upload.status == "completed":
            await _drain(request)
            return _complete(upload)
        fault = faults_of(request).take_upload(upload.id)
        if fault is not None and fault.kind != "hold_back":
            await _drain(request)
            if fault.kind == "expire":
                upload.status = "expired"
                raise ApiError(410, "The upload session has expired", message="Gone")
            return error_response(503, "Service Unavailable", "The chunk was not stored; retry it")
        chunk: _Chunk | None = None
        if match:
            total = match.group(3)
            chunk = (int(match.group(1)), int(match.group(2)), None if total == "*" else int(total))
        else:  # a whole file in one request starts the session over
            _rewind(upload)
        await _store(request, upload, chunk, fault)
        if match is None:
            upload.total = upload.size if fault is None else None
        if upload.total is not None and upload.size == upload.total:
            _finish(state, events_of(request), upload)
            return _complete(upload)
        return _incomplete(upload)


def _rewind(upload: Upload) -> None:
    upload.size, upload.total = 0, None
    upload.sha256 = hashlib.sha256()
    upload.path.write_bytes(b"")


async def _store(
    request: web.Request, upload: Upload, chunk: _Chunk | None, fault: UploadFault | None
) -> None:
    """Append the chunk's new bytes; a chunk that fails midway leaves nothing behind.

    ``chunk`` is (start, end, total or None) from Content-Range; None for a whole file,
    whose length is whatever arrives.
    """
    whole = chunk is None
    start, end, declared = chunk or (0, (request.content_length or 0) - 1, None)
    length = end - start + 1
    if not whole:
        problem = None
        if end < start:
            problem = "the range ends before it starts"
        elif declared is not None and end >= declared:
            problem = "the range ends past the total size"
        elif upload.total is not None and declared is not None and declared != upload.total:
            problem = f"the total size changed from {upload.total} to {declared}"
        elif start > upload.size:
            problem = f"the chunk starts at {start} but only {upload.size} bytes are held"
        if problem:
            raise ApiError(400, f"Invalid Content-Range: {problem}")
    skip = 0 if whole else upload.size - start  # bytes of this chunk already held
    keep: int | None = None if whole else max(length - skip, 0)
    if fault is not None:  # hold_back: keep only part of what arrives
        share = fault.keep_bytes if fault.keep_bytes is not None else max(length - skip, 0) // 2
        keep = share if keep is None else min(keep, share)
    size_before, sha_before = upload.size, upload.sha256.copy()
    received = 0
    try:
        with upload.path.open("r+b") as out:
            out.seek(upload.size)
            async for piece in request.content.iter_chunked(PIECE):
                _write(out, upload, piece, received, skip, keep)
                received += len(piece)
        if not whole and received != length:
            raise ApiError(400, f"Content-Range announced {length} bytes but {received} arrived")
    except BaseException:
        # a broken or short chunk is not kept, so a status query reports the old size
        upload.size, upload.sha256 = size_before, sha_before
        with upload.path.open("r+b") as out:
            out.truncate(size_before)
        raise
    if declared is not None:
        upload.total = declared


def _write(
    out: IO[bytes], upload: Upload, piece: bytes, offset: int, skip: int, keep: int | None
) -> None:
    """Write the part of ``piece`` (at ``offset`` in the chunk) that is new and kept."""
    lo = max(skip - offset, 0)
    hi = len(piece) if keep is None else min(len(piece), skip + keep - offset)
    if hi > lo:
        data = piece[lo:hi]
        out.write(data)
        upload.sha256.update(data)
        upload.size += len(data)


def _finish(state: State, events: Events, upload: Upload) -> None:
    """The file is whole: the upload becomes a media with the same id."""
    upload.status = "completed"
    settings = dict(upload.settings)
    inputs = [{"type": "video", "url": upload.url}]
    media = new_media(state, settings, inputs, media_id=upload.id)
    events.media_created(media, "video.upload.media_created")
