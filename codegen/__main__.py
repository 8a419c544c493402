"""``python -m codegen`` writes the sync twins; ``--check`` fails when they are stale."""

from __future__ import annotations

import argparse
import sys

from .generate import differences, generate, unused_rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    if args.check:
        problems = [f"unused replacement rule: {name}" for name in unused_rules()] + differences()
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print("run `python -m codegen` to regenerate", file=sys.stderr)
            return 1
        print("generated code is up to date")
        return 0
    for line in generate():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
