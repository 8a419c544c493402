"""What importing the SDK loads: the sync twin nothing async, and neither package more
than its first request needs. Checked in a fresh interpreter, as a program would start."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from types import ModuleType

import pytest

import fastpix_async
import fastpix_async.models
import fastpix_async.resources
import fastpix_sync
import fastpix_sync.models
import fastpix_sync.resources


def loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_sync_package_never_loads_the_async_stack() -> None:
    loaded = loaded_after(
        "from fastpix_sync import FastPix\n"
        "client = FastPix('id', 'secret', base_url='http://127.0.0.1:9/v1')\n"
        "client.media, client.views, client.live_streams\n"
        "client.close()"
    )
    assert not {"aiohttp", "anyio", "asyncio", "fastpix_async._backend"} & loaded
    assert not {name for name in loaded if name.startswith("fastpix_async.resources")}


@pytest.mark.parametrize("package", ["fastpix_async", "fastpix_sync"])
def test_importing_loads_no_model_converter_or_resource_until_used(package: str) -> None:
    client = "AsyncFastPix" if package == "fastpix_async" else "FastPix"
    loaded = loaded_after(
        f"from {package} import {client}\n{client}('id', 'secret').media\n"
        f"from {package} import NotFoundError, RetryPolicy, Page"
    )
    # The models are the shared core's, whichever package the client comes from.
    assert f"{package}.resources.media" in loaded and "fastpix_async.models.media" in loaded
    never_needed = {
        "cattrs",
        "fastpix_async.models.analytics",
        f"{package}.resources.views",
        "fastpix_sync.models",  # the twin's names for the shared modules: only when asked
        "fastpix_sync.errors",
    }
    assert not never_needed & loaded


@pytest.mark.parametrize(
    "package",
    [
        fastpix_async,
        fastpix_sync,
        fastpix_async.models,
        fastpix_sync.models,
        fastpix_async.resources,
        fastpix_sync.resources,
    ],
    ids=lambda p: p.__name__,
)
def test_every_public_name_resolves_to_the_object_it_names(package: ModuleType) -> None:
    for value in [getattr(package, name) for name in package.__all__]:
        home = getattr(value, "__module__", None)
        if isinstance(value, type) and home is not None and home != package.__name__:
            assert getattr(importlib.import_module(home), value.__name__) is value
    assert set(package.__all__) <= set(dir(package))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        package.Nope  # noqa: B018 - the lookup is the test


def test_star_import_brings_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from fastpix_sync.models import *", namespace)
    assert set(fastpix_sync.models.__all__) <= set(namespace)
    assert namespace["Media"] is fastpix_sync.models.media.Media
    assert namespace["Media"] is fastpix_async.models.Media
