"""Per-request cost of the SDKs against the raw client a user writes without them.

Scenarios, on both surfaces: sequential ``GET /on-demand/{id}``; many GETs at once
(100 tasks async, 16 threads sync); sequential list pages of 20 media read into models.
The payload is the live API's shape (``_server.media_object``).

The floor is raw aiohttp / raw urllib3 with the standard library's ``json``. Measured in
the same run, each in turn per round (medians of interleaved rounds): the SDK without
speedups (a worker process where orjson can't be imported) and with orjson, the raw
client with orjson, FastPix's official SDK when installed, and, with ``--against DIR``,
the SDK of another source tree (``git archive <commit> fastpix_async fastpix_sync``),
for a before/after of a change. Each figure is a ratio to the floor.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks._clients import official_installed
from benchmarks._common import TIMES, ChartGroup, Report, Row, TargetLine, cli
from benchmarks._server import running_server

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().parent / "_worker.py"
MICRO = 1e6


@dataclass(frozen=True)
class Sizes:
    sequential: int  # requests per sample, one at a time
    concurrent: int  # requests per sample, all in flight together
    async_tasks: int
    threads: int
    pages: int  # list pages per sample
    repeats: int


# A sequential GET sample lasts ~0.1 s and a page sample ~0.1 s: long enough, over 15 rounds,
# that a burst of load elsewhere on a shared machine moves one sample, not the median.
FULL = Sizes(sequential=500, concurrent=2000, async_tasks=100, threads=16, pages=100, repeats=15)
QUICK = Sizes(sequential=20, concurrent=100, async_tasks=20, threads=4, pages=5, repeats=2)

# scenario key -> (label, target without speedups, target with orjson): issue 20's targets
SCENARIOS = {
    "sequential": ("sequential GET", 1.20, 1.05),
    "concurrent": ("concurrent GETs", 1.30, 1.10),
    "page": ("list page of 20", 1.60, 1.30),
}
OFFICIAL_FACTOR = 4.0  # every request row stays at least this many times faster
SURFACES = {"async": ("raw aiohttp", "fastpix_async"), "sync": ("raw urllib3", "fastpix_sync")}

# Candidates: their labels in the report, and the names the chart uses.
RAW, RAW_ORJSON, SDK, SDK_ORJSON, OFFICIAL, BASELINE = (
    "raw",
    "raw + orjson",
    "SDK without speedups",
    "SDK with orjson",
    "fastpix-python",
    "baseline",
)


class Worker:
    """One ``_worker.py`` process: a surface's clients for one source tree and environment."""

    def __init__(
        self,
        surface: str,
        base_url: str,
        sizes: Sizes,
        clients: list[str],
        *,
        tree: Path,
        hide_orjson: bool,
    ) -> None:
        env = dict(os.environ)
        inherited = [env["PYTHONPATH"]] if env.get("PYTHONPATH") else []
        env["PYTHONPATH"] = os.pathsep.join([str(tree), str(ROOT), *inherited])
        env.pop("FASTPIX_HIDE_ORJSON", None)
        if hide_orjson:
            env["FASTPIX_HIDE_ORJSON"] = "1"
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), surface, base_url, json.dumps(asdict(sizes)), *clients],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tree,
        )
        ready = self._line()
        if not ready.startswith("ready "):
            raise RuntimeError(f"benchmark worker failed to start:\n{self._stderr()}")
        loaded_from = Path(ready.split(" ", 1)[1]).resolve()
        if loaded_from != tree.resolve():
            self.close()
            raise RuntimeError(f"worker loaded fastpix_async from {loaded_from}, not {tree}")

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def _stderr(self) -> str:
        return self.close()[-3000:]

    def measure(self, scenario: str, client: str) -> tuple[float, float]:
        """Seconds per request over one sample of ``scenario`` by ``client``: wall-clock,
        and the worker's CPU time (which the machine's load barely moves)."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{scenario} {client}\n")
        self.process.stdin.flush()
        answer = self._line()
        try:
            wall, cpu = answer.split()
            return float(wall), float(cpu)
        except ValueError:
            raise RuntimeError(f"benchmark worker failed:\n{self._stderr()}") from None

    def close(self) -> str:
        """End the worker (closing its stdin ends it); what it wrote on stderr."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        errors = ""
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None and not stream.closed:
                if stream is self.process.stderr:
                    errors = stream.read()
                stream.close()
        return errors


@dataclass(frozen=True)
class Candidate:
    label: str
    worker: Worker
    client: str


def _candidates(
    surface: str, base_url: str, sizes: Sizes, against: Path | None
) -> tuple[list[Candidate], list[Worker]]:
    """The floor first; the SDK in its variants; the official SDK; the baseline tree."""
    orjson = importlib.util.find_spec("orjson") is not None
    main_clients = ["raw", "sdk"] + (["raw+orjson"] if orjson else [])
    if official_installed():
        main_clients.append("official")

    workers: list[Worker] = []

    def start(clients: list[str], tree: Path, *, hide_orjson: bool) -> Worker:
        try:
            worker = Worker(surface, base_url, sizes, clients, tree=tree, hide_orjson=hide_orjson)
        except BaseException:
            for started in workers:  # the ones already running end with their stdin
                started.close()
            raise
        workers.append(worker)
        return worker

    main = start(main_clients, ROOT, hide_orjson=False)
    candidates = [Candidate(RAW, main, "raw")]
    if orjson:
        hidden = start(["sdk"], ROOT, hide_orjson=True)
        candidates += [
            Candidate(SDK, hidden, "sdk"),
            Candidate(SDK_ORJSON, main, "sdk"),
            Candidate(RAW_ORJSON, main, "raw+orjson"),
        ]
    else:
        candidates.append(Candidate(SDK, main, "sdk"))  # the only path there is
    if official_installed():
        candidates.append(Candidate(OFFICIAL, main, "official"))
    if against is not None:
        baseline = start(["sdk"], against, hide_orjson=False)
        candidates.append(Candidate(BASELINE, baseline, "sdk"))
    return candidates, workers


def _interleave(
    candidates: list[Candidate], repeats: int
) -> dict[str, dict[str, tuple[float, float]]]:
    """Scenario by scenario, each candidate in turn per round.

    Returns {scenario: {label: (wall, cpu)}}: the medians of seconds per request.
    Each round starts one candidate later than the last, so none always runs first.
    """
    result: dict[str, dict[str, tuple[float, float]]] = {}
    for scenario in SCENARIOS:
        for candidate in candidates:
            candidate.worker.measure(scenario, candidate.client)  # warm: pools, compiled readers
        samples: dict[str, list[tuple[float, float]]] = {c.label: [] for c in candidates}
        for round_ in range(repeats):
            shift = round_ % len(candidates)
            for candidate in candidates[shift:] + candidates[:shift]:
                samples[candidate.label].append(
                    candidate.worker.measure(scenario, candidate.client)
                )
        result[scenario] = {
            label: (
                statistics.median(wall for wall, _ in pairs),
                statistics.median(cpu for _, cpu in pairs),
            )
            for label, pairs in samples.items()
        }
    return result


def _measure(
    surface: str, base_url: str, sizes: Sizes, against: Path | None
) -> dict[str, dict[str, tuple[float, float]]]:
    candidates, workers = _candidates(surface, base_url, sizes, against)
    try:
        return _interleave(candidates, sizes.repeats)
    finally:
        for worker in workers:
            worker.close()


def _ratio(by_label: dict[str, float], label: str) -> float | None:
    return by_label[label] / by_label[RAW] if label in by_label else None


def _surface_report(
    report: Report, surface: str, medians: dict[str, dict[str, tuple[float, float]]], sizes: Sizes
) -> None:
    sdk_name = SURFACES[surface][1]
    concurrency = f"{sizes.async_tasks} tasks" if surface == "async" else f"{sizes.threads} threads"
    for scenario, (label, target_without, target_with) in SCENARIOS.items():
        by_label = {label: wall for label, (wall, _) in medians[scenario].items()}
        cpu = {label: seconds for label, (_, seconds) in medians[scenario].items()}
        floor = by_label[RAW]
        name = f"{surface}: {label}" + (f" ({concurrency})" if scenario == "concurrent" else "")
        without, with_orjson = _ratio(by_label, SDK), _ratio(by_label, SDK_ORJSON)
        official = _ratio(by_label, OFFICIAL)
        line = TargetLine(
            name,
            target_without,
            target_with,
            without,
            with_orjson,
            raw_orjson=_ratio(by_label, RAW_ORJSON),
            official=official,
            official_factor=OFFICIAL_FACTOR if official is not None else None,
        )
        report.targets.append(line)
        timing = ", ".join(f"{k} {v * MICRO:.0f} µs" for k, v in by_label.items())
        # The client's own CPU time moves less with the machine's load than the wall clock.
        timing += "; client CPU time to the floor's: " + ", ".join(
            f"{k} {cpu[k] / cpu[RAW]:.2f}{TIMES}" for k in (SDK, SDK_ORJSON) if k in cpu
        )
        assert without is not None
        report.rows.append(
            Row(f"{name}, without speedups", without, target_without, details=timing)
        )
        if with_orjson is not None:
            report.rows.append(Row(f"{name}, with orjson", with_orjson, target_with))
        if official is not None:
            report.rows.append(
                Row(
                    f"{name}: fastpix-python / {sdk_name} without speedups",
                    official / without,
                    OFFICIAL_FACTOR,
                    at_most=False,
                )
            )
        if BASELINE in by_label:
            ours = SDK_ORJSON if SDK_ORJSON in by_label else SDK
            report.notes.append(
                f"{name}: this tree / --against tree, both with orjson: "
                f"{by_label[ours] / by_label[BASELINE]:.3f}{TIMES} wall-clock, "
                f"{cpu[ours] / cpu[BASELINE]:.3f}{TIMES} client CPU time "
                f"({by_label[BASELINE] * MICRO:.0f} µs, {cpu[BASELINE] * MICRO:.0f} µs CPU "
                "per request for the --against tree)"
            )
        report.chart.append(
            ChartGroup(
                name,
                {
                    "raw client (stdlib json)": floor,
                    "fastpix-sdk": by_label[SDK],
                    **({"fastpix-sdk + orjson": by_label[SDK_ORJSON]} if with_orjson else {}),
                    **({"fastpix-python (official)": by_label[OFFICIAL]} if official else {}),
                },
            )
        )


def run(quick: bool, against: str | None = None) -> Report:
    sizes = QUICK if quick else FULL
    tree = Path(against).resolve() if against else None
    if tree is not None and not (tree / "fastpix_async" / "__init__.py").is_file():
        raise SystemExit(f"--against {against}: no fastpix_async package in that folder")
    report = Report("Requests: per-request cost against the raw client")
    with running_server() as server:
        started, server_cpu = time.perf_counter(), server.cpu_seconds()
        server.stats(reset=True)
        medians = {s: _measure(s, server.base_url, sizes, tree) for s in ("async", "sync")}
        wall = time.perf_counter() - started
        used = server.cpu_seconds() - server_cpu
        requests = server.stats()["requests"]
    for surface, by_scenario in medians.items():
        _surface_report(report, surface, by_scenario, sizes)
    report.notes.append(
        "floor: raw aiohttp / raw urllib3 (30 s timeout, as the SDKs) parsing with the "
        "standard library's json; 'without speedups' runs in a process where orjson "
        "can't be imported (FASTPIX_HIDE_ORJSON=1)"
    )
    report.notes.append(
        f"async: {sizes.async_tasks} tasks in flight for the concurrent scenario; "
        f"sync: {sizes.threads} threads; {sizes.repeats} interleaved rounds, medians"
    )
    report.notes.append(
        f"server: {used / wall:.0%} of one core over the run, "
        f"{used / max(requests, 1) * MICRO:.1f} µs CPU per request ({requests} requests)"
    )
    if tree is not None:
        report.notes.append(f"--against tree: {tree}")
    return report


if __name__ == "__main__":
    cli(run, against=True)
