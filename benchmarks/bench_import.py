"""Cold start: importing each SDK against importing its HTTP library, in fresh interpreters.

Each sample is a new ``python -c`` that times its own import statement (interpreter
start-up excluded), with bytecode caches written as an installed wheel has them.
A second set times import + client + first GET against the local server, so laziness
that only moves cost into the first request shows up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

from benchmarks._clients import AUTHORIZATION, SECRET, TOKEN_ID, official_installed
from benchmarks._common import Report, Row, TargetLine, cli, interleaved_medians
from benchmarks._server import running_server

TIMES = "\N{MULTIPLICATION SIGN}"

_TIMED = """
{setup}
import time
_started = time.perf_counter()
{code}
print(time.perf_counter() - _started)
"""


@dataclass(frozen=True)
class Case:
    label: str
    code: str
    setup: str = ""  # run before the clock starts


# As if the speedups extra were not installed: ``import orjson`` fails.
HIDE_ORJSON = "import sys; sys.modules['orjson'] = None"


IMPORTS = [
    Case("import urllib3", "import urllib3"),
    Case("import fastpix_sync", "import fastpix_sync"),
    Case("from fastpix_sync import FastPix", "from fastpix_sync import FastPix"),
    Case(
        "from fastpix_sync import FastPix (without speedups)",
        "from fastpix_sync import FastPix",
        HIDE_ORJSON,
    ),
    Case("import aiohttp", "import aiohttp"),
    Case("import fastpix_async", "import fastpix_async"),
    Case("from fastpix_async import AsyncFastPix", "from fastpix_async import AsyncFastPix"),
]
OFFICIAL_IMPORT = Case("from fastpix_python import Fastpix", "from fastpix_python import Fastpix")

# (SDK, its floor, target): the targets, plus what a program actually writes.
IMPORT_TARGETS = [
    ("import fastpix_sync", "import urllib3", 1.3),
    ("from fastpix_sync import FastPix", "import urllib3", 1.3),
    ("import fastpix_async", "import aiohttp", 1.2),
    ("from fastpix_async import AsyncFastPix", "import aiohttp", 1.2),
]


def first_get_cases(base_url: str) -> list[Case]:
    headers = {"Authorization": AUTHORIZATION}
    return [
        Case(
            "urllib3: import + first GET",
            "import json, urllib3\n"
            f"json.loads(urllib3.PoolManager().request('GET', {base_url + '/on-demand/m1'!r},"
            f" headers={headers!r}).data)",
        ),
        Case(
            "fastpix_sync: import + first GET",
            "from fastpix_sync import FastPix\n"
            f"with FastPix({TOKEN_ID!r}, {SECRET!r}, base_url={base_url!r}) as fp:\n"
            "    fp.media.get('m1')",
        ),
        Case(
            "aiohttp: import + first GET",
            "import asyncio, json, aiohttp\n"
            "async def main():\n"
            "    async with aiohttp.ClientSession() as session:\n"
            f"        async with session.get({base_url + '/on-demand/m1'!r},"
            f" headers={headers!r}) as r:\n"
            "            json.loads(await r.read())\n"
            "asyncio.run(main())",
        ),
        Case(
            "fastpix_async: import + first GET",
            "import asyncio\nfrom fastpix_async import AsyncFastPix\n"
            "async def main():\n"
            f"    async with AsyncFastPix({TOKEN_ID!r}, {SECRET!r}, base_url={base_url!r}) as fp:\n"
            "        await fp.media.get('m1')\n"
            "asyncio.run(main())",
        ),
    ]


FIRST_GET_PAIRS = [
    ("fastpix_sync: import + first GET", "urllib3: import + first GET"),
    ("fastpix_async: import + first GET", "aiohttp: import + first GET"),
]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc files
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def _fresh(case: Case) -> float:
    result = subprocess.run(
        [sys.executable, "-c", _TIMED.format(setup=case.setup, code=case.code)],
        capture_output=True,
        text=True,
        env=_environment(),
        check=False,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{case.label!r} failed:\n{result.stderr}")
    return float(result.stdout.split()[-1])


def _modules_loaded_by(code: str, names: tuple[str, ...]) -> list[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = json.loads(result.stdout.splitlines()[-1])
    return [name for name in names if name in loaded]


def _medians(cases: list[Case], repeats: int) -> dict[str, float]:
    for case in cases:
        _fresh(case)  # writes bytecode caches, warms the OS file cache
    return interleaved_medians(
        {case.label: (lambda case=case: _fresh(case)) for case in cases}, repeats
    )


def run(quick: bool) -> Report:
    repeats = 2 if quick else 15
    report = Report("Cold start: import time against the HTTP library alone")
    cases = IMPORTS + ([OFFICIAL_IMPORT] if official_installed() else [])
    medians = _medians(cases, repeats)
    for sdk, floor, target in IMPORT_TARGETS:
        report.rows.append(
            Row(
                f"{sdk} / {floor}",
                medians[sdk] / medians[floor],
                target,
                details=f"{medians[sdk] * 1e3:.1f} ms vs {medians[floor] * 1e3:.1f} ms",
            )
        )
    urllib3 = medians["import urllib3"]
    with_orjson = medians["from fastpix_sync import FastPix"]
    without = medians["from fastpix_sync import FastPix (without speedups)"]
    report.targets.append(
        TargetLine(
            "`from fastpix_sync import FastPix` vs `import urllib3`",
            1.3,
            1.3,
            without / urllib3,
            with_orjson / urllib3,
            note=f"{without * 1e3:.1f} / {with_orjson * 1e3:.1f} ms vs {urllib3 * 1e3:.1f} ms",
        )
    )
    report.rows.append(
        Row(
            "from fastpix_sync import FastPix (without speedups) / import urllib3",
            without / urllib3,
            1.3,
            details=f"{without * 1e3:.1f} ms vs {urllib3 * 1e3:.1f} ms",
        )
    )
    # The shared core lives in fastpix_async; its async layers and the async stack must not load.
    async_stack = _modules_loaded_by(
        "from fastpix_sync import FastPix\nFastPix('id', 'secret').media",
        ("aiohttp", "anyio", "asyncio", "fastpix_async._client", "fastpix_async._backend"),
    )
    report.rows.append(
        Row(
            "async modules loaded by fastpix_sync (client + media resource)",
            len(async_stack),
            0,
            unit="",
            details=", ".join(async_stack) or "none of aiohttp, anyio, asyncio, the async client",
        )
    )
    if OFFICIAL_IMPORT in cases:
        official = medians[OFFICIAL_IMPORT.label]
        report.notes.append(
            f"for comparison, {OFFICIAL_IMPORT.label}: {official * 1e3:.1f} ms "
            f"({official / medians['import urllib3']:.1f}{TIMES} import urllib3)"
        )
    with running_server() as server:
        first = _medians(first_get_cases(server.base_url), repeats)
    for sdk, floor in FIRST_GET_PAIRS:
        report.notes.append(
            f"{sdk}: {first[sdk] * 1e3:.1f} ms vs {floor}: {first[floor] * 1e3:.1f} ms "
            f"({first[sdk] / first[floor]:.2f}{TIMES}; what lazy imports defer is paid here)"
        )
    report.notes.append(f"fresh interpreters, {repeats} interleaved repeats, medians")
    return report


if __name__ == "__main__":
    cli(run)
