"""Items per second for the scaling-out example: one process, and Dask with 1 and 2 workers.

``python -m benchmarks.scaling [--count 20000]`` starts the emulator in a process of its
own, creates the media once, and runs ``examples/dask_batch.py`` on them in each
configuration, one after another (no injected faults: throughput only). Each figure is
the example's own, for the batch alone (cluster start-up is reported apart). The
emulator's CPU time per item shows how much of a core the server needed: on a small
machine it competes with the workers. Slow, so not part of ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastpix_async import AsyncFastPix
from fastpix_async.models import VideoInput

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dask_batch.py"
# (label, example flags): the same media, the same per-worker concurrency unless noted
CONFIGURATIONS = [
    ("one process, fp.map, 16 at once", ["--workers", "0", "--concurrency", "16"]),
    ("one process, fp.map, 32 at once", ["--workers", "0", "--concurrency", "32"]),
    ("Dask, 1 worker process, 16 at once", ["--workers", "1", "--concurrency", "16"]),
    ("Dask, 2 worker processes, 16 at once each", ["--workers", "2", "--concurrency", "16"]),
]
ITEMS_PER_SECOND = re.compile(r"^([\d,]+) items/s \(([\d.]+) s for the batch\)$", re.M)


@contextmanager
def emulator_process() -> Iterator[tuple[dict[str, str], int]]:
    """The emulator in a process of its own: the settings to reach it, and its pid."""
    command = [sys.executable, "-m", "fastpix_async.testing", "--port", "0"]
    command += ["--processing-seconds", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert server.stdout is not None
        settings: dict[str, str] = {}
        while len(settings) < 3:
            line = server.stdout.readline()
            if not line:
                raise RuntimeError("the emulator exited before it printed its settings")
            name, _, value = line.strip().partition("=")
            if name.startswith("FASTPIX_"):
                settings[name] = value
        yield settings, server.pid
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:  # still winding down its 20,000 media: enough
            server.kill()
            server.wait()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def create_media(settings: dict[str, str], count: int) -> list[str]:
    async with AsyncFastPix(
        settings["FASTPIX_ACCESS_TOKEN_ID"],
        settings["FASTPIX_SECRET_KEY"],
        base_url=settings["FASTPIX_BASE_URL"],
    ) as fp:

        async def create(_: int) -> str:
            return (await fp.media.create(inputs=[VideoInput(url="https://example.com/v.mp4")])).id

        return await fp.map(create, range(count), concurrency=32, return_exceptions=False)  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--count", type=int, default=20_000)
    count = parser.parse_args().count
    with emulator_process() as (settings, pid), tempfile.TemporaryDirectory() as scratch:
        id_file = Path(scratch) / "ids.txt"
        id_file.write_text("\n".join(asyncio.run(create_media(settings, count))))
        env = {k: v for k, v in os.environ.items() if not k.startswith("FASTPIX_")}
        env.update(settings)
        print(f"{count:,} media; each item is a PATCH then a GET; {os.cpu_count()} CPUs\n")
        print("| configuration | items/s | batch | run, with start-up | emulator CPU per item |")
        print("| --- | --- | --- | --- | --- |")
        for label, flags in CONFIGURATIONS:
            before, started = cpu_seconds(pid), time.perf_counter()
            finished = subprocess.run(
                [sys.executable, str(EXAMPLE), "--ids", str(id_file), *flags],
                capture_output=True, text=True, env=env, check=True, cwd=ROOT,
            )  # fmt: skip
            wall = time.perf_counter() - started
            server_cpu = cpu_seconds(pid) - before
            found = ITEMS_PER_SECOND.search(finished.stdout)
            assert found, finished.stdout + finished.stderr
            print(
                f"| {label} | {found.group(1)} | {float(found.group(2)):.1f} s | {wall:.1f} s "
                f"| {server_cpu / count * 1e6:,.0f} µs |"
            )


if __name__ == "__main__":
    main()
