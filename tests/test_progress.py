"""The tqdm and rich ``on_progress`` adapters, driven as ``upload_file`` drives them."""

from __future__ import annotations

import builtins
import io
import sys
from typing import Any

import pytest
from rich.console import Console

from fastpix_async.progress import rich_progress, tqdm_progress
from fastpix_sync import progress as sync_progress

TOTAL = 3 * 1024 * 1024


def drive(callback: Any) -> None:
    for sent in (1024 * 1024, 2 * 1024 * 1024, TOTAL):
        callback(sent, TOTAL)


def test_tqdm_bar_counts_bytes_to_the_total_and_closes() -> None:
    out = io.StringIO()
    bar = tqdm_progress(desc="clip.mp4", file=out, mininterval=0)
    drive(bar)
    text = out.getvalue()
    assert "clip.mp4" in text and "100%" in text and "3.00M" in text
    assert bar._bar.n == TOTAL
    assert not bar._open  # closed itself at the total


def test_rich_bar_reaches_the_total_and_stops() -> None:
    console = Console(file=io.StringIO(), force_terminal=False, width=120)
    bar = rich_progress("clip.mp4", console=console)
    drive(bar)
    task = bar._progress.tasks[0]
    assert task.completed == TOTAL and task.total == TOTAL and task.finished
    assert not bar._progress.live.is_started
    assert "clip.mp4" in console.file.getvalue()  # type: ignore[attr-defined]


def test_a_bar_used_as_a_context_manager_closes_on_failure() -> None:
    out = io.StringIO()
    with pytest.raises(RuntimeError), tqdm_progress(file=out) as bar:
        bar(1024, TOTAL)
        raise RuntimeError("upload failed")
    assert not bar._open and bar._bar.n == 1024


def test_the_sync_package_offers_the_same_adapters() -> None:
    # What ``upload_file`` of the sync client takes: the same bars, doing the same.
    out = io.StringIO()
    bar = sync_progress.tqdm_progress(desc="clip.mp4", file=out, mininterval=0)
    drive(bar)
    assert "clip.mp4" in out.getvalue() and "100%" in out.getvalue()
    assert bar._bar.n == TOTAL and not bar._open
    console = Console(file=io.StringIO(), force_terminal=False, width=120)
    rich_bar = sync_progress.rich_progress("clip.mp4", console=console)
    drive(rich_bar)
    assert rich_bar._progress.tasks[0].finished and not rich_bar._progress.live.is_started


def test_a_bar_given_a_unit_counts_items_as_a_batch_reports_them() -> None:
    out = io.StringIO()
    bar = tqdm_progress(desc="media", unit="media", file=out, mininterval=0)
    for done in (1, 2, 3):
        bar(done, 3)
    assert "3/3" in out.getvalue() and "media/s" in out.getvalue() and not bar._open
    console = Console(file=io.StringIO(), force_terminal=False, width=120)
    rich_bar = rich_progress("media", unit="media", console=console)
    for done in (1, 2, 3):
        rich_bar(done, 3)
    assert "3/3 media" in console.file.getvalue()  # type: ignore[attr-defined]


def test_a_bar_of_unknown_total_stays_open_until_told_it() -> None:
    bar = tqdm_progress(unit="media", file=io.StringIO())
    bar(1, None)
    bar(2, None)
    assert bar._open and bar._bar.total is None
    bar(2, 2)  # how a batch read from a generator reports its end
    assert not bar._open and bar._bar.total == 2


def test_a_missing_library_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_tqdm(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "tqdm":
            raise ImportError("No module named 'tqdm'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "tqdm", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    with pytest.raises(ImportError, match="pip install tqdm"):
        tqdm_progress()
