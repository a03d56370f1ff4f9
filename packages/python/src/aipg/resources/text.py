"""AI Horde v2 text jobs (``/api/v2/generate/text/*``, docs/sdk/horde-text-jobs.md): submit, poll, read the
generations. The live AIPG grid retired this API (410 ``GoneError``); it serves AI Horde, self-hosted forks and
the mock grid."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote

import anyio
import httpx2
from typing_extensions import Unpack

from .. import _clock
from .._constants import CANCEL_TIMEOUT, DEFAULT_TIMEOUT, MAX_POLL_HINT
from .._exceptions import (
    AIPGError,
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    JobFaultedError,
    RateLimitError,
)
from .._generated.models import HordeAsyncResponse, HordeTextStatus
from .._generated.params import HordeTextAsyncRequest
from .._pipeline import TimeoutTypes
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    model_decoder,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._retry import poll_backoff, poll_hint
from ..types.request_options import RequestOptions, request_spec
from ..types.text import TextJobResult, TextSubmitParams
from ._base import AsyncAPIResource, SyncAPIResource
from .text_worker import AsyncTextWorker, TextWorker

if TYPE_CHECKING:
    from .._client import AsyncGrid, Grid

__all__ = ["Text", "AsyncText"]

_ASYNC = "/api/v2/generate/text/async"

#: Called with every polled status (queue position, wait time, finished count …).
ProgressCallback = Callable[[HordeTextStatus], object]


def _status_path(job_id: str) -> str:
    return f"/api/v2/generate/text/status/{quote(job_id, safe='')}"


def _budget(given: float | None, client_timeout: TimeoutTypes) -> float:
    """The whole job's budget: ``timeout``, else the client's timeout (its ``read`` for an ``httpx2.Timeout``)."""
    if given is None:
        fallback = client_timeout.read if isinstance(client_timeout, httpx2.Timeout) else client_timeout
        given = DEFAULT_TIMEOUT if fallback is None else fallback
    if not given > 0:
        raise AIPGError(f"timeout must be a number of seconds > 0 (got {given!r})")
    return given


def _check_interval(poll_interval: float | None) -> None:
    if poll_interval is not None and not poll_interval >= 0:
        raise AIPGError(f"poll_interval must be >= 0 (got {poll_interval!r})")


def _transient_wait(error: BaseException, polls: int) -> float | None:
    """Still rate limited, or the server / network briefly unwell after the pipeline's retries: the job itself is
    fine, so poll again after this wait. ``None``: the failure ends the wait (a 404 for an expired job …)."""
    if not isinstance(error, (RateLimitError, InternalServerError, APIConnectionError)):
        return None
    hinted = error.retry_after if isinstance(error, RateLimitError) else None
    return min(max(hinted if hinted is not None else poll_backoff(polls), 0.0), MAX_POLL_HINT)


def _result(status: HordeTextStatus, job_id: str) -> TextJobResult:
    return TextJobResult.model_validate({**status.model_dump(exclude_unset=True), "id": job_id})


def _not_done(budget: float) -> APITimeoutError:
    return APITimeoutError(f"Text job not done within {budget:g} s.")


class Text(SyncAPIResource):
    """``grid.text``: Horde text jobs. ``text.worker`` is the worker side (pop, submit)."""

    worker: TextWorker

    def __init__(self, client: Grid) -> None:
        super().__init__(client)
        self.worker = TextWorker(client)

    def submit(self, **params: Unpack[TextSubmitParams]) -> HordeAsyncResponse:
        """``POST /api/v2/generate/text/async``: queues the job; returns ``{id, kudos, message?}`` (202)."""
        return self._request(request_spec("POST", _ASYNC, params, body=True), model_decoder(HordeAsyncResponse))

    def status(self, job_id: str, **options: Unpack[RequestOptions]) -> HordeTextStatus:
        """``GET /api/v2/generate/text/status/{id}`` (limited to 60/min per job on the Horde)."""
        spec = request_spec("GET", _status_path(job_id), options, body=False)
        return self._request(spec, model_decoder(HordeTextStatus))

    def cancel(self, job_id: str, **options: Unpack[RequestOptions]) -> HordeTextStatus:
        """``DELETE /api/v2/generate/text/status/{id}``: drops generations not yet started; returns the status."""
        spec = request_spec("DELETE", _status_path(job_id), options, body=False)
        return self._request(spec, model_decoder(HordeTextStatus))

    def generate(
        self,
        *,
        on_progress: ProgressCallback | None = None,
        poll_interval: float | None = None,
        timeout: float | None = None,
        **params: Unpack[HordeTextAsyncRequest],
    ) -> TextJobResult:
        """Submits, waits and returns the finished job (the final ``HordeTextStatus`` plus its ``id``).

        Polling: the first status is read after 1 s, then every 1.5x longer up to 10 s (or every
        ``poll_interval`` seconds); a server hint on the status response — ``x-poll-after-ms``, ``retry-after`` —
        wins, clamped to 0..60 s. ``done`` → one final status read is the result; ``faulted`` →
        :class:`~aipg.JobFaultedError`. ``timeout`` (seconds, default the client's) bounds the whole job.

        Whatever else stops the wait — ``KeyboardInterrupt``, the deadline (``APITimeoutError``), a failing
        ``on_progress``, an expired job — cancels the job on the grid (one best-effort ``DELETE``) and re-raises.
        """
        budget = _budget(timeout, self._client.timeout)
        _check_interval(poll_interval)
        deadline = _clock.monotonic() + budget
        job_id: str | None = None
        try:
            job_id = str(self.submit(**params).id)
            delay = poll_interval if poll_interval is not None else poll_backoff(0)
            polls = 1
            while True:
                remaining = deadline - _clock.monotonic()
                if remaining <= 0:
                    raise _not_done(budget)
                _clock.sleep(min(delay, remaining))
                if _clock.monotonic() >= deadline:
                    raise _not_done(budget)
                try:
                    raw = to_raw_response_wrapper(self.status)(job_id)
                    status = raw.parse()
                except AIPGError as error:
                    wait = _transient_wait(error, polls)
                    if wait is None:
                        raise
                    delay, polls = wait, polls + 1
                    continue
                if on_progress is not None:
                    on_progress(status)
                if status.faulted:
                    raise JobFaultedError(job_id, status)
                if status.done:
                    # One last read once `done` flips, so the result is the settled state (all generations in).
                    final = self.status(job_id)
                    if final.faulted:
                        raise JobFaultedError(job_id, final)
                    return _result(final, job_id)
                hint = poll_hint(raw.headers)
                delay = hint if hint is not None else poll_interval if poll_interval is not None else poll_backoff(polls)
                polls += 1
        except BaseException as error:
            # Nobody will collect the result: free the queue slot and the kudos. Once, best effort.
            if job_id is not None and not isinstance(error, JobFaultedError):
                self._cancel_quietly(job_id)
            raise

    def _cancel_quietly(self, job_id: str) -> None:
        spec = request_spec("DELETE", _status_path(job_id), {"timeout": CANCEL_TIMEOUT}, body=False, max_retries=0)
        try:
            self._request(spec, model_decoder(HordeTextStatus))
        except Exception:  # best effort: the job's fate is the caller's error, not this one
            pass

    @property
    def with_raw_response(self) -> TextWithRawResponse:
        return TextWithRawResponse(self)

    @property
    def with_streaming_response(self) -> TextWithStreamingResponse:
        return TextWithStreamingResponse(self)


class AsyncText(AsyncAPIResource):
    """``grid.text`` for ``AsyncGrid``."""

    worker: AsyncTextWorker

    def __init__(self, client: AsyncGrid) -> None:
        super().__init__(client)
        self.worker = AsyncTextWorker(client)

    async def submit(self, **params: Unpack[TextSubmitParams]) -> HordeAsyncResponse:
        """See :meth:`Text.submit`."""
        spec = request_spec("POST", _ASYNC, params, body=True)
        return await self._request(spec, model_decoder(HordeAsyncResponse))

    async def status(self, job_id: str, **options: Unpack[RequestOptions]) -> HordeTextStatus:
        """See :meth:`Text.status`."""
        spec = request_spec("GET", _status_path(job_id), options, body=False)
        return await self._request(spec, model_decoder(HordeTextStatus))

    async def cancel(self, job_id: str, **options: Unpack[RequestOptions]) -> HordeTextStatus:
        """See :meth:`Text.cancel`."""
        spec = request_spec("DELETE", _status_path(job_id), options, body=False)
        return await self._request(spec, model_decoder(HordeTextStatus))

    async def generate(
        self,
        *,
        on_progress: ProgressCallback | None = None,
        poll_interval: float | None = None,
        timeout: float | None = None,
        **params: Unpack[HordeTextAsyncRequest],
    ) -> TextJobResult:
        """See :meth:`Text.generate`. Cancelling the task (or an enclosing cancel scope) cancels the job on the
        grid, shielded from the cancellation, then re-raises."""
        budget = _budget(timeout, self._client.timeout)
        _check_interval(poll_interval)
        deadline = _clock.monotonic() + budget
        job_id: str | None = None
        try:
            job_id = str((await self.submit(**params)).id)
            delay = poll_interval if poll_interval is not None else poll_backoff(0)
            polls = 1
            while True:
                remaining = deadline - _clock.monotonic()
                if remaining <= 0:
                    raise _not_done(budget)
                await _clock.async_sleep(min(delay, remaining))
                if _clock.monotonic() >= deadline:
                    raise _not_done(budget)
                try:
                    raw = await async_to_raw_response_wrapper(self.status)(job_id)
                    status = await raw.parse()
                except AIPGError as error:
                    wait = _transient_wait(error, polls)
                    if wait is None:
                        raise
                    delay, polls = wait, polls + 1
                    continue
                if on_progress is not None:
                    on_progress(status)
                if status.faulted:
                    raise JobFaultedError(job_id, status)
                if status.done:
                    final = await self.status(job_id)
                    if final.faulted:
                        raise JobFaultedError(job_id, final)
                    return _result(final, job_id)
                hint = poll_hint(raw.headers)
                delay = hint if hint is not None else poll_interval if poll_interval is not None else poll_backoff(polls)
                polls += 1
        except BaseException as error:
            if job_id is not None and not isinstance(error, JobFaultedError):
                with anyio.CancelScope(shield=True):
                    await self._cancel_quietly(job_id)
            raise

    async def _cancel_quietly(self, job_id: str) -> None:
        spec = request_spec("DELETE", _status_path(job_id), {"timeout": CANCEL_TIMEOUT}, body=False, max_retries=0)
        try:
            with anyio.fail_after(CANCEL_TIMEOUT):
                await self._request(spec, model_decoder(HordeTextStatus))
        except Exception:  # best effort
            pass

    @property
    def with_raw_response(self) -> AsyncTextWithRawResponse:
        return AsyncTextWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncTextWithStreamingResponse:
        return AsyncTextWithStreamingResponse(self)


class TextWithRawResponse:
    def __init__(self, text: Text) -> None:
        self.submit = to_raw_response_wrapper(text.submit)
        self.status = to_raw_response_wrapper(text.status)
        self.cancel = to_raw_response_wrapper(text.cancel)


class TextWithStreamingResponse:
    def __init__(self, text: Text) -> None:
        self.submit = to_streamed_response_wrapper(text.submit)
        self.status = to_streamed_response_wrapper(text.status)
        self.cancel = to_streamed_response_wrapper(text.cancel)


class AsyncTextWithRawResponse:
    def __init__(self, text: AsyncText) -> None:
        self.submit = async_to_raw_response_wrapper(text.submit)
        self.status = async_to_raw_response_wrapper(text.status)
        self.cancel = async_to_raw_response_wrapper(text.cancel)


class AsyncTextWithStreamingResponse:
    def __init__(self, text: AsyncText) -> None:
        self.submit = async_to_streamed_response_wrapper(text.submit)
        self.status = async_to_streamed_response_wrapper(text.status)
        self.cancel = async_to_streamed_response_wrapper(text.cancel)
