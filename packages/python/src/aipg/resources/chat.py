"""``chat.completions``: ``POST /v1/chat/completions`` (openapi/paths/v1_chat_completions.yaml)."""

from __future__ import annotations

from typing import Any, Union, overload

import httpx2
from typing_extensions import Unpack

from .._generated.models import ChatCompletion, ChatCompletionChunk, ChatQuote
from .._pipeline import CallPlan, RequestSpec
from .._response import (
    Decoder,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    model_decoder,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._streaming import AsyncStream, Stream
from ..types.chat import (
    ChatCompletionCreateParams,
    ChatCompletionCreateParamsNonStreaming,
    ChatCompletionCreateParamsStreaming,
)
from ..types.request_options import request_spec
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["Chat", "Completions", "AsyncChat", "AsyncCompletions"]

_PATH = "/v1/chat/completions"


def _spec(params: ChatCompletionCreateParams) -> RequestSpec:
    fields: dict[str, Any] = dict(params)
    fields["messages"] = list(fields["messages"])
    return request_spec("POST", _PATH, fields, body=True, stream=bool(params.get("stream")))


def _quote_spec(params: ChatCompletionCreateParamsNonStreaming) -> RequestSpec:
    # A quote is the same request with `dry_run: true` (spec: ChatCompletionRequest.dry_run): priced, not run.
    return _spec({**params, "stream": False, "dry_run": True})  # type: ignore[typeddict-unknown-key]


def _stream(response: httpx2.Response, plan: CallPlan) -> Stream[ChatCompletionChunk]:
    stream: Stream[ChatCompletionChunk] = Stream(plan=plan, response=response)
    return stream


def _async_stream(response: httpx2.Response, plan: CallPlan) -> AsyncStream[ChatCompletionChunk]:
    stream: AsyncStream[ChatCompletionChunk] = AsyncStream(plan=plan, response=response)
    return stream


class Completions(SyncAPIResource):
    @overload
    def create(self, **params: Unpack[ChatCompletionCreateParamsNonStreaming]) -> ChatCompletion: ...
    @overload
    def create(self, **params: Unpack[ChatCompletionCreateParamsStreaming]) -> Stream[ChatCompletionChunk]: ...
    @overload
    def create(
        self, **params: Unpack[ChatCompletionCreateParams]
    ) -> Union[ChatCompletion, Stream[ChatCompletionChunk]]: ...
    def create(
        self, **params: Unpack[ChatCompletionCreateParams]
    ) -> Union[ChatCompletion, Stream[ChatCompletionChunk]]:
        """``POST /v1/chat/completions``. Without ``stream`` it returns the ``ChatCompletion`` (with its ``grid``
        metadata). With ``stream=True`` it returns — once the response headers are in — a :class:`~aipg.Stream`
        of ``ChatCompletionChunk``; retries happen only before that point, never mid-stream."""
        spec = _spec(params)
        decode: Decoder[Any] = _stream if spec.stream else model_decoder(ChatCompletion)
        result: Union[ChatCompletion, Stream[ChatCompletionChunk]] = self._request(spec, decode)
        return result

    def quote(self, **params: Unpack[ChatCompletionCreateParamsNonStreaming]) -> ChatQuote:
        """What ``create`` with these params would cost, before it runs (``dry_run: true``; the mock grid): the model,
        the den per token and the most the request can cost. Nothing is queued or charged."""
        return self._request(_quote_spec(params), model_decoder(ChatQuote))

    @property
    def with_raw_response(self) -> CompletionsWithRawResponse:
        return CompletionsWithRawResponse(self)

    @property
    def with_streaming_response(self) -> CompletionsWithStreamingResponse:
        return CompletionsWithStreamingResponse(self)


class Chat(SyncAPIResource):
    @property
    def completions(self) -> Completions:
        return Completions(self._client)


class AsyncCompletions(AsyncAPIResource):
    @overload
    async def create(self, **params: Unpack[ChatCompletionCreateParamsNonStreaming]) -> ChatCompletion: ...
    @overload
    async def create(
        self, **params: Unpack[ChatCompletionCreateParamsStreaming]
    ) -> AsyncStream[ChatCompletionChunk]: ...
    @overload
    async def create(
        self, **params: Unpack[ChatCompletionCreateParams]
    ) -> Union[ChatCompletion, AsyncStream[ChatCompletionChunk]]: ...
    async def create(
        self, **params: Unpack[ChatCompletionCreateParams]
    ) -> Union[ChatCompletion, AsyncStream[ChatCompletionChunk]]:
        """See :meth:`Completions.create`; with ``stream=True`` it returns an :class:`~aipg.AsyncStream`."""
        spec = _spec(params)
        decode: Decoder[Any] = _async_stream if spec.stream else model_decoder(ChatCompletion)
        result: Union[ChatCompletion, AsyncStream[ChatCompletionChunk]] = await self._request(spec, decode)
        return result

    async def quote(self, **params: Unpack[ChatCompletionCreateParamsNonStreaming]) -> ChatQuote:
        """See :meth:`Completions.quote`."""
        return await self._request(_quote_spec(params), model_decoder(ChatQuote))

    @property
    def with_raw_response(self) -> AsyncCompletionsWithRawResponse:
        return AsyncCompletionsWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncCompletionsWithStreamingResponse:
        return AsyncCompletionsWithStreamingResponse(self)


class AsyncChat(AsyncAPIResource):
    @property
    def completions(self) -> AsyncCompletions:
        return AsyncCompletions(self._client)


class CompletionsWithRawResponse:
    def __init__(self, completions: Completions) -> None:
        self.create = to_raw_response_wrapper(completions.create)
        self.quote = to_raw_response_wrapper(completions.quote)


class CompletionsWithStreamingResponse:
    def __init__(self, completions: Completions) -> None:
        self.create = to_streamed_response_wrapper(completions.create)
        self.quote = to_streamed_response_wrapper(completions.quote)


class AsyncCompletionsWithRawResponse:
    def __init__(self, completions: AsyncCompletions) -> None:
        self.create = async_to_raw_response_wrapper(completions.create)
        self.quote = async_to_raw_response_wrapper(completions.quote)


class AsyncCompletionsWithStreamingResponse:
    def __init__(self, completions: AsyncCompletions) -> None:
        self.create = async_to_streamed_response_wrapper(completions.create)
        self.quote = async_to_streamed_response_wrapper(completions.quote)
