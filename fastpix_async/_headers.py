"""``Headers``: response headers as errors keep them, the same on both surfaces.

aiohttp hands out a ``CIMultiDictProxy`` and urllib3 an ``HTTPHeaderDict``; neither
pickles, so an error carrying one could not cross a process boundary (a pool's worker
raising a 404). An error copies its response's headers into this plain mapping once,
when it is raised: names match in any case and repeated headers are joined with ", ",
as HTTP allows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

__all__ = ["Headers"]


class Headers(Mapping[str, str]):
    """A read-only, picklable mapping of header names to values; names match in any case."""

    __slots__ = ("_items",)

    def __init__(self, headers: Mapping[str, str] | None = None) -> None:
        # lower-cased name -> (the name as sent, the value)
        items: dict[str, tuple[str, str]] = {}
        for name, value in (headers or {}).items():  # both libraries yield repeats one by one
            key = name.lower()
            if key in items:
                first_name, first_value = items[key]
                items[key] = (first_name, f"{first_value}, {value}")
            else:
                items[key] = (name, value)
        self._items = items

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"
