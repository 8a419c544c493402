"""Find the ```python blocks of the documentation pages and run them against the emulator.

The convention every page under ``docs/`` follows (``tests/docs/test_guides.py`` runs it):

- **Every ```python block runs**, in page order. Blocks on one page share their names, as
  in one interpreter session: a block may use what an earlier block on the page defined.
- **Two names are set before each block**: ``fp``, a client of the page's emulator —
  an ``AsyncFastPix`` for a block with top-level ``await``/``async for``/``async with``,
  a ``FastPix`` for any other block — and ``emu``, that emulator (``FastPixEmulator``,
  on a background thread, ``processing_seconds=0``). ``FASTPIX_ACCESS_TOKEN_ID``,
  ``FASTPIX_SECRET_KEY`` and ``FASTPIX_BASE_URL`` name it too, so ``AsyncFastPix()`` and
  ``FastPix()`` written as a user would (credentials from the environment) reach it.
- **Async blocks** run on the page's event loop; **other blocks** run as plain code with no
  loop running, so a complete program ending in ``asyncio.run(main())`` runs as written.
- **A block that defines ``test_…`` functions** is a test module: it is written to a file
  and run by pytest in a fresh interpreter (the emulator's pytest plugin installed), and
  every test in it must pass.
- **Blocks run in a temporary directory** holding the sample files the guides upload
  (``SAMPLE_FILES``: ``talk.mp4``, ``big.mov``; random bytes, which the emulator takes).
- **Opting out** is explicit and shows on the page: the fence says
  ```` ```python title="not run: <why>" ````. Such blocks are counted and reported.

Environment variables, the working directory and the logging configuration a block
changes are put back after its page.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import logging
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

#: Files the guides upload, made fresh in each page's working directory.
SAMPLE_FILES = {"talk.mp4": 700_000, "big.mov": 900_000}
NOT_RUN = "not run:"
BLOCK_TIMEOUT = 60.0  # seconds an async block may take before the page fails

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)[ \t]*(?P<info>[^\n`]*)$")
_TITLE = re.compile(r"""title=(?P<q>["'])(?P<title>.*?)(?P=q)""")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # 1-based line of the block's first code line in the page
    code: str  # dedented
    title: str = ""

    @property
    def where(self) -> str:
        page = self.page.relative_to(ROOT) if self.page.is_relative_to(ROOT) else self.page.name
        return f"{page}:{self.line}"

    @property
    def opted_out(self) -> bool:
        return self.title.lower().startswith(NOT_RUN)

    @property
    def reason(self) -> str:
        return self.title[len(NOT_RUN) :].strip()

    @property
    def is_test_module(self) -> bool:
        return any(
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name.startswith("test")
            for node in ast.parse(self.code).body
        )

    def compiled(self) -> Any:
        """The block's code object; its line numbers are the page's, for tracebacks."""
        source = "\n" * (self.line - 1) + self.code
        return compile(
            source,
            str(self.page),
            "exec",
            flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
            dont_inherit=True,
        )


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def python_blocks(page: Path, text: str | None = None) -> list[Block]:
    """The ```python blocks of a page (indented ones too: in tabs or admonitions)."""
    lines = (page.read_text(encoding="utf-8") if text is None else text).splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        index += 1
        if opening is None:
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].strip()
        start = index
        while index < len(lines) and not re.match(
            rf"^{re.escape(indent)}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", lines[index]
        ):
            index += 1
        body = lines[start:index]
        index += 1  # the closing fence
        language = info.split(None, 1)[0].lstrip("{.").lower() if info else ""
        if language != "python":
            continue
        title = _TITLE.search(info)
        code = textwrap.dedent("\n".join(line.removeprefix(indent) for line in body))
        blocks.append(Block(page, start + 1, code + "\n", title["title"] if title else ""))
    return blocks


@contextmanager
def _restored_process_state(workdir: Path) -> Iterator[None]:
    """Put back the environment, working directory and logging setup after a page."""
    environ = dict(os.environ)
    cwd = Path.cwd()
    root, fastpix = logging.getLogger(), logging.getLogger("fastpix")
    saved = [(lg, lg.level, list(lg.handlers), lg.propagate) for lg in (root, fastpix)]
    os.chdir(workdir)
    try:
        yield
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
        for logger, level, handlers, propagate in saved:
            for handler in logger.handlers:
                if handler not in handlers:
                    handler.close()
            logger.setLevel(level)
            logger.handlers[:] = handlers
            logger.propagate = propagate


class _PageLoop:
    """The page's event loop (``asyncio.Runner`` is Python 3.11+; this also runs on 3.10)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def run(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(awaitable)

    def close(self) -> None:
        try:
            pending = asyncio.all_tasks(self.loop)
            for task in pending:
                task.cancel()
            if pending:
                self.run(asyncio.gather(*pending, return_exceptions=True))
            self.run(self.loop.shutdown_asyncgens())
            self.run(self.loop.shutdown_default_executor())
        finally:
            self.loop.close()


def run_test_module(block: Block, workdir: Path) -> None:
    """A block of ``test_…`` functions: run by pytest in a fresh interpreter; all must pass."""
    name = re.sub(r"\W", "_", f"test_doc_{block.page.stem}_{block.line}") + ".py"
    (workdir / name).write_text(block.code, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FASTPIX_", "PYTEST_"))}
    # hypothesis' plugin is not needed here and costs most of pytest's start-up
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    finished = subprocess.run(
        [*command, "-p", "no:hypothesispytest", name],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = finished.stdout + finished.stderr
    if finished.returncode != 0 or not re.search(r"\d+ passed", output):
        raise AssertionError(f"{block.where}: the tests in this block failed:\n{output}")


def run_page(page: Path, workdir: Path, *, text: str | None = None) -> list[Block]:
    """Run every block of ``page`` in order (see the module docstring); return those run.

    Raises ``AssertionError`` naming the page and line of the first block that fails.
    """
    from fastpix_async import AsyncFastPix
    from fastpix_sync import FastPix
    from fastpix_sync.testing import run_emulator_in_thread

    blocks = python_blocks(page, text)
    runnable = [block for block in blocks if not block.opted_out]
    if not runnable:
        return []
    for name, size in SAMPLE_FILES.items():
        (workdir / name).write_bytes(os.urandom(size))

    with _restored_process_state(workdir), run_emulator_in_thread(processing_seconds=0) as emu:
        settings = {
            "access_token_id": emu.access_token_id,
            "secret_key": emu.secret_key,
            "base_url": emu.base_url,
        }
        os.environ["FASTPIX_ACCESS_TOKEN_ID"] = emu.access_token_id
        os.environ["FASTPIX_SECRET_KEY"] = emu.secret_key
        os.environ["FASTPIX_BASE_URL"] = emu.base_url

        async def open_async_client() -> AsyncFastPix:
            return AsyncFastPix(**settings)

        runner = _PageLoop()
        try:
            async_fp = runner.run(open_async_client())
            try:
                with FastPix(**settings) as sync_fp:
                    clients = {True: async_fp, False: sync_fp}
                    _run_blocks(runnable, workdir, runner, clients, {"emu": emu})
            finally:
                runner.run(async_fp.close())
        finally:
            runner.close()
    return runnable


def _run_blocks(
    blocks: list[Block],
    workdir: Path,
    runner: _PageLoop,
    clients: dict[bool, Any],
    predefined: dict[str, Any],
) -> None:
    """Run a page's blocks in order in one namespace; ``clients[is_async]`` becomes ``fp``."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for block in blocks:
        try:
            if block.is_test_module:
                run_test_module(block, workdir)
                continue
            code = block.compiled()
            is_async = bool(code.co_flags & inspect.CO_COROUTINE)
            namespace.update(predefined, fp=clients[is_async])
            if is_async:
                runner.run(asyncio.wait_for(eval(code, namespace), BLOCK_TIMEOUT))
            else:
                exec(code, namespace)
        except AssertionError as exc:
            if str(exc).startswith(block.where):
                raise
            raise AssertionError(f"{block.where}: this block failed: {exc!r}") from exc
        except Exception as exc:
            raise AssertionError(f"{block.where}: this block failed: {exc!r}") from exc
