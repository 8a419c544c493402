"""Every ``fastpix …`` line of the command-line guide is a command the CLI accepts.

The guide's shell blocks can't run as written (they name media and keys of someone's
account), so each command line is parsed the way the CLI would parse it — group,
subcommand, options and their values — without running it: a renamed command or
option, or a value the option refuses, fails here. The guide's Python block runs the
CLI for real against the emulator (``tests/docs/test_guides.py``).
"""

from __future__ import annotations

import re
import shlex
import warnings
from pathlib import Path

import click
import pytest

from tests.docs._blocks import DOCS

pytest.importorskip("rich", reason='the CLI needs its extra: pip install -e ".[cli]"')

from fastpix_cli.app import cli

GUIDE = DOCS / "guides" / "cli.md"
_BASH_BLOCK = re.compile(r"^```bash\n(.*?)^```", re.M | re.S)


def command_lines() -> list[str]:
    """Each ``fastpix …`` command of the guide's bash blocks, without comments or pipes."""
    lines: list[str] = []
    for block in _BASH_BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        for line in block.replace("\\\n", " ").splitlines():  # continuation lines
            line = line.split("  #", 1)[0].split(" < ", 1)[0]
            for command in re.split(r"\s*(?:&&|\|)\s*", line):
                if command.startswith("fastpix "):
                    lines.append(command.strip())
    return lines


def test_the_guide_shows_the_commands() -> None:
    commands = {" ".join(shlex.split(line)[1:3]) for line in command_lines()}
    assert {"media list", "playback-ids create", "token sign", "webhook verify"} <= commands


def _unparsed(context: click.Context) -> list[str]:
    """A group's context's tokens left for its subcommand (Click 8 keeps the first apart)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # protected_args: gone in Click 9
        return [*getattr(context, "protected_args", ()), *context.args]


@pytest.mark.parametrize("line", command_lines())
def test_each_command_line_parses(
    line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the files the lines name: the CLI checks they exist
    for name in ("talk.mp4", "key.txt", "secret.txt"):
        (tmp_path / name).write_bytes(b"x")
    context = cli.make_context("fastpix", shlex.split(line)[1:])
    command: click.Command = cli
    while isinstance(command, click.Group):
        name, subcommand, args = command.resolve_command(context, _unparsed(context))
        assert subcommand is not None, f"{line}: no command {name}"
        command, context = subcommand, subcommand.make_context(name or "", args, parent=context)
