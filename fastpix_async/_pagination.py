"""Pages of list endpoints, and iterating over every item of every page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Generic, Protocol, TypeVar

from .models.common import Pagination

__all__ = ["AsyncPage", "Page"]

T = TypeVar("T")


class AsyncPageFetcher(Protocol[T]):
    async def __call__(self, offset: int) -> AsyncPage[T]: ...


class AsyncPage(Generic[T]):
    """One page of a list: ``data`` plus the API's ``pagination``.

    The API paginates by page number: ``pagination.current_offset`` is this page
    (from 1) and ``pagination.offset_count`` the number of pages.
    """

    __slots__ = ("_fetch", "data", "pagination")

    def __init__(
        self, data: list[T], pagination: Pagination | None, fetch: AsyncPageFetcher[T]
    ) -> None:
        self.data = data
        self.pagination = pagination
        self._fetch = fetch

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={len(self.data)}, pagination={self.pagination!r})"

    def __len__(self) -> int:
        return len(self.data)

    def has_next_page(self) -> bool:
        p = self.pagination
        if not self.data or p is None or p.current_offset is None or p.offset_count is None:
            return False
        return p.current_offset < p.offset_count

    async def next_page(self) -> AsyncPage[T]:
        """Fetch the following page; raises ``LookupError`` on the last one."""
        if not self.has_next_page():
            raise LookupError("this is the last page")
        assert self.pagination is not None and self.pagination.current_offset is not None
        return await self._fetch(self.pagination.current_offset + 1)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page, then each following one, fetched as the loop reaches it."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def iter_items(self) -> AsyncIterator[T]:
        """Every item of this page and the following ones."""
        async for page in self.iter_pages():
            for item in page.data:
                yield item


Page = AsyncPage  # the name both surfaces share
