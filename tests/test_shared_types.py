"""Both surfaces raise and return the very same classes.

A backend using the async client in its handlers and the sync client in its scripts
writes one ``except``, one ``isinstance`` and one annotation for both.
"""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
from types import ModuleType

import pytest

import fastpix_async
import fastpix_async.errors
import fastpix_async.models
import fastpix_sync
import fastpix_sync.errors
import fastpix_sync.models
from fastpix_async.testing import FastPixEmulator

SHARED_PUBLIC_MODULES = [
    "batch",
    "errors",
    "models",
    *(f"models.{info.name}" for info in pkgutil.iter_modules(fastpix_async.models.__path__)),
    "playback_urls",
    "progress",
    "tokens",
    "webhooks",
]


@pytest.mark.parametrize("module", SHARED_PUBLIC_MODULES)
def test_every_shared_name_is_the_same_object_on_both_surfaces(module: str) -> None:
    async_module = importlib.import_module(f"fastpix_async.{module}")
    sync_module = importlib.import_module(f"fastpix_sync.{module}")
    assert sync_module.__all__ == async_module.__all__
    for name in async_module.__all__:
        assert getattr(sync_module, name) is getattr(async_module, name), name


def _public_classes(module: ModuleType) -> dict[str, type]:
    return {
        name: value for name in module.__all__ if isinstance(value := getattr(module, name), type)
    }


def test_every_public_model_and_error_is_one_class() -> None:
    models = _public_classes(fastpix_async.models)
    errors = _public_classes(fastpix_async.errors)
    assert len(models) > 40 and len(errors) > 20
    for name, cls in {**models, **errors}.items():
        home = getattr(fastpix_sync.models, name, None) or getattr(fastpix_sync.errors, name)
        assert home is cls, name
    # The client and its pages do I/O, so each surface has its own; everything else is one.
    for name in set(fastpix_sync.__all__) & set(fastpix_async.__all__) - {"Page"}:
        assert getattr(fastpix_sync, name) is getattr(fastpix_async, name), name


async def test_one_except_clause_and_one_isinstance_serve_both_clients(
    fastpix_emulator: FastPixEmulator,
) -> None:
    emu = fastpix_emulator
    settings = {"base_url": emu.base_url, "max_retries": 0}
    async with fastpix_async.AsyncFastPix(emu.access_token_id, emu.secret_key, **settings) as afp:
        media = await afp.media.create(
            inputs=[fastpix_async.models.VideoInput(url="https://example.com/a.mp4")]
        )
        with pytest.raises(fastpix_async.NotFoundError):
            await afp.media.get("no-such-media")

    # The sync client calls from a thread, off the loop that serves the emulator.
    with fastpix_sync.FastPix(emu.access_token_id, emu.secret_key, **settings) as fp:
        read = await asyncio.to_thread(fp.media.get, media.id)
        assert isinstance(read, fastpix_async.models.Media)
        assert type(read) is type(media)
        with pytest.raises(fastpix_async.NotFoundError) as caught:
            await asyncio.to_thread(fp.media.get, "no-such-media")
    assert isinstance(caught.value, fastpix_sync.NotFoundError)
    assert caught.value.status_code == 404
