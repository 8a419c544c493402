"""Which proxy a request goes through: the client's ``proxy=``, or the environment's.

Shared by both surfaces: each transport asks :meth:`ProxyRoutes.for_url` and sends
the request there. A proxy's credentials are kept apart from its address, so the
address can be shown (in a repr, an error, a log line) with the password masked, and
only the ``Proxy-Authorization`` header carries it.
"""

from __future__ import annotations

import base64
import os
import sys
from urllib.parse import unquote, urlsplit

import attrs

from .errors import ConfigurationError

__all__ = ["Proxy", "ProxyRoutes", "connection_failed", "proxy_routes"]

_SCHEMES = ("http", "https")


@attrs.frozen(repr=False)
class Proxy:
    """One proxy: its address without credentials, and the header that carries them."""

    url: str  # scheme://host:port
    username: str = ""
    password: str = ""

    @classmethod
    def parse(cls, url: str, *, source: str, scheme_optional: bool = False) -> Proxy:
        """``http[s]://[user:password@]host[:port]``; ``source`` names the setting in errors.

        ``scheme_optional``: a URL without a scheme (``proxy:3128``, which curl accepts
        in the environment) is ``http://``.
        """
        if not isinstance(url, str):
            raise ConfigurationError(f"{source} must be a URL string, got {type(url).__name__}")
        if "://" not in url:
            if not scheme_optional:  # not echoed: it may hold a password
                raise ConfigurationError(f"{source} must start with http:// or https://")
            url = "http://" + url
        scheme, _, rest = url.partition("://")
        userinfo, _, address = rest.split("/", 1)[0].rpartition("@")
        username, _, password = userinfo.partition(":")
        proxy = cls(
            f"{scheme.lower()}://{address}", username=unquote(username), password=unquote(password)
        )
        if scheme.lower() not in _SCHEMES or not _host_and_port(proxy.url):
            raise ConfigurationError(
                f"{source} must be an http:// or https:// URL with a host, got {proxy.display!r}"
            )
        return proxy

    @property
    def display(self) -> str:
        """The URL as it can be shown: the password masked."""
        if not self.username and not self.password:
            return self.url
        scheme, _, address = self.url.partition("://")
        return f"{scheme}://{self.username}:***@{address}"

    @property
    def authorization(self) -> str | None:
        """The ``Proxy-Authorization`` header's value, if the URL had credentials."""
        if not self.username and not self.password:
            return None
        pair = f"{self.username}:{self.password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")

    def __repr__(self) -> str:
        return f"Proxy({self.display!r})"


def _host_and_port(url: str) -> bool:
    """``url`` (credentials removed) names a host, and a port only if a valid one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return bool(parts.hostname)


class ProxyRoutes:
    """The proxy for each request URL: the given one for all, else the environment's.

    The environment (``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``, in either case) is
    read once, when the client is built, by the standard library's ``getproxies`` and
    ``proxy_bypass`` (which ``requests`` uses too). It pickles as the settings it was
    given: a copy in another process reads that process's environment.
    """

    def __init__(self, proxy: Proxy | None = None, *, trust_env: bool = False) -> None:
        self.proxy = proxy
        self.trust_env = trust_env
        self._from_env: dict[str, Proxy] = {}
        if proxy is None and trust_env:
            self._from_env = _environment_proxies()
        self._routes: dict[str, Proxy | None] = {}  # by scheme://host:port

    def for_url(self, url: str) -> Proxy | None:
        """The proxy to send a request for ``url`` through, or ``None`` to go direct."""
        if self.proxy is not None or not self._from_env:  # the common cases, per request
            return self.proxy
        scheme, _, rest = url.partition("://")
        origin = url[: len(scheme) + 3 + len(rest.split("/", 1)[0].split("?", 1)[0])]
        try:
            return self._routes[origin]
        except KeyError:
            route = self._routes[origin] = self._route(scheme, origin[len(scheme) + 3 :])
            return route

    def _route(self, scheme: str, netloc: str) -> Proxy | None:
        proxy = self._from_env.get(scheme)
        if proxy is None:
            return None
        from urllib.request import proxy_bypass  # loaded already by either transport

        return None if proxy_bypass(netloc.rpartition("@")[2]) else proxy

    @property
    def environment(self) -> dict[str, Proxy]:
        """The environment's proxies by URL scheme (empty when not used)."""
        return dict(self._from_env)

    def __reduce__(self) -> tuple[object, ...]:
        return (_routes, (self.proxy, self.trust_env))

    def __repr__(self) -> str:
        if self.proxy is not None:
            return f"ProxyRoutes({self.proxy!r})"
        return f"ProxyRoutes(environment={self._from_env!r})"


def _routes(proxy: Proxy | None, trust_env: bool) -> ProxyRoutes:
    return ProxyRoutes(proxy, trust_env=trust_env)


def _environment_proxies() -> dict[str, Proxy]:
    if sys.platform not in ("darwin", "win32") and not any(
        name.lower().endswith("_proxy") for name in os.environ
    ):
        return {}  # nothing to read (elsewhere the system's settings count): skip the import
    from urllib.request import getproxies

    found = getproxies()
    return {
        scheme: Proxy.parse(found[scheme], source=f"{scheme.upper()}_PROXY", scheme_optional=True)
        for scheme in _SCHEMES
        if found.get(scheme)
    }


def proxy_routes(proxy: str | None, *, trust_env: bool, session_given: bool) -> ProxyRoutes:
    """The routes for a client's ``proxy=`` and ``trust_env=`` settings, checked.

    A client given ``http_session=`` leaves proxies to that session: combining them
    is refused rather than silently ignored.
    """
    if not isinstance(trust_env, bool):
        raise ConfigurationError(f"trust_env must be True or False, got {trust_env!r}")
    parsed = None if proxy is None else Proxy.parse(proxy, source="proxy")
    if session_given:
        if parsed is not None or not trust_env:
            raise ConfigurationError(
                "proxy= and trust_env= apply to the connection pool the client creates; "
                "with http_session=, configure the proxy on your session"
            )
        return ProxyRoutes()  # the session's own settings apply
    return ProxyRoutes(parsed, trust_env=trust_env)


def connection_failed(exc: BaseException, proxy: Proxy | None) -> str:
    """An ``APIConnectionError``'s message: what failed, and through which proxy.

    The proxy's password is masked, wherever a library may have put it in its message.
    """
    message = f"connection failed: {type(exc).__name__}: {exc}"
    if proxy is None:
        return message
    if proxy.password:
        message = message.replace(proxy.password, "***")
    return f"{message} (through the proxy {proxy.display})"
