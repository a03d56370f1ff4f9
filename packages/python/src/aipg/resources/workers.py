"""``/v1/workers``: the live registry of connected workers (openapi/paths/v1_workers.yaml)."""

from __future__ import annotations

from typing_extensions import Unpack

from .._generated.models import WorkerList
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    model_decoder,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..types.request_options import RequestOptions, request_spec
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["Workers", "AsyncWorkers"]


class Workers(SyncAPIResource):
    def list(self, **options: Unpack[RequestOptions]) -> WorkerList:
        """``GET /v1/workers``."""
        return self._request(request_spec("GET", "/v1/workers", options, body=False), model_decoder(WorkerList))

    @property
    def with_raw_response(self) -> WorkersWithRawResponse:
        return WorkersWithRawResponse(self)

    @property
    def with_streaming_response(self) -> WorkersWithStreamingResponse:
        return WorkersWithStreamingResponse(self)


class AsyncWorkers(AsyncAPIResource):
    async def list(self, **options: Unpack[RequestOptions]) -> WorkerList:
        """``GET /v1/workers``."""
        spec = request_spec("GET", "/v1/workers", options, body=False)
        return await self._request(spec, model_decoder(WorkerList))

    @property
    def with_raw_response(self) -> AsyncWorkersWithRawResponse:
        return AsyncWorkersWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncWorkersWithStreamingResponse:
        return AsyncWorkersWithStreamingResponse(self)


class WorkersWithRawResponse:
    def __init__(self, workers: Workers) -> None:
        self.list = to_raw_response_wrapper(workers.list)


class WorkersWithStreamingResponse:
    def __init__(self, workers: Workers) -> None:
        self.list = to_streamed_response_wrapper(workers.list)


class AsyncWorkersWithRawResponse:
    def __init__(self, workers: AsyncWorkers) -> None:
        self.list = async_to_raw_response_wrapper(workers.list)


class AsyncWorkersWithStreamingResponse:
    def __init__(self, workers: AsyncWorkers) -> None:
        self.list = async_to_streamed_response_wrapper(workers.list)
