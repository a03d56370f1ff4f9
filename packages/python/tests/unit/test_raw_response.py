"""``with_raw_response`` and ``with_streaming_response``."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx2
import pytest

import aipg
from aipg.types import ChatCompletion, ModelList

from _support import HEALTH, Sequence, completion, json_response
from test_stream import GOOD, MESSAGES, Body, sse_response

MODELS = {"object": "list", "data": [{"id": "grid/demo", "object": "model", "created": 1, "owned_by": "grid"}]}


def test_raw_response_has_headers_status_request_id_and_parse(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(200, completion(), {"x-request-id": "req-1", "x-ratelimit-remaining": "29"}))
    raw = make_grid(handler).chat.completions.with_raw_response.create(model="m", messages=MESSAGES)
    assert isinstance(raw, aipg.APIResponse)
    assert raw.status_code == 200
    assert raw.headers["x-ratelimit-remaining"] == "29"
    assert raw.request_id == "req-1"
    assert raw.retries_taken == 0
    parsed = raw.parse()
    assert isinstance(parsed, ChatCompletion) and parsed.choices[0].message.content == "Hello"
    assert raw.parse() is parsed


def test_raw_response_of_a_stream_parses_to_the_stream(make_grid: Callable[..., aipg.Grid]) -> None:
    raw = make_grid(Sequence(sse_response(Body(GOOD)))).chat.completions.with_raw_response.create(
        model="m", messages=MESSAGES, stream=True
    )
    stream = raw.parse()
    assert isinstance(stream, aipg.Stream)
    assert stream.final_text() == "Hello ✓"


def test_raw_response_counts_retries_and_still_raises_typed(
    make_grid: Callable[..., aipg.Grid], sleeps: list[float]
) -> None:
    handler = Sequence(json_response(500, {}), json_response(200, MODELS))
    raw = make_grid(handler).models.with_raw_response.list()
    assert raw.retries_taken == 1
    assert isinstance(raw.parse(), ModelList)
    with pytest.raises(aipg.NotFoundError):
        make_grid(Sequence(json_response(404, {"detail": "no"}))).models.with_raw_response.retrieve("x")


def test_raw_response_keeps_the_callers_extra_headers(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(200, HEALTH))
    make_grid(handler).with_raw_response.health(extra_headers={"X-Trace": "t1"})
    sent = handler.requests[0].headers
    assert sent["x-trace"] == "t1"
    assert "x-aipg-response-mode" not in sent


def test_streaming_response_does_not_read_the_body_until_asked(make_grid: Callable[..., aipg.Grid]) -> None:
    raw = json.dumps(MODELS).encode()
    body = Body(raw, 5)
    reads: list[int] = []

    class Watched(Body):
        def __iter__(self):  # type: ignore[no-untyped-def]
            for piece in body.pieces:
                reads.append(len(piece))
                yield piece

    handler = Sequence(httpx2.Response(200, headers={"content-type": "application/json"}, stream=Watched(b"")))
    grid = make_grid(handler)
    with grid.models.with_streaming_response.list() as response:
        assert isinstance(response, aipg.APIResponse)
        assert response.status_code == 200
        assert reads == []
        pieces = list(response.iter_bytes())
    assert b"".join(pieces) == raw
    assert response.http_response.is_closed


def test_streaming_response_parse_and_lines(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(httpx2.Response(200, headers={"content-type": "application/json"}, stream=Body(json.dumps(MODELS).encode())))
    with make_grid(handler).models.with_streaming_response.list() as response:
        assert response.parse().data[0].id == "grid/demo"
    handler = Sequence(sse_response(Body(GOOD)))
    with make_grid(handler).chat.completions.with_streaming_response.create(
        model="m", messages=MESSAGES, stream=True
    ) as response:
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"


async def test_async_raw_and_streaming_responses(make_async_grid: Callable[..., aipg.AsyncGrid]) -> None:
    grid = make_async_grid(Sequence(json_response(200, MODELS, {"x-request-id": "r9"}), json_response(200, HEALTH)))
    raw = await grid.models.with_raw_response.list()
    assert isinstance(raw, aipg.AsyncAPIResponse)
    assert raw.request_id == "r9"
    assert (await raw.parse()).data[0].id == "grid/demo"
    async with grid.with_streaming_response.health() as response:
        assert response.status_code == 200
        assert json.loads(b"".join([piece async for piece in response.iter_bytes()]))["status"] == "ok"
    assert response.http_response.is_closed
