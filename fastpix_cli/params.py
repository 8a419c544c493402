"""Option values the commands share: durations (``1h``, ``7d``), byte sizes (``8MiB``),
``key=value`` pairs and ``@file`` arguments.

Each is a parser of one string, made into a click callback by :func:`converted` (callbacks
rather than ``click.ParamType`` subclasses, whose typing differs across click versions).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from fastpix_sync.models import Timespan

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

_DURATION = re.compile(r"(\d+)\s*([smhdw]?)")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SPAN_UNITS = {"minutes": 60, "hours": 3600, "days": 86400}  # as Timespan values spell them

_SIZE = re.compile(r"(\d+)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)
_BYTES = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}  # binary: chunks are 256 KiB multiples


def duration(text: str) -> int:
    """Seconds, written ``90``, ``90s``, ``15m``, ``1h``, ``7d`` or ``2w``."""
    match = _DURATION.fullmatch(text.strip().lower())
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"{text!r} is not a duration like 90s, 15m, 1h or 7d")
    return int(match.group(1)) * _SECONDS[match.group(2)]


def byte_size(text: str) -> int:
    """Bytes, written ``262144``, ``256KiB``, ``8MiB`` or ``1G`` (K, M, G are binary)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a size like 256KiB or 8MiB")
    return int(match.group(1)) * _BYTES[match.group(2).lower()]


def key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise ValueError(f"{text!r} is not key=value")
    return key, value


def text_or_file(text: str) -> str:
    """A value as given, or read from a file with ``@path`` (``@-``: standard input), as
    curl does, so secrets need not be typed on the command line."""
    if not text.startswith("@"):
        return text
    where = text[1:]
    try:
        return sys.stdin.read() if where == "-" else Path(where).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"can't read {where}: {exc.strerror or exc}") from None


def converted(parse: Callable[[str], T]) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback applying ``parse`` to an option's value (or to each, if repeated)."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        try:
            if isinstance(value, tuple):
                return tuple(parse(item) for item in value)
            return None if value is None else parse(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx, param) from None

    return callback


def timespan_since(seconds: int) -> str | tuple[int, int]:
    """The analytics ``timespan`` for the last ``seconds``: the API's name for it when it has
    one (``7d`` is ``"7:days"``), else the range from then to now in epoch seconds."""
    for span in Timespan:
        count, unit = span.value.split(":")
        if int(count) * _SPAN_UNITS[unit] == seconds:
            return span.value
    now = int(time.time())
    return (now - seconds, now)


def metadata_option(command: F) -> F:
    """``--metadata key=value``, repeatable, as the ``pairs`` argument."""
    return click.option(
        "--metadata",
        "pairs",
        multiple=True,
        metavar="KEY=VALUE",
        callback=converted(key_value),
        help="A key=value to keep with it (repeatable).",
    )(command)


def metadata(pairs: tuple[tuple[str, str], ...]) -> dict[str, str] | None:
    """Repeated ``--metadata k=v`` options as a mapping (``None`` when none was given)."""
    return dict(pairs) or None
