"""Which description of the API the emulator answers in: the live API's, or the YAML's.

FastPix's published OpenAPI file is older than what FastPix serves. ``"live"`` (the
default) answers as the live API does: durations as seconds, ``mp4Support`` as a list of
renditions, and the fields only the live API has. ``"spec"`` answers exactly as the
contract says (``"HH:MM:SS"`` durations, ``mp4Support`` as the setting), so a test can
prove that a client reads both.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

JSON = dict[str, Any]

ResponseShape = Literal["live", "spec"]
SHAPES: tuple[str, ...] = get_args(ResponseShape)

# What each MP4 rendition is, for a 1080p source: (type, extension, width, height).
_RENDITIONS = {
    "capped_4k": ("capped_4k", "mp4", 1920, 1080),
    "audioOnly": ("audioOnly", "m4a", None, None),
}


def check_shape(shape: object) -> ResponseShape:
    """``shape`` itself if it names a shape, else a ValueError saying which ones exist."""
    if shape == "live":
        return "live"
    if shape == "spec":
        return "spec"
    raise ValueError(f"shape must be one of {', '.join(map(repr, SHAPES))}, not {shape!r}")


def clock_text(seconds: float) -> str:
    """``"HH:MM:SS"`` as the contract writes a duration (``"00:01:30.5"`` with a fraction)."""
    whole = int(seconds)
    minutes, secs = divmod(whole, 60)
    text = f"{minutes // 60:02d}:{minutes % 60:02d}:{secs:02d}"
    fraction = round(seconds - whole, 3)
    return text + f"{fraction:.3f}".rstrip("0")[1:] if fraction else text


def duration(seconds: float, shape: ResponseShape) -> float | str:
    """A duration as ``shape`` writes it: seconds (live) or ``"HH:MM:SS"`` (spec)."""
    return float(seconds) if shape == "live" else clock_text(seconds)


def mp4_support(setting: str, ready: bool, shape: ResponseShape) -> str | list[JSON]:
    """``mp4Support``: the setting (spec), or the renditions it asks for (live; ``[]`` when
    the setting is ``none``), each ``ready`` once the media is, ``preparing`` before."""
    if shape == "spec":
        return setting
    renditions: list[JSON] = []
    for part in setting.split(","):
        if part not in _RENDITIONS:
            continue
        kind, ext, width, height = _RENDITIONS[part]
        rendition: JSON = {"type": kind, "status": "ready" if ready else "preparing", "ext": ext}
        if width is not None:
            rendition.update(width=width, height=height)
        renditions.append(rendition)
    return renditions
