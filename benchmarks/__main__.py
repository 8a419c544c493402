"""``python -m benchmarks [--quick] [--only NAMES] [--against DIR]``: every
``benchmarks/bench_*.py``, each in its own process.

The full run writes ``benchmarks/RESULTS.md`` (the targets table first, then each
module's rows, with the machine, the versions and the command) and the chart
``docs/assets/benchmarks.svg``. ``--quick`` is CI's check that the suite still works:
reduced sizes, and the report and chart go to temporary files (RESULTS.md and the
chart are never touched); so do runs of some modules only (``--only``) and
before/after comparisons (``--against DIR``: the request rows also measure the SDK of
the source tree in DIR, e.g. ``git archive <commit> fastpix_async fastpix_sync | tar -x
-C DIR``, interleaved with this tree's, and report this tree's cost over DIR's).
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

from benchmarks._chart import render as render_chart
from benchmarks._common import TIMES, Report, TargetLine

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
CHART = HERE.parent / "docs" / "assets" / "benchmarks.svg"
AGAINST_AWARE = {"bench_requests"}  # modules that take --against DIR
# Known modules first, in this order; any other bench_*.py after them, alphabetically.
ORDER = [
    "bench_requests",
    "bench_reading",
    "bench_models",
    "bench_get_many",
    "bench_imap",
    "bench_import",
    "bench_tokens",
]
ORDER += ["bench_upload", "bench_load"]
VERSIONS = ["fastpix-sdk", "aiohttp", "urllib3", "attrs", "cattrs", "anyio", "orjson"]
VERSIONS += ["fastpix-python", "pydantic"]


def discover() -> list[str]:
    present = {path.stem for path in HERE.glob("bench_*.py")}
    return [name for name in ORDER if name in present] + sorted(present - set(ORDER))


def run_module(name: str, quick: bool, against: str | None) -> tuple[Report | None, str, float]:
    """A module's report (or ``None`` and why it failed) and its wall time."""
    command = [sys.executable, "-m", f"benchmarks.{name}", "--json"]
    if quick:
        command.append("--quick")
    if against and name in AGAINST_AWARE:
        command += ["--against", against]
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


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}{TIMES}"


def _target(value: float | None) -> str:
    return "—" if value is None else f"≤ {value:.2f}{TIMES}"


def targets_table(lines: list[TargetLine]) -> list[str]:
    """The targets table: every scenario's ratios to its floor, without and with orjson."""
    if not lines:
        return []
    table = [
        "## Targets",
        "",
        "Ratios to the floor (the raw client with the standard library's `json`, or "
        "pydantic v2 for reading), medians of interleaved rounds in this one run. "
        "*Without speedups*: orjson hidden; *with orjson*: the `speedups` extra. The raw "
        "client with orjson and FastPix's official SDK (`fastpix-python`) are beside them; "
        f"every request row must also stay at least 4{TIMES} faster than the official SDK.",
        "",
        "| scenario | target (without / with orjson) | without speedups | with orjson "
        "| raw client + orjson | fastpix-python | met? |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for line in lines:
        misses = line.misses()
        official = _ratio(line.official)
        ours = line.without if line.without is not None else line.with_orjson
        if line.official is not None and ours:
            official += f" ({line.official / ours:.1f}{TIMES} ours)"
        met = "yes" if not misses else "**no**: " + ", ".join(misses)
        if line.without is None and line.with_orjson is None:
            met = "skipped"  # nothing measured: never reported as met
        if line.note:
            met += f" ({line.note})"
        table.append(
            f"| {line.scenario} | {_target(line.target_without)} / {_target(line.target_with)} "
            f"| {_ratio(line.without)} | {_ratio(line.with_orjson)} | {_ratio(line.raw_orjson)} "
            f"| {official} | {met} |"
        )
    return [*table, ""]


def stamp() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def render(sections: list[str], quick: bool, command: str, targets: list[str]) -> str:
    head = [
        "# Benchmark results",
        "",
        f"Produced by `{command}` on {stamp()}"
        + (" (**--quick**: reduced sizes, not figures to quote)." if quick else "."),
        "",
        *machine(),
        "",
        "Every ratio is the SDK's cost over the raw client's for the same calls, measured "
        "side by side in one run (interleaved repeats, medians), against a canned local "
        "FastPix server in its own process (`benchmarks/_server.py`) that answers with "
        "media in the live API's shape. The floor parses the JSON with the standard "
        "library's `json`; the SDKs also build their models. Every client "
        "bounds its waits: aiohttp has a 5-minute total timeout by default, and raw urllib3 "
        "(which has none) gets the SDKs' 30 s.",
        "",
        *targets,
        "## Every module",
        "",
    ]
    return "\n".join(head + sections)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="reduced run; RESULTS.md untouched")
    parser.add_argument(
        "--only", metavar="NAMES", help="comma-separated modules, e.g. bench_requests,bench_reading"
    )
    parser.add_argument(
        "--against",
        metavar="DIR",
        help="also measure the SDK of the source tree in DIR in the request rows (before/after)",
    )
    args = parser.parse_args()
    if args.against:  # modules run from the repository's root: pass them an absolute path
        args.against = str(Path(args.against).resolve())
    names = discover()
    if args.only:
        wanted = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            parser.error(f"no such module: {', '.join(unknown)} (modules: {', '.join(names)})")
        names = [name for name in names if name in wanted]
    command = "python -m benchmarks" + "".join(
        f" {flag}" + (f" {value}" if value is not True else "")
        for flag, value in (
            ("--quick", args.quick),
            ("--only", args.only),
            ("--against", args.against),
        )
        if value
    )
    sections, failed, lines, groups = [], [], [], []
    for name in names:
        report, error, elapsed = run_module(name, args.quick, args.against)
        if report is None:
            failed.append(name)
            sections.append(f"### {name}\n\n**failed**:\n\n```\n{error}\n```\n")
            print(f"{name}: FAILED ({elapsed:.1f}s)\n{error}", file=sys.stderr)
            continue
        sections.append(report.markdown())
        lines += report.targets
        groups += report.chart
        print(
            f"{name}: {sum(r.met for r in report.rows)}/{len(report.rows)} rows met "
            f"({elapsed:.1f}s)"
        )
        for line in report.targets:
            misses = line.misses()
            print(
                f"  {line.scenario}: {_ratio(line.without)} without speedups, "
                f"{_ratio(line.with_orjson)} with orjson"
                + (f", fastpix-python {_ratio(line.official)}" if line.official else "")
                + (
                    f" (skipped: {line.note})"
                    if line.without is None and line.with_orjson is None
                    else " (met)"
                    if not misses
                    else f" (missed: {', '.join(misses)})"
                )
            )
        for note in report.notes:
            if "--against tree" in note:
                print(f"  {note}")
    text = render(sections, args.quick, command, targets_table(lines))
    chart = render_chart(
        groups,
        "fastpix-sdk against the raw client and FastPix's official SDK",
        f"{command}, {stamp()}; medians of interleaved rounds in one run",
    )
    if args.quick or args.only or args.against:  # not the figures to publish
        with tempfile.NamedTemporaryFile(
            "w", suffix="-benchmarks.md", delete=False, encoding="utf-8"
        ) as out:
            out.write(text)
        print(f"report in {out.name} (RESULTS.md untouched)")
        if groups:
            with tempfile.NamedTemporaryFile(
                "w", suffix="-benchmarks.svg", delete=False, encoding="utf-8"
            ) as out:
                out.write(chart)
            print(f"chart in {out.name}")
    else:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(HERE.parent)}")
        if groups:
            CHART.parent.mkdir(parents=True, exist_ok=True)
            CHART.write_text(chart, encoding="utf-8")
            print(f"wrote {CHART.relative_to(HERE.parent)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
