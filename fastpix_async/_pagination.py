"""Pages of list endpoints, and iterating over every item of every page."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from typing import Concatenate, Generic, ParamSpec, Protocol, TypeVar

from .models.common import Pagination

__all__ = ["AsyncPage", "Page"]

T = TypeVar("T")
R = TypeVar("R", contravariant=True)  # the resource a list method belongs to
P = ParamSpec("P")

#: Items a page holds when ``*_all`` is not given a ``limit``: the most the capped lists
#: allow, so the fewest requests.
EVERY_ITEM_LIMIT = 50

# The docstring of every ``*_all`` method: ``{name}`` is the list method's name and
# ``{limit}`` EVERY_ITEM_LIMIT. The docs site renders the methods from this text too
# (docs/_ext/reference.py), since they are made at run time.
_EVERY_ITEM_DOC = """Every item of ``{name}``, page after page, each fetched as the loop reaches it.

Takes the arguments of ``{name}``. Pages hold ``limit`` items ({limit} unless given, the
fewest requests), from page ``offset`` (default 1). Leaving the loop early fetches no
further page.

Yields:
    Each item of every page, in the API's order; a page that fails to load
        raises what ``{name}`` raises.
"""


class AsyncPageFetcher(Protocol[T]):
    """Fetches the page at an offset (from 1) of the list a page came from."""

    async def __call__(self, offset: int) -> AsyncPage[T]: ...


class AsyncPage(Generic[T]):
    """One page of a list: ``data`` plus the API's ``pagination``.

    The API paginates by page number: ``pagination.current_offset`` is this page
    (from 1) and ``pagination.offset_count`` the number of pages.
    """

    __slots__ = ("_fetch", "data", "pagination")

    data: list[T]
    """The items of this page, in the API's order."""
    pagination: Pagination | None
    """Where this page is in the list; ``None`` when the API sent no pagination."""

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
        """Whether a page follows this one (``False`` for an empty page or the last one).

        Example:
            ```python
            page = await fp.media.list(limit=10)
            while page.has_next_page():
                page = await page.next_page()
            ```
        """
        p = self.pagination
        if not self.data or p is None or p.current_offset is None or p.offset_count is None:
            return False
        return p.current_offset < p.offset_count

    async def next_page(self) -> AsyncPage[T]:
        """Fetch the page after this one.

        Returns:
            The next page, of the same list with the same arguments.

        Raises:
            LookupError: This is the last page (see :meth:`has_next_page`).
        """
        if not self.has_next_page():
            raise LookupError("this is the last page")
        assert self.pagination is not None and self.pagination.current_offset is not None
        return await self._fetch(self.pagination.current_offset + 1)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page, then each following one, fetched as the loop reaches it.

        Example:
            ```python
            first = await fp.media.list(limit=20)
            async for page in first.iter_pages():
                print(len(page.data), "media on page", page.pagination.current_offset)
            ```
        """
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def iter_items(self) -> AsyncIterator[T]:
        """Every item of this page and the following ones, each page fetched as the loop
        reaches it (a resource's ``list_all`` does this from the first page)."""
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncListMethod(Protocol[R, P, T]):
    """A resource's ``list`` method, unbound: takes the resource and arguments, returns a page."""

    __name__: str
    __qualname__: str

    async def __call__(self, resource: R, /, *args: P.args, **kwargs: P.kwargs) -> AsyncPage[T]: ...


def every_item(
    list_page: AsyncListMethod[R, P, T],
) -> Callable[Concatenate[R, P], AsyncIterator[T]]:
    """The ``*_all`` method of a list method, written once: ``list_all = every_item(list)``.

    It takes the list's arguments (type checkers see them too) and yields every item of
    every page from page ``offset``, fetching a page only when the iteration reaches it.
    """

    async def all_items(resource: R, /, *args: P.args, **kwargs: P.kwargs) -> AsyncIterator[T]:
        kwargs.setdefault("limit", EVERY_ITEM_LIMIT)
        page = await list_page(resource, *args, **kwargs)
        async for item in page.iter_items():
            yield item

    name = list_page.__name__
    all_items.__name__ = f"{name}_all"
    all_items.__qualname__ = f"{list_page.__qualname__}_all"
    all_items.__doc__ = _EVERY_ITEM_DOC.format(name=name, limit=EVERY_ITEM_LIMIT)
    signature = inspect.signature(list_page)  # the list's own, but for the limit and the result
    parameters = [
        p.replace(default=EVERY_ITEM_LIMIT) if p.name == "limit" else p
        for p in signature.parameters.values()
    ]
    all_items.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=inspect.Signature.empty
    )
    return all_items


Page = AsyncPage  # the name both surfaces share
