"""Keeping the keys the SDK doesn't know: what it costs to read a media.

Reading keeps every key of a response object that no field reads, in the model's
``unknown_fields``. The compiled reader looks for them by counting the known keys it
finds (a subset test only when the count falls short); this module budgets that. Each
scenario reads the live-shape media of the benchmark server (``_server.media_object``:
25 keys, 2 tracks, 2 playback IDs with access restrictions, the ``mp4Support``
renditions, metadata), alone and as a page of 20, from parsed dicts and from bytes
(``_json.loads``, then the reader), with:

- ``reader``: this tree's compiled reader (what ``_serde.structure`` calls);
- ``no lookup``: the same models compiled with ``keep_unknown=False``, which neither
  looks for unknown keys nor stores anything for them (reading as it was before they
  were kept): the budget is ``reader`` over ``no lookup``;
- ``9c6a669``: the reader of the commit before issue 16, exported with ``git archive``
  and imported under another package name in this process (skipped, with a note, where
  git or that commit is missing: a shallow clone). The models grew since (the live
  API's fields), so this ratio is not the lookup's alone;
- ``+unknown``: the payload with 3 unknown keys on the media and 1 on each track and
  playback ID, read by this tree's reader (which collects them).

All candidates run interleaved, round after round, and the figures are medians of the
process's CPU time per read (``time.process_time``): on a shared, busy machine, the time
the process waits for a core would otherwise swamp differences of a few percent.

    python -m benchmarks.bench_models [--quick] [--json]
"""

from __future__ import annotations

import copy
import gc
import importlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._common import TIMES, Report, Row, cli, interleaved_medians
from benchmarks._server import media_object

BASELINE = "9c6a669"
PAGE = 20
MICRO = 1e6
# Looking for unknown keys, when there are none: at most 8% more for the reader alone
# (what it costs is a count per object), at most 5% when reading from bytes.
TARGET_LOOKUP = 1.08
TARGET_LOOKUP_BYTES = 1.05
# Collecting a few (3 on the media, 1 on each track and playback ID): at most 30% more.
TARGET_COLLECT = 1.30
HERE = Path(__file__).resolve().parent


def cpu_per_call(work: Callable[[], object], times: int) -> Callable[[], float]:
    """A measure for ``interleaved_medians``: CPU seconds per call over ``times`` calls."""

    def measure() -> float:
        # The collector off while timing: its passes would land on whichever candidate
        # happens to allocate past its threshold, round after round the same one.
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            for _ in range(times):
                work()
            return (time.process_time() - started) / times
        finally:
            gc.enable()

    return measure


def with_unknown_keys(media: dict[str, Any]) -> dict[str, Any]:
    media = copy.deepcopy(media)
    media.update(aiDubbing={"languages": ["fr", "de"]}, storageTier="hot", region="eu-1")
    for nested in (*media["tracks"], *media["playbackIds"]):
        nested["codecProfile"] = "main"
    return media


def load_baseline(workdir: str) -> tuple[Any, Any] | str:
    """The baseline's ``(_serde, models.media)``, or why it is not available."""
    name = f"fastpix_baseline_{BASELINE}"
    try:
        archive = subprocess.run(
            ["git", "archive", BASELINE, "fastpix_async"],
            cwd=HERE.parent,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
        subprocess.run(["tar", "-x", "-C", workdir], input=archive, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"the {BASELINE} comparison is skipped: git archive failed ({exc})"
    Path(workdir, "fastpix_async").rename(Path(workdir, name))
    sys.path.insert(0, workdir)
    return importlib.import_module(f"{name}._serde"), importlib.import_module(f"{name}.models")


def run(quick: bool) -> Report:
    from fastpix_async import _json, _serde
    from fastpix_async._fastpath import compile_structure
    from fastpix_async.models import Media

    rounds, repeats = (40, 3) if quick else (400, 31)
    report = Report("Models: reading with unknown keys kept, against dropping them")
    one = media_object()
    page = [media_object(i) for i in range(PAGE)]
    one_unknown = with_unknown_keys(one)
    page_unknown = [with_unknown_keys(m) for m in page]
    one_bytes = _json.dumps({"success": True, "data": one})
    page_bytes = _json.dumps({"success": True, "data": page})
    one_unknown_bytes = _json.dumps({"success": True, "data": one_unknown})
    page_unknown_bytes = _json.dumps({"success": True, "data": page_unknown})
    loads = _json.loads

    # The compiled functions, called directly (as ``_serde.structure`` calls them), so
    # each pair differs by the lookup alone. Each must read the payloads itself: an
    # exception would leave them to cattrs in real use, and time nothing here.
    converter = _serde.get_converter()
    read_one = compile_structure(converter, Media)
    read_page = compile_structure(converter, list[Media])
    no_lookup = {
        Media: compile_structure(converter, Media, keep_unknown=False),
        list[Media]: compile_structure(converter, list[Media], keep_unknown=False),
    }
    assert read_page(page_unknown)[0].unknown_fields and not read_page(page)[0].unknown_fields
    assert not no_lookup[list[Media]](page_unknown)[0].unknown_fields

    candidates: dict[str, Callable[[], object]] = {
        "reader one": lambda: read_one(one),
        "reader page": lambda: read_page(page),
        "reader one bytes": lambda: read_one(loads(one_bytes)["data"]),
        "reader page bytes": lambda: read_page(loads(page_bytes)["data"]),
        "no lookup one": lambda: no_lookup[Media](one),
        "no lookup page": lambda: no_lookup[list[Media]](page),
        "no lookup one bytes": lambda: no_lookup[Media](loads(one_bytes)["data"]),
        "no lookup page bytes": lambda: no_lookup[list[Media]](loads(page_bytes)["data"]),
        "+unknown one": lambda: read_one(one_unknown),
        "+unknown page": lambda: read_page(page_unknown),
        "+unknown one bytes": lambda: read_one(loads(one_unknown_bytes)["data"]),
        "+unknown page bytes": lambda: read_page(loads(page_unknown_bytes)["data"]),
    }
    with tempfile.TemporaryDirectory(prefix="fastpix-baseline-") as workdir:
        baseline = load_baseline(workdir)
        if isinstance(baseline, str):
            report.notes.append(baseline)
        else:
            old_serde, old_models = baseline
            old_package = old_serde.__package__
            old_compile = importlib.import_module(f"{old_package}._fastpath").compile_structure
            old_loads = importlib.import_module(f"{old_package}._json").loads
            old_converter = old_serde.get_converter()
            old_one = old_compile(old_converter, old_models.Media)
            old_page = old_compile(old_converter, list[old_models.Media])
            assert old_page(page)[0].id == read_page(page)[0].id
            candidates.update(
                {
                    "9c6a669 one": lambda: old_one(one),
                    "9c6a669 page": lambda: old_page(page),
                    "9c6a669 one bytes": lambda: old_one(old_loads(one_bytes)["data"]),
                    "9c6a669 page bytes": lambda: old_page(old_loads(page_bytes)["data"]),
                }
            )
        for read in candidates.values():
            read()  # compiled on first use, outside the timing
        medians = interleaved_medians(
            {
                name: cpu_per_call(read, rounds // 10 if "page" in name else rounds)
                for name, read in candidates.items()
            },
            repeats,
        )
    scenarios = [
        ("one media from dicts", "one"),
        (f"a page of {PAGE} from dicts", "page"),
        ("one media from bytes", "one bytes"),
        (f"a page of {PAGE} from bytes", "page bytes"),
    ]
    for label, suffix in scenarios:
        ours, bare = medians[f"reader {suffix}"], medians[f"no lookup {suffix}"]
        report.rows.append(
            Row(
                f"{label}, no unknown keys: looking for them / not",
                ours / bare,
                TARGET_LOOKUP_BYTES if "bytes" in suffix else TARGET_LOOKUP,
                details=f"{ours * MICRO:.1f} µs vs {bare * MICRO:.1f} µs",
            )
        )
    for label, suffix in scenarios:
        kept, ours = medians[f"+unknown {suffix}"], medians[f"reader {suffix}"]
        report.rows.append(
            Row(
                f"{label}, a few unknown keys kept / none",
                kept / ours,
                TARGET_COLLECT,
                details=f"{kept * MICRO:.1f} µs vs {ours * MICRO:.1f} µs",
            )
        )
    if "9c6a669 one" in medians:
        ratios = ", ".join(
            f"{label} {medians[f'reader {suffix}'] / medians[f'9c6a669 {suffix}']:.2f}{TIMES} "
            f"({medians[f'no lookup {suffix}'] / medians[f'9c6a669 {suffix}']:.2f}{TIMES} "
            f"without the lookup; {medians[f'9c6a669 {suffix}'] * MICRO:.1f} µs then)"
            for label, suffix in scenarios
        )
        report.notes.append(
            f"this tree's reader over {BASELINE}'s, no unknown keys: {ratios}. The "
            "difference without the lookup is the models' own: they read more of the "
            "live API's fields since (the mp4Support renditions as models, ...)."
        )
    report.notes.append(
        f"{repeats} interleaved rounds, medians; orjson "
        + ("installed" if _json.orjson is not None else "not installed")
    )
    return report


if __name__ == "__main__":
    cli(run)
