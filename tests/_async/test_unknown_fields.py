"""Keys the SDK doesn't know, read over real sockets: kept on the models, written back.

The emulator answers a media with keys no model has (``add_fault`` with a body answers
the bytes given); the models and their unit tests are ``tests/test_model_dicts.py``.
"""

from __future__ import annotations

import json

from fastpix_async import AsyncFastPix
from fastpix_async.models import Media, VideoInput
from fastpix_async.testing import FastPixEmulator

VIDEO = "https://example.com/video.mp4"
MEDIA = "/on-demand/{mediaId}"


def make_client(emulator: FastPixEmulator) -> AsyncFastPix:
    return AsyncFastPix(emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url)


async def test_a_media_round_trips_through_plain_data(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        created = await fp.media.create(inputs=[VideoInput(url=VIDEO)], title="Launch")
        media = await fp.media.get(created.id)
        page = await fp.media.list()
    assert Media.from_dict(media.to_dict()) == media
    assert Media.from_dict(json.loads(media.to_json()), snake_case=False) == media
    assert Media.from_dict(media.to_dict(snake_case=True), snake_case=True) == media
    assert [Media.from_dict(item.to_dict()) for item in page.data] == page.data


async def test_keys_the_sdk_does_not_know_are_kept_and_written_back(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        created = await fp.media.create(inputs=[VideoInput(url=VIDEO)], title="Launch")
        before = await fp.media.get(created.id)
        known = before.to_dict()
        newer = {
            **known,
            "aiDubbing": {"languages": ["fr", "de"]},
            "playbackIds": [{"id": "p1", "accessPolicy": "public", "drmTier": "L1"}],
        }
        body = json.dumps({"success": True, "data": newer}).encode()
        emulator.add_fault("GET", MEDIA, status=200, body=body, content_type="application/json")
        media = await fp.media.get(created.id)
    # (the emulator may already send a key or two this SDK doesn't model: kept as well)
    dubbing = {"aiDubbing": {"languages": ["fr", "de"]}}
    assert media.unknown_fields == {**before.unknown_fields, **dubbing}
    assert media.playback_ids[0].unknown_fields == {"drmTier": "L1"}
    assert media.to_dict() == newer  # everything the API sent
    assert json.loads(media.to_json()) == newer
    assert Media.from_dict(newer) == media
