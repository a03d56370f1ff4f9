"""``/v1/status/*``: public network statistics (openapi/paths/v1_status_models.yaml)."""

from __future__ import annotations

from typing_extensions import Unpack

from .._generated.models import ModelStatus
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    model_decoder,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..types.request_options import RequestOptions, request_spec
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["Status", "AsyncStatus"]

_PATH = "/v1/status/models"


class Status(SyncAPIResource):
    def models(self, **options: Unpack[RequestOptions]) -> list[ModelStatus]:
        """``GET /v1/status/models``: per-model worker counts and 24 h performance."""
        return self._request(request_spec("GET", _PATH, options, body=False), model_decoder(list[ModelStatus]))

    @property
    def with_raw_response(self) -> StatusWithRawResponse:
        return StatusWithRawResponse(self)

    @property
    def with_streaming_response(self) -> StatusWithStreamingResponse:
        return StatusWithStreamingResponse(self)


class AsyncStatus(AsyncAPIResource):
    async def models(self, **options: Unpack[RequestOptions]) -> list[ModelStatus]:
        """``GET /v1/status/models``."""
        spec = request_spec("GET", _PATH, options, body=False)
        return await self._request(spec, model_decoder(list[ModelStatus]))

    @property
    def with_raw_response(self) -> AsyncStatusWithRawResponse:
        return AsyncStatusWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncStatusWithStreamingResponse:
        return AsyncStatusWithStreamingResponse(self)


class StatusWithRawResponse:
    def __init__(self, status: Status) -> None:
        self.models = to_raw_response_wrapper(status.models)


class StatusWithStreamingResponse:
    def __init__(self, status: Status) -> None:
        self.models = to_streamed_response_wrapper(status.models)


class AsyncStatusWithRawResponse:
    def __init__(self, status: AsyncStatus) -> None:
        self.models = async_to_raw_response_wrapper(status.models)


class AsyncStatusWithStreamingResponse:
    def __init__(self, status: AsyncStatus) -> None:
        self.models = async_to_streamed_response_wrapper(status.models)
