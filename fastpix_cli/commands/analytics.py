"""``fastpix views`` and ``fastpix metrics``: video data, over ``--since`` (``7d``, ``24h``…)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from fastpix_sync.models import Measurement, Metric

from ..output import Column, show
from ..params import converted, duration, timespan_since
from ..settings import api_options, client
from ._listing import list_options, show_listing

F = TypeVar("F", bound=Callable[..., Any])

VIEW_COLUMNS: list[Column] = [
    ("VIEW ID", "view_id"),
    ("VIDEO", "video_title"),
    ("STARTED", "view_start_time"),
    ("COUNTRY", "country"),
    ("QOE", "qoe_score"),
    ("ERROR", "error_code"),
]


def data_options(command: F) -> F:
    """Which views: ``--since`` and ``--filter``, the same for every video-data command."""
    command = click.option(
        "--filter",
        "filters",
        multiple=True,
        metavar="DIMENSION:VALUE",
        help="Only views with this value (repeatable; !DIMENSION:VALUE excludes).",
    )(command)
    return click.option(
        "--since",
        callback=converted(duration),
        metavar="DURATION",
        help="Views of the last 60m, 6h, 24h, 3d, 7d, 30d… (default: the API's, 24h).",
    )(command)


def _scope(since: int | None, filters: tuple[str, ...]) -> dict[str, Any]:
    return {
        "timespan": None if since is None else timespan_since(since),
        "filter_by": list(filters) or None,
    }


@click.group()
def views() -> None:
    """Views: playback sessions recorded by FastPix's player SDKs."""


@views.command("list")
@data_options
@list_options
@api_options
def list_views(since: int | None, filters: tuple[str, ...], limit: int | None, every: bool) -> None:
    """List views.

    \b
    Example:
      fastpix views list --since 7d --filter country:IN --limit 20
    """
    fp = client()
    show_listing(
        fp.views.list,
        fp.views.list_all,
        VIEW_COLUMNS,
        limit=limit,
        every=every,
        **_scope(since, filters),
    )


@click.group()
def metrics() -> None:
    """Quality and engagement metrics of views."""


@metrics.command("overall", epilog="METRIC is one of: " + ", ".join(m.value for m in Metric))
@click.argument("metric", type=click.Choice([m.value for m in Metric]), metavar="METRIC")
@click.option(
    "--measurement",
    type=click.Choice([m.value for m in Measurement]),
    help="How values are aggregated (the API's default per metric).",
)
@data_options
@api_options
def overall(
    metric: str, measurement: str | None, since: int | None, filters: tuple[str, ...]
) -> None:
    """A metric over the whole period (views, quality_of_experience_score, …).

    \b
    Example:
      fastpix metrics overall views --since 7d
      fastpix metrics overall video_startup_time --measurement 95th --since 24h
    """
    show(client().metrics.overall(metric, measurement=measurement, **_scope(since, filters)))
