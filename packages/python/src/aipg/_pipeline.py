"""The one request pipeline under every call (docs/sdk/errors-and-retries.md, "One pipeline"):

    build (apikey + Authorization, Client-Agent, X-Request-Id)
      → attempt: send with the timeout, covering the body
      → retry decision (connection error / status, x-should-retry, retry-after)
      → typed result or typed error

Everything but the I/O lives in :class:`CallPlan`, used by both :func:`send_sync` and :func:`send_async`, which
differ only in how they send, read and sleep.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import math
import os
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Union

import anyio
import httpx2
from pydantic_core import to_json

from . import _clock
from ._constants import LOUD_WAIT
from ._exceptions import (
    AIPGError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    extract_message,
    make_status_error,
)
from ._json import parse_json_or_text
from ._logs import logger, redact_headers
from ._retry import RetryWait, retry_wait, should_retry
from ._utils import failure_cause, safe_url, seconds, url_path

if TYPE_CHECKING:
    from ._client import BaseGrid

TimeoutTypes = Union[float, httpx2.Timeout, None]
ResponseMode = Literal["parsed", "raw", "streaming"]

#: Set by ``with_raw_response`` / ``with_streaming_response`` in a call's headers; never sent.
RESPONSE_MODE_HEADER = "x-aipg-response-mode"


class NotGiven:
    """The default of ``timeout``: "use the client's". (``None`` means "no timeout".)"""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


@dataclass
class RequestSpec:
    """One logical call as a resource describes it."""

    method: str
    path: str
    body: object = None
    query: Mapping[str, object] | None = None
    headers: Mapping[str, str | None] = field(default_factory=lambda: {})
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    max_retries: int | None = None
    #: The endpoint answers ``text/event-stream``: ask for it, and leave a success body unread.
    stream: bool = False


class CallPlan:
    """The decisions of one logical call: its URL, headers and request id (the same on every retry), its retry
    and timeout budget, and how each outcome is classified. No I/O."""

    def __init__(self, client: BaseGrid, spec: RequestSpec) -> None:
        self.method = spec.method
        self.url = client.base_url + spec.path
        self.stream = spec.stream
        #: Whether a success body that breaks its schema is an error (docs/python.md, "Response validation").
        self.strict = client.strict_response_validation
        self.max_retries = client.max_retries if spec.max_retries is None else spec.max_retries
        timeout = client.timeout if isinstance(spec.timeout, NotGiven) else spec.timeout
        self.httpx_timeout = timeout if isinstance(timeout, httpx2.Timeout) else httpx2.Timeout(timeout)
        #: One deadline per attempt for headers and the whole body: the float given, or a Timeout's ``read``.
        self.budget: float | None = timeout.read if isinstance(timeout, httpx2.Timeout) else timeout

        # Later sources win, by case-insensitive name; a `None` value removes the header.
        merged: dict[str, tuple[str, str | None]] = {}

        def put(values: Mapping[str, str | None]) -> None:
            for name, value in values.items():
                merged[name.lower()] = (name, value)

        put(client.auth_headers())
        put({"Accept": "text/event-stream" if spec.stream else "application/json"})
        put(client.default_headers)
        call_headers = spec.headers
        mode = None
        own = None
        for name, value in call_headers.items():
            key = name.lower()
            if key == RESPONSE_MODE_HEADER:
                mode = value
            elif key == "x-request-id":
                own = value
        self.mode: ResponseMode = mode if mode in ("raw", "streaming") else "parsed"  # type: ignore[assignment]
        # One id per logical call, the same on every retry; a caller-supplied X-Request-Id wins.
        self.request_id = own if own is not None else new_request_id()
        put({"X-Request-Id": self.request_id})
        put(call_headers)
        merged.pop(RESPONSE_MODE_HEADER, None)

        query = {**client.default_query, **(spec.query or {})}
        self.params = {k: str(v) if not isinstance(v, str) else v for k, v in query.items() if v is not None}
        self.content: bytes | None = None
        if spec.body is not None:
            # Compact UTF-8 JSON; pydantic models, datetimes … as pydantic serialises them.
            self.content = to_json(spec.body)
            merged.setdefault("content-type", ("Content-Type", "application/json"))
        merged.pop("x-aipg-retry-count", None)  # set per attempt
        #: The call's headers, to send after the http_client's own (encoded once, as httpx would).
        self.headers = [
            (name.encode("ascii"), value.encode("ascii"))
            for name, value in merged.values()
            if value is not None
        ]
        #: Lower-case names the client's headers must not bring: the call's own, and the ones removed with `None`.
        self.replaced = frozenset([key.encode("ascii") for key in merged] + [b"x-aipg-retry-count"])

    @property
    def leaves_body_open(self) -> bool:
        """A success body is handed up unread: SSE streams and ``with_streaming_response``."""
        return self.stream or self.mode == "streaming"

    def build(self, http: httpx2.Client | httpx2.AsyncClient, attempt: int) -> httpx2.Request:
        request = http.build_request(
            self.method,
            parsed_url(self.url),
            content=self.content,
            params=self.params or None,
            timeout=self.httpx_timeout,
        )
        # The request's headers so far (the http_client's defaults, Host, Content-Length …) give way to the call's,
        # by name, and the call's follow: one pass, where httpx's merge compares every pair of names.
        headers = [(name, value) for name, value in request.headers.raw if name.lower() not in self.replaced]
        headers += self.headers
        headers.append((b"X-AIPG-Retry-Count", b"%d" % attempt))
        request.headers = httpx2.Headers(headers)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s (attempt %d) headers=%s", self.method, self.url, attempt, redact_headers(request.headers.items())
            )
        return request

    def deadline(self) -> float | None:
        return None if self.budget is None else _clock.monotonic() + self.budget

    def retry_for_response(self, response: httpx2.Response, attempt: int) -> RetryWait | None:
        """The wait before the next attempt when ``response`` is a failure worth retrying, else ``None``."""
        logger.debug("%s %s → %d", self.method, self.url, response.status_code)
        if response.is_success or attempt >= self.max_retries:
            return None
        if not should_retry(response.status_code, response.headers):
            return None
        return retry_wait(response.headers, attempt, random=_clock.random)

    def retry_for_failure(self, error: AIPGError, attempt: int) -> RetryWait | None:
        """The wait before the next attempt after a connection error or a timeout, else ``None`` (raise)."""
        if attempt >= self.max_retries or not isinstance(error, APIConnectionError):
            logger.debug("%s %s failed: %s", self.method, self.url, error)
            return None
        return retry_wait(None, attempt, random=_clock.random)

    def log_retry(self, wait: RetryWait, attempt: int, what: str, detail: str | None = None) -> None:
        """One line per retry, e.g. ``[aipg] 429 rate limited on POST /v1/chat/completions ("Rate limit
        exceeded."): waiting 30 s (Retry-After) before retry 1 of 2``; the path only (a query may hold a key)."""
        said = f" ({detail})" if detail else ""
        logger.log(
            logging.WARNING if is_loud(wait) else logging.INFO,
            "[aipg] %s on %s %s%s: waiting %s (%s) before retry %d of %d",
            what,
            self.method,
            url_path(self.url),
            said,
            seconds(wait.seconds),
            wait.source,
            attempt + 1,
            self.max_retries,
        )

    def failure_detail(self, error: AIPGError) -> tuple[str, str | None]:
        if isinstance(error, APITimeoutError):
            return "timed out", f"timeout {seconds(self.budget)}" if self.budget is not None else None
        return "connection error", error.code if isinstance(error, APIConnectionError) else None

    def transport_error(self, exc: BaseException, phase: Literal["response", "body"]) -> APIConnectionError:
        """The typed error for a transport failure while waiting for the response or reading its body."""
        if isinstance(exc, httpx2.TimeoutException):
            return self.timeout_error(phase)
        code, message = failure_cause(exc)
        how = "failed" if phase == "response" else "broke off while reading the response body"
        name = type(exc).__name__
        said = f"{code}: {message}" if code and message else (code or message or "")
        return APIConnectionError(
            f"Connection error: {self.target()} {how} ({name}{': ' + said if said else ''})", code=code
        )

    def timeout_error(self, phase: Literal["response", "body", "stream"]) -> APITimeoutError:
        limit = f"{seconds(self.budget)} (timeout: {self.budget:g} s)" if self.budget is not None else "the timeout"
        what = {
            "response": f"sent no response within {limit}",
            "body": f"did not finish its response body within {limit}",
            "stream": f"sent no stream content for {limit}",
        }[phase]
        return APITimeoutError(f"Request timed out: {self.target()} {what}")

    def target(self) -> str:
        return f"{self.method} {safe_url(self.url)}"

    def request_id_of(self, response: httpx2.Response) -> str:
        return response.headers.get("x-request-id") or self.request_id

    def check(self, response: httpx2.Response) -> None:
        """Raises the typed error for a failure status (body already read), and for a stream request answered
        with one JSON body instead of ``text/event-stream``."""
        if response.is_success and not self.stream:
            return  # the common case: nothing to check, and the body is parsed once, by the decoder
        request_id = self.request_id_of(response)
        body = parse_json_or_text(response.content)
        if not response.is_success:
            error = make_status_error(
                response.status_code, body, headers=response.headers, request_id=request_id, response=response
            )
            logger.debug("request failed: %s (request id %s)", error, request_id)
            raise error
        if self.stream:
            kind = response.headers.get("content-type", "")
            raise APIError(
                f"{response.status_code} expected text/event-stream, got {kind}: the server did not stream this "
                "request (call it without `stream=True`)",
                status_code=response.status_code,
                body=body,
                headers=response.headers,
                request_id=request_id,
                response=response,
            )

    def streams_json(self, response: httpx2.Response) -> bool:
        """A success answer to a stream request that is one JSON body: read it and :meth:`check` it."""
        return self.stream and response.is_success and "json" in response.headers.get("content-type", "").lower()


def is_loud(wait: RetryWait) -> bool:
    """Waits from 3 s on are said at WARNING: a caller whose program seems to hang learns why."""
    return wait.seconds >= LOUD_WAIT


_STATUS_WORDS = {
    408: "request timeout",
    409: "conflict",
    429: "rate limited",
    500: "server error",
    502: "bad gateway",
    503: "unavailable",
    504: "gateway timeout",
}
_MAX_SAID = 120


def status_words(response: httpx2.Response) -> str:
    code = response.status_code
    return f"{code} {_STATUS_WORDS.get(code, 'server error' if code >= 500 else 'error')}"


def said_by_server(content: bytes) -> str | None:
    """The server's message in an error body, quoted, if it fits on a line."""
    message = extract_message(parse_json_or_text(content))
    return json.dumps(message) if message and len(message) <= _MAX_SAID else None


def new_request_id() -> str:
    """A random (version 4) UUID as text, formatted straight from 16 random bytes (``str(uuid.uuid4())`` builds a
    UUID object only to print it)."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


@functools.lru_cache(maxsize=256)
def parsed_url(url: str) -> httpx2.URL:
    """``url`` parsed, once: httpx parses a string URL on every request, and a client calls the same few URLs."""
    return httpx2.URL(url)


class _BodyUnderDeadline(httpx2.SyncByteStream, httpx2.AsyncByteStream):
    """A response's body stream that fails once the attempt's deadline has passed (checked after every chunk),
    so ``read()`` reads it, decodes it and keeps it as usual, under the deadline."""

    def __init__(self, stream: httpx2.SyncByteStream | httpx2.AsyncByteStream, plan: CallPlan, deadline: float | None):
        self._stream = stream
        self._plan = plan
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._stream, httpx2.SyncByteStream)
        for chunk in self._stream:
            yield chunk
            if _past(self._deadline):
                raise self._plan.timeout_error("body")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, httpx2.AsyncByteStream)
        async for chunk in self._stream:
            yield chunk
            if _past(self._deadline):
                raise self._plan.timeout_error("body")

    def close(self) -> None:
        assert isinstance(self._stream, httpx2.SyncByteStream)
        self._stream.close()

    async def aclose(self) -> None:
        assert isinstance(self._stream, httpx2.AsyncByteStream)
        await self._stream.aclose()


def _past(deadline: float | None) -> bool:
    return deadline is not None and _clock.monotonic() > deadline


# --- sync I/O ---------------------------------------------------------------------------------------------------


def read_body_sync(response: httpx2.Response, plan: CallPlan, deadline: float | None) -> httpx2.Response:
    """Reads the whole body under the attempt's deadline (checked after every chunk; a silent socket is bounded by
    the read timeout). A body that stalls or breaks off fails like a missing response."""
    if response.is_stream_consumed:
        return response
    response.stream = _BodyUnderDeadline(response.stream, plan, deadline)
    try:
        response.read()
    except httpx2.TransportError as exc:
        raise plan.transport_error(exc, "body") from exc
    finally:
        response.close()
    return response


def send_sync(http: httpx2.Client, plan: CallPlan) -> httpx2.Response:
    """Runs the attempts of one call; returns the response (body read, unless :attr:`CallPlan.leaves_body_open`)
    or raises the typed error."""
    for attempt in itertools.count():
        request = plan.build(http, attempt)
        deadline = plan.deadline()
        try:
            response = http.send(request, stream=True)
        except httpx2.TransportError as exc:
            error = plan.transport_error(exc, "response")
            wait = plan.retry_for_failure(error, attempt)
            if wait is None:
                raise error from exc
            plan.log_retry(wait, attempt, *plan.failure_detail(error))
            _clock.sleep(wait.seconds)
            continue
        wait = plan.retry_for_response(response, attempt)
        if wait is not None:
            detail = None
            if is_loud(wait):
                # Worth a warning, so worth the server's reason (error bodies are short).
                try:
                    detail = said_by_server(response.read())
                except httpx2.HTTPError:
                    pass
            response.close()
            plan.log_retry(wait, attempt, status_words(response), detail)
            _clock.sleep(wait.seconds)
            continue
        if response.is_success and plan.leaves_body_open and not plan.streams_json(response):
            return response
        try:
            response = read_body_sync(response, plan, deadline)
        except APIConnectionError as error:
            wait = plan.retry_for_failure(error, attempt)
            if wait is None:
                raise
            plan.log_retry(wait, attempt, *plan.failure_detail(error))
            _clock.sleep(wait.seconds)
            continue
        plan.check(response)
        return response
    raise AssertionError("unreachable")  # pragma: no cover


# --- async I/O --------------------------------------------------------------------------------------------------


async def read_body_async(response: httpx2.Response, plan: CallPlan, deadline: float | None) -> httpx2.Response:
    if response.is_stream_consumed:
        return response
    response.stream = _BodyUnderDeadline(response.stream, plan, deadline)
    try:
        await response.aread()
    except httpx2.TransportError as exc:
        raise plan.transport_error(exc, "body") from exc
    finally:
        await response.aclose()
    return response


async def send_async(http: httpx2.AsyncClient, plan: CallPlan) -> httpx2.Response:
    """:func:`send_sync` for ``httpx2.AsyncClient``. Here the attempt's deadline is also enforced by a cancel
    scope, so a body that stalls without a byte fails at the deadline exactly."""
    for attempt in itertools.count():
        request = plan.build(http, attempt)
        deadline = plan.deadline()
        phase: Literal["response", "body"] = "response"
        error: APIConnectionError | None = None
        outcome: httpx2.Response | None = None
        retry: RetryWait | None = None
        with anyio.CancelScope(deadline=_scope_deadline(plan.budget)) as scope:
            try:
                response = await http.send(request, stream=True)
                retry = plan.retry_for_response(response, attempt)
                if retry is not None:
                    detail = None
                    if is_loud(retry):
                        try:
                            detail = said_by_server(await response.aread())
                        except httpx2.HTTPError:
                            pass
                    await response.aclose()
                    plan.log_retry(retry, attempt, status_words(response), detail)
                elif response.is_success and plan.leaves_body_open and not plan.streams_json(response):
                    return response
                else:
                    phase = "body"
                    outcome = await read_body_async(response, plan, deadline)
            except httpx2.TransportError as exc:
                error = plan.transport_error(exc, phase)
                error.__cause__ = exc
            except APIConnectionError as exc:
                error = exc
        if scope.cancelled_caught:
            error = plan.timeout_error(phase)
        if outcome is not None:
            plan.check(outcome)
            return outcome
        if error is not None:
            retry = plan.retry_for_failure(error, attempt)
            if retry is None:
                raise error
            plan.log_retry(retry, attempt, *plan.failure_detail(error))
        if retry is not None:
            await _clock.async_sleep(retry.seconds)
    raise AssertionError("unreachable")  # pragma: no cover


def _scope_deadline(budget: float | None) -> float:
    return math.inf if budget is None else anyio.current_time() + budget
