"""The exceptions the SDK raises: one hierarchy, rooted at :class:`FastPixError`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._headers import Headers

if TYPE_CHECKING:  # for annotations only: importing the errors loads no model
    from .models.media import Media, MediaStatus, Upload

__all__ = [
    "APIConnectionError",
    "APIErrorDetail",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "EventLoopError",
    "FastPixError",
    "FieldError",
    "InternalServerError",
    "MediaFailedError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "UnprocessableEntityError",
    "UploadError",
    "UploadSessionExpiredError",
    "WaitTimeoutError",
    "WebhookPayloadError",
    "WebhookVerificationError",
]

_BODY_PREVIEW = 200


class FastPixError(Exception):
    """Base class of every error the SDK raises on purpose.

    Every one pickles (a worker process can raise it to its pool) and comes back as the
    same class with the same attributes.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own reduce calls cls(*args), which keyword-only constructors refuse
        # (and a pool whose worker raised one hangs): rebuild without __init__, then
        # restore the attributes.
        return (_unpickle, (type(self), self.args), self.__dict__)


def _unpickle(cls: type[FastPixError], args: tuple[Any, ...]) -> FastPixError:
    error = cls.__new__(cls)
    error.args = args  # set apart: OSError's __new__ (under WaitTimeoutError) drops them
    return error


class ConfigurationError(FastPixError, ValueError):
    """The client was built with missing or invalid settings (e.g. no credentials)."""


class ClientClosedError(FastPixError, RuntimeError):
    """The client (or the client it was derived from) has been closed."""


class EventLoopError(FastPixError, RuntimeError):
    """An ``AsyncFastPix`` was used in an event loop its connections can't serve.

    Its pool belongs to another loop that is still open (one client used by two threads'
    loops), or the ``http_session`` it was given belongs to another loop. Use one client
    per event loop; a client moves to a new loop by itself once its old one has closed.
    """


@attrs.frozen(kw_only=True)
class FieldError:
    """One invalid field named by a 422 response."""

    field: str | None = None
    message: str | None = None


@attrs.frozen(kw_only=True)
class APIErrorDetail:
    """The ``error`` object of the API's error envelope, read leniently."""

    code: int | str | None = None
    message: str | None = None
    description: str | None = None
    fields: tuple[FieldError, ...] = ()

    @classmethod
    def from_body(cls, body: Any) -> APIErrorDetail | None:
        """Read the envelope's error, tolerating the older shapes the API still sends.

        A 422 may name its invalid fields in ``error.fields`` (the contract), in a
        top-level ``errors`` list, or both (the live API, with a top-level ``message``):
        ``fields`` holds every one, once. ``message`` is ``error.message``, else the
        top-level one. A numeric ``code`` sent as ``422.0`` reads as ``422``.
        """
        if not isinstance(body, Mapping):
            return None
        error = body.get("error")
        if isinstance(error, str):
            error = {"message": error}
        if not isinstance(error, Mapping):
            error = {}
        message = error.get("message", body.get("message"))
        fields = tuple(
            dict.fromkeys(_field_errors(error.get("fields")) + _field_errors(body.get("errors")))
        )
        code = error.get("code")
        if isinstance(code, float) and code.is_integer():
            code = int(code)
        if not isinstance(code, (int, str)) or isinstance(code, bool):
            code = None
        if message is None and not fields and code is None:
            return None
        return cls(
            code=code,
            message=_text(message),
            description=_text(error.get("description")),
            fields=fields,
        )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _field_errors(raw: Any) -> tuple[FieldError, ...]:
    """The invalid fields of a list of ``{field, message}`` objects (or bare messages)."""
    if not isinstance(raw, list):
        return ()
    return tuple(
        FieldError(field=_text(f.get("field")), message=_text(f.get("message")))
        if isinstance(f, Mapping)
        else FieldError(message=_text(f))
        for f in raw
    )


class APIConnectionError(FastPixError):
    """The request did not get an HTTP response: connection refused, reset, DNS, TLS…"""

    def __init__(self, message: str, *, method: str, url: str) -> None:
        super().__init__(message)
        self.method = method
        self.url = url


class APITimeoutError(APIConnectionError):
    """The request did not complete within the client's timeout."""


class _APIResponseError(FastPixError):
    """The API answered, but not as the call needed: what both kinds of such error keep.

    ``status_code``, the request's ``method`` and ``url``, the response ``headers`` (a
    plain mapping whose names match in any case) and the raw ``body``. Subclasses set
    their own fields first, then describe themselves.
    """

    def __init__(
        self, *, status_code: int, method: str, url: str, headers: Mapping[str, str], body: bytes
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        self.headers: Mapping[str, str] = Headers(headers)
        self.body = body
        super().__init__(self._describe())

    @property
    def request_id(self) -> str | None:
        """The API's request id, when the response carried one."""
        for name in ("x-request-id", "request-id", "x-fastpix-request-id"):
            if name in self.headers:
                return self.headers[name]
        return None

    def _describe(self) -> str:
        raise NotImplementedError


class APIStatusError(_APIResponseError):
    """The API answered with a non-success status.

    ``status_code``, the parsed ``error`` (code, message, description, fields), the
    request's ``method`` and ``url``, the response ``headers`` and the raw ``body``
    are all kept for inspection.
    """

    def __init__(
        self,
        *,
        status_code: int,
        error: APIErrorDetail | None,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> None:
        self.error = error
        super().__init__(
            status_code=status_code, method=method, url=url, headers=headers, body=body
        )

    def _describe(self) -> str:
        text = f"{self.status_code}"
        if self.error is not None and self.error.message:
            text += f" {self.error.message}"
            if self.error.description and self.error.description != self.error.message:
                text += f": {self.error.description}"
            for f in self.error.fields:
                text += f"; {f.field}: {f.message}"
        elif 300 <= self.status_code < 400:  # the SDK never follows one with credentials
            text += f" redirect to {self.headers.get('Location', '(no Location)')} not followed"
        elif self.body:
            text += f" {self.body[:_BODY_PREVIEW].decode('utf-8', 'replace')!r}"
        return f"{text} ({self.method} {self.url})"


class BadRequestError(APIStatusError):
    """400"""


class AuthenticationError(APIStatusError):
    """401: the access token id or secret key was not accepted."""


class PermissionDeniedError(APIStatusError):
    """403"""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but a field is invalid (see ``error.fields``)."""


class RateLimitError(APIStatusError):
    """429"""


class InternalServerError(APIStatusError):
    """5xx, including the CDN's 524 gateway timeout."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The most specific error class for a status code."""
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)


class ResponseValidationError(_APIResponseError):
    """The API answered, but the body could not be read: not JSON, or not the expected shape.

    ``reason`` says what was wrong; the response is kept as an :class:`APIStatusError`
    keeps it (``status_code``, ``method``, ``url``, ``headers``, ``body``, ``request_id``).
    """

    def __init__(
        self,
        reason: str,
        *,
        status_code: int,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> None:
        self.reason = reason
        super().__init__(
            status_code=status_code, method=method, url=url, headers=headers, body=body
        )

    def _describe(self) -> str:
        return f"{self.reason} (HTTP {self.status_code}, {self.method} {self.url})"


class MediaFailedError(FastPixError):
    """``wait_until_ready``: the media's processing failed (``media`` is its last state)."""

    def __init__(self, media: Media) -> None:
        super().__init__(f"media {media.id} failed to process (status {media.status!s})")
        self.media: Media = media
        self.status: MediaStatus | str | None = media.status


class WaitTimeoutError(FastPixError, TimeoutError):
    """``wait_until_ready``: the media was not ready in time (``media`` is its last state)."""

    def __init__(self, media: Media, timeout: float) -> None:
        super().__init__(
            f"media {media.id} was not ready after {timeout:g}s (last status {media.status!s})"
        )
        self.media: Media = media
        self.status: MediaStatus | str | None = media.status
        self.timeout: float = timeout


class UploadError(FastPixError):
    """``upload_file`` could not finish sending a file.

    ``upload`` is the direct upload (its ``upload_id`` and ``url``): pass it back as
    ``upload_file(..., upload=error.upload)`` to resume from what the server holds, or
    to ``media.cancel_upload``. ``offset`` is how many bytes the server had confirmed;
    ``status_code`` the storage server's last answer, when it gave one.
    """

    def __init__(
        self, message: str, *, upload: Upload | None, offset: int, status_code: int | None = None
    ) -> None:
        super().__init__(message)
        self.upload = upload
        self.offset = offset
        self.status_code = status_code


class UploadSessionExpiredError(UploadError):
    """The upload URL's session has expired (HTTP 410): create a new upload and start over."""


class WebhookVerificationError(FastPixError):
    """A webhook delivery's ``FastPix-Signature`` is missing or matches none of the secrets.

    The body must not be trusted. The message never contains a secret or the signature.
    """


class WebhookPayloadError(FastPixError, ValueError):
    """A webhook delivery's signature is good but its body is not a FastPix event.

    ``reason`` says what is wrong; ``body`` is the raw body (for a dead-letter store);
    ``event_type`` and ``event_id`` are set when the body got that far.
    """

    def __init__(
        self,
        reason: str,
        *,
        body: bytes,
        event_type: str | None = None,
        event_id: str | None = None,
    ) -> None:
        where = f" ({event_type} event {event_id})" if event_type else ""
        super().__init__(f"not a valid FastPix webhook event{where}: {reason}")
        self.reason = reason
        self.body = body
        self.event_type = event_type
        self.event_id = event_id
