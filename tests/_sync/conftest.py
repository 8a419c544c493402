"""The sync twin of ``tests/_async/conftest.py`` (handwritten): no event loop to set up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def run_alone(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)``, as a worker process or a forked child calls it. Picklable."""
    return function(*args)


@pytest.fixture(name="run_alone")
def run_alone_fixture() -> Callable[..., Any]:
    return run_alone
