"""An embedded FastPix emulator: the HTTP API with in-memory state, for tests and offline use.

It is a standalone aiohttp server and imports nothing else from the SDK.

    async with FastPixEmulator(processing_seconds=0) as emu:
        ...  # a client with base_url=emu.base_url, emu.access_token_id, emu.secret_key

    with run_emulator_in_thread() as emu:
        ...  # the same for synchronous code

``python -m fastpix_async.testing`` serves one from the command line, and the pytest
plugin (``fastpix_async.testing.pytest_plugin``) offers the fixtures ``fastpix_emulator``
and ``fastpix_emulator_thread``.
"""

from ._app import RecordedRequest
from ._emulator import FastPixEmulator
from ._faults import Fault, UploadFault
from ._runner import run_emulator_in_thread

__all__ = ["FastPixEmulator", "Fault", "RecordedRequest", "UploadFault", "run_emulator_in_thread"]
