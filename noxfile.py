"""Developer sessions: ``nox -s tests``, ``lint``, ``typecheck``, ``verifytypes``,
``codegen [-- --check]``, ``bench``, ``docs``."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "verifytypes", "codegen_check"]
nox.options.reuse_existing_virtualenvs = True

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]


def _install(session: nox.Session) -> None:
    session.install("-e", ".[dev]")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite (both surfaces, real sockets, the emulator)."""
    _install(session)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def tests_without_speedups(session: nox.Session) -> None:
    """The JSON-reading tests with orjson hidden: the standard library's path."""
    _install(session)
    session.run(
        "python",
        "-m",
        "pytest",
        "tests/test_json.py",
        "tests/test_models.py",
        "tests/test_fastpath.py",
        "tests/_async/test_request_path.py",
        "tests/_sync/test_request_path.py",
        *session.posargs,
        env={"FASTPIX_HIDE_ORJSON": "1"},
    )


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on both packages."""
    _install(session)
    session.run("mypy")


@nox.session
def verifytypes(session: nox.Session) -> None:
    """``pyright --verifytypes`` on both packages: 100% type completeness and a docstring
    on every public symbol (``tests/docs/verifytypes.py`` says what it checks)."""
    _install(session)
    session.run("python", "-m", "tests.docs.verifytypes", *session.posargs)


@nox.session
def codegen(session: nox.Session) -> None:
    """Regenerate the sync twin (``-- --check`` only compares)."""
    _install(session)
    session.run("python", "-m", "codegen", *session.posargs)


@nox.session
def codegen_check(session: nox.Session) -> None:
    """Fail when the committed sync twin or derived contract is stale."""
    _install(session)
    session.run("python", "-m", "codegen", "--check")
    session.run("python", "-m", "codegen.contract", "--check")


@nox.session
def quickstart(session: nox.Session) -> None:
    """The main job, against the embedded emulator unless credentials are set."""
    _install(session)
    session.run("python", "examples/quickstart.py")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/ with ``mkdocs build --strict`` (any warning —
    a broken link or anchor, an unresolved reference — fails). ``-- --site-dir DIR`` to
    build elsewhere; ``mkdocs serve`` previews it."""
    # mkdocstrings reads the packages' source: only the docs extra is installed, not the SDK
    extras = nox.project.load_toml("pyproject.toml")["project"]["optional-dependencies"]
    session.install(*extras["docs"])
    session.run("mkdocs", "build", "--strict", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def bench(session: nox.Session) -> None:
    """The performance suite; writes benchmarks/RESULTS.md and docs/assets/benchmarks.svg
    (``-- --quick`` only checks it runs; ``-- --only bench_requests --against DIR`` compares
    with the SDK of another source tree).

    FastPix's official SDK and pydantic (the ``bench`` extra: the model-reading
    comparison) are installed here, in the bench venv only, to be measured alongside:
    neither is ever a dependency of this one.
    """
    session.install("-e", ".[dev,bench]")
    session.install("fastpix-python==1.2.0")
    session.run("python", "-m", "benchmarks", *session.posargs)
