"""The ``fastpix`` console script (also ``python -m fastpix_cli``)."""

from __future__ import annotations

import sys

INSTALL_HINT = 'the fastpix command line needs its extra packages: pip install "fastpix-sdk[cli]"'


def main() -> None:
    try:  # the cli extra: without it, one line saying how to get it, never a traceback
        import click  # noqa: F401
        import rich  # noqa: F401
    except ImportError:
        print(f"fastpix: {INSTALL_HINT}", file=sys.stderr)
        raise SystemExit(2) from None
    from .app import cli

    cli(prog_name="fastpix")


if __name__ == "__main__":
    main()
