"""The worker side of AI Horde v2 text jobs (``grid.text.worker``): pop a job, submit its generation."""

from __future__ import annotations

from typing_extensions import Unpack

from .._generated.models import HordeSubmitResponse, HordeTextPopResponse
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    model_decoder,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..types.request_options import request_spec
from ..types.text import TextWorkerPopParams, TextWorkerSubmitParams
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["TextWorker", "AsyncTextWorker"]

_POP = "/api/v2/generate/text/pop"
_SUBMIT = "/api/v2/generate/text/submit"


class TextWorker(SyncAPIResource):
    """Both calls carry the ``apikey`` header and ``Client-Agent`` (set ``client_agent`` to your worker's
    ``name:version:contact``), and go through the pipeline: retries, timeouts, typed errors with the Horde's ``rc``."""

    def pop(self, **params: Unpack[TextWorkerPopParams]) -> HordeTextPopResponse:
        """``POST /api/v2/generate/text/pop`` (openapi/paths/api_v2_generate_text_pop.yaml): checks the worker in
        and hands it at most one job. Always 200 — with no job, ``id`` is ``None``: test the id, not the status."""
        return self._request(request_spec("POST", _POP, params, body=True), model_decoder(HordeTextPopResponse))

    def submit(self, **params: Unpack[TextWorkerSubmitParams]) -> HordeSubmitResponse:
        """``POST /api/v2/generate/text/submit`` (openapi/paths/api_v2_generate_text_submit.yaml): delivers a
        popped generation and returns the ``reward``. A repeat is refused with 400 ``rc: DuplicateGen``, so the
        pipeline's retries are safe; 404 ``rc: InvalidJobID`` also means "already submitted"."""
        return self._request(request_spec("POST", _SUBMIT, params, body=True), model_decoder(HordeSubmitResponse))

    @property
    def with_raw_response(self) -> TextWorkerWithRawResponse:
        return TextWorkerWithRawResponse(self)

    @property
    def with_streaming_response(self) -> TextWorkerWithStreamingResponse:
        return TextWorkerWithStreamingResponse(self)


class AsyncTextWorker(AsyncAPIResource):
    async def pop(self, **params: Unpack[TextWorkerPopParams]) -> HordeTextPopResponse:
        """See :meth:`TextWorker.pop`."""
        spec = request_spec("POST", _POP, params, body=True)
        return await self._request(spec, model_decoder(HordeTextPopResponse))

    async def submit(self, **params: Unpack[TextWorkerSubmitParams]) -> HordeSubmitResponse:
        """See :meth:`TextWorker.submit`."""
        spec = request_spec("POST", _SUBMIT, params, body=True)
        return await self._request(spec, model_decoder(HordeSubmitResponse))

    @property
    def with_raw_response(self) -> AsyncTextWorkerWithRawResponse:
        return AsyncTextWorkerWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncTextWorkerWithStreamingResponse:
        return AsyncTextWorkerWithStreamingResponse(self)


class TextWorkerWithRawResponse:
    def __init__(self, worker: TextWorker) -> None:
        self.pop = to_raw_response_wrapper(worker.pop)
        self.submit = to_raw_response_wrapper(worker.submit)


class TextWorkerWithStreamingResponse:
    def __init__(self, worker: TextWorker) -> None:
        self.pop = to_streamed_response_wrapper(worker.pop)
        self.submit = to_streamed_response_wrapper(worker.submit)


class AsyncTextWorkerWithRawResponse:
    def __init__(self, worker: AsyncTextWorker) -> None:
        self.pop = async_to_raw_response_wrapper(worker.pop)
        self.submit = async_to_raw_response_wrapper(worker.submit)


class AsyncTextWorkerWithStreamingResponse:
    def __init__(self, worker: AsyncTextWorker) -> None:
        self.pop = async_to_streamed_response_wrapper(worker.pop)
        self.submit = async_to_streamed_response_wrapper(worker.submit)
