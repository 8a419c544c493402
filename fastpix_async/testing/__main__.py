"""``python -m fastpix_async.testing``: serve the FastPix emulator until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from ._emulator import FastPixEmulator
from ._runner import serve_until_stopped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fastpix_async.testing",
        description="Serve the FastPix emulator and print the settings to reach it.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--processing-seconds", type=float, default=0.3)
    parser.add_argument("--access-token-id", default=None)
    parser.add_argument("--secret-key", default=None)
    parser.add_argument("--workspace-id", default=None)
    args = parser.parse_args(argv)
    emulator = FastPixEmulator(
        host=args.host,
        port=args.port,
        processing_seconds=args.processing_seconds,
        access_token_id=args.access_token_id,
        secret_key=args.secret_key,
        workspace_id=args.workspace_id,
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_until_stopped(emulator))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
