"""Both packages' public API is fully typed and documented, as pyright sees it.

``python -m tests.docs.verifytypes`` runs ``pyright --verifytypes <package>
--ignoreexternal`` for ``fastpix_async`` and ``fastpix_sync`` (CI runs it, and so does
``nox -s verifytypes``) and fails unless, for each package:

- the type completeness score is 100%: every public symbol has a declared type (no
  attribute or module ``__getattr__`` left for type checkers to infer), and
- no public symbol lacks a docstring.

The one exception is a class pyright invents: for an attrs field with a ``converter``
it synthesizes a ``__converterDescriptor_<field>`` class, which has no source to hold a
docstring (the field's class documents the field). Those are listed, not counted.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import Any

PACKAGES = ("fastpix_async", "fastpix_sync")

#: Classes pyright synthesizes (no source, so no docstring): see the module docstring.
SYNTHESIZED = "__converterDescriptor_"


def verifytypes_report(package: str) -> Mapping[str, Any]:
    """Run pyright's ``--verifytypes`` on ``package``; its JSON ``typeCompleteness`` part."""
    pyright = shutil.which("pyright")
    if pyright is None:
        raise SystemExit('pyright is not installed: pip install -e ".[dev]"')
    finished = subprocess.run(
        [pyright, "--verifytypes", package, "--ignoreexternal", "--outputjson"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report: Mapping[str, Any] = json.loads(finished.stdout)["typeCompleteness"]
    except (ValueError, KeyError):
        raise SystemExit(f"pyright gave no report for {package}:\n{finished.stderr}") from None
    return report


def _undocumented(symbol: Mapping[str, Any]) -> bool:
    return any("No docstring" in d.get("message", "") for d in symbol.get("diagnostics", ()))


def problems(report: Mapping[str, Any]) -> list[str]:
    """What keeps a ``typeCompleteness`` report from passing: one line per symbol."""
    found: list[str] = []
    for symbol in report.get("symbols", ()):
        name = symbol["name"]
        typing = [
            " ".join(d["message"].split())  # pyright's messages span lines
            for d in symbol.get("diagnostics", ())
            if "No docstring" not in d["message"]
        ]
        if typing:  # a symbol only ambiguous through one of these names none itself
            found.append(f"{name}: {'; '.join(typing)}")
        if _undocumented(symbol) and SYNTHESIZED not in name:
            found.append(f"{name}: no docstring")
    score = float(report.get("completenessScore", 0.0))
    if score < 1.0 and not found:
        found.append(f"type completeness is {score:.1%}")
    return found


def summary(package: str, report: Mapping[str, Any]) -> str:
    """One line: the score and counts pyright reported."""
    counts = report.get("exportedSymbolCounts", {})
    synthesized = sum(
        1 for s in report.get("symbols", ()) if SYNTHESIZED in s["name"] and _undocumented(s)
    )
    return (
        f"{package}: type completeness {float(report.get('completenessScore', 0.0)):.1%}, "
        f"{counts.get('withKnownType', 0)} exported symbols of known type, "
        f"{counts.get('withAmbiguousType', 0)} ambiguous, {counts.get('withUnknownType', 0)} "
        f"unknown; undocumented: {report.get('missingFunctionDocStringCount', 0)} functions, "
        f"{report.get('missingClassDocStringCount', 0) - synthesized} classes "
        f"(+{synthesized} converter descriptors pyright synthesizes)"
    )


def main(argv: Sequence[str] = ()) -> int:
    """Check each package named in ``argv`` (both by default); 1 if any has a problem."""
    failed = False
    for package in argv or PACKAGES:
        report = verifytypes_report(package)
        print(summary(package, report))
        for line in problems(report):
            failed = True
            print(f"  {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
