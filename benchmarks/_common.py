"""What every benchmark module shares: rows with targets, interleaved medians, a CLI.

A benchmark module defines ``run(quick: bool) -> Report`` and ends with
``if __name__ == "__main__": cli(run)``. ``python -m benchmarks.<module> [--quick] [--json]``
prints a readable table, or the report as JSON for the suite runner.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

TIMES = "\N{MULTIPLICATION SIGN}"


@dataclass
class Row:
    """One measured figure against its target: ``measured <= target`` or ``>=``."""

    scenario: str
    measured: float
    target: float
    unit: str = "\N{MULTIPLICATION SIGN}"  # a ratio; or "MiB", "%", ...
    at_most: bool = True  # False: the target is a floor
    details: str = ""

    @property
    def met(self) -> bool:
        return self.measured <= self.target if self.at_most else self.measured >= self.target

    def _measured_text(self) -> str:
        if not self.unit and float(self.measured).is_integer():
            return f"{self.measured:.0f}"  # a count: sockets, modules
        text = f"{self.measured:.2f}"
        if float(text) == self.target and not self.met:
            text = f"{self.measured:.3f}"  # never a rounded "met" figure marked "no"
        return text + self.unit

    def cells(self) -> list[str]:
        sign = "≤" if self.at_most else "≥"
        return [
            self.scenario,
            self._measured_text(),
            f"{sign} {self.target:g}{self.unit}",
            "yes" if self.met else "**no**",
            self.details,
        ]


@dataclass
class TargetLine:
    """A line of the targets table atop RESULTS.md: ratios to the floor, without and with orjson.

    A target or figure of ``None`` is "—" (no target, or not measured: orjson or the
    official SDK not installed). ``official`` is FastPix's official SDK's ratio to the
    same floor; with ``official_factor`` set, it must be at least that many times ours
    (without speedups, the slower of our two).
    """

    scenario: str
    target_without: float | None
    target_with: float | None
    without: float | None
    with_orjson: float | None
    raw_orjson: float | None = None
    official: float | None = None
    official_factor: float | None = None
    note: str = ""

    def misses(self) -> list[str]:
        """What is missed, in words; empty when every target is met."""
        missed = []
        for label, figure, target in (
            ("without speedups", self.without, self.target_without),
            ("with orjson", self.with_orjson, self.target_with),
        ):
            if figure is not None and target is not None and figure > target:
                missed.append(label)
        ours = self.without if self.without is not None else self.with_orjson
        factor, official = self.official_factor, self.official
        if factor and official is not None and ours and official / ours < factor:
            missed.append(f"< {factor:g}{TIMES} faster than fastpix-python")
        return missed


@dataclass
class ChartGroup:
    """One scenario of the chart: seconds per request (or per read) by series name."""

    scenario: str
    seconds: dict[str, float]


@dataclass
class Report:
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    targets: list[TargetLine] = field(default_factory=list)
    chart: list[ChartGroup] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"### {self.title}", ""]
        if self.rows:
            lines += [
                "| scenario | measured | target | met | details |",
                "| --- | --- | --- | --- | --- |",
            ]
            lines += ["| " + " | ".join(row.cells()) + " |" for row in self.rows]
            lines.append("")
        lines += [f"- {note}" for note in self.notes]
        return "\n".join(lines).rstrip() + "\n"

    def to_json(self) -> str:
        return json.dumps(
            {
                "title": self.title,
                "rows": [asdict(r) for r in self.rows],
                "notes": self.notes,
                "targets": [asdict(t) for t in self.targets],
                "chart": [asdict(g) for g in self.chart],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Report:
        raw = json.loads(text)
        return cls(
            raw["title"],
            [Row(**row) for row in raw["rows"]],
            raw["notes"],
            [TargetLine(**line) for line in raw.get("targets", [])],
            [ChartGroup(**group) for group in raw.get("chart", [])],
        )


def interleaved_medians(
    candidates: dict[str, Callable[[], float]], repeats: int
) -> dict[str, float]:
    """Run each candidate once per round, in turn, and return each one's median.

    Interleaving spreads the machine's noise over all candidates alike, so their
    ratios stay meaningful on a shared, busy host. A candidate returns its own
    figure (seconds per operation, usually).
    """
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(repeats):
        for name, measure in candidates.items():
            samples[name].append(measure())
    return {name: statistics.median(values) for name, values in samples.items()}


def per_call(work: Callable[[], object], times: int) -> Callable[[], float]:
    """A measure for :func:`interleaved_medians`: seconds per call over ``times`` calls."""

    def measure() -> float:
        started = time.perf_counter()
        for _ in range(times):
            work()
        return (time.perf_counter() - started) / times

    return measure


def peak_rss_mib() -> float:
    """This process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def cli(run: Callable[..., Report], *, against: bool = False) -> None:
    """The command line of a benchmark module; ``against``: it takes ``--against DIR``."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a reduced run that checks it works")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    if against:
        parser.add_argument(
            "--against",
            metavar="DIR",
            help="also measure the fastpix_async/fastpix_sync of this source tree, interleaved",
        )
    args = parser.parse_args()
    report = run(args.quick, args.against) if against else run(args.quick)
    sys.stdout.write(report.to_json() + "\n" if args.json else report.markdown())
