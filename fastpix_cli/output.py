"""Everything a command prints as its result: a table, JSON lines, or plain text.

Records (media, streams, keys, views…) are a table on a terminal and JSON lines — one
object per line, the model as the API spells it — with ``--json`` or when stdout is a pipe
or a file. A plain result (a signed URL, "deleted …") is its text unless ``--json`` asks
for a JSON object. Progress and notes go to stderr, so stdout stays parseable.
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs
import click

from fastpix_async._serde import unstructure  # the models' JSON, as the API spells it

from . import settings

if TYPE_CHECKING:
    from rich.console import Console

#: A table column: its heading and the record's attribute it shows.
Column = tuple[str, str]

_SUMMARY_FIELDS = 3  # how much of a nested object a table cell shows
_COLUMN_GAP = 3  # what a table puts between columns
_NARROWEST = 5  # a column cut to fit keeps at least this much


def json_mode(*, explicit: bool = False) -> bool:
    """Whether to print JSON: asked with ``--json``, or (unless ``explicit``) piped."""
    chosen = settings.current().as_json
    if chosen is not None or explicit:
        return bool(chosen)
    return not sys.stdout.isatty()


def show(record: Any, fields: Sequence[str] | None = None, *, json_record: Any = None) -> None:
    """One record: a two-column table of its set fields (or ``fields``), or one JSON line
    (of ``json_record`` when given)."""
    if json_mode():
        _print_json(record if json_record is None else json_record)
        return
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    names = fields if fields is not None else [f.name for f in attrs.fields(type(record))]
    for name in names:
        cell = _cell(getattr(record, name, None))
        if cell:
            table.add_row(name.replace("_", " "), cell)
    _console().print(table)


def show_rows(
    records: Iterable[Any], columns: Sequence[Column], *, more: str | None = None
) -> None:
    """Many records: a table with ``columns``, or a JSON line each (streamed as they come).

    ``more`` is a note (on stderr) when the records are not all there are.
    """
    if json_mode():
        for record in records:
            _print_json(record)
    else:
        _print_table(records, columns)
    if more:
        click.echo(more, err=True)


def _print_table(records: Iterable[Any], columns: Sequence[Column]) -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    rows = [[_cell(getattr(record, name, None)) for _, name in columns] for record in records]
    natural = [
        max([cell_len(heading), *(cell_len(row[index]) for row in rows)])
        for index, (heading, _) in enumerate(columns)
    ]
    console = _console()
    widths = _fit(natural, console.width - _COLUMN_GAP * len(columns))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for (heading, _), width in zip(columns, widths, strict=True):
        table.add_column(heading, no_wrap=True, overflow="ellipsis", width=width)
    for row in rows:
        table.add_row(*row)
    if rows:
        console.print(table)
    else:
        click.echo("(none)", err=True)


def show_text(text: str, record: Mapping[str, Any]) -> None:
    """A plain result: ``text``, or ``record`` as JSON when ``--json`` was given."""
    if json_mode(explicit=True):
        _print_json(record)
    else:
        click.echo(text)


def _fit(natural: list[int], room: int) -> list[int]:
    """Column widths within ``room``: one line per record, so when the natural widths don't
    fit, the widest columns are cut first (to no less than a few characters); the first
    column, the id, stays whole. ``--json`` has every value in full."""
    widths = list(natural)
    while sum(widths) > room:
        widest = max(range(1, len(widths)), key=widths.__getitem__, default=0)
        if widest == 0 or widths[widest] <= _NARROWEST:
            break
        widths[widest] -= 1
    return widths


def to_json(value: Any) -> Any:
    """A model as the API's JSON (camelCase keys, unset fields left out); plain data as is."""
    return unstructure(value) if attrs.has(type(value)) else value


def _print_json(value: Any) -> None:
    # default=str: enums that cattrs leaves inside unions, and anything else printable
    click.echo(json.dumps(to_json(value), default=str, ensure_ascii=False))


def _console() -> Console:
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False)


def _cell(value: Any) -> str:
    """A value as a table shows it: short, and empty when there is nothing to show."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if attrs.has(type(value)):
        return _summary(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{key}={_cell(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(item) for item in value)
    return str(value)


def _summary(record: Any) -> str:
    """A nested object in a few words: its first set plain fields, ``"id (public)"``."""
    values = (getattr(record, f.name) for f in attrs.fields(type(record)))
    words = [
        _cell(v) for v in values if isinstance(v, (str, int, float)) and not isinstance(v, bool)
    ]
    head, *rest = [word for word in words if word][:_SUMMARY_FIELDS] or [""]
    return f"{head} ({', '.join(rest)})" if rest else head
