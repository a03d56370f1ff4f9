"""Raw responses: ``with_raw_response`` / ``with_streaming_response`` (as in openai-python).

``grid.chat.completions.with_raw_response.create(...)`` returns an :class:`APIResponse` — status, headers and
request id, with ``parse()`` for what the plain call returns. ``with_streaming_response`` returns a context manager
whose response body is not read until you ask (``iter_bytes()``, ``iter_lines()``, ``read()``, ``parse()``).
Both go through the same pipeline: retries, timeouts and typed errors for failure statuses apply.
"""

from __future__ import annotations

import functools
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, Generic, TypeVar, cast

import httpx2
from pydantic import ValidationError
from typing_extensions import ParamSpec

from ._exceptions import APIError, APIResponseValidationError
from ._json import parse_json_or_text
from ._pipeline import RESPONSE_MODE_HEADER, CallPlan
from ._validation import adapter_for, validate

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "ResponseContextManager",
    "AsyncResponseContextManager",
]

_R = TypeVar("_R")
_T = TypeVar("_T")
_P = ParamSpec("_P")

#: How a response becomes what the call returns: a model validated from the body, or a stream over it.
Decoder = Callable[[httpx2.Response, CallPlan], _R]


class _ResponseBase(Generic[_R]):
    def __init__(self, http_response: httpx2.Response, *, plan: CallPlan, decode: Decoder[_R], stream: bool) -> None:
        self.http_response = http_response
        self._plan = plan
        self._decode = decode
        self._is_stream = stream
        self._parsed: list[_R] = []

    @property
    def headers(self) -> httpx2.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def url(self) -> httpx2.URL:
        return self.http_response.url

    @property
    def request_id(self) -> str:
        """``x-request-id`` of the response, or the ``X-Request-Id`` the SDK sent when the server echoed none."""
        return self._plan.request_id_of(self.http_response)

    @property
    def retries_taken(self) -> int:
        """How many retries the pipeline made before this response."""
        sent = self.http_response.request.headers.get("x-aipg-retry-count", "0")
        return int(sent) if sent.isdigit() else 0

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self._plan.method} {self._plan.target()}>"


class APIResponse(_ResponseBase[_R]):
    """A response of a call made ``with_raw_response`` or ``with_streaming_response``."""

    def parse(self) -> _R:
        """What the plain call returns: the model (reading the body first if needed), or for ``stream=True`` the
        :class:`~aipg.Stream`."""
        if not self._parsed:
            if not self._is_stream:
                self.read()
            self._parsed.append(self._decode(self.http_response, self._plan))
        return self._parsed[0]

    def read(self) -> bytes:
        return self.http_response.read()

    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> object:
        return json.loads(self.read())

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def close(self) -> None:
        self.http_response.close()


class AsyncAPIResponse(_ResponseBase[_R]):
    """:class:`APIResponse` for ``AsyncGrid``: the reading methods are coroutines / async iterators."""

    async def parse(self) -> _R:
        if not self._parsed:
            if not self._is_stream:
                await self.read()
            self._parsed.append(self._decode(self.http_response, self._plan))
        return self._parsed[0]

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> object:
        return json.loads(await self.read())

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return self.http_response.aiter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self.http_response.aiter_text(chunk_size)

    def iter_lines(self) -> AsyncIterator[str]:
        return self.http_response.aiter_lines()

    async def close(self) -> None:
        await self.http_response.aclose()


def model_decoder(target: type[_T]) -> Decoder[_T]:
    """A decoder reading the JSON body as ``target`` (a generated model, or e.g. ``list[ModelStatus]``), strictly
    or not as the client says (``strict_response_validation``)."""

    validator = adapter_for(target).validator

    def decode(response: httpx2.Response, plan: CallPlan) -> _T:
        content = response.content
        try:  # the common case: a body that matches, parsed and validated in one pass
            return cast(_T, validator.validate_json(content))
        except ValidationError:
            pass
        try:
            data = json.loads(content)
        except ValueError as error:
            kind = response.headers.get("content-type", "no content-type")
            raise APIError(
                f"{response.status_code} response body is not valid JSON ({kind}): {error}",
                status_code=response.status_code,
                body=parse_json_or_text(content),
                headers=response.headers,
                request_id=plan.request_id_of(response),
                response=response,
            ) from None
        try:
            return validate(target, data, strict=plan.strict)
        except ValidationError as error:
            raise APIResponseValidationError(
                f"{response.status_code} response does not match the spec's schema: {error}",
                status_code=response.status_code,
                body=data,
                headers=response.headers,
                request_id=plan.request_id_of(response),
                response=response,
            ) from error

    return decode


def _with_mode(kwargs: dict[str, Any], mode: str) -> None:
    headers: dict[str, Any] = dict(kwargs.get("extra_headers") or {})
    headers[RESPONSE_MODE_HEADER] = mode
    kwargs["extra_headers"] = headers


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, APIResponse[_R]]:
    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        _with_mode(kwargs, "raw")
        return cast("APIResponse[_R]", func(*args, **kwargs))

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, Awaitable[AsyncAPIResponse[_R]]]:
    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncAPIResponse[_R]:
        _with_mode(kwargs, "raw")
        return cast("AsyncAPIResponse[_R]", await func(*args, **kwargs))

    return wrapped


class ResponseContextManager(Generic[_T]):
    """``with ... as response:`` — makes the request on enter, closes the response on exit."""

    def __init__(self, request: Callable[[], _T]) -> None:
        self._request = request
        self._response: _T | None = None

    def __enter__(self) -> _T:
        self._response = self._request()
        return self._response

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        response: object = self._response
        if isinstance(response, APIResponse):
            response.close()


class AsyncResponseContextManager(Generic[_T]):
    """``async with ... as response:`` — :class:`ResponseContextManager` for ``AsyncGrid``."""

    def __init__(self, request: Callable[[], Awaitable[_T]]) -> None:
        self._request = request
        self._response: _T | None = None

    async def __aenter__(self) -> _T:
        self._response = await self._request()
        return self._response

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        response: object = self._response
        if isinstance(response, AsyncAPIResponse):
            await response.close()


def to_streamed_response_wrapper(
    func: Callable[_P, _R],
) -> Callable[_P, ResponseContextManager[APIResponse[_R]]]:
    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[APIResponse[_R]]:
        _with_mode(kwargs, "streaming")
        return ResponseContextManager(lambda: cast("APIResponse[_R]", func(*args, **kwargs)))

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[_R]]]:
    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncResponseContextManager[AsyncAPIResponse[_R]]:
        _with_mode(kwargs, "streaming")

        async def request() -> AsyncAPIResponse[_R]:
            return cast("AsyncAPIResponse[_R]", await func(*args, **kwargs))

        return AsyncResponseContextManager(request)

    return wrapped
