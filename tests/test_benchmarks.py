"""The benchmark tooling works: its tables, its chart, ``--quick`` and ``--against``.

No figure is asserted (they depend on the machine); what is checked is what a
maintainer relies on: a quick run leaves RESULTS.md and the chart alone, a missed target
reads "no", the chart is a well-formed SVG with one bar per client, and a worker started
for another source tree really measures that tree's SDK.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

import pytest

from benchmarks import bench_requests
from benchmarks.__main__ import CHART, RESULTS, targets_table
from benchmarks._chart import render
from benchmarks._common import TIMES, ChartGroup, Report, TargetLine
from benchmarks._server import running_server

ROOT = Path(__file__).resolve().parents[1]


def test_targets_table_marks_each_missed_target() -> None:
    lines = [
        TargetLine(
            "sequential GET",
            1.2,
            1.05,
            1.1,
            1.04,
            raw_orjson=0.9,
            official=8.0,
            official_factor=4.0,
        ),
        TargetLine("list page of 20", 1.6, 1.3, 1.7, 1.2, official=5.0, official_factor=4.0),
        TargetLine("reading vs pydantic", None, 1.0, None, None, note="pydantic not installed"),
    ]
    table = "\n".join(targets_table(lines))
    met, missed, skipped = table.splitlines()[-3:]
    assert met.endswith("| yes |")
    assert f"1.10{TIMES}" in met and f"0.90{TIMES}" in met
    assert f"8.00{TIMES} (7.3{TIMES} ours)" in met
    assert f"**no**: without speedups, < 4{TIMES} faster than fastpix-python" in missed
    assert "skipped (pydantic not installed)" in skipped


def test_report_round_trips_through_json() -> None:
    report = Report(
        "t",
        targets=[TargetLine("s", 1.2, None, 1.0, None)],
        chart=[ChartGroup("s", {"raw": 1e-4, "sdk": 1.2e-4})],
    )
    assert Report.from_json(report.to_json()) == report


def test_chart_is_an_svg_with_a_bar_per_client() -> None:
    groups = [
        ChartGroup("async: sequential GET", {"raw": 1e-4, "ours": 1.1e-4, "official's": 9e-4}),
        ChartGroup("sync: list page of 20", {"raw": 3e-4, "ours": 4e-4}),
    ]
    svg = xml.dom.minidom.parseString(render(groups, "A & B's chart", "sub"))
    bars = [r for r in svg.getElementsByTagName("rect") if r.getElementsByTagName("title")]
    assert len(bars) == 5
    widths = [float(bar.getAttribute("width")) for bar in bars]
    assert widths[0] < widths[1] < widths[2]  # longer is slower
    texts = [
        "".join(node.data for node in t.childNodes if isinstance(node, xml.dom.minidom.Text))
        for t in svg.getElementsByTagName("text")
    ]
    assert "A & B's chart" in texts and f"9.00{TIMES} · 900 µs" in texts


def test_quick_run_leaves_results_and_chart_alone() -> None:
    before = {path: path.read_bytes() if path.exists() else None for path in (RESULTS, CHART)}
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "bench_reading"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "RESULTS.md untouched" in result.stdout
    assert "reading one media from bytes vs pydantic v2 from bytes" in result.stdout
    report = Path(result.stdout.split("report in ")[1].split()[0])
    assert "## Targets" in report.read_text(encoding="utf-8")
    report.unlink()
    assert {p: p.read_bytes() if p.exists() else None for p in (RESULTS, CHART)} == before


def test_against_a_folder_without_the_sdk_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no fastpix_async package"):
        bench_requests.run(quick=True, against=str(tmp_path))


def test_a_worker_measures_the_sdk_of_the_tree_it_was_given(tmp_path: Path) -> None:
    for package in ("fastpix_async", "fastpix_sync"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    sizes = bench_requests.Sizes(
        sequential=2, concurrent=4, async_tasks=2, threads=2, pages=1, repeats=1
    )
    with running_server() as server:
        # the worker checks where fastpix_async came from, and refuses another tree
        worker = bench_requests.Worker(
            "sync", server.base_url, sizes, ["sdk"], tree=tmp_path, hide_orjson=True
        )
        try:
            wall, cpu = worker.measure("sequential", "sdk")
            assert wall > 0 and cpu > 0
            assert min(worker.measure("page", "sdk")) > 0
        finally:
            worker.close()
        assert server.stats()["requests"] == 3
