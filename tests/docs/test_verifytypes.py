"""The pyright gate (``python -m tests.docs.verifytypes``, run by CI and ``nox -s
verifytypes``) fails on what it should, judged on reports shaped as pyright writes them."""

from __future__ import annotations

from typing import Any

from tests.docs import verifytypes


def _report(*symbols: dict[str, Any], score: float = 1.0) -> dict[str, Any]:
    return {"completenessScore": score, "symbols": list(symbols)}


def _symbol(name: str, *messages: str, known: bool = True) -> dict[str, Any]:
    return {
        "name": name,
        "isTypeKnown": known,
        "isTypeAmbiguous": False,
        "diagnostics": [{"message": message} for message in messages],
    }


def test_a_complete_documented_package_passes() -> None:
    assert verifytypes.problems(_report(_symbol("fastpix_async.AsyncFastPix"))) == []


def test_an_unannotated_attribute_fails_with_pyrights_reason_on_one_line() -> None:
    report = _report(
        _symbol(
            "fastpix_async._pagination.AsyncPage.data",
            "Type is missing type annotation and could be inferred differently\n"
            '    Inferred type is "list[T]"',
        ),
        score=0.99,
    )
    assert verifytypes.problems(report) == [
        "fastpix_async._pagination.AsyncPage.data: Type is missing type annotation and "
        'could be inferred differently Inferred type is "list[T]"'
    ]


def test_a_missing_docstring_fails_but_a_synthesized_converter_descriptor_does_not() -> None:
    report = _report(
        _symbol("fastpix_async.models.SortOrder", 'No docstring found for class "SortOrder"'),
        _symbol(
            "fastpix_async._retry.RetryPolicy.__converterDescriptor_status_codes",
            "No docstring found for class",
        ),
    )
    assert verifytypes.problems(report) == ["fastpix_async.models.SortOrder: no docstring"]


def test_a_score_below_100_percent_fails_even_without_a_named_symbol() -> None:
    assert verifytypes.problems(_report(score=0.955)) == ["type completeness is 95.5%"]


def test_the_summary_separates_synthesized_classes() -> None:
    report = {
        **_report(_symbol("x.A.__converterDescriptor_f", "No docstring found for class")),
        "exportedSymbolCounts": {"withKnownType": 10, "withAmbiguousType": 0},
        "missingFunctionDocStringCount": 0,
        "missingClassDocStringCount": 1,
    }
    line = verifytypes.summary("x", report)
    assert "type completeness 100.0%" in line
    assert "0 functions, 0 classes (+1 converter descriptors" in line
