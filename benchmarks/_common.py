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
class Report:
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

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
            {"title": self.title, "rows": [asdict(r) for r in self.rows], "notes": self.notes}
        )

    @classmethod
    def from_json(cls, text: str) -> Report:
        raw = json.loads(text)
        return cls(raw["title"], [Row(**row) for row in raw["rows"]], raw["notes"])


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


def cli(run: Callable[[bool], Report]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a reduced run that checks it works")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    report = run(args.quick)
    sys.stdout.write(report.to_json() + "\n" if args.json else report.markdown())
