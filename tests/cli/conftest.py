"""The command line against one embedded emulator (in a thread) for the whole CLI suite.

``fastpix(...)`` runs a command in-process with click's runner, the emulator's credentials
in the environment as a user would set them; each test makes its own objects, so the
shared state only grows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner, Result

from fastpix_async.testing import FastPixEmulator, run_emulator_in_thread
from fastpix_cli.app import cli


@pytest.fixture(scope="session")
def emulator() -> Iterator[FastPixEmulator]:
    with run_emulator_in_thread(processing_seconds=0) as emu:  # media ready at once
        yield emu


@pytest.fixture(scope="session")
def env(emulator: FastPixEmulator) -> dict[str, str]:
    return {
        "FASTPIX_ACCESS_TOKEN_ID": emulator.access_token_id,
        "FASTPIX_SECRET_KEY": emulator.secret_key,
        "FASTPIX_BASE_URL": emulator.base_url,
        "COLUMNS": "200",  # tables as a wide terminal shows them
    }


class Fastpix:
    """``fastpix(*args)``: one command in-process; its exit code, stdout and stderr."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __call__(self, *args: str, input: str | bytes | None = None, **env: str) -> Result:
        result = CliRunner().invoke(cli, list(args), input=input, env={**self.env, **env})
        # an expected error ends in SystemExit; anything else is a bug of the command
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert "Traceback" not in result.stderr
        return result

    def json(self, *args: str, input: str | bytes | None = None, **env: str) -> Any:
        """One record, from a command that must succeed (output is JSON when not a tty)."""
        result = self(*args, input=input, **env)
        assert result.exit_code == 0, result.stderr
        (line,) = result.stdout.splitlines()
        return json.loads(line)

    def json_lines(self, *args: str) -> list[Any]:
        result = self(*args)
        assert result.exit_code == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def fastpix(env: dict[str, str]) -> Fastpix:
    return Fastpix(env)


def record_table(text: str) -> dict[str, str]:
    """The rows of a one-record table (``name   value``) as a mapping."""
    pairs = (re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in text.splitlines())
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}
