"""Server-sent events and the chat completion stream (docs/python.md, "Streaming"; docs/sdk/streaming.md).

:class:`SSEDecoder` parses the HTML standard's event-stream format from text pieces of any size: LF, CR and CRLF
line ends, ``:`` comments skipped, multi-line ``data`` joined with ``\\n``, a final event without its closing blank
line still delivered. :func:`iter_sse` / :func:`aiter_sse` feed it from raw bytes through an incremental UTF-8
decoder, so a character split across network chunks is decoded whole.

:class:`Stream` / :class:`AsyncStream` turn the grid's ``/v1/chat/completions`` events into chunks, accumulate the
completion, and decide when the stream is complete: ``data: [DONE]`` and a ``finish_reason`` for every choice.
Anything short of that raises :class:`~aipg.StreamInterruptedError` with what arrived; an ``{"error": …}`` event
(``StreamErrorChunk``) raises :class:`~aipg.APIError` with ``status_code=None``.
"""

from __future__ import annotations

import codecs
import copy
import json
import re
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, TypeVar, Union, cast

import httpx2
from pydantic import ValidationError

from . import _clock
from ._exceptions import AIPGError, APIConnectionError, APIError, StreamInterruptedError
from ._generated.models import ChatCompletion, ChatCompletionChunk
from ._json import as_dict, as_list, parse_json_or_text
from ._pipeline import CallPlan
from ._validation import validate

__all__ = ["ServerSentEvent", "SSEDecoder", "EventReader", "iter_sse", "aiter_sse", "Stream", "AsyncStream"]

_T = TypeVar("_T")

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class ServerSentEvent:
    """One event. ``event`` and ``id`` are ``None`` unless the event set them."""

    data: str
    event: str | None = None
    id: str | None = None


class SSEDecoder:
    """An event-stream parser fed text in pieces of any size."""

    def __init__(self) -> None:
        self._rest = ""  # an unfinished line
        self._data: list[str] | None = None  # None until the event has a `data` line
        self._event: str | None = None
        self._id: str | None = None

    def feed(self, text: str) -> list[ServerSentEvent]:
        """The events completed by ``text``."""
        # A piece without a line end only lengthens the unfinished line.
        if "\r" not in text and "\n" not in text and not self._rest.endswith("\r"):
            self._rest += text
            return []
        data = self._rest + text
        # A CR at the very end may be the first half of a CRLF: keep it until the next piece says.
        cr = "\r" if data.endswith("\r") else ""
        if cr:
            data = data[:-1]
        lines = _LINE_END.split(data)
        self._rest = lines.pop() + cr
        events: list[ServerSentEvent] = []
        for line in lines:
            event = self._line(line)
            if event is not None:
                events.append(event)
        return events

    @property
    def idle(self) -> bool:
        """No unfinished line and no event under way: the next piece starts afresh."""
        return not self._rest and self._data is None and self._event is None and self._id is None

    def flush(self) -> list[ServerSentEvent]:
        """End of input: the unfinished line, then the event it belongs to, as if a blank line followed."""
        rest, self._rest = self._rest.rstrip("\r"), ""
        events = [e for e in (self._line(rest) if rest else None, self._line("")) if e is not None]
        return events

    def _line(self, line: str) -> ServerSentEvent | None:
        if line == "":
            event = None
            if self._data is not None:
                event = ServerSentEvent(data="\n".join(self._data), event=self._event, id=self._id)
            self._data, self._event, self._id = None, None, None
            return event
        if line.startswith(":"):
            return None
        name, colon, value = line.partition(":")
        # One space after the colon is part of the syntax, not of the value.
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data = [value] if self._data is None else [*self._data, value]
        elif name == "event":
            self._event = value or None
        elif name == "id" and "\0" not in value:
            self._id = value
        return None


#: What :meth:`EventReader.feed` returns per event: the ``data`` of a plain event (no ``event``/``id`` field) still
#: as UTF-8 bytes, or the decoded :class:`ServerSentEvent` of any other.
SSEItem = Union[bytes, ServerSentEvent]

_DATA = b"data: "


class EventReader:
    """An event stream's bytes, network chunk by network chunk. A chunk made of whole one-line ``data: …`` events
    with LF line ends — how the grid writes its streams, one event per write — is split right here and its data
    handed on as bytes (the JSON parser reads UTF-8 itself). Any other chunk, and every chunk while a line, an
    event or a UTF-8 character is unfinished, goes through the incremental UTF-8 decoder and :class:`SSEDecoder`,
    which handle the whole format. Both paths give the same events."""

    def __init__(self) -> None:
        self._parser = SSEDecoder()
        self._text: codecs.IncrementalDecoder | None = None
        self._started = False  # a byte was read: a BOM from now on is text, not a signature
        self._clean = True  # nothing unfinished in the parser or the UTF-8 decoder

    def feed(self, raw: bytes) -> list[SSEItem]:
        """The events completed by ``raw``."""
        if self._clean and raw.endswith(b"\n\n") and b"\r" not in raw:
            if raw.startswith(_DATA) and raw.find(b"\n") == len(raw) - 2:
                self._started = True
                return [raw[6:-2]]  # one event: the common case
            parts = raw[:-2].split(b"\n\n")
            if all(part.startswith(_DATA) and b"\n" not in part for part in parts):
                self._started = True
                return [part[6:] for part in parts]
        return self._decoded(raw, final=False)

    def flush(self) -> list[SSEItem]:
        """End of input: what the unfinished pieces still make."""
        return [*self._decoded(b"", final=True), *self._parser.flush()]

    def _decoded(self, raw: bytes, *, final: bool) -> list[SSEItem]:
        text = self._text
        if text is None:
            # The UTF-8 signature is skipped only at the very start of the stream.
            text = self._text = codecs.getincrementaldecoder("utf-8" if self._started else "utf-8-sig")("replace")
        self._started = self._started or bool(raw)
        events: list[SSEItem] = [*self._parser.feed(text.decode(raw, final))]
        self._clean = self._parser.idle and not text.getstate()[0]
        return events


def _as_event(item: SSEItem) -> ServerSentEvent:
    return ServerSentEvent(item.decode("utf-8", "replace")) if isinstance(item, bytes) else item


def iter_sse(chunks: Iterable[bytes]) -> Iterator[ServerSentEvent]:
    """The events of a byte stream split anywhere, even inside a UTF-8 sequence."""
    reader = EventReader()
    for chunk in chunks:
        for item in reader.feed(chunk):
            yield _as_event(item)
    for item in reader.flush():
        yield _as_event(item)


async def aiter_sse(chunks: AsyncIterable[bytes]) -> AsyncIterator[ServerSentEvent]:
    """:func:`iter_sse` for an async byte stream."""
    reader = EventReader()
    async for chunk in chunks:
        for item in reader.feed(chunk):
            yield _as_event(item)
    for item in reader.flush():
        yield _as_event(item)


class _ChatState:
    """What both stream classes share: reading events into chunks, the accumulated snapshot, and how a stream
    that ended (or failed) is classified. No I/O."""

    def __init__(self, plan: CallPlan, response: httpx2.Response) -> None:
        self.plan = plan
        self.response = response
        self.request_id = plan.request_id_of(response)
        self._validator = ChatCompletionChunk.__pydantic_validator__
        self._snapshot: dict[str, Any] | None = None
        self._by_index: dict[int, dict[str, Any]] = {}
        # Text fields being streamed, by (choice index, field): the pieces since the last join, and the pieces of
        # fields already joined into the snapshot (so a later piece appends without copying the text again).
        self._pieces: dict[tuple[int, str], list[str]] = {}
        self._joined: dict[tuple[int, str], list[str]] = {}
        self.saw_done = False

    def chunk_of(self, item: SSEItem) -> ChatCompletionChunk | None:
        """The chunk an event carries; ``None`` for ``[DONE]`` (then :attr:`saw_done`), keep-alives and events of
        other names. An error event raises :class:`APIError`."""
        data, name = (item, None) if isinstance(item, bytes) else (item.data, item.event)
        data = data.strip()
        if data == (b"[DONE]" if isinstance(data, bytes) else "[DONE]"):
            self.saw_done = True
            return None
        if not data:
            return None
        if name is None or name == "message":
            # The common case: a chunk that matches the spec, validated straight from its JSON text.
            try:
                chunk: ChatCompletionChunk = self._validator.validate_json(data)
            except ValidationError:
                pass
            else:
                extra = chunk.__pydantic_extra__
                if not extra or extra.get("error") is None:
                    self._add(chunk, data)
                    return chunk
        return self._chunk_of_json(data, name)

    def _chunk_of_json(self, data: bytes | str, name: str | None) -> ChatCompletionChunk | None:
        """:meth:`chunk_of` for every other event: error events and chunks that do not match the spec (kept as
        sent unless the client is strict, docs/python.md "Response validation")."""
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        is_error = name == "error"
        if is_error:
            parsed = parse_json_or_text(text)
        else:
            try:
                parsed = json.loads(text)
            except ValueError:
                quoted = text if len(text) <= 200 else text[:200] + "…"
                raise AIPGError(f"Could not parse a stream event as JSON: {quoted}") from None
        chunk = as_dict(parsed)
        if is_error or (chunk is not None and chunk.get("error") is not None):
            raise APIError(status_code=None, body=parsed, headers=self.response.headers, request_id=self.request_id)
        if name not in (None, "message") or chunk is None:
            return None
        self.apply(chunk)
        try:
            return validate(ChatCompletionChunk, chunk, strict=self.plan.strict)
        except ValidationError as error:
            raise AIPGError(f"A stream chunk does not match ChatCompletionChunk: {error}") from error

    def _add(self, chunk: ChatCompletionChunk, data: bytes | str) -> None:
        """Adds a validated chunk to the snapshot. A chunk that only continues text fields of choices already
        begun (every content chunk but the first) is read from the model; any other from its JSON, by
        :meth:`apply`, as sent."""
        if self._snapshot is not None and not chunk.__pydantic_extra__ and chunk.usage is None and chunk.grid is None:
            by_index = self._by_index
            choices = chunk.choices
            for choice in choices:
                delta = choice.delta
                if (
                    choice.index not in by_index
                    or choice.__pydantic_extra__
                    or delta.__pydantic_extra__
                    or delta.role is not None
                    or delta.tool_calls is not None
                ):
                    break
            else:
                for choice in choices:
                    delta, index = choice.delta, choice.index
                    if delta.content is not None:
                        self._append(index, "content", delta.content)
                    if delta.reasoning_content is not None:
                        self._append(index, "reasoning_content", delta.reasoning_content)
                    if choice.finish_reason:
                        by_index[index]["finish_reason"] = choice.finish_reason
                if not self._snapshot["model"]:
                    self._snapshot["model"] = chunk.model
                return
        self.apply(json.loads(data))

    def idle_error(self) -> AIPGError:
        return self.plan.timeout_error("stream")

    @property
    def snapshot(self) -> dict[str, Any] | None:
        """The completion so far. Text fields are kept as lists of pieces while chunks arrive (appending to a
        string would copy it once per chunk) and joined here, when someone looks."""
        if self._pieces:
            for (index, key), pieces in self._pieces.items():
                self._by_index[index]["message"][key] = "".join(pieces)
            self._joined.update(self._pieces)
            self._pieces = {}
        return self._snapshot

    def apply(self, chunk: dict[str, Any]) -> None:
        snapshot = self._snapshot
        if snapshot is None:
            snapshot = self._snapshot = {
                "id": chunk.get("id"),
                "object": "chat.completion",
                "created": chunk.get("created"),
                "model": chunk.get("model"),
                "choices": [],
            }
        for item in as_list(chunk.get("choices")):
            choice_delta = as_dict(item) or {}
            index = choice_delta.get("index") or 0
            choice: dict[str, Any] | None = self._by_index.get(index)
            if choice is None:
                message: dict[str, Any] = {"role": "assistant", "content": None}
                choice = {"index": index, "message": message, "finish_reason": None}
                self._by_index[index] = choice
                choices: list[dict[str, Any]] = snapshot["choices"]
                choices.append(choice)
                choices.sort(key=lambda c: int(c["index"]))
            delta = choice_delta.get("delta")
            if isinstance(delta, dict) and delta:
                self._apply_delta(index, choice["message"], cast("dict[str, Any]", delta))
            if choice_delta.get("finish_reason"):
                choice["finish_reason"] = choice_delta["finish_reason"]
        for key in ("usage", "grid"):
            if chunk.get(key):
                snapshot[key] = chunk[key]
        if chunk.get("model") and not snapshot.get("model"):
            snapshot["model"] = chunk["model"]

    def _apply_delta(self, index: int, message: dict[str, Any], delta: dict[str, Any]) -> None:
        for key, value in delta.items():
            if value is None:
                continue
            if key == "tool_calls":
                _merge_tool_calls(message, as_list(value))
            elif isinstance(value, str) and key != "role":
                # content, reasoning_content, refusal …: text fields arrive in pieces, appended.
                self._append(index, key, value)
            else:
                self._pieces.pop((index, key), None)
                self._joined.pop((index, key), None)
                message[key] = value

    def _append(self, index: int, key: str, value: str) -> None:
        slot = (index, key)
        pieces = self._pieces.get(slot)
        if pieces is None:
            # The first piece since the last join: it continues the text joined so far, if any.
            pieces = self._joined.pop(slot, None)
            if pieces is None:
                previous = self._by_index[index]["message"].get(key)
                pieces = [previous] if isinstance(previous, str) else []
            self._pieces[slot] = pieces
        pieces.append(value)

    def _choices(self) -> list[dict[str, Any]]:
        snapshot = self.snapshot
        return [] if snapshot is None else cast("list[dict[str, Any]]", snapshot["choices"])

    def incomplete_reason(self) -> str | None:
        if not self.saw_done:
            return "The stream ended without `data: [DONE]`."
        choices = self._choices()
        if not choices:
            return "The stream ended without any choice."
        open_ = [str(c["index"]) for c in choices if c["finish_reason"] is None]
        if open_:
            return f"The stream ended without a finish_reason for choice {', '.join(open_)}."
        return None

    def interrupted(self, message: str) -> StreamInterruptedError:
        return StreamInterruptedError(
            message,
            partial_text=self.text(),
            snapshot=copy.deepcopy(self.snapshot),
            request_id=self.request_id,
        )

    def classify(self, error: BaseException) -> BaseException:
        """What the caller sees: server error events stay :class:`APIError` (except ``service_unavailable``, the
        grid handing the request back while it shuts down), the rest becomes an interruption."""
        if isinstance(error, StreamInterruptedError):
            return error
        if isinstance(error, APIError) and error.type != "service_unavailable":
            return error
        if isinstance(error, (APIConnectionError, APIError)):
            interrupted = self.interrupted(f"The stream was interrupted: {error.message}")
            interrupted.__cause__ = error
            return interrupted
        return error

    def transport_error(self, exc: httpx2.TransportError) -> StreamInterruptedError:
        cause = self.plan.transport_error(exc, "body")
        cause.__cause__ = exc
        interrupted = self.interrupted(f"The stream was interrupted: {cause.message}")
        interrupted.__cause__ = cause
        return interrupted

    def final(self) -> ChatCompletion:
        """The finished snapshot as a ``ChatCompletion``; usage counts the grid did not send are 0."""
        assert self.snapshot is not None
        done = copy.deepcopy(self.snapshot)
        for choice in as_list(done["choices"]):
            choice["finish_reason"] = choice["finish_reason"] or "stop"
        usage: dict[str, Any] = dict(done.get("usage") or {})
        usage.setdefault("prompt_tokens", 0)
        usage.setdefault("completion_tokens", 0)
        usage.setdefault("total_tokens", usage["prompt_tokens"] + usage["completion_tokens"])
        done["usage"] = usage
        return validate(ChatCompletion, done, strict=self.plan.strict)

    def text(self) -> str:
        choices = self._choices()
        content = next((c["message"].get("content") for c in choices if c["index"] == 0), None)
        return content if isinstance(content, str) else ""


def _merge_tool_calls(message: dict[str, Any], deltas: list[Any]) -> None:
    """Streamed tool calls arrive in pieces keyed by ``index``: ids and names once, ``arguments`` appended."""
    calls: list[dict[str, Any]] = message.setdefault("tool_calls", [])
    for item in deltas:
        delta = as_dict(item) or {}
        index = delta.get("index", len(calls))
        call: dict[str, Any] | None = next((c for c in calls if c.get("index") == index), None)
        if call is None:
            call = {"index": index, "type": "function", "function": {"name": "", "arguments": ""}}
            calls.append(call)
        if delta.get("id"):
            call["id"] = delta["id"]
        if delta.get("type"):
            call["type"] = delta["type"]
        fn: dict[str, Any] = call.setdefault("function", {})
        given = as_dict(delta.get("function")) or {}
        if given.get("name"):
            fn["name"] = given["name"]
        if given.get("arguments"):
            fn["arguments"] = (fn.get("arguments") or "") + given["arguments"]


def _unencoded(response: httpx2.Response) -> bool:
    """Whether the body has no ``Content-Encoding``: then its raw bytes are the decoded ones, and the stream reads
    them without httpx's decoding layer (a generator and two lists per network chunk)."""
    return response.headers.get("content-encoding", "identity").strip().lower() == "identity"


class _StreamBase(Generic[_T]):
    def __init__(self, *, plan: CallPlan, response: httpx2.Response) -> None:
        self.response = response
        self._state = _ChatState(plan, response)
        self._budget = plan.budget
        self._failure: BaseException | None = None
        self._finished = False

    @property
    def request_id(self) -> str:
        """``x-request-id`` of the response (or the id the SDK sent)."""
        return self._state.request_id

    @property
    def current_snapshot(self) -> dict[str, Any] | None:
        """The completion accumulated so far, as a JSON-shaped dict (``usage``/``grid`` only once the final chunk
        brought them; a choice still streaming has ``finish_reason: None``)."""
        return self._state.snapshot

    def _idle(self, last_content: float) -> bool:
        return self._budget is not None and _clock.monotonic() - last_content > self._budget

    def _fail(self, error: BaseException) -> BaseException:
        self._failure = self._state.classify(error)
        return self._failure

    def _final(self) -> ChatCompletion:
        if self._failure is not None:
            raise self._failure
        return self._state.final()


class Stream(_StreamBase[_T]):
    """A streamed chat completion (``create(..., stream=True)``): iterate it for ``ChatCompletionChunk``s, use it
    as a context manager to close the connection whatever happens, or call :meth:`get_final_completion` /
    :meth:`final_text`, which read the rest. Nothing is retried once the stream has begun.

    The ``timeout`` becomes an inactivity limit: the stream fails (interrupted, cause ``APITimeoutError``) after that
    long without a chat chunk; keep-alive comments do not count."""

    def __init__(self, *, plan: CallPlan, response: httpx2.Response) -> None:
        super().__init__(plan=plan, response=response)
        self._iterator = self._run()

    def __iter__(self) -> Iterator[_T]:
        # The generator itself: a `for` loop then steps it without a call of __next__ per chunk.
        return self._iterator

    def __next__(self) -> _T:
        return next(self._iterator)

    def _run(self) -> Iterator[_T]:
        state = self._state
        reader = EventReader()
        last = _clock.monotonic()
        try:
            try:
                body = self.response.iter_raw() if _unencoded(self.response) else self.response.iter_bytes()
                for raw in body:
                    for item in reader.feed(raw):
                        chunk = state.chunk_of(item)
                        if state.saw_done:
                            break
                        if chunk is not None:
                            last = _clock.monotonic()
                            yield cast("_T", chunk)
                    if state.saw_done:
                        break
                    if self._idle(last):
                        raise state.idle_error()
                else:
                    for item in reader.flush():
                        chunk = state.chunk_of(item)
                        if state.saw_done:
                            break
                        if chunk is not None:
                            yield cast("_T", chunk)
            except httpx2.TransportError as exc:
                raise state.transport_error(exc)  # noqa: B904 (its __cause__ is the typed connection error)
            reason = state.incomplete_reason()
            if reason:
                raise state.interrupted(reason)
            self._finished = True
        except AIPGError as error:
            failure = self._fail(error)
            if failure is error:
                raise
            raise failure from error
        finally:
            self.close()

    def get_final_completion(self) -> ChatCompletion:
        """Reads the rest of the stream and returns the completed ``ChatCompletion`` (the same type a non-streamed
        call returns: every choice has its ``finish_reason``, ``usage`` is always there)."""
        for _ in self:
            pass
        return self._final()

    def final_text(self) -> str:
        """Choice 0's full text once the stream completed."""
        self.get_final_completion()
        return self._state.text()

    def close(self) -> None:
        """Closes the connection (also when the stream was not read to the end)."""
        self.response.close()

    def __enter__(self) -> Stream[_T]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncStream(_StreamBase[_T]):
    """:class:`Stream` for ``AsyncGrid``: ``async for``, ``async with``, ``await get_final_completion()``."""

    def __init__(self, *, plan: CallPlan, response: httpx2.Response) -> None:
        super().__init__(plan=plan, response=response)
        self._iterator = self._run()

    def __aiter__(self) -> AsyncIterator[_T]:
        return self._iterator

    async def __anext__(self) -> _T:
        return await self._iterator.__anext__()

    async def _run(self) -> AsyncIterator[_T]:
        state = self._state
        reader = EventReader()
        last = _clock.monotonic()
        try:
            try:
                body = self.response.aiter_raw() if _unencoded(self.response) else self.response.aiter_bytes()
                async for raw in body:
                    for item in reader.feed(raw):
                        chunk = state.chunk_of(item)
                        if state.saw_done:
                            break
                        if chunk is not None:
                            last = _clock.monotonic()
                            yield cast("_T", chunk)
                    if state.saw_done:
                        break
                    if self._idle(last):
                        raise state.idle_error()
                else:
                    for item in reader.flush():
                        chunk = state.chunk_of(item)
                        if state.saw_done:
                            break
                        if chunk is not None:
                            yield cast("_T", chunk)
            except httpx2.TransportError as exc:
                raise state.transport_error(exc)  # noqa: B904 (its __cause__ is the typed connection error)
            reason = state.incomplete_reason()
            if reason:
                raise state.interrupted(reason)
            self._finished = True
        except AIPGError as error:
            failure = self._fail(error)
            if failure is error:
                raise
            raise failure from error
        finally:
            await self.close()

    async def get_final_completion(self) -> ChatCompletion:
        """See :meth:`Stream.get_final_completion`."""
        async for _ in self:
            pass
        return self._final()

    async def final_text(self) -> str:
        """Choice 0's full text once the stream completed."""
        await self.get_final_completion()
        return self._state.text()

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_T]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
