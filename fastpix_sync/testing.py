"""The embedded FastPix emulator, for synchronous code and tests.

Handwritten (like ``_backend.py``): the emulator is one aiohttp server shared by both
packages; sync code runs it on a background thread with ``run_emulator_in_thread()``,
and a webhook receiver with ``run_webhook_receiver_in_thread()``.

    from fastpix_sync import FastPix
    from fastpix_sync.testing import run_emulator_in_thread

    with run_emulator_in_thread() as emu, FastPix(
        emu.access_token_id, emu.secret_key, base_url=emu.base_url
    ) as fp:
        ...
"""

from fastpix_async.testing import (
    DeliveryPolicy,
    FastPixEmulator,
    Fault,
    ReceivedWebhook,
    RecordedRequest,
    UploadFault,
    WebhookAttempt,
    WebhookDestination,
    WebhookReceiver,
    run_emulator_in_thread,
    run_webhook_receiver_in_thread,
)

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
