"""What every command shares: credentials, --emulator, --verbose, exit codes, --help."""

from __future__ import annotations

import socket

import click
import pytest

import fastpix_cli.commands.media
from fastpix_cli.app import cli

from .conftest import Fastpix


def test_missing_credentials_are_a_usage_error_naming_the_variables(fastpix: Fastpix) -> None:
    result = fastpix("media", "list", FASTPIX_SECRET_KEY="")
    assert result.exit_code == 2
    assert "Error: no FastPix credentials: set FASTPIX_SECRET_KEY (or try --emulator)" in (
        result.stderr
    )


def test_emulator_flag_needs_no_credentials(fastpix: Fastpix) -> None:
    result = fastpix(
        "media", "list", "--emulator", FASTPIX_ACCESS_TOKEN_ID="", FASTPIX_SECRET_KEY=""
    )
    assert (result.exit_code, result.stdout) == (0, "")  # a fresh emulator holds nothing


def test_no_connection_is_one_line_and_exit_1(fastpix: Fastpix, sleeps: list[float]) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens there once it is closed
    result = fastpix("media", "list", "--base-url", f"http://127.0.0.1:{port}/v1")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ") and f"127.0.0.1:{port}" in line


def test_the_secret_never_appears_even_when_verbose(fastpix: Fastpix) -> None:
    secret = fastpix.env["FASTPIX_SECRET_KEY"]
    ok = fastpix("media", "list", "-v")
    assert ok.exit_code == 0
    assert "fastpix: GET http" in ok.stderr and "-> 200" in ok.stderr  # the request log
    refused = fastpix("-v", "media", "list", FASTPIX_SECRET_KEY=secret + "-wrong")
    assert refused.exit_code == 1 and "401" in refused.stderr
    for result in (ok, refused):
        assert secret not in result.stdout + result.stderr


def test_bad_shared_options_are_usage_errors(fastpix: Fastpix) -> None:
    assert fastpix("--timeout", "0", "media", "list").exit_code == 2
    assert fastpix("media", "list", "--timeout", "5").exit_code == 0
    assert fastpix("media", "lst").exit_code == 2


def test_ctrl_c_exits_130_with_one_line(fastpix: Fastpix, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fastpix_cli.commands.media, "show_listing", interrupted)
    result = fastpix("media", "list")
    assert (result.exit_code, result.stderr) == (130, "Error: interrupted\n")


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


@pytest.mark.parametrize("command", _commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(fastpix: Fastpix, command: tuple[str, ...]) -> None:
    result = fastpix(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"fastpix {' '.join(command)}" in result.stdout
