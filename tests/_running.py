"""What a test may leave running: tasks on this thread's event loop, and threads."""

from __future__ import annotations

import asyncio
import threading


def still_running() -> tuple[int, int]:
    """Tasks besides the current one, and threads: compare before and after."""
    try:
        tasks = len(asyncio.all_tasks() - {asyncio.current_task()})
    except RuntimeError:  # no event loop runs on this thread: a sync test
        tasks = 0
    return tasks, threading.active_count()
