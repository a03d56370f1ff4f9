"""The official Python SDK of the AI Power Grid (docs/python.md)."""

from __future__ import annotations

from . import types
from ._client import AsyncGrid, Grid
from ._constants import DEFAULT_BASE_URL, DEFAULT_CLIENT_AGENT, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._exceptions import (
    AIPGError,
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    GoneError,
    InternalServerError,
    JobFaultedError,
    NotFoundError,
    PayloadTooLargeError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    RateLimitInfo,
    ServiceUnavailableError,
    StreamInterruptedError,
    UnprocessableEntityError,
)
from ._logs import setup_logging as _setup_logging
from ._pipeline import NOT_GIVEN, NotGiven
from ._response import APIResponse, AsyncAPIResponse
from ._streaming import AsyncStream, ServerSentEvent, SSEDecoder, Stream
from ._version import __version__

__all__ = [
    "__version__",
    "types",
    "Grid",
    "AsyncGrid",
    "Stream",
    "AsyncStream",
    "APIResponse",
    "AsyncAPIResponse",
    "ServerSentEvent",
    "SSEDecoder",
    "NOT_GIVEN",
    "NotGiven",
    "DEFAULT_BASE_URL",
    "DEFAULT_CLIENT_AGENT",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
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

_setup_logging()
