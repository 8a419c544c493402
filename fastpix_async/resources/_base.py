"""What every resource shares: the requester, and reading a list one page at a time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from .._checks import check_offset
from .._http import AsyncRequester, query
from .._pagination import AsyncPage

T = TypeVar("T")


class AsyncResource:
    """A group of API operations, sending through the client's requester."""

    __slots__ = ("_requester",)

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    async def _list(
        self, path: str, item_type: type[T], params: Mapping[str, object], offset: int
    ) -> AsyncPage[T]:
        check_offset(offset)

        async def fetch(offset: int) -> AsyncPage[T]:
            pairs = query({**params, "offset": offset})
            items, pagination = await self._requester.request_page(path, item_type, pairs)
            return AsyncPage(items, pagination, fetch)

        return await fetch(offset)
