"""Hatch build hook: regenerate ``fastpix_sync`` so a wheel or sdist can't ship a stale twin."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CodegenBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        sys.path.insert(0, self.root)
        try:
            from codegen.generate import generate

            for line in generate(Path(self.root)):
                self.app.display_info(f"codegen: {line}")
        finally:
            sys.path.remove(self.root)
