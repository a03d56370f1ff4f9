"""The SSE decoder: chunk boundaries anywhere (inside UTF-8 sequences too), every line end, comments,
multi-line data, and a trailing event without its closing blank line."""

from __future__ import annotations

import anyio
import pytest

from aipg import ServerSentEvent, SSEDecoder
from aipg._streaming import aiter_sse, iter_sse

STREAM = (
    'data: {"text": "héllo wörld ✓ 🎉"}\n\n'
    ": keep-alive\n\n"
    "event: message\nid: 7\ndata: line one\ndata: line two\n\n"
    "data:no-space\n\n"
    "data: [DONE]\n\n"
)
EXPECTED = [
    ServerSentEvent(data='{"text": "héllo wörld ✓ 🎉"}'),
    ServerSentEvent(data="line one\nline two", event="message", id="7"),
    ServerSentEvent(data="no-space"),
    ServerSentEvent(data="[DONE]"),
]


def split_at(raw: bytes, cut: int) -> list[bytes]:
    return [raw[:cut], raw[cut:]]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_every_split_point_and_line_end(ending: str) -> None:
    raw = STREAM.replace("\n", ending).encode()
    for cut in range(len(raw) + 1):
        assert list(iter_sse(split_at(raw, cut))) == EXPECTED, (ending, cut)


def test_one_byte_at_a_time() -> None:
    raw = STREAM.replace("\n", "\r\n").encode()
    assert list(iter_sse(raw[i : i + 1] for i in range(len(raw)))) == EXPECTED


def test_a_trailing_event_without_a_blank_line_is_delivered() -> None:
    assert list(iter_sse([b"data: a\n\ndata: last"])) == [ServerSentEvent("a"), ServerSentEvent("last")]
    assert list(iter_sse([b"data: last\r"])) == [ServerSentEvent("last")]


def test_comments_and_events_without_data_yield_nothing() -> None:
    assert list(iter_sse([b": ping\n\nevent: x\n\nid: 3\n\n"])) == []


def test_the_decoder_keeps_a_final_cr_until_it_knows() -> None:
    decoder = SSEDecoder()
    assert decoder.feed("data: a\r") == []
    assert decoder.feed("\n") == []  # the CRLF was one line end, not two
    assert decoder.feed("\r\n") == [ServerSentEvent("a")]


def test_an_empty_data_line_is_an_empty_event() -> None:
    assert list(iter_sse([b"data:\n\n"])) == [ServerSentEvent("")]


async def test_async_decoder_matches() -> None:
    raw = STREAM.replace("\n", "\r\n").encode()

    async def pieces() -> object:
        for i in range(0, len(raw), 3):
            await anyio.lowlevel.checkpoint()
            yield raw[i : i + 3]

    events = [event async for event in aiter_sse(pieces())]  # type: ignore[arg-type]
    assert events == EXPECTED
