"""The performance suite: ``python -m benchmarks`` (or ``nox -s bench``) writes RESULTS.md."""
