"""An embedded FastPix emulator: the HTTP API with in-memory state, for tests and offline use.

It is a standalone aiohttp server and imports nothing else from the SDK (this file borrows
``_lazy``, to load it on first use).

    async with FastPixEmulator(processing_seconds=0) as emu:
        ...  # a client with base_url=emu.base_url, emu.access_token_id, emu.secret_key

    with run_emulator_in_thread() as emu:
        ...  # the same for synchronous code

``python -m fastpix_async.testing`` serves one from the command line, and the pytest
plugin (``fastpix_async.testing.pytest_plugin``) offers the fixtures ``fastpix_emulator``
and ``fastpix_emulator_thread``.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from ._app import RecordedRequest
    from ._emulator import FastPixEmulator
    from ._faults import Fault, UploadFault
    from ._runner import run_emulator_in_thread

__all__ = ["FastPixEmulator", "Fault", "RecordedRequest", "UploadFault", "run_emulator_in_thread"]

# Imported on first use: the pytest plugin, loaded in every pytest run of a project that
# installs the SDK, must not pay for aiohttp and the emulator until a test asks for them.
__getattr__, __dir__ = lazy_attributes(
    __name__,
    {
        "FastPixEmulator": "._emulator",
        "Fault": "._faults",
        "RecordedRequest": "._app",
        "UploadFault": "._faults",
        "run_emulator_in_thread": "._runner",
    },
)
