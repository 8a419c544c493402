"""Reading a media from bytes: the SDK's request path against pydantic v2 validating JSON.

The SDK reads a response as its request path does (``fastpix_async/_http.py``): the
envelope parsed by ``_json.loads`` (orjson when installed, else the standard library),
then its ``data`` read into ``Media`` by ``_serde.structure`` (the compiled reader).
pydantic v2, whose core is in Rust, validates the same bytes into equivalent models
(``_pydantic_media.py``) with ``model_validate_json``. Both read the live-shape payload
the benchmark server sends (``_server.media_object``). The SDK is timed with orjson and
with the standard library (``_json`` switched in-process), interleaved with pydantic.

pydantic is benchmark tooling only (``nox -s bench``, the ``bench`` extra): without
it, the rows say so and are skipped.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from benchmarks._common import TIMES, Report, Row, TargetLine, cli, interleaved_medians, per_call
from benchmarks._server import GET_MEDIA, LIST_PAGE, body_of

MICRO = 1e6
TARGET = 1.00  # with orjson, at least as fast as pydantic's Rust core
SCENARIO = "reading one media from bytes vs pydantic v2 from bytes"


def sdk_reader(body: bytes, cls: Any, *, orjson: bool) -> Callable[[], Any]:
    """The SDK's reading of ``body`` into ``cls``, with or without orjson."""
    from fastpix_async import _json
    from fastpix_async._serde import structure

    installed = _json.orjson

    def read() -> Any:
        _json.orjson = installed if orjson else None  # loads() looks it up at each call
        try:
            return structure(_json.loads(body).get("data"), cls)
        finally:
            _json.orjson = installed

    return read


def _check_equivalent(ours: Any, theirs: Any) -> None:
    """The two readings hold the same values: a model that skipped fields would be cheaper."""
    pairs = [
        (ours.id, theirs.id),
        (ours.created_at, theirs.created_at),
        (ours.updated_at, theirs.updated_at),
        (ours.duration, theirs.duration),
        (ours.metadata, theirs.metadata),
        (len(ours.tracks), len(theirs.tracks)),
        (ours.tracks[0].type, theirs.tracks[0].type),
        (ours.tracks[0].width, theirs.tracks[0].width),
        (
            [p.access_policy for p in ours.playback_ids],
            [p.access_policy for p in theirs.playback_ids],
        ),
        (
            ours.playback_ids[1].access_restrictions.domains.allow,
            theirs.playback_ids[1].access_restrictions.domains.allow,
        ),
        (ours.media_quality, theirs.media_quality),
    ]
    for mine, other in pairs:
        if mine != other:
            raise AssertionError(f"the pydantic model reads {other!r} where the SDK reads {mine!r}")


def run(quick: bool) -> Report:
    from fastpix_async import _json
    from fastpix_async._serde import _compiled, structure
    from fastpix_async.models import Media

    rounds, repeats = (100, 3) if quick else (2000, 15)
    report = Report("Reading models from bytes: the SDK against pydantic v2")
    media, page = body_of(GET_MEDIA), body_of(LIST_PAGE)
    orjson = _json.orjson is not None
    # The compiled reader must read this payload itself, not hand it to cattrs' fallback.
    _compiled.get(Media) or structure(_json.loads(media)["data"], Media)
    _compiled[Media](_json.loads(media)["data"])
    candidates = {
        "sdk": sdk_reader(media, Media, orjson=False),
        "sdk page": sdk_reader(page, list[Media], orjson=False),
    }
    if orjson:
        candidates["sdk+orjson"] = sdk_reader(media, Media, orjson=True)
        candidates["sdk+orjson page"] = sdk_reader(page, list[Media], orjson=True)
    pydantic = importlib.util.find_spec("pydantic") is not None
    if pydantic:
        from benchmarks._pydantic_media import MediaEnvelope, MediaPageEnvelope

        _check_equivalent(candidates["sdk"](), MediaEnvelope.model_validate_json(media).data)
        candidates["pydantic"] = lambda: MediaEnvelope.model_validate_json(media)
        candidates["pydantic page"] = lambda: MediaPageEnvelope.model_validate_json(page)
    medians = interleaved_medians(
        {
            name: per_call(read, rounds // 20 if name.endswith("page") else rounds)
            for name, read in candidates.items()
        },
        repeats,
    )
    micro = {name: f"{seconds * MICRO:.1f} µs" for name, seconds in medians.items()}
    report.notes.append(
        "one media (envelope, 25 keys, 2 tracks, 2 playback IDs with restrictions, "
        f"renditions): SDK {micro['sdk']} with the standard library"
        + (f", {micro['sdk+orjson']} with orjson" if orjson else " (orjson not installed)")
        + (f"; pydantic v2 {micro['pydantic']}" if pydantic else "")
    )
    report.notes.append(
        f"a list page of 20: SDK {micro['sdk page']} with the standard library"
        + (f", {micro['sdk+orjson page']} with orjson" if orjson else "")
        + (f"; pydantic v2 {micro['pydantic page']}" if pydantic else "")
    )
    if not pydantic:
        report.targets.append(
            TargetLine(SCENARIO, None, TARGET, None, None, note="pydantic not installed")
        )
        report.notes.append("pydantic is not installed: the comparison is skipped (nox -s bench)")
        return report
    floor = medians["pydantic"]
    without = medians["sdk"] / floor
    with_orjson = medians["sdk+orjson"] / floor if orjson else None
    report.targets.append(
        TargetLine(
            SCENARIO,
            None,
            TARGET,
            without,
            with_orjson,
            note=f"pydantic {floor * MICRO:.1f} µs",
        )
    )
    if with_orjson is not None:
        report.rows.append(
            Row(
                "one media from bytes, SDK with orjson / pydantic v2",
                with_orjson,
                TARGET,
                details=f"{micro['sdk+orjson']} vs {micro['pydantic']}",
            )
        )
    report.notes.append(
        f"without speedups: {without:.2f}{TIMES} pydantic (no target); list page of 20: "
        f"{medians['sdk page'] / medians['pydantic page']:.2f}{TIMES} without speedups"
        + (
            f", {medians['sdk+orjson page'] / medians['pydantic page']:.2f}{TIMES} with orjson"
            if orjson
            else ""
        )
    )
    report.notes.append(
        "pydantic's model matches enum values exactly; the SDK's also case-insensitively "
        f'("Ready"). {repeats} interleaved rounds, medians'
    )
    return report


if __name__ == "__main__":
    cli(run)
