"""Exit codes, and the one place an error becomes a line on stderr and one of them.

====  =====================================================================================
0     done
1     the operation failed: an API error, no connection, an upload or wait that failed,
      a webhook signature that does not match, a file that can't be read or written
2     the command can't run as given: a bad option or value, missing credentials, a
      missing optional package
130   interrupted (Ctrl-C)
====  =====================================================================================

Expected errors never print a traceback; an unexpected one (a bug) still does.
"""

from __future__ import annotations

import click

from fastpix_async._logging import redact_url  # the SDK's own rule for what URLs may show
from fastpix_sync.errors import (
    APIConnectionError,
    APIStatusError,
    ConfigurationError,
    FastPixError,
    ResponseValidationError,
)

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CommandError(click.ClickException):
    """An expected error: printed as ``Error: <message>`` on stderr, then ``exit_code``."""

    exit_code = EXIT_FAILED


class CommandUsageError(CommandError):
    exit_code = EXIT_USAGE


class CommandInterrupted(CommandError):
    exit_code = EXIT_INTERRUPTED


_BY_CODE = {kind.exit_code: kind for kind in (CommandError, CommandUsageError, CommandInterrupted)}


def command_error(message: str, exit_code: int) -> CommandError:
    """An expected error that ends the command with ``exit_code`` (1, 2 or 130)."""
    return _BY_CODE[exit_code](message)


def exit_code_for(error: BaseException) -> int | None:
    """The exit code of an expected error; ``None`` for one that is not (a bug)."""
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(error, ConfigurationError):  # before FastPixError: it is a settings problem
        return EXIT_USAGE
    if isinstance(error, FastPixError):
        return EXIT_FAILED
    if isinstance(error, (ValueError, ImportError)):  # refused before sending / an extra
        return EXIT_USAGE
    if isinstance(error, OSError):
        return EXIT_FAILED
    return None


def describe(error: BaseException) -> str:
    """One line: the SDK's message (the API's, for status errors) and the request id."""
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    message = str(error) or type(error).__name__
    if isinstance(error, APIConnectionError):  # its message names no request: say which
        message += f" ({error.method} {redact_url(error.url)})"
    if isinstance(error, (APIStatusError, ResponseValidationError)) and error.request_id:
        message += f" [request id {error.request_id}]"
    return message


def as_command_error(error: BaseException) -> CommandError | None:
    code = exit_code_for(error)
    return None if code is None else command_error(describe(error), code)
