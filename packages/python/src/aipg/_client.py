"""``Grid`` and ``AsyncGrid``: configuration, the HTTP client, and the resources on top of one pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any, TypeVar, cast

import httpx2
from typing_extensions import Self

from ._constants import DEFAULT_BASE_URL, DEFAULT_CLIENT_AGENT, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._exceptions import AIPGError
from ._generated.models import Health
from ._pipeline import NOT_GIVEN, CallPlan, NotGiven, RequestSpec, TimeoutTypes, send_async, send_sync
from ._response import (
    APIResponse,
    AsyncAPIResponse,
    Decoder,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    model_decoder,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ._utils import normalize_base_url, read_env
from ._version import __version__
from .resources.chat import AsyncChat, Chat
from .resources.models import AsyncModels, Models
from .resources.status import AsyncStatus, Status
from .resources.text import AsyncText, Text
from .resources.account import Account, AsyncAccount
from .resources.workers import AsyncWorkers, Workers
from .types.request_options import Body, Headers, Query, request_spec

__all__ = ["BaseGrid", "Grid", "AsyncGrid"]

_R = TypeVar("_R")


class BaseGrid:
    """What both clients share: the settings and the headers every call carries. No I/O."""

    api_key: str | None
    base_url: str
    client_agent: str
    max_retries: int
    timeout: TimeoutTypes
    default_headers: Mapping[str, str | None]
    default_query: Mapping[str, object]

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str | None] | None = None,
        default_query: Mapping[str, object] | None = None,
        client_agent: str | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        self.api_key = api_key if api_key is not None else read_env("AIPG_API_KEY")
        self.base_url = normalize_base_url(base_url or read_env("AIPG_BASE_URL") or DEFAULT_BASE_URL)
        self.client_agent = client_agent or DEFAULT_CLIENT_AGENT
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:  # pyright: ignore[reportUnnecessaryIsInstance]
            raise AIPGError(f"max_retries must be an integer >= 0 (got {max_retries!r})")
        self.max_retries = max_retries
        resolved = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout
        if isinstance(resolved, (int, float)) and not resolved > 0:
            raise AIPGError(f"timeout must be a number of seconds > 0 (got {resolved!r})")
        self.timeout = float(resolved) if isinstance(resolved, (int, float)) else resolved
        self.default_headers = dict(default_headers or {})
        self.default_query = dict(default_query or {})
        self.strict_response_validation = strict_response_validation

    def auth_headers(self) -> dict[str, str]:
        """``Client-Agent`` and, with a key, both auth headers: the live grid accepts either, the Horde v2 API
        reads only ``apikey`` (docs/sdk/horde-text-jobs.md)."""
        headers = {"User-Agent": f"aipg-python/{__version__}", "Client-Agent": self.client_agent}
        if self.api_key:
            headers["apikey"] = self.api_key
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers

    def _copy_settings(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int | None,
        default_headers: Mapping[str, str | None] | None,
        default_query: Mapping[str, object] | None,
        client_agent: str | None,
        strict_response_validation: bool | None,
    ) -> dict[str, Any]:
        return {
            "api_key": api_key if api_key is not None else self.api_key,
            "base_url": base_url if base_url is not None else self.base_url,
            "timeout": self.timeout if isinstance(timeout, NotGiven) else timeout,
            "max_retries": self.max_retries if max_retries is None else max_retries,
            "default_headers": {**self.default_headers, **(default_headers or {})},
            "default_query": {**self.default_query, **(default_query or {})},
            "client_agent": client_agent or self.client_agent,
            "strict_response_validation": self.strict_response_validation
            if strict_response_validation is None
            else strict_response_validation,
        }

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self.base_url!r}>"  # never the key


class Grid(BaseGrid):
    """The AI Power Grid client::

        grid = Grid()  # AIPG_API_KEY from the environment
        reply = grid.chat.completions.create(model="auto", messages=[{"role": "user", "content": "Hi"}])

    ``http_client`` is an ``httpx2.Client`` you own (proxies, mTLS, tests): it is used as is and never closed
    by this client. Without one, the client makes its own and :meth:`close` (or ``with Grid() as grid:``) closes it.
    """

    chat: Chat
    models: Models
    status: Status
    workers: Workers
    #: What this key has used: ``account.usage()`` (an AIPG extension the mock grid serves).
    account: Account
    #: AI Horde v2 text jobs: submit, poll, cancel; ``text.worker`` pops and submits.
    text: Text

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str | None] | None = None,
        default_query: Mapping[str, object] | None = None,
        client_agent: str | None = None,
        strict_response_validation: bool = False,
        http_client: httpx2.Client | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            client_agent=client_agent,
            strict_response_validation=strict_response_validation,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx2.Client(follow_redirects=True)
        self.chat = Chat(self)
        self.models = Models(self)
        self.status = Status(self)
        self.workers = Workers(self)
        self.account = Account(self)
        self.text = Text(self)
        self.with_raw_response = GridWithRawResponse(self)
        self.with_streaming_response = GridWithStreamedResponse(self)

    def health(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> Health:
        """``GET /health``: server status, Redis reachability, connected workers."""
        options = {"extra_headers": extra_headers, "extra_query": extra_query, "timeout": timeout}
        spec = request_spec("GET", "/health", {"extra_body": extra_body, **options}, body=False)
        return self._call(spec, model_decoder(Health))

    def _call(self, spec: RequestSpec, decode: Decoder[_R]) -> _R:
        """Runs one call through the pipeline; returns what ``decode`` makes of the response, or the
        :class:`APIResponse` for ``with_raw_response`` / ``with_streaming_response``."""
        plan = CallPlan(self, spec)
        response = send_sync(self._http, plan)
        wrapped = APIResponse(response, plan=plan, decode=decode, stream=spec.stream)
        if plan.mode == "parsed":
            return wrapped.parse()
        return cast(_R, wrapped)

    def copy(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str | None] | None = None,
        default_query: Mapping[str, object] | None = None,
        client_agent: str | None = None,
        strict_response_validation: bool | None = None,
        http_client: httpx2.Client | None = None,
    ) -> Self:
        """A client with some settings changed (headers and query are merged into the current ones). It shares
        this client's connection pool unless ``http_client`` is given, and never closes a pool it did not make."""
        settings = self._copy_settings(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            client_agent=client_agent,
            strict_response_validation=strict_response_validation,
        )
        copied = type(self)(**settings, http_client=http_client or self._http)
        return copied

    with_options = copy

    def close(self) -> None:
        """Closes the connection pool if this client made it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncGrid(BaseGrid):
    """:class:`Grid` for asyncio (or trio, via anyio): every call is awaited; ``async with AsyncGrid() as grid:``."""

    chat: AsyncChat
    models: AsyncModels
    status: AsyncStatus
    workers: AsyncWorkers
    account: AsyncAccount
    text: AsyncText

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str | None] | None = None,
        default_query: Mapping[str, object] | None = None,
        client_agent: str | None = None,
        strict_response_validation: bool = False,
        http_client: httpx2.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            client_agent=client_agent,
            strict_response_validation=strict_response_validation,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx2.AsyncClient(follow_redirects=True)
        self.chat = AsyncChat(self)
        self.models = AsyncModels(self)
        self.status = AsyncStatus(self)
        self.workers = AsyncWorkers(self)
        self.account = AsyncAccount(self)
        self.text = AsyncText(self)
        self.with_raw_response = AsyncGridWithRawResponse(self)
        self.with_streaming_response = AsyncGridWithStreamedResponse(self)

    async def health(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> Health:
        """``GET /health``: server status, Redis reachability, connected workers."""
        options = {"extra_headers": extra_headers, "extra_query": extra_query, "timeout": timeout}
        spec = request_spec("GET", "/health", {"extra_body": extra_body, **options}, body=False)
        return await self._call(spec, model_decoder(Health))

    async def _call(self, spec: RequestSpec, decode: Decoder[_R]) -> _R:
        plan = CallPlan(self, spec)
        response = await send_async(self._http, plan)
        wrapped = AsyncAPIResponse(response, plan=plan, decode=decode, stream=spec.stream)
        if plan.mode == "parsed":
            return await wrapped.parse()
        return cast(_R, wrapped)

    def copy(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str | None] | None = None,
        default_query: Mapping[str, object] | None = None,
        client_agent: str | None = None,
        strict_response_validation: bool | None = None,
        http_client: httpx2.AsyncClient | None = None,
    ) -> Self:
        """See :meth:`Grid.copy`."""
        settings = self._copy_settings(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            client_agent=client_agent,
            strict_response_validation=strict_response_validation,
        )
        return type(self)(**settings, http_client=http_client or self._http)

    with_options = copy

    async def close(self) -> None:
        """Closes the connection pool if this client made it."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class GridWithRawResponse:
    def __init__(self, grid: Grid) -> None:
        self.health = to_raw_response_wrapper(grid.health)


class GridWithStreamedResponse:
    def __init__(self, grid: Grid) -> None:
        self.health = to_streamed_response_wrapper(grid.health)


class AsyncGridWithRawResponse:
    def __init__(self, grid: AsyncGrid) -> None:
        self.health = async_to_raw_response_wrapper(grid.health)


class AsyncGridWithStreamedResponse:
    def __init__(self, grid: AsyncGrid) -> None:
        self.health = async_to_streamed_response_wrapper(grid.health)
