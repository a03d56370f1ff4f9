"""Every error the SDK raises is an :class:`AIPGError`.

HTTP failures are :class:`APIError` subclasses chosen by status, with the class names of the TypeScript SDK
(docs/sdk/errors-and-retries.md, "Error classes"), so ``except RateLimitError:`` works without reading status codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx2

from ._json import as_dict, as_list
from ._retry import parse_retry_after

if TYPE_CHECKING:
    from ._generated.models import HordeTextStatus

__all__ = [
    "AIPGError",
    "APIError",
    "APIStatusError",
    "APIResponseValidationError",
    "BadRequestError",
    "AuthenticationError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "GoneError",
    "PayloadTooLargeError",
    "UnprocessableEntityError",
    "RateLimitError",
    "RateLimitInfo",
    "InternalServerError",
    "ServiceUnavailableError",
    "APIConnectionError",
    "APITimeoutError",
    "StreamInterruptedError",
    "JobFaultedError",
]


class AIPGError(Exception):
    """Base class of every error raised by ``aipg``."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIError(AIPGError):
    """The server answered with an error: an HTTP status >= 400, an ``error`` event inside a stream
    (``status_code`` is then ``None``), or a success status whose body is not the JSON the endpoint promises."""

    status_code: int | None
    #: The parsed JSON error body, or the raw text when it was not JSON.
    body: object
    #: ``ErrorDetail.detail`` of ``/v1`` errors: a string, or the list of validation problems of a 422.
    detail: str | list[Any] | None
    #: The Horde return code of ``{message, rc}`` bodies, e.g. ``"KudosUpfront"``.
    rc: str | None
    #: ``error.type`` of OpenAI-shaped bodies, e.g. ``"rate_limit_error"``, ``"upstream_error"``.
    type: str | None
    #: ``x-request-id`` of the response, or the ``X-Request-Id`` the SDK sent when the server echoed none.
    request_id: str | None
    headers: httpx2.Headers | None
    response: httpx2.Response | None

    def __init__(
        self,
        message: str | None = None,
        *,
        status_code: int | None,
        body: object,
        headers: httpx2.Headers | None = None,
        request_id: str | None = None,
        response: httpx2.Response | None = None,
    ) -> None:
        super().__init__(message if message is not None else make_message(status_code, body))
        self.status_code = status_code
        self.body = body
        self.headers = headers
        self.request_id = request_id
        self.response = response
        obj = as_dict(body) or {}
        detail = obj.get("detail")
        self.detail = detail if isinstance(detail, str) else (as_list(detail) or None)
        rc = obj.get("rc")
        self.rc = rc if isinstance(rc, str) else None
        kind = (as_dict(obj.get("error")) or {}).get("type")
        self.type = kind if isinstance(kind, str) else None


#: For openai-python users: there the HTTP status error is called ``APIStatusError``.
APIStatusError = APIError


class APIResponseValidationError(APIError):
    """A success response whose JSON does not match the spec's schema for it."""


class BadRequestError(APIError):
    """400."""


class AuthenticationError(APIError):
    """401."""


class PaymentRequiredError(APIError):
    """402."""


class PermissionDeniedError(APIError):
    """403."""


class NotFoundError(APIError):
    """404."""


class ConflictError(APIError):
    """409."""


class GoneError(APIError):
    """410: the retired legacy API on the live grid, or an expired Horde request (``rc: RequestExpired``)."""


class PayloadTooLargeError(APIError):
    """413."""


class UnprocessableEntityError(APIError):
    """422: ``detail`` holds the list of validation problems."""


@dataclass(frozen=True)
class RateLimitInfo:
    """Rate-limit state from the ``X-RateLimit-*`` headers (absent ones are ``None``)."""

    limit: float | None
    remaining: float | None
    #: As the server sent it: seconds (until the reset, or an epoch).
    reset: float | None


class RateLimitError(APIError):
    """429. ``retry_after`` (seconds) and ``rate_limit`` come from the response headers."""

    #: Server-suggested wait from ``retry-after-ms`` / ``retry-after`` (seconds or HTTP date), in seconds.
    retry_after: float | None
    rate_limit: RateLimitInfo

    def __init__(
        self,
        message: str | None = None,
        *,
        status_code: int | None,
        body: object,
        headers: httpx2.Headers | None = None,
        request_id: str | None = None,
        response: httpx2.Response | None = None,
    ) -> None:
        super().__init__(
            message, status_code=status_code, body=body, headers=headers, request_id=request_id, response=response
        )
        self.retry_after = parse_retry_after(headers) if headers is not None else None
        self.rate_limit = RateLimitInfo(
            limit=_number_header(headers, "x-ratelimit-limit"),
            remaining=_number_header(headers, "x-ratelimit-remaining"),
            reset=_number_header(headers, "x-ratelimit-reset"),
        )


class InternalServerError(APIError):
    """Any status >= 500."""


class ServiceUnavailableError(InternalServerError):
    """503: on the live grid, "No compatible text workers are currently online."."""


class APIConnectionError(AIPGError):
    """No HTTP response arrived (DNS, refused, reset), or the body broke off while it was read. The message names
    the method, the URL (origin and path) and the cause; the transport's exception is ``__cause__``."""

    request: httpx2.Request | None
    #: The system error code underneath (``ECONNREFUSED`` …), when there is one.
    code: str | None

    def __init__(
        self, message: str = "Connection error.", *, request: httpx2.Request | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.request = request
        self.code = code


class APITimeoutError(APIConnectionError):
    """The ``timeout`` elapsed: it covers the response body too, not only the headers."""

    def __init__(self, message: str = "Request timed out.", *, request: httpx2.Request | None = None) -> None:
        super().__init__(message, request=request)


class StreamInterruptedError(AIPGError):
    """A chat stream ended before it was complete: no ``data: [DONE]``, a choice without ``finish_reason``, the
    body broke off or went silent (then ``__cause__`` is the underlying error), or the grid handed the request back
    while shutting down. What did arrive is kept: ``partial_text`` (choice 0) and ``snapshot``, the accumulated
    completion as a JSON-shaped dict."""

    partial_text: str
    snapshot: dict[str, Any] | None
    request_id: str | None

    def __init__(
        self,
        message: str,
        *,
        partial_text: str = "",
        snapshot: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.partial_text = partial_text
        self.snapshot = snapshot
        self.request_id = request_id


class JobFaultedError(AIPGError):
    """A Horde text job reported ``faulted: true`` (its generations failed on several workers)."""

    id: str
    #: The last status the grid returned for the job.
    status: HordeTextStatus

    def __init__(self, id: str, status: HordeTextStatus) -> None:
        super().__init__(f"Text job {id} faulted on the grid.")
        self.id = id
        self.status = status


_STATUS_CLASSES: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    410: GoneError,
    413: PayloadTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    503: ServiceUnavailableError,
}


def make_status_error(
    status_code: int,
    body: object,
    *,
    headers: httpx2.Headers | None = None,
    request_id: str | None = None,
    response: httpx2.Response | None = None,
) -> APIError:
    """The right :class:`APIError` subclass for ``status_code``."""
    cls = _STATUS_CLASSES.get(status_code) or (InternalServerError if status_code >= 500 else APIError)
    return cls(status_code=status_code, body=body, headers=headers, request_id=request_id, response=response)


def make_message(status_code: int | None, body: object) -> str:
    """``"<status> <the server's message>"``; the message comes from ``detail``, ``error.message``, ``message``
    or the raw text (docs/sdk/errors-and-retries.md, "Messages from every body shape")."""
    said = extract_message(body)
    if status_code is None:
        return said or "stream error"
    return f"{status_code} {said}" if said else f"{status_code} status code (no body)"


_MAX_RAW_MESSAGE = 500


def extract_message(body: object) -> str | None:
    """A readable message out of the error shapes the grid, FastAPI and the Horde send."""
    if isinstance(body, str):
        text = body.strip()
        if not text:
            return None
        return text[:_MAX_RAW_MESSAGE] + "…" if len(text) > _MAX_RAW_MESSAGE else text
    obj = as_dict(body)
    if obj is None:
        return None if body is None else json.dumps(body)
    detail = obj.get("detail")
    # FastAPI: {"detail": "..."}; its 422 validation errors: {"detail": [{loc, msg, type}]}.
    if isinstance(detail, str):
        return detail
    if as_list(detail):
        parts: list[str] = []
        for item in as_list(detail):
            entry = as_dict(item) or {}
            msg = entry.get("msg")
            text = msg if isinstance(msg, str) else json.dumps(item)
            loc = as_list(entry.get("loc"))
            parts.append(f"{'.'.join(str(p) for p in loc)}: {text}" if loc else text)
        return "; ".join(parts)
    # OpenAI-style: {"error": {"message", "type"}} (the grid's 429 and mid-stream errors).
    nested = obj.get("error")
    nested_message = (as_dict(nested) or {}).get("message")
    if isinstance(nested_message, str):
        return nested_message
    if isinstance(nested, str):
        return nested
    # Horde: {"message", "rc"} and validation {"message", "errors": {field: why}}.
    message = obj.get("message")
    if isinstance(message, str):
        fields = as_dict(obj.get("errors"))
        if not fields:
            return message
        why = "; ".join(f"{k}: {v}" for k, v in fields.items())
        return f"{message} ({why})"
    return json.dumps(body)


def _number_header(headers: httpx2.Headers | None, name: str) -> float | None:
    raw = headers.get(name) if headers is not None else None
    if raw is None or not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError:
        return None
