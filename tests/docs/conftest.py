"""The docs tests' summary line: how many code blocks ran, and which opted out."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.docs import _blocks, test_guides

    if not test_guides.RUN_BLOCKS:
        return
    pages = {block.page for block in test_guides.RUN_BLOCKS}
    skipped = [
        block
        for page in test_guides.PAGES_WITH_CODE
        for block in _blocks.python_blocks(page)
        if block.opted_out
    ]
    line = f"docs: {len(test_guides.RUN_BLOCKS)} python blocks run on {len(pages)} pages"
    line += f", {len(skipped)} opted out" + "".join(
        f"\n  not run: {block.where} ({block.reason})" for block in skipped
    )
    terminalreporter.write_line(line)
