"""``/v1/models``: text models currently served by connected workers, plus the virtual ``auto``
(openapi/paths/v1_models.yaml, v1_models_model_id.yaml)."""

from __future__ import annotations

from urllib.parse import quote

from typing_extensions import Unpack

from .._generated.models import Model, ModelList
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    model_decoder,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..types.request_options import RequestOptions, request_spec
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["Models", "AsyncModels"]


class Models(SyncAPIResource):
    def list(self, **options: Unpack[RequestOptions]) -> ModelList:
        """``GET /v1/models``. The list changes with worker presence."""
        return self._request(request_spec("GET", "/v1/models", options, body=False), model_decoder(ModelList))

    def retrieve(self, model_id: str, **options: Unpack[RequestOptions]) -> Model:
        """``GET /v1/models/{model_id}``; an unknown or offline model is a ``NotFoundError``."""
        path = f"/v1/models/{quote(model_id, safe='')}"
        return self._request(request_spec("GET", path, options, body=False), model_decoder(Model))

    @property
    def with_raw_response(self) -> ModelsWithRawResponse:
        return ModelsWithRawResponse(self)

    @property
    def with_streaming_response(self) -> ModelsWithStreamingResponse:
        return ModelsWithStreamingResponse(self)


class AsyncModels(AsyncAPIResource):
    async def list(self, **options: Unpack[RequestOptions]) -> ModelList:
        """``GET /v1/models``."""
        return await self._request(request_spec("GET", "/v1/models", options, body=False), model_decoder(ModelList))

    async def retrieve(self, model_id: str, **options: Unpack[RequestOptions]) -> Model:
        """``GET /v1/models/{model_id}``."""
        path = f"/v1/models/{quote(model_id, safe='')}"
        return await self._request(request_spec("GET", path, options, body=False), model_decoder(Model))

    @property
    def with_raw_response(self) -> AsyncModelsWithRawResponse:
        return AsyncModelsWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncModelsWithStreamingResponse:
        return AsyncModelsWithStreamingResponse(self)


class ModelsWithRawResponse:
    def __init__(self, models: Models) -> None:
        self.list = to_raw_response_wrapper(models.list)
        self.retrieve = to_raw_response_wrapper(models.retrieve)


class ModelsWithStreamingResponse:
    def __init__(self, models: Models) -> None:
        self.list = to_streamed_response_wrapper(models.list)
        self.retrieve = to_streamed_response_wrapper(models.retrieve)


class AsyncModelsWithRawResponse:
    def __init__(self, models: AsyncModels) -> None:
        self.list = async_to_raw_response_wrapper(models.list)
        self.retrieve = async_to_raw_response_wrapper(models.retrieve)


class AsyncModelsWithStreamingResponse:
    def __init__(self, models: AsyncModels) -> None:
        self.list = async_to_streamed_response_wrapper(models.list)
        self.retrieve = async_to_streamed_response_wrapper(models.retrieve)
