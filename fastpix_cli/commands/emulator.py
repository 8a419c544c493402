"""``fastpix emulator``: serve the embedded FastPix emulator until Ctrl-C."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="0 picks a free port.",
)
@click.option(
    "--processing-seconds",
    type=click.FloatRange(min=0),
    default=0.3,
    show_default=True,
    help="How long a new media takes to become ready.",
)
@click.option(
    "--shape",
    type=click.Choice(["live", "spec"]),
    default="live",
    show_default=True,
    help="Answer as the live API does (durations in seconds, MP4 renditions), or exactly as "
    "the OpenAPI contract says (spec).",
)
def emulator(host: str, port: int, processing_seconds: float, shape: str) -> None:
    """Serve a local FastPix (in-memory, for tests and demos) and print the settings that
    reach it.

    \b
    Example:
      fastpix emulator --port 8765
      # in another shell: export the three lines it printed, then
      fastpix media list
      fastpix emulator --shape spec   # the contract's shapes, e.g. "00:00:10" durations
    """
    # The emulator's own command line does the serving: only options it knows are passed.
    from fastpix_async.testing.__main__ import main as serve

    options = {"host": host, "port": port, "processing-seconds": processing_seconds, "shape": shape}
    serve([part for name, value in options.items() for part in (f"--{name}", str(value))])
