"""The synchronous backend: a urllib3 pool, ``time.sleep``.

Handwritten twin of ``fastpix_async/_backend.py`` (same names, same contract);
everything else in ``fastpix_sync`` is generated from ``fastpix_async``.
"""

from __future__ import annotations

import time

import urllib3
from urllib3.exceptions import HTTPError, TimeoutError

from .errors import APIConnectionError, APITimeoutError
from ._types import Response

__all__ = ["TRANSPORT_NAME", "HTTPSession", "Transport", "sleep"]

TRANSPORT_NAME = "urllib3"

HTTPSession = urllib3.PoolManager

sleep = time.sleep


class Transport:
    """A urllib3 ``PoolManager`` that blocks rather than open more than ``max_connections``."""

    def __init__(self, *, max_connections: int, session: urllib3.PoolManager | None) -> None:
        self._owns_session = session is None
        self._pool = session or urllib3.PoolManager(
            num_pools=4, maxsize=max_connections, block=True, retries=False
        )
        self._timeouts: dict[float | None, urllib3.Timeout] = {}
        self.closed = False

    def _timeout(self, seconds: float | None) -> urllib3.Timeout:
        timeout = self._timeouts.get(seconds)
        if timeout is None:
            timeout = self._timeouts[seconds] = urllib3.Timeout(total=seconds)
        return timeout

    def send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float | None,
    ) -> Response:
        try:
            response = self._pool.request(
                method,
                url,
                body=body,
                headers=headers,
                timeout=self._timeout(timeout),
                retries=False,
                redirect=False,
                preload_content=True,
            )
        except TimeoutError as exc:
            raise APITimeoutError(
                f"request timed out after {timeout}s", method=method, url=url
            ) from exc
        except HTTPError as exc:
            raise APIConnectionError(
                f"connection failed: {type(exc).__name__}: {exc}", method=method, url=url
            ) from exc
        return Response(response.status, response.headers, response.data)

    def close(self) -> None:
        self.closed = True
        if self._owns_session:
            self._pool.clear()
