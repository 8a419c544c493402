"""Generate the synchronous twins (``fastpix_sync``, ``tests/_sync``) from the async source.

Three kinds of module come out of it:

- the awaiting layers (``rules.GENERATED``) and the socket tests, run through unasync;
  their imports of the shared core are pointed at ``fastpix_async``, and their prose
  (docstrings, comments, messages) is rewritten to read as sync code;
- for each public shared module, a small re-export under the twin's name
  (``fastpix_sync.errors`` holds the very objects of ``fastpix_async.errors``);
- nothing for the rest of the shared core: the twin imports it from ``fastpix_async``.
"""

from __future__ import annotations

import ast
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import tokenize_rt
import unasync

from .rules import (
    ASYNC_WORDS,
    GENERATED,
    HANDWRITTEN,
    HEADER,
    NOT_REEXPORTED,
    PACKAGE,
    PROSE,
    REPLACEMENTS,
    SHARED_ASYNC,
    TREES,
    TWIN,
)

ROOT = Path(__file__).resolve().parents[1]

_PROSE_TOKENS = frozenset({"STRING", "FSTRING_MIDDLE", "COMMENT"})
_DOTTED_NAME = re.compile(r"^[\"']?[\w.]*[\"']?$")
_FROM_IMPORT = re.compile(r"^(\s*from\s+)(\.*[\w.]*)(\s+import\b)")


class StaleRuleError(RuntimeError):
    """A replacement rule that no source file uses."""


class GenerationError(RuntimeError):
    """The async source breaks a rule of the generation (the message says which)."""


def _in(table: frozenset[str], relative: PurePosixPath) -> bool:
    """Whether a module path (relative to its tree) is in ``table`` or in a folder it names."""
    return any(str(parent) in table for parent in (relative, *relative.parents))


def _is_shared(relative: PurePosixPath) -> bool:
    """A module of the package that both surfaces import as it is."""
    return not _in(GENERATED, relative) and not _in(HANDWRITTEN, relative)


def _module_files(source_dir: Path) -> Iterator[PurePosixPath]:
    for path in sorted(source_dir.rglob("*.py")):
        relative = PurePosixPath(path.relative_to(source_dir).as_posix())
        if "__pycache__" not in relative.parts:
            yield relative


def _generated_sources(root: Path, source: str) -> Iterator[PurePosixPath]:
    for relative in _module_files(root / source):
        if any(part in HANDWRITTEN for part in relative.parts):
            continue
        if source == PACKAGE and _is_shared(relative):
            continue
        yield relative


def _module_name(package: str, relative: PurePosixPath) -> str:
    parts = [package, *relative.with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_name(top: str, relative: PurePosixPath) -> str:
    """The package a module belongs to (itself for an ``__init__.py``): what ``.`` means there."""
    return ".".join([top, *relative.parent.parts])


def _shared_module(root: Path, dotted: str) -> bool:
    """Whether ``fastpix_async.<dotted>`` is (in) a shared module of the package."""
    if not dotted:
        return False
    relative = PurePosixPath(*dotted.split("."))
    return any(
        _is_shared(candidate)
        for candidate in (relative.with_suffix(".py"), relative / "__init__.py")
        if (root / PACKAGE / candidate).exists()
    )


def _has_twin_name(dotted: str) -> bool:
    """Whether the twin re-exports ``fastpix_async.<dotted>`` under its own name."""
    return not any(part.startswith("_") for part in dotted.split(".")) and not _in(
        NOT_REEXPORTED, PurePosixPath(*dotted.split("."))
    )


def _point_at_shared_core(root: Path, text: str, package: str, in_package: bool) -> str:
    """Imports of the shared core read it from ``fastpix_async`` (one set of classes).

    In the package, relative imports of shared modules become absolute; in the tests,
    imports of shared modules the twin has no name for (``fastpix_sync._serde``) go
    back to ``fastpix_async``.
    """
    lines = text.splitlines(keepends=True)
    package_parts = package.split(".")
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level and in_package:
            base = package_parts[: len(package_parts) - node.level + 1]
            absolute = ".".join([*base, node.module] if node.module else base)
        elif node.module and node.module.startswith(TWIN + ".") and not in_package:
            absolute = PACKAGE + node.module[len(TWIN) :]
        else:
            continue
        inner = absolute.removeprefix(PACKAGE).lstrip(".")
        if node.module is None or absolute == PACKAGE:  # from . import a, b
            lines[node.lineno - 1] = _split_module_imports(root, node, lines[node.lineno - 1])
            continue
        if not _shared_module(root, inner) or (not in_package and _has_twin_name(inner)):
            continue
        index = node.lineno - 1
        lines[index] = _FROM_IMPORT.sub(rf"\g<1>{absolute}\g<3>", lines[index], count=1)
    return "".join(lines)


def _split_module_imports(root: Path, node: ast.ImportFrom, line: str) -> str:
    """``from . import _backend, _logging``: the shared modules come from ``fastpix_async``."""
    shared = [alias.name for alias in node.names if _shared_module(root, alias.name)]
    if not shared:
        return line
    if node.end_lineno != node.lineno or any(alias.asname for alias in node.names):
        raise GenerationError(f"line {node.lineno}: write this import on one line, without 'as'")
    indent = line[: len(line) - len(line.lstrip())]
    own = [alias.name for alias in node.names if alias.name not in shared]
    statements = [f"from {'.' * node.level} import {', '.join(own)}"] if own else []
    statements.append(f"from {PACKAGE} import {', '.join(shared)}")
    return "".join(f"{indent}{statement}\n" for statement in statements)


def _rewrite_prose(text: str) -> str:
    tokens = tokenize_rt.src_to_tokens(text)
    for index, token in enumerate(tokens):
        if token.name in _PROSE_TOKENS and not _DOTTED_NAME.match(token.src):
            src = token.src
            for pattern, replacement in PROSE:
                src = pattern.sub(replacement, src)
            tokens[index] = token._replace(src=src)
    return tokenize_rt.tokens_to_src(tokens)


def async_words(text: str, first_line: int = 1) -> list[str]:
    """``line: word`` for each async word left in the prose of ``text``."""
    return [
        f"{token.line + first_line - 1}: {match.group()!r}"
        for token in tokenize_rt.src_to_tokens(text)
        if token.name in _PROSE_TOKENS and not _DOTTED_NAME.match(token.src)
        for match in ASYNC_WORDS.finditer(token.src)
    ]


def _unasync(text: str) -> str:
    rule = unasync.Rule("/", "/", REPLACEMENTS)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "src", "module.py")
        src.parent.mkdir()
        src.write_text(text, encoding="utf-8")
        unasync.unasync_files(
            [str(src)],
            [unasync.Rule(str(src.parent) + "/", tmp + "/dst/", rule.token_replacements)],
        )
        return Path(tmp, "dst", "module.py").read_text(encoding="utf-8")


def _reexport(relative: PurePosixPath, source_text: str) -> str:
    """The twin's module for a public shared one: the same objects, imported on first use."""
    module = _module_name(PACKAGE, relative)
    names = _declared_all(source_text, module)
    imported = "".join(f"        {name},\n" for name in names)
    listed = "".join(f'    "{name}",\n' for name in names)
    return (
        f'"""The same objects as ``{module}``: both surfaces share them."""\n\n'
        "from typing import TYPE_CHECKING\n\n"
        f"from {PACKAGE}._lazy import lazy_attributes\n\n"
        "if TYPE_CHECKING:\n"
        f"    from {module} import (\n{imported}    )\n\n"
        f"__all__ = [\n{listed}]\n\n"
        "lazy_attributes(\n"
        f'    __name__, dict.fromkeys(__all__, "{module}")\n'
        ")\n"
    )


def _declared_all(text: str, module: str) -> list[str]:
    for node in ast.parse(text).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
            and isinstance(node.value, (ast.List, ast.Tuple))
        ):
            return [ast.literal_eval(element) for element in node.value.elts]
    raise GenerationError(f"{module} is public and shared: it must list its names in __all__")


def _check_shared_never_awaits(root: Path) -> None:
    for relative in _module_files(root / PACKAGE):
        if not _is_shared(relative) or _in(SHARED_ASYNC, relative):
            continue
        tree = ast.parse((root / PACKAGE / relative).read_text("utf-8"))
        if any(isinstance(n, (ast.AsyncFunctionDef, ast.Await)) for n in ast.walk(tree)):
            raise GenerationError(
                f"{PACKAGE}/{relative} awaits, so it can't be shared: "
                "add it to GENERATED in codegen/rules.py"
            )


def render(root: Path = ROOT) -> dict[Path, str]:
    """Every generated file (path relative to ``root``) and the text it should hold."""
    return _render(root)[0]


def _render(root: Path) -> tuple[dict[Path, str], list[str]]:
    """``render``'s files, and the async words left in the prose of the unasync'd ones."""
    _check_shared_never_awaits(root)
    outputs: dict[Path, str] = {}
    prose: list[str] = []
    for source, target in TREES:
        if not (root / source).is_dir():
            continue
        for relative in _generated_sources(root, source):
            text = _unasync((root / source / relative).read_text("utf-8"))
            package = _package_name(source.replace("/", "."), relative)
            text = _point_at_shared_core(root, text, package, in_package=source == PACKAGE)
            text = _rewrite_prose(text)
            prose += [f"{target}/{relative}:{where}" for where in async_words(text, first_line=2)]
            outputs[Path(target, relative)] = HEADER.format(source=f"{source}/{relative}") + text
    for relative in _module_files(root / PACKAGE):
        dotted = _module_name(PACKAGE, relative).removeprefix(PACKAGE).lstrip(".")
        if dotted and _is_shared(relative) and _has_twin_name(dotted):
            text = (root / PACKAGE / relative).read_text("utf-8")
            header = HEADER.format(source=f"{PACKAGE}/{relative}")
            outputs[Path(TWIN, relative)] = header + _reexport(relative, text)
    return outputs, prose


def unused_rules(root: Path = ROOT) -> list[str]:
    """Replacement rules that match no name or string in any source file."""
    seen: set[str] = set()
    for source, _ in TREES:
        if not (root / source).is_dir():
            continue
        for relative in _generated_sources(root, source):
            for token in tokenize_rt.src_to_tokens((root / source / relative).read_text("utf-8")):
                if token.name == "NAME":
                    seen.add(token.src)
                elif token.name == "STRING":
                    seen.add(token.src[1:-1])
    return sorted(set(REPLACEMENTS) - seen)


def _generated_files(root: Path) -> Iterator[Path]:
    """Files in the targets that codegen wrote (they carry its header)."""
    marker = HEADER.split("{", 1)[0]
    for _, target in TREES:
        target_dir = root / target
        if target_dir.is_dir():
            for path in sorted(target_dir.rglob("*.py")):
                if path.read_text("utf-8").startswith(marker):
                    yield path.relative_to(root)


def differences(root: Path = ROOT) -> list[str]:
    """What ``generate`` would change, one line per file; empty when the twins are current."""
    expected, prose = _render(root)
    problems = [f"{where} left in generated prose (reword the async source)" for where in prose]
    problems += [
        f"{path}: out of date" if (root / path).exists() else f"{path}: missing"
        for path, text in expected.items()
        if not (root / path).exists() or (root / path).read_text("utf-8") != text
    ]
    problems += [
        f"{path}: stale (its source is gone)"
        for path in _generated_files(root)
        if path not in expected
    ]
    return problems


def generate(root: Path = ROOT) -> list[str]:
    """Write the twins; returns the files written or removed."""
    stale = unused_rules(root)
    if stale:
        raise StaleRuleError(f"replacement rules no source uses (remove them): {', '.join(stale)}")
    expected, prose = _render(root)
    if prose:
        raise GenerationError("async words left in generated prose:\n" + "\n".join(prose))
    changed: list[str] = []
    for path, text in expected.items():
        destination = root / path
        if not destination.exists() or destination.read_text("utf-8") != text:
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(text, encoding="utf-8")
            changed.append(f"wrote {path}")
    for path in _generated_files(root):
        if path not in expected:
            (root / path).unlink()
            changed.append(f"removed {path}")
    for _, target in TREES:
        for cache in (root / target).rglob("__pycache__") if (root / target).is_dir() else ():
            shutil.rmtree(cache, ignore_errors=True)
    return changed
