"""The options every command shares, and the one place a client is built from them.

Each shared option is accepted before the command (``fastpix --json media list``) and
after it (``fastpix media list --json``): the root group and the commands declare the same
options, and whichever is given on the command line is stored in one :class:`Settings`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.core import ParameterSource

if TYPE_CHECKING:
    from fastpix_sync import FastPix

F = TypeVar("F", bound=Callable[..., Any])

CREDENTIAL_ENV = ("FASTPIX_ACCESS_TOKEN_ID", "FASTPIX_SECRET_KEY")


@dataclass
class Settings:
    as_json: bool | None = None  # None: JSON when stdout is not a terminal
    base_url: str | None = None  # None: FASTPIX_BASE_URL, else the API's
    timeout: float | None = None  # None: the client's default
    emulator: bool = False
    verbose: bool = False


def current() -> Settings:
    return click.get_current_context().ensure_object(Settings)


def _store(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    # Only what was typed: a command's own default must not undo the root group's option.
    if param.name and ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT:
        setattr(ctx.ensure_object(Settings), param.name, value)


def _shared(*decls: str, **attrs: Any) -> Callable[[F], F]:
    return click.option(*decls, expose_value=False, callback=_store, **attrs)


_OUTPUT = _shared(
    "--json/--table",
    "as_json",
    default=None,
    help="JSON lines, or a table. Default: a table on a terminal, JSON lines otherwise.",
)
_BASE_URL = _shared(
    "--base-url", metavar="URL", help="The API's URL (default: $FASTPIX_BASE_URL, else FastPix)."
)
_REQUEST_TIMEOUT = _shared(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Time limit of each request attempt (default 30).",
)
_EMULATOR = _shared(
    "--emulator",
    is_flag=True,
    help="Run against a fresh embedded FastPix emulator (for demos; its state is lost).",
)
_VERBOSE = _shared(
    "--verbose", "-v", is_flag=True, help="Log each request to stderr (secrets redacted)."
)


def _with(*options: Callable[[F], F]) -> Callable[[F], F]:
    def decorate(command: F) -> F:
        for option in reversed(options):  # listed in --help in the order given
            command = option(command)
        return command

    return decorate


#: ``--json/--table``: for every command that prints a result.
output_options = _with(_OUTPUT)
#: The output options, plus where and how to reach the API: for commands that call it.
api_options = _with(_OUTPUT, _BASE_URL, _REQUEST_TIMEOUT, _EMULATOR, _VERBOSE)
#: :data:`api_options` for a command whose ``--timeout`` is its own (how long ``media wait``
#: waits): the request time limit is then given before the command, ``fastpix --timeout 5``.
api_options_own_timeout = _with(_OUTPUT, _BASE_URL, _EMULATOR, _VERBOSE)


def client() -> FastPix:
    """A client for the current command, closed when the command ends.

    Credentials come from ``FASTPIX_ACCESS_TOKEN_ID`` and ``FASTPIX_SECRET_KEY`` only (never
    an option: a secret on the command line is left in shell history and process lists).
    """
    from fastpix_sync import FastPix

    ctx = click.get_current_context()
    settings = current()
    options: dict[str, Any] = {"base_url": settings.base_url}
    if settings.timeout is not None:
        options["timeout"] = settings.timeout
    if settings.verbose:
        _log_requests_to_stderr(ctx)
    if settings.emulator:
        from fastpix_async.testing import run_emulator_in_thread

        emulator = ctx.with_resource(run_emulator_in_thread())
        options["base_url"] = emulator.base_url
        fp = FastPix(emulator.access_token_id, emulator.secret_key, **options)
    else:
        missing = [name for name in CREDENTIAL_ENV if not os.environ.get(name)]
        if missing:  # said here in the command line's words, not the library's
            raise click.UsageError(
                f"no FastPix credentials: set {' and '.join(missing)} (or try --emulator)"
            )
        fp = FastPix(**options)  # the credentials from the environment
    ctx.with_resource(fp)  # closed before the emulator stops: resources close in reverse
    if settings.verbose:
        click.echo(f"fastpix: using {fp.base_url}", err=True)
    return fp


def _log_requests_to_stderr(ctx: click.Context) -> None:
    """The SDK's own request log (it redacts credentials), for this command only."""
    logger = logging.getLogger("fastpix")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("fastpix: %(message)s"))
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)

    def restore() -> None:
        logger.removeHandler(handler)
        logger.setLevel(previous)

    ctx.call_on_close(restore)
