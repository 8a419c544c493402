"""``--limit`` and ``--all``, the same for every list command."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import click

from fastpix_sync import SyncPage

from ..output import Column, show_rows

F = TypeVar("F", bound=Callable[..., Any])


def list_options(command: F) -> F:
    command = click.option(
        "--all", "every", is_flag=True, help="Every item, fetching page after page."
    )(command)
    return click.option(
        "--limit", type=click.IntRange(min=1), help="Items per page (the API's default: 10)."
    )(command)


def show_listing(
    list_page: Callable[..., SyncPage[Any]],
    list_all: Callable[..., Iterator[Any]],
    columns: Sequence[Column],
    *,
    limit: int | None,
    every: bool,
    **arguments: Any,
) -> None:
    """The first page (``list_page``) or every item (``list_all``), with ``columns``."""
    if limit is not None:  # else each method's own default page size
        arguments["limit"] = limit
    if every:
        show_rows(list_all(**arguments), columns)
        return
    page = list_page(**arguments)
    total = page.pagination.total_records if page.pagination else None
    more = None
    if page.has_next_page():
        more = f"{len(page)} of {total if total is not None else 'more'}; --all lists every one"
    show_rows(page.data, columns, more=more)
