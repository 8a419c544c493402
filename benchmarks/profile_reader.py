"""Where reading one live-shape media goes: instruction counts under callgrind.

``python -m benchmarks.profile_reader`` counts the CPU instructions (valgrind's
callgrind, so the figures don't move with the machine's load) of each step of reading
the benchmark server's media (``_server.media_object``): parsing the body, the compiled
reader for ``Media`` and for each nested model, and the primitive operations the
generated code repeats per field, beside cheaper alternatives. Each figure is the
difference between two runs of the same operation (``--small`` and ``--large`` times),
divided by the difference, so loop set-up cancels out; one callgrind run counts them all
(``--dump-before=time_sleep``: a ``time.sleep(0)`` between runs marks each one).

``--source`` prints the reader compiled for ``Media`` instead. Without valgrind, the
operations are timed (medians of rounds) rather than counted. Reading is the SDK's
``_serde.structure``; with ``PYTHONPATH=<tree>`` another source tree's SDK is profiled.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PYDANTIC = "pydantic v2: model_validate_json(envelope)"
# name -> (description, setup code, statement): run in a fresh interpreter.
SETUP = """
import json, sys
from datetime import datetime, timezone
from benchmarks._server import GET_MEDIA, body_of, media_object
from fastpix_async import _json
from fastpix_async._serde import _compiled, structure
from fastpix_async._shapes import enum_members
from fastpix_async.models import Media, MediaStatus, PlaybackId, Track
from fastpix_async.models.common import AccessRestrictions, RestrictionRules
body = body_of(GET_MEDIA)
o = media_object()
structure(o, Media)
read = _compiled[Media]
rules, open_rules = (p["accessRestrictions"]["domains"] for p in reversed(o["playbackIds"]))
for cls, sub in ((PlaybackId, o["playbackIds"][0]), (Track, o["tracks"][0]),
                 (AccessRestrictions, o["playbackIds"][0]["accessRestrictions"]),
                 (RestrictionRules, rules)):
    structure(sub, cls)
members = enum_members(MediaStatus)
exact = {**{m.value: m for m in MediaStatus}, **members}
stamp = o["createdAt"]
micro = "2026-03-01T10:15:30.123456+00:00"
intern = sys.intern
blank = object.__new__(Media)
set_title = Media.title.__set__
metadata = o["metadata"]
empty = []
default_rules = {"defaultPolicy": "allow", "allow": [], "deny": []}
try:
    from benchmarks._pydantic_media import MediaEnvelope
except ImportError:  # pydantic is benchmark tooling: its row is left out
    MediaEnvelope = None
"""

OPERATIONS: dict[str, tuple[str, str]] = {
    # the whole read, as the request path does it
    "json.loads(envelope)": ("the body, standard library", "json.loads(body)"),
    "orjson.loads(envelope)": ("the body, orjson", "_json.orjson.loads(body)"),
    "_json.loads(envelope)": ("orjson, after its exact-integer check", "_json.loads(body)"),
    "_json's exact-integer check": (
        "a 20-digit run? (bytes.translate + search)",
        "_json._orjson_reads_exactly(body)",
    ),
    "read Media": ("compiled reader, whole media", "read(o)"),
    "SDK from bytes, orjson": (
        "what the request path does",
        "structure(_json.loads(body).get('data'), Media)",
    ),
    PYDANTIC: ("the reference (pydantic installed)", "MediaEnvelope.model_validate_json(body)"),
    "structure(o, Media)": ("_serde.structure: cache lookup + reader", "structure(o, Media)"),
    # nested models (inclusive)
    "PlaybackId (open)": ("1 of 2 per media", "_compiled[PlaybackId](o['playbackIds'][0])"),
    "PlaybackId (lists)": ("1 of 2 per media", "_compiled[PlaybackId](o['playbackIds'][1])"),
    "AccessRestrictions": (
        "2 per media",
        "_compiled[AccessRestrictions](o['playbackIds'][0]['accessRestrictions'])",
    ),
    "RestrictionRules (empty lists)": ("3 per media", "_compiled[RestrictionRules](open_rules)"),
    "RestrictionRules (with items)": ("1 per media", "_compiled[RestrictionRules](rules)"),
    "Track (video)": ("1 per media", "_compiled[Track](o['tracks'][0])"),
    "Track (audio)": ("1 per media", "_compiled[Track](o['tracks'][1])"),
    # primitives the generated code repeats, and alternatives
    "fromisoformat(nanoseconds, Z)": ("2 per media", "datetime.fromisoformat(stamp)"),
    "fromisoformat(microseconds, +00:00)": ("for comparison", "datetime.fromisoformat(micro)"),
    "open enum: members.get(v.lower(), v)": (
        "10 per media",
        "members.get('Ready'.lower(), 'Ready')",
    ),
    "open enum: exact-case dict first": (
        "alternative",
        "exact.get('ready') or members.get('ready'.lower(), 'ready')",
    ),
    "short text: intern(v) if len(v) <= 16": (
        "~22 per media",
        "(intern('available') if len('available') <= 16 else 0)",
    ),
    "absent key: o.get(key) is None": (
        "6 per media",
        "None if (v := o.get('streamId')) is None else v",
    ),
    "slot setter call": ("1 per field: ~75 per media", "set_title(blank, None)"),
    "object.__new__(Media)": ("1 per model: 10 per media", "object.__new__(Media)"),
    "metadata dict rebuilt, interned": (
        "1 per media",
        "{(intern(k) if len(k) <= 16 else k): (intern(v) if len(v) <= 16 else v)"
        " for k, v in metadata.items()}",
    ),
    "empty list rebuilt: [i for i in v]": ("6 per media", "[i for i in empty]"),
    "empty list reused: v if not v else [...]": (
        "alternative",
        "empty if not empty else [i for i in empty]",
    ),
    "short text, no intern: v if v.__class__ is str": (
        "alternative",
        "'x' if 'available'.__class__ is str else 0",
    ),
    "shared rules: one dict comparison": (
        "alternative to reading 3 of 4 rules",
        "open_rules == default_rules",
    ),
    "loop overhead (pass)": ("subtracted from every figure above", "pass"),
}


LOOP = "loop overhead (pass)"


def _child(names: list[str], small: int, large: int) -> None:
    """Run each operation ``small`` then ``large`` times, a ``time.sleep(0)`` around each run.

    Under callgrind with ``--dump-before=time_sleep``, each sleep writes the counts since
    the previous one: the parent reads a run's instructions from its own dump.
    """
    namespace: dict[str, Any] = {}
    exec(SETUP, namespace)
    for name in names:
        for times in (small, large):
            code = compile(f"for _ in range({times}):\n    {OPERATIONS[name][1]}\n", name, "exec")
            time.sleep(0)
            exec(code, namespace)
    time.sleep(0)


def _instructions(names: list[str], small: int, large: int, env: dict[str, str]) -> list[float]:
    """Instructions per call of each operation, from one callgrind run."""
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--dump-before=time_sleep",
                f"--callgrind-out-file={folder}/out",
                sys.executable,
                "-m",
                "benchmarks.profile_reader",
                "--child",
                ",".join(str(list(OPERATIONS).index(name)) for name in names),
                str(small),
                str(large),
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"callgrind failed:\n{result.stderr[-2000:]}")
        dumps = sorted(Path(folder).glob("out.*"), key=lambda path: int(path.suffix[1:]))
        totals = []
        for dump in dumps:
            found = re.search(r"^(?:summary|totals): (\d+)", dump.read_text(), re.MULTILINE)
            totals.append(int(found.group(1)) if found else 0)
    # dump 1: start-up and setup; then one dump per run: (small, large) for each operation
    runs = totals[1 : 1 + 2 * len(names)]
    if len(runs) != 2 * len(names):
        raise RuntimeError(f"expected {2 * len(names) + 1} dumps, found {len(totals)}")
    return [(runs[2 * i + 1] - runs[2 * i]) / (large - small) for i in range(len(names))]


def _timed(name: str, rounds: int) -> float:
    namespace: dict[str, Any] = {}
    exec(SETUP, namespace)
    code = compile(f"for _ in range({rounds}):\n    {OPERATIONS[name][1]}\n", name, "exec")
    samples = []
    for _ in range(7):
        started = time.perf_counter()
        exec(code, namespace)
        samples.append((time.perf_counter() - started) / rounds)
    return statistics.median(samples)


def _source() -> str:
    from fastpix_async import _fastpath

    sources: list[str] = []
    define: Callable[..., Any] = _fastpath._Compiler.define

    def recording(self: Any, name: str, source: str, filename: str) -> Any:
        sources.append(source)
        return define(self, name, source, filename)

    _fastpath._Compiler.define = recording  # type: ignore[method-assign]
    from benchmarks._server import media_object
    from fastpix_async._serde import structure
    from fastpix_async.models import Media

    structure(media_object(), Media)
    return "\n".join(sources)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_reader")
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=1200)
    parser.add_argument("--only", help="a regular expression: the operations to count")
    parser.add_argument("--source", action="store_true", help="print the compiled readers")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        every = list(OPERATIONS)  # the parent names them by index (names hold commas)
        chosen = [every[int(index)] for index in args.child[0].split(",")]
        _child(chosen, int(args.child[1]), int(args.child[2]))
        return
    if args.source:
        print(_source())
        return
    names = [n for n in OPERATIONS if not args.only or re.search(args.only, n)]
    if importlib.util.find_spec("pydantic") is None and PYDANTIC in names:
        names.remove(PYDANTIC)
    if LOOP not in names:
        names.append(LOOP)  # every figure is net of the timing loop's own cost
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [*filter(None, [env.get("PYTHONPATH")]), os.path.dirname(os.path.dirname(__file__))]
    )
    counted = shutil.which("valgrind") is not None
    unit = "instructions" if counted else "ns (timed: valgrind not found)"
    if counted:
        figures = _instructions(names, args.small, args.large, env)
    else:
        figures = [_timed(name, args.large) * 1e9 for name in names]
    loop = figures[names.index(LOOP)]
    print(f"| operation | per media | {unit} per call |")
    print("| --- | --- | ---: |")
    for name, figure in zip(names, figures, strict=True):
        net = figure if name == LOOP else figure - loop
        print(f"| {name} | {OPERATIONS[name][0]} | {net:,.0f} |")


if __name__ == "__main__":
    main()
