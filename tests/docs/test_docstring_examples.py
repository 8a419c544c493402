"""The examples in docstrings run too, on both surfaces.

A public name's docstring may hold ```` ```python ```` blocks (an ``Example:`` section);
the API reference shows them, so they are held to the guides' rule: each runs against
the emulator, as ``tests/docs/_blocks.py`` describes (``fp`` and ``emu`` are set; a
block with ``await`` runs on an event loop). The sync twin's docstrings are generated
from the async ones, so an async example is run twice: as written, and as its sync
translation.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from tests.docs import _blocks
from tests.docs.test_docstrings import public_objects


def documented_examples() -> dict[str, str]:
    """Dotted name -> docstring, for each public name whose docstring has a python block."""
    examples: dict[str, str] = {}
    for name, obj in public_objects():
        doc = inspect.getdoc(obj.fget if isinstance(obj, property) else obj) or ""
        if "```python" in doc:
            examples[name] = doc
    return examples


EXAMPLES = documented_examples()


def test_there_are_examples_on_both_surfaces() -> None:
    for package in ("fastpix_async", "fastpix_sync"):
        assert any(name.startswith(f"{package}.") for name in EXAMPLES), package


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_docstring_example_runs(name: str, tmp_path: Path) -> None:
    page = _blocks.ROOT / "docstrings" / name  # where failures are reported: the name
    blocks = _blocks.python_blocks(page, EXAMPLES[name])
    assert not any(block.opted_out for block in blocks), f"{name}: examples must run"
    assert _blocks.run_page(page, tmp_path, text=EXAMPLES[name])
