"""Every ```python block of the documentation runs, against the embedded emulator.

The convention the pages follow — what ``fp`` and ``emu`` are, async blocks and plain
ones, test modules, sample files, the ``title="not run: <why>"`` opt-out — is written at
the top of ``tests/docs/_blocks.py``, which runs them. One test per page: its blocks run
in order and share their names. A block that raises fails its page's test, naming the
page and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docs import _blocks

PAGES_WITH_CODE = [page for page in _blocks.pages() if _blocks.python_blocks(page)]

#: Blocks allowed to opt out (page, reason): each must be a rare, stated exception.
ALLOWED_OPT_OUTS: set[tuple[str, str]] = {
    ("guides/scaling-out.md", "needs a Celery app and broker"),
}

# What the run saw, for the summary line (tests/docs/conftest.py prints it).
RUN_BLOCKS: list[_blocks.Block] = []


def _page_id(page: Path) -> str:
    return str(page.relative_to(_blocks.DOCS))


@pytest.mark.parametrize("page", PAGES_WITH_CODE, ids=_page_id)
def test_page_code_runs(page: Path, tmp_path: Path) -> None:
    RUN_BLOCKS.extend(_blocks.run_page(page, tmp_path))


def test_the_guides_have_code() -> None:
    names = {_page_id(page) for page in PAGES_WITH_CODE}
    assert {"guides/quickstart.md", "guides/uploads.md", "operations.md"} <= names


def test_opt_outs_are_only_the_allowed_ones() -> None:
    opted_out = {
        (_page_id(block.page), block.reason)
        for page in PAGES_WITH_CODE
        for block in _blocks.python_blocks(page)
        if block.opted_out
    }
    assert opted_out == ALLOWED_OPT_OUTS


def _fake_page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(body, encoding="utf-8")
    return page


def test_blocks_share_names_and_get_fp_and_emu(tmp_path: Path) -> None:
    page = _fake_page(
        tmp_path,
        "# A page\n\n"
        "```python\nmedia_page = await fp.media.list()\nseen = [type(fp).__name__]\n```\n\n"
        "Text between.\n\n"
        '=== "Sync"\n\n'
        "    ```python\n    seen.append(type(fp).__name__)\n"
        "    assert media_page.data == [] and emu.base_url.endswith('/v1/')\n    ```\n\n"
        "```bash\nnot python\n```\n\n"
        '```python title="not run: an example of the marker"\nraise SystemExit\n```\n\n'
        "```python\nimport asyncio\n\nasync def main():\n"
        "    seen.append('program')\n\nasyncio.run(main())\n"
        "assert seen == ['AsyncFastPix', 'FastPix', 'program'], seen\n```\n",
    )
    blocks = _blocks.python_blocks(page)
    assert [block.line for block in blocks] == [4, 13, 22, 26]
    assert [block.opted_out for block in blocks] == [False, False, True, False]
    workdir = tmp_path / "run"
    workdir.mkdir()
    assert len(_blocks.run_page(page, workdir)) == 3


def test_a_broken_block_fails_its_page(tmp_path: Path) -> None:
    page = _fake_page(
        tmp_path,
        "```python\nmedia = await fp.media.get('no-such-media')\n```\n",
    )
    workdir = tmp_path / "run"
    workdir.mkdir()
    with pytest.raises(AssertionError, match=r"page\.md:2: this block failed: NotFoundError"):
        _blocks.run_page(page, workdir)


def test_a_failing_test_module_block_fails_its_page(tmp_path: Path) -> None:
    page = _fake_page(tmp_path, "```python\ndef test_nothing():\n    assert 1 == 2\n```\n")
    workdir = tmp_path / "run"
    workdir.mkdir()
    with pytest.raises(AssertionError, match="the tests in this block failed"):
        _blocks.run_page(page, workdir)
