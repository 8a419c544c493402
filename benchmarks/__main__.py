"""``python -m benchmarks [--quick]``: every ``benchmarks/bench_*.py``, each in its own process.

The full run writes ``benchmarks/RESULTS.md`` with the machine, the versions and the
command. ``--quick`` is CI's check that the suite still works: reduced sizes, and the
report goes to a temporary file (RESULTS.md is never touched).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import Report

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
# Known modules first, in this order; any other bench_*.py after them, alphabetically.
ORDER = ["bench_requests", "bench_get_many", "bench_imap", "bench_import", "bench_tokens"]
ORDER += ["bench_upload", "bench_load"]
VERSIONS = ["fastpix-sdk", "aiohttp", "urllib3", "attrs", "cattrs", "anyio", "fastpix-python"]


def discover() -> list[str]:
    present = {path.stem for path in HERE.glob("bench_*.py")}
    return [name for name in ORDER if name in present] + sorted(present - set(ORDER))


def run_module(name: str, quick: bool) -> tuple[Report | None, str, float]:
    """A module's report (or ``None`` and why it failed) and its wall time."""
    command = [sys.executable, "-m", f"benchmarks.{name}", "--json"]
    if quick:
        command.append("--quick")
    started = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=HERE.parent, check=False, timeout=3600
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        return None, result.stderr.strip()[-2000:], elapsed
    return Report.from_json(result.stdout.strip().splitlines()[-1]), "", elapsed


def machine() -> list[str]:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            names = [line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line]
        model = names[0] if names else model
    except OSError:
        pass
    versions = []
    for package in VERSIONS:
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return [
        f"- machine: {os.cpu_count()} CPUs, {model}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- versions: {', '.join(versions)}",
    ]


def render(sections: list[str], quick: bool, command: str) -> str:
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = [
        "# Benchmark results",
        "",
        f"Produced by `{command}` on {stamp}"
        + (" (**--quick**: reduced sizes, not figures to quote)." if quick else "."),
        "",
        *machine(),
        "",
        "Every ratio is the SDK's cost over the raw client's for the same calls, measured "
        "side by side in one run (interleaved repeats, medians), against a canned local "
        "FastPix server in its own process (`benchmarks/_server.py`). Raw clients parse the "
        "JSON with the same `json` module; the SDKs also build their models. Every client "
        "bounds its waits: aiohttp has a 5-minute total timeout by default, and raw urllib3 "
        "(which has none) gets the SDKs' 30 s; its floor without one is listed too.",
        "",
    ]
    return "\n".join(head + sections)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="reduced run; RESULTS.md untouched")
    args = parser.parse_args()
    command = "python -m benchmarks" + (" --quick" if args.quick else "")
    sections, failed = [], []
    for name in discover():
        report, error, elapsed = run_module(name, args.quick)
        if report is None:
            failed.append(name)
            sections.append(f"### {name}\n\n**failed**:\n\n```\n{error}\n```\n")
            print(f"{name}: FAILED ({elapsed:.1f}s)\n{error}", file=sys.stderr)
            continue
        sections.append(report.markdown())
        print(
            f"{name}: {sum(r.met for r in report.rows)}/{len(report.rows)} targets met "
            f"({elapsed:.1f}s)"
        )
    text = render(sections, args.quick, command)
    if args.quick:
        with tempfile.NamedTemporaryFile(
            "w", suffix="-benchmarks.md", delete=False, encoding="utf-8"
        ) as out:
            out.write(text)
        print(f"quick run: report in {out.name}")
    else:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(HERE.parent)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
