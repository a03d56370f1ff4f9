"""Chat streams: chunks, accumulation, [DONE], error chunks, interruptions, and closing the connection."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx2
import pytest

import aipg
from aipg.types import ChatCompletion, ChatCompletionChunk

from _support import Sequence, json_response
from conftest import FakeClock

MESSAGES: list[Any] = [{"role": "user", "content": "Hi"}]


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, **extra: Any) -> dict[str, Any]:
    choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]
    base = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "grid/demo"}
    return {**base, "choices": choices, **extra}


def sse(*items: dict[str, Any] | str) -> bytes:
    out = ""
    for item in items:
        out += f"data: {item if isinstance(item, str) else json.dumps(item)}\n\n"
    return out.encode()


GOOD = sse(
    chunk({"role": "assistant", "content": ""}),
    chunk({"content": "Hel"}),
    ": keep-alive",
    chunk({"content": "lo ✓"}),
    chunk({}, "stop"),
    chunk(None, usage={"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}, grid={"worker": "rig-01"}),
    "[DONE]",
).replace(b"data: : keep-alive\n\n", b": keep-alive\n\n")


class Body(httpx2.SyncByteStream, httpx2.AsyncByteStream):
    """A streamed body in fixed pieces that records whether it was closed."""

    def __init__(self, raw: bytes, size: int = 7) -> None:
        self.pieces = [raw[i : i + size] for i in range(0, len(raw), size)]
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield from self.pieces

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def sse_response(body: Body) -> httpx2.Response:
    return httpx2.Response(200, headers={"content-type": "text/event-stream", "x-request-id": "req-s"}, stream=body)


def test_iterating_yields_typed_chunks_and_accumulates(make_grid: Callable[..., aipg.Grid]) -> None:
    body = Body(GOOD)
    handler = Sequence(sse_response(body))
    stream = make_grid(handler).chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert handler.requests[0].headers["accept"] == "text/event-stream"
    assert json.loads(handler.requests[0].content)["stream"] is True
    chunks = list(stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "Hello ✓"
    final = stream.get_final_completion()
    assert isinstance(final, ChatCompletion)
    assert final.choices[0].message.content == "Hello ✓"
    assert final.choices[0].finish_reason == "stop"
    assert final.usage.total_tokens == 5
    assert final.grid is not None and final.grid.worker == "rig-01"
    assert stream.request_id == "req-s"
    assert body.closed


def test_final_text_reads_the_rest(make_grid: Callable[..., aipg.Grid]) -> None:
    stream = make_grid(Sequence(sse_response(Body(GOOD, 1)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    next(stream)
    assert stream.final_text() == "Hello ✓"


def test_no_done_raises_interrupted_with_the_partial_snapshot(make_grid: Callable[..., aipg.Grid]) -> None:
    raw = sse(chunk({"role": "assistant", "content": "Hel"}), chunk({"content": "lo"}))
    stream = make_grid(Sequence(sse_response(Body(raw)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    seen: list[ChatCompletionChunk] = []
    with pytest.raises(aipg.StreamInterruptedError) as caught:
        for c in stream:
            seen.append(c)
    assert len(seen) == 2
    error = caught.value
    assert str(error) == "The stream ended without `data: [DONE]`."
    assert error.partial_text == "Hello"
    assert error.snapshot is not None and error.snapshot["choices"][0]["message"]["content"] == "Hello"
    assert error.request_id == "req-s"
    with pytest.raises(aipg.StreamInterruptedError):
        stream.get_final_completion()


def test_done_without_finish_reason_is_interrupted(make_grid: Callable[..., aipg.Grid]) -> None:
    raw = sse(chunk({"content": "Hi"}), "[DONE]")
    stream = make_grid(Sequence(sse_response(Body(raw)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    with pytest.raises(aipg.StreamInterruptedError, match="without a finish_reason for choice 0"):
        stream.final_text()


def test_an_error_chunk_raises_api_error_mid_iteration(make_grid: Callable[..., aipg.Grid]) -> None:
    raw = sse(chunk({"content": "Hi"}), {"error": {"message": "backend died", "type": "upstream_error"}}, "[DONE]")
    body = Body(raw)
    stream = make_grid(Sequence(sse_response(body))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    assert next(stream).choices[0].delta.content == "Hi"
    with pytest.raises(aipg.APIError) as caught:
        next(stream)
    assert not isinstance(caught.value, aipg.StreamInterruptedError)
    assert caught.value.status_code is None
    assert caught.value.type == "upstream_error"
    assert str(caught.value) == "backend died"
    assert body.closed


def test_a_service_unavailable_chunk_is_an_interruption(make_grid: Callable[..., aipg.Grid]) -> None:
    bye = {"error": {"message": "service restart", "type": "service_unavailable"}}
    raw = sse(chunk({"content": "Hi"}), bye, "[DONE]")
    stream = make_grid(Sequence(sse_response(Body(raw)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    with pytest.raises(aipg.StreamInterruptedError) as caught:
        stream.get_final_completion()
    assert str(caught.value) == "The stream was interrupted: service restart"
    assert caught.value.partial_text == "Hi"
    assert isinstance(caught.value.__cause__, aipg.APIError)


def test_a_broken_body_is_an_interruption(make_grid: Callable[..., aipg.Grid]) -> None:
    class Broken(Body):
        def __iter__(self) -> Iterator[bytes]:
            yield sse(chunk({"content": "Hi"}))
            raise httpx2.RemoteProtocolError("peer closed connection")

    stream = make_grid(Sequence(sse_response(Broken(b"")))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    with pytest.raises(aipg.StreamInterruptedError) as caught:
        stream.get_final_completion()
    assert caught.value.partial_text == "Hi"
    assert isinstance(caught.value.__cause__, aipg.APIConnectionError)
    assert "broke off while reading the response body" in str(caught.value)


def test_keep_alives_do_not_hold_a_silent_stream_open(make_grid: Callable[..., aipg.Grid], clock: FakeClock) -> None:
    class KeepAlives(Body):
        def __iter__(self) -> Iterator[bytes]:
            yield sse(chunk({"content": "Hi"}))
            for _ in range(100):
                clock.advance(1.0)
                yield b": keep-alive\n\n"

    stream = make_grid(Sequence(sse_response(KeepAlives(b""))), timeout=10).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    with pytest.raises(aipg.StreamInterruptedError) as caught:
        stream.final_text()
    assert isinstance(caught.value.__cause__, aipg.APITimeoutError)
    assert "sent no stream content for 10 s" in str(caught.value)


def test_the_context_manager_closes_the_response(make_grid: Callable[..., aipg.Grid]) -> None:
    body = Body(GOOD)
    grid = make_grid(Sequence(sse_response(body)))
    with grid.chat.completions.create(model="m", messages=MESSAGES, stream=True) as stream:
        first = next(stream)
        assert first.choices[0].delta.role == "assistant"
        assert not body.closed
    assert body.closed
    assert stream.response.is_closed


def test_errors_before_the_stream_are_typed_and_retried(
    make_grid: Callable[..., aipg.Grid], sleeps: list[float]
) -> None:
    handler = Sequence(json_response(503, {"detail": "No workers"}), sse_response(Body(GOOD)))
    stream = make_grid(handler).chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert stream.final_text() == "Hello ✓"
    assert sleeps == [0.5]
    with pytest.raises(aipg.NotFoundError):
        make_grid(Sequence(json_response(404, {"detail": "Model 'm' is not available."}))).chat.completions.create(
            model="m", messages=MESSAGES, stream=True
        )


def test_a_json_answer_to_a_stream_request_says_so(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(200, {"id": "x"}))
    with pytest.raises(aipg.APIError, match="expected text/event-stream, got application/json"):
        make_grid(handler).chat.completions.create(model="m", messages=MESSAGES, stream=True)


def test_error_events_by_name_and_other_events_ignored(make_grid: Callable[..., aipg.Grid]) -> None:
    raw = b"event: ping\ndata: {}\n\n" + sse(chunk({"content": "A"}, "stop")) + b"event: error\ndata: worker gone\n\n"
    stream = make_grid(Sequence(sse_response(Body(raw)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    with pytest.raises(aipg.APIError, match="worker gone"):
        list(stream)


def test_tool_calls_merge_by_index(make_grid: Callable[..., aipg.Grid]) -> None:
    call1 = {"index": 0, "id": "t1", "type": "function", "function": {"name": "get", "arguments": '{"a"'}}
    call2 = {"index": 0, "function": {"arguments": ": 1}"}}
    raw = sse(chunk({"tool_calls": [call1]}), chunk({"tool_calls": [call2]}, "tool_calls"), "[DONE]")
    stream = make_grid(Sequence(sse_response(Body(raw)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    final = stream.get_final_completion()
    calls = final.choices[0].message.tool_calls
    assert calls is not None and calls[0].function is not None
    assert calls[0].function.arguments == '{"a": 1}' and calls[0].id == "t1"
    assert final.usage.total_tokens == 0  # the grid sent no counts


async def test_async_stream(make_async_grid: Callable[..., aipg.AsyncGrid]) -> None:
    body = Body(GOOD, 3)
    grid = make_async_grid(Sequence(sse_response(body)))
    async with await grid.chat.completions.create(model="m", messages=MESSAGES, stream=True) as stream:
        texts = [c.choices[0].delta.content async for c in stream if c.choices]
    assert "".join(t or "" for t in texts) == "Hello ✓"
    assert body.closed
    final = await stream.get_final_completion()
    assert final.usage.total_tokens == 5


async def test_async_stream_edges(make_async_grid: Callable[..., aipg.AsyncGrid]) -> None:
    raw = sse(chunk({"content": "Hel"}))
    stream = await make_async_grid(Sequence(sse_response(Body(raw)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    with pytest.raises(aipg.StreamInterruptedError) as caught:
        await stream.final_text()
    assert caught.value.partial_text == "Hel"
    raw = sse({"error": {"message": "bad", "type": "invalid_request_error"}}, "[DONE]")
    stream = await make_async_grid(Sequence(sse_response(Body(raw)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    with pytest.raises(aipg.APIError, match="bad"):
        async for _ in stream:
            pass


def test_non_streamed_create_returns_a_completion(make_grid: Callable[..., aipg.Grid]) -> None:
    from _support import completion

    handler = Sequence(json_response(200, {**completion("Hi there"), "grid": {"worker": "w"}, "extra": 1}))
    reply = make_grid(handler).chat.completions.create(
        model="auto", messages=iter(MESSAGES), temperature=0.2, extra_body={"top_k": 5}
    )
    assert reply.choices[0].message.content == "Hi there"
    assert reply.model_extra == {"extra": 1}
    sent = json.loads(handler.requests[0].content)
    assert sent == {"model": "auto", "messages": MESSAGES, "temperature": 0.2, "top_k": 5}


# The live grid relays a worker's own usage report, `{}` when it sent none (openapi/components/v1.yaml,
# ChatCompletionChunk.usage): a stream that ends so is read whole, and its nested parts are still models.
RELAYED_EMPTY_USAGE = sse(
    chunk({"role": "assistant", "content": ""}),
    chunk({"content": "Hi"}),
    chunk({}, "stop"),
    chunk(None, usage={}, grid={"worker": "rig-01"}),
    "[DONE]",
)


def test_a_chunk_off_the_spec_is_kept_as_sent_by_default(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(httpx2.Response(200, stream=Body(RELAYED_EMPTY_USAGE)))
    stream = make_grid(handler).chat.completions.create(model="grid/demo", messages=MESSAGES, stream=True)
    chunks = list(stream)
    assert [c.choices[0].delta.content for c in chunks[:2]] == ["", "Hi"]
    assert chunks[-1].model_dump(exclude_unset=True)["usage"] == {}
    assert chunks[-1].grid is not None and chunks[-1].grid.worker == "rig-01"
    final = stream.get_final_completion()
    assert final.choices[0].message.content == "Hi"
    assert final.usage.total_tokens == 0


def test_a_chunk_off_the_spec_fails_a_strict_client(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(httpx2.Response(200, stream=Body(RELAYED_EMPTY_USAGE)))
    grid = make_grid(handler, strict_response_validation=True)
    with pytest.raises(aipg.AIPGError, match="does not match ChatCompletionChunk"):
        list(grid.chat.completions.create(model="grid/demo", messages=MESSAGES, stream=True))


def test_the_snapshot_read_between_chunks_always_holds_the_text_so_far(make_grid: Callable[..., aipg.Grid]) -> None:
    pieces = ["Hel", "lo", ", ", "wor", "ld"]
    body = sse(
        chunk({"role": "assistant", "content": ""}),
        *(chunk({"content": p, "reasoning_content": p.upper()}) for p in pieces),
        chunk({}, "stop"),
        "[DONE]",
    )
    stream = make_grid(Sequence(httpx2.Response(200, stream=Body(body)))).chat.completions.create(
        model="grid/demo", messages=MESSAGES, stream=True
    )
    seen: list[str] = []
    for i, _ in enumerate(stream):
        snapshot = stream.current_snapshot
        assert snapshot is not None
        message = snapshot["choices"][0]["message"]
        seen.append(message["content"])
        if i > 0:  # reading in the middle must not lose or double what comes after
            assert message["reasoning_content"] == "".join(pieces[:i]).upper()
    assert seen == ["", *("".join(pieces[: i + 1]) for i in range(len(pieces))), "Hello, world"]
    assert stream.final_text() == "Hello, world"


def whole_events(raw: bytes) -> Body:
    """The body one whole event per network piece, as the grid writes it (the SDK's fast path)."""
    body = Body(b"")
    body.pieces = [part + b"\n\n" for part in raw.split(b"\n\n") if part]
    return body


def choice(index: int, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"index": index, "delta": delta, "finish_reason": finish, **extra}


def chunk_of(*choices: dict[str, Any], **extra: Any) -> dict[str, Any]:
    base = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "grid/demo"}
    return {**base, "choices": choices, **extra}


RICH = sse(
    chunk_of(choice(0, {"role": "assistant", "content": ""}), choice(1, {"role": "assistant"})),
    chunk_of(choice(0, {"content": "Hel"}), choice(1, {"reasoning_content": "think"})),
    chunk_of(choice(1, {"content": "Two", "reasoning_content": "ing"})),
    chunk_of(choice(0, {"content": "lo", "refusal": "no"})),  # a text field beyond the spec, appended too
    chunk_of(choice(0, {"content": " ✓"}, logprobs=None, extra_choice_field=1)),
    chunk_of(choice(1, {"tool_calls": [{"index": 0, "id": "t1", "type": "function", "function": {"name": "f"}}]})),
    chunk_of(choice(1, {"tool_calls": [{"index": 0, "function": {"arguments": '{"a":'}}]})),
    chunk_of(choice(1, {"tool_calls": [{"index": 0, "function": {"arguments": "1}"}}]})),
    chunk_of(choice(0, {"content": "!"}), note="a field beyond the spec"),
    chunk_of(choice(0, {}, "stop"), choice(1, {}, "tool_calls")),
    chunk_of(usage={"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}, grid={"worker": "rig-01"}),
    "[DONE]",
)


def read_all(make_grid: Callable[..., aipg.Grid], body: Body) -> tuple[list[Any], list[Any], Any]:
    """Every chunk, the snapshot after each, and the final completion, as plain values."""
    stream = make_grid(Sequence(sse_response(body))).chat.completions.create(model="m", messages=MESSAGES, stream=True)
    chunks: list[Any] = []
    snapshots: list[Any] = []
    for item in stream:
        chunks.append(item.model_dump())
        snapshots.append(json.loads(json.dumps(stream.current_snapshot)))
    return chunks, snapshots, stream.get_final_completion().model_dump()


def test_whole_event_pieces_give_the_same_chunks_and_snapshots_as_any_split(
    make_grid: Callable[..., aipg.Grid],
) -> None:
    fast = read_all(make_grid, whole_events(RICH))
    assert fast == read_all(make_grid, Body(RICH, 7))
    chunks, snapshots, final = fast
    assert len(chunks) == 11
    assert snapshots[4]["choices"][0]["message"]["content"] == "Hello ✓"
    first, second = final["choices"]
    assert first["message"]["content"] == "Hello ✓!"
    assert first["message"]["refusal"] == "no"
    assert second["message"]["content"] == "Two"
    assert second["message"]["reasoning_content"] == "thinking"
    assert second["message"]["tool_calls"][0]["function"] == {"name": "f", "arguments": '{"a":1}'}
    assert [c["finish_reason"] for c in final["choices"]] == ["stop", "tool_calls"]
    assert final["usage"]["total_tokens"] == 7


def test_a_chunk_that_fits_the_spec_but_carries_an_error_raises(make_grid: Callable[..., aipg.Grid]) -> None:
    raw = sse(chunk({"content": "Hi"}), chunk({"content": "!"}, error={"message": "backend died"}), "[DONE]")
    stream = make_grid(Sequence(sse_response(whole_events(raw)))).chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    assert next(stream).choices[0].delta.content == "Hi"
    with pytest.raises(aipg.APIError, match="backend died") as caught:
        next(stream)
    assert caught.value.status_code is None


@pytest.mark.parametrize("strict", [False, True])
def test_chunks_off_the_spec_in_whole_event_pieces(make_grid: Callable[..., aipg.Grid], strict: bool) -> None:
    raw = sse(
        chunk({"role": "assistant", "content": "Hi"}),
        chunk({}, "stop", usage={}),  # the live grid relays a worker's empty usage as it came
        "[DONE]",
    )
    grid = make_grid(Sequence(sse_response(whole_events(raw))), strict_response_validation=strict)
    stream = grid.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    if strict:
        with pytest.raises(aipg.AIPGError, match="does not match ChatCompletionChunk"):
            list(stream)
    else:
        chunks = list(stream)
        assert chunks[1].model_dump()["usage"] == {}
        assert stream.final_text() == "Hi"


def test_a_compressed_stream_is_decoded(make_grid: Callable[..., aipg.Grid]) -> None:
    body = Body(gzip.compress(GOOD), 5)
    response = httpx2.Response(
        200, headers={"content-type": "text/event-stream", "content-encoding": "gzip"}, stream=body
    )
    stream = make_grid(Sequence(response)).chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert stream.final_text() == "Hello ✓"
