"""Upload throughput and memory: ``media.upload_file`` vs a raw PUT loop of the same chunks.

A generated file (1 GiB; 64 MiB with ``--quick``) goes to a local resumable-upload
server in its own process, in 16 MiB chunks, four ways: raw aiohttp, ``fastpix_async``,
raw urllib3 and ``fastpix_sync``. Each upload runs in a fresh process that reports its
time and its peak RSS growth over what it held before the upload; the four alternate
over the rounds and the medians are compared.

Targets (issue 5): the SDK reaches at least 85% of the raw client's throughput, and its
peak RSS grows by at most 64 MiB, whatever the file size.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks._common import Report, Row, cli, current_rss_mib, interleaved_medians, peak_rss_mib

CHUNK = 16 * 1024 * 1024
CANDIDATES = ("raw aiohttp", "fastpix_async", "raw urllib3", "fastpix_sync")
RAW_OF = {"fastpix_async": "raw aiohttp", "fastpix_sync": "raw urllib3"}


# -- the measured uploads, each in its own process ------------------------------------


def _raw_aiohttp(base: str, file: Path) -> None:
    import aiohttp

    total = file.stat().st_size

    async def upload() -> None:
        async with aiohttp.ClientSession() as session:
            async with session.post(f"{base}/v1/on-demand/upload", json={}) as created:
                url = (await created.json())["data"]["url"]
            with file.open("rb") as source:
                for start in range(0, total, CHUNK):
                    chunk = source.read(CHUNK)
                    end = start + len(chunk) - 1
                    headers = {"Content-Range": f"bytes {start}-{end}/{total}"}
                    async with session.put(url, data=chunk, headers=headers) as response:
                        await response.read()
                        assert response.status in (200, 308), response.status
                    del chunk  # one chunk alive at a time, as in the SDK

    asyncio.run(upload())


def _raw_urllib3(base: str, file: Path) -> None:
    import urllib3

    pool = urllib3.PoolManager()
    created = pool.request("POST", f"{base}/v1/on-demand/upload", json={})
    url = json.loads(created.data)["data"]["url"]
    total = file.stat().st_size
    with file.open("rb") as source:
        for start in range(0, total, CHUNK):
            chunk = source.read(CHUNK)
            end = start + len(chunk) - 1
            headers = {"Content-Range": f"bytes {start}-{end}/{total}"}
            response = pool.request("PUT", url, body=chunk, headers=headers, redirect=False)
            assert response.status in (200, 308), response.status
            del chunk  # one chunk alive at a time, as in the SDK
    pool.clear()


def _sdk_async(base: str, file: Path) -> None:
    from fastpix_async import AsyncFastPix

    async def upload() -> None:
        async with AsyncFastPix("bench", "bench", base_url=f"{base}/v1/") as fp:
            await fp.media.upload_file(file, chunk_size=CHUNK)

    asyncio.run(upload())


def _sdk_sync(base: str, file: Path) -> None:
    from fastpix_sync import FastPix

    with FastPix("bench", "bench", base_url=f"{base}/v1/") as fp:
        fp.media.upload_file(file, chunk_size=CHUNK)


_UPLOADERS = {
    "raw aiohttp": _raw_aiohttp,
    "fastpix_async": _sdk_async,
    "raw urllib3": _raw_urllib3,
    "fastpix_sync": _sdk_sync,
}


def worker(name: str, base: str, file: Path) -> None:
    """Import, note the RSS, upload, report seconds and peak RSS growth as JSON."""
    uploader = _UPLOADERS[name]
    if name.startswith("fastpix"):  # imports happen before the baseline, as in an app
        import fastpix_async  # noqa: F401
        import fastpix_sync  # noqa: F401
    import aiohttp  # noqa: F401
    import urllib3  # noqa: F401

    baseline = current_rss_mib()
    started = time.perf_counter()
    uploader(base, file)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rss_growth_mib": peak_rss_mib() - baseline}))


# -- the driver -----------------------------------------------------------------------


@contextmanager
def upload_server() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks._upload_server"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(10)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def generated_file(directory: str, size: int) -> Path:
    """A file of ``size`` bytes: one random MiB repeated (incompressible enough, and fast)."""
    path = Path(directory) / "upload.bin"
    block = os.urandom(1 << 20)
    with path.open("wb") as out:
        for _ in range(size >> 20):
            out.write(block)
    return path


def run(quick: bool) -> Report:
    size = (64 if quick else 1024) << 20
    rounds = 1 if quick else 3
    growth: dict[str, list[float]] = {name: [] for name in CANDIDATES}
    with tempfile.TemporaryDirectory() as directory, upload_server() as (base, server):
        file = generated_file(directory, size)

        def measure(name: str) -> float:
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.bench_upload",
                    "--worker",
                    name,
                    base,
                    str(file),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.splitlines()[-1])
            growth[name].append(result["rss_growth_mib"])
            return float(result["seconds"])

        wall, server_cpu = time.perf_counter(), cpu_seconds(server.pid)
        seconds = interleaved_medians(
            {name: lambda n=name: measure(n) for name in CANDIDATES}, rounds
        )
        wall, server_cpu = time.perf_counter() - wall, cpu_seconds(server.pid) - server_cpu

    mib = size >> 20
    report = Report(f"Upload of a {mib} MiB file in 16 MiB chunks (issue 5)")
    for sdk, raw in RAW_OF.items():
        share = seconds[raw] / seconds[sdk] * 100
        report.rows.append(
            Row(
                f"{sdk} throughput vs {raw}",
                share,
                85,
                unit="%",
                at_most=False,
                details=f"{mib / seconds[sdk]:.0f} vs {mib / seconds[raw]:.0f} MiB/s",
            )
        )
    for name in CANDIDATES:
        worst = max(growth[name])
        target = 64.0 if name in RAW_OF else float("inf")
        if name in RAW_OF:
            report.rows.append(
                Row(f"{name} peak RSS growth", worst, target, unit=" MiB", details="worst round")
            )
        else:
            report.notes.append(f"{name} peak RSS growth: {worst:.1f} MiB (worst round)")
    report.notes.append(
        f"{rounds} interleaved round(s), medians; the server used {server_cpu / wall:.0%} "
        "of one core over the run"
    )
    return report


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
    else:
        cli(run)
