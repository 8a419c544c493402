"""Generate the synchronous twins (``fastpix_sync``, ``tests/_sync``) from the async source."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import tokenize_rt
import unasync

from .rules import HANDWRITTEN, HEADER, REPLACEMENTS, TREES

ROOT = Path(__file__).resolve().parents[1]


class StaleRuleError(RuntimeError):
    """A replacement rule that no source file uses."""


def _sources(source_dir: Path) -> Iterator[Path]:
    for path in sorted(source_dir.rglob("*.py")):
        relative = path.relative_to(source_dir)
        if relative.parts[0] in HANDWRITTEN or "__pycache__" in relative.parts:
            continue
        yield path


def _unasync(text: str, rule: unasync.Rule) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "src", "module.py")
        src.parent.mkdir()
        src.write_text(text, encoding="utf-8")
        unasync.unasync_files(
            [str(src)],
            [unasync.Rule(str(src.parent) + "/", tmp + "/dst/", rule.token_replacements)],
        )
        return Path(tmp, "dst", "module.py").read_text(encoding="utf-8")


def render(root: Path = ROOT) -> dict[Path, str]:
    """Every generated file (path relative to ``root``) and the text it should hold."""
    rule = unasync.Rule("/", "/", REPLACEMENTS)
    outputs: dict[Path, str] = {}
    for source, target in TREES:
        source_dir = root / source
        if not source_dir.is_dir():
            continue
        for path in _sources(source_dir):
            relative = path.relative_to(source_dir)
            header = HEADER.format(source=f"{source}/{relative.as_posix()}")
            outputs[Path(target) / relative] = header + _unasync(path.read_text("utf-8"), rule)
    return outputs


def unused_rules(root: Path = ROOT) -> list[str]:
    """Replacement rules that match no name or string in any source file."""
    seen: set[str] = set()
    for source, _ in TREES:
        source_dir = root / source
        if not source_dir.is_dir():
            continue
        for path in _sources(source_dir):
            for token in tokenize_rt.src_to_tokens(path.read_text("utf-8")):
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
    expected = render(root)
    problems = [
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
    expected = render(root)
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
