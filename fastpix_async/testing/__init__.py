"""An embedded FastPix emulator: the HTTP API with in-memory state, for tests and offline use.

It is a standalone aiohttp server; of the SDK it borrows ``_lazy`` (to load it on first
use) and the webhook signing (its deliveries are signed as FastPix signs them).

    async with FastPixEmulator(processing_seconds=0) as emu:
        ...  # a client with base_url=emu.base_url, emu.access_token_id, emu.secret_key

    with run_emulator_in_thread() as emu:
        ...  # the same for synchronous code

State changes are delivered as signed webhooks to the destinations it is given
(``webhooks=``, ``emu.add_webhook``), and ``emu.trigger(event_type)`` sends any event on
demand; ``WebhookReceiver`` is a local endpoint that collects them for tests.

``python -m fastpix_async.testing`` serves one from the command line, and the pytest
plugin (``fastpix_async.testing.pytest_plugin``) offers the fixtures ``fastpix_emulator``,
``fastpix_emulator_thread``, ``fastpix_webhook_receiver`` and
``fastpix_webhook_receiver_thread``.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from ._app import RecordedRequest
    from ._emulator import FastPixEmulator
    from ._faults import Fault, UploadFault
    from ._receiver import ReceivedWebhook, WebhookReceiver
    from ._runner import run_emulator_in_thread, run_webhook_receiver_in_thread
    from ._webhooks import DeliveryPolicy, WebhookAttempt, WebhookDestination

__all__ = [
    "DeliveryPolicy",
    "FastPixEmulator",
    "Fault",
    "ReceivedWebhook",
    "RecordedRequest",
    "UploadFault",
    "WebhookAttempt",
    "WebhookDestination",
    "WebhookReceiver",
    "run_emulator_in_thread",
    "run_webhook_receiver_in_thread",
]

# Imported on first use: the pytest plugin, loaded in every pytest run of a project that
# installs the SDK, must not pay for aiohttp and the emulator until a test asks for them.
lazy_attributes(
    __name__,
    {
        "DeliveryPolicy": "._webhooks",
        "FastPixEmulator": "._emulator",
        "Fault": "._faults",
        "ReceivedWebhook": "._receiver",
        "RecordedRequest": "._app",
        "UploadFault": "._faults",
        "WebhookAttempt": "._webhooks",
        "WebhookDestination": "._webhooks",
        "WebhookReceiver": "._receiver",
        "run_emulator_in_thread": "._runner",
        "run_webhook_receiver_in_thread": "._runner",
    },
)
