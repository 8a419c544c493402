"""Ready-made progress callbacks: a tqdm or rich bar, for uploads and batches.

Neither library is a dependency of the SDK; each is imported when its bar is made::

    await fp.media.upload_file("talk.mp4", on_progress=tqdm_progress(desc="talk.mp4"))
    fp.imap(fp.media.get, ids, progress=BatchProgress(tqdm_progress(unit="media")))

A bar counts bytes unless given another ``unit``. Each bar opens on the first report
and closes itself when it reaches the total (a batch of unknown size reports its total
as it ends); use it as a context manager to close it on failure too.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

__all__ = ["RichProgress", "TqdmProgress", "rich_progress", "tqdm_progress"]


def _missing(library: str) -> ImportError:
    return ImportError(
        f"this progress bar needs {library}, which is not installed: pip install {library}"
    )


class _Bar:
    """Shared life cycle: open on the first report, close at the total or on exit."""

    _open = False

    def __call__(self, sent: int, total: int | None) -> None:
        if not self._open:
            self._start(total)
            self._open = True
        self._advance(sent, total)
        if total is not None and sent >= total:
            self.close()

    def close(self) -> None:
        """Close the bar now (it closes itself at the total); closing twice does nothing."""
        if self._open:
            self._open = False
            self._stop()

    def __enter__(self) -> _Bar:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self, total: int | None) -> None:
        raise NotImplementedError

    def _advance(self, sent: int, total: int | None) -> None:
        raise NotImplementedError

    def _stop(self) -> None:
        raise NotImplementedError


class TqdmProgress(_Bar):
    """A tqdm bar, in bytes unless ``unit`` says otherwise; ``options`` go to ``tqdm.tqdm``
    (``desc``, ``unit``, ``file``, …)."""

    def __init__(self, **options: Any) -> None:
        try:
            from tqdm import tqdm
        except ImportError:
            raise _missing("tqdm") from None
        self._tqdm = tqdm
        in_bytes = {"unit": "B", "unit_scale": True, "unit_divisor": 1024}
        self._options = {**(in_bytes if "unit" not in options else {}), **options}
        self._bar: Any = None

    def _start(self, total: int | None) -> None:
        self._bar = self._tqdm(total=total, **self._options)

    def _advance(self, sent: int, total: int | None) -> None:
        self._bar.total = total  # a batch of unknown size learns it as it ends
        self._bar.update(sent - self._bar.n)

    def _stop(self) -> None:
        self._bar.close()


class RichProgress(_Bar):
    """A rich progress bar: bytes and transfer speed, or ``done/total unit`` when given a
    ``unit``; ``options`` go to ``rich.progress.Progress`` (``console``, ``transient``, …)."""

    def __init__(
        self, description: str = "Uploading", *, unit: str | None = None, **options: Any
    ) -> None:
        try:
            from rich import progress
        except ImportError:
            raise _missing("rich") from None
        counts: tuple[progress.ProgressColumn, ...] = (
            (progress.DownloadColumn(), progress.TransferSpeedColumn())
            if unit is None
            else (progress.MofNCompleteColumn(), progress.TextColumn(unit))
        )
        self._progress = progress.Progress(
            *progress.Progress.get_default_columns(), *counts, **options
        )
        self._description = description
        self._task: Any = None

    def _start(self, total: int | None) -> None:
        self._progress.start()
        self._task = self._progress.add_task(self._description, total=total)

    def _advance(self, sent: int, total: int | None) -> None:
        self._progress.update(self._task, completed=sent, total=total)

    def _stop(self) -> None:
        self._progress.stop()


def tqdm_progress(**options: Any) -> TqdmProgress:
    """A progress callback drawing a tqdm bar (``pip install tqdm``)."""
    return TqdmProgress(**options)


def rich_progress(
    description: str = "Uploading", *, unit: str | None = None, **options: Any
) -> RichProgress:
    """A progress callback drawing a rich bar (``pip install rich``)."""
    return RichProgress(description, unit=unit, **options)
