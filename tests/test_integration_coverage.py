"""The SDK-over-sockets integration tests, together, reach every operation of the contract.

Each ``tests/_async/test_integration_*.py`` declares ``Coverage`` objects; a flow test in
the same module asserts that the emulator received exactly those operations (see
``tests/_async/_integration.py``). Here the declarations are gathered and compared with
the contract. ``test_integration_media_extra.py`` speaks for ``test_media_emulator.py``
(it replays that module's flows), so media counts too. The sync twins in ``tests/_sync``
are generated from the same modules, so they declare the same.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from types import ModuleType

import pytest

from tests._async._integration import GROUP_PREFIXES, Coverage, contract_group, group_of
from tests._async.test_coverage import OPERATION_METHODS
from tests.contract._contract import OPERATION_COUNT, OPERATIONS

INTEGRATION_DIR = Path(__file__).with_name("_async")
MODULE_NAMES = sorted(p.stem for p in INTEGRATION_DIR.glob("test_integration_*.py"))


def load(name: str) -> ModuleType:
    return importlib.import_module(f"tests._async.{name}")


def declarations(module: ModuleType) -> dict[str, Coverage]:
    return {name: v for name, v in vars(module).items() if isinstance(v, Coverage)}


def test_the_integration_modules_cover_every_operation() -> None:
    covered: set[str] = set()
    for name in MODULE_NAMES:
        for coverage in declarations(load(name)).values():
            covered |= coverage.covers
    missing = sorted(set(OPERATIONS) - covered)
    assert not missing, f"no integration flow reaches: {missing}"
    assert covered == set(OPERATIONS) and len(covered) == OPERATION_COUNT


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_every_declaration_is_checked_by_a_test_of_its_module(name: str) -> None:
    module = load(name)
    source = inspect.getsource(module)
    for variable in declarations(module):
        # a declaration is only worth counting if a flow test compares it with the emulator
        assert f"{variable}.assert_received(" in source, f"{name}.{variable} is never checked"


def test_each_resource_group_is_covered_whole() -> None:
    by_group: dict[str, set[str]] = {group: set() for group in GROUP_PREFIXES}
    for name in MODULE_NAMES:
        for coverage in declarations(load(name)).values():
            for op_id in coverage.covers:
                by_group[group_of(OPERATIONS[op_id])].add(op_id)
    for group, covered in by_group.items():
        assert covered == contract_group(group), group


def test_the_groups_are_the_sdk_resources() -> None:
    # the path prefixes that define the groups agree with where the SDK puts each method
    for op_id, op in OPERATIONS.items():
        assert group_of(op) == OPERATION_METHODS[op_id].split(".")[0], op
    assert sum(len(contract_group(g)) for g in GROUP_PREFIXES) == len(OPERATIONS)
