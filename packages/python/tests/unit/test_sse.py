"""The SSE decoder: chunk boundaries anywhere (inside UTF-8 sequences too), every line end, comments,
multi-line data, and a trailing event without its closing blank line."""

from __future__ import annotations

import anyio
import pytest

from aipg import ServerSentEvent, SSEDecoder
from aipg._streaming import EventReader, aiter_sse, iter_sse

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


def one_byte_at_a_time(chunks: list[bytes]) -> list[bytes]:
    """The same bytes in pieces that never hold a whole event: the decoder's general path only."""
    raw = b"".join(chunks)
    return [raw[i : i + 1] for i in range(len(raw))]


@pytest.mark.parametrize(
    "chunks",
    [
        # One whole event per network chunk, as the grid writes them (the decoder's fast path) …
        [b'data: {"a": 1}\n\n', b"data: [DONE]\n\n"],
        # … several in one chunk, an empty data line, a value keeping its second space
        [b"data: a\n\ndata:  b\n\ndata: \n\n"],
        # other shapes in between: a comment, a named event, CRLF, a multi-line event, no space after the colon
        [b"data: a\n\n", b": ping\n\n", b"data: b\n\n", b"event: x\ndata: c\n\n", b"data: d\n\n"],
        [b"data: a\r\n\r\n", b"data: b\n\n", b"data: c\ndata: d\n\n", b"data:e\n\n", b"id: 1\n\n"],
        # an event split across chunks, then whole ones again
        [b"data: a", b"b\n", b"\n", b"data: c\n\n", b"data: d\n\ndata: e", b"\n\n"],
        # a UTF-8 character split across chunks, the rest of its event, then a whole event
        ["data: é\n\n".encode()[:7], "data: é\n\n".encode()[7:], "data: ✓\n\n".encode()],
        # a lone CR that may be half a CRLF, then a whole-looking chunk
        [b"data: a\r", b"\ndata: b\n\n", b"data: c\n\n"],
        # bytes that are not UTF-8 are replaced, as in the general path
        [b"data: \xff\n\n", b"data: ok\n\n"],
        # a UTF-8 signature counts only at the very start
        [b"\xef\xbb\xbfdata: a\n\n", b"data: b\n\n"],
        [b"data: a\n\n", b"\xef\xbb\xbfdata: b\n\n", b"data: c\n\n"],
        # the last event without its blank line
        [b"data: a\n\n", b"data: last"],
    ],
)
def test_whole_event_chunks_decode_like_any_other_split(chunks: list[bytes]) -> None:
    expected = list(iter_sse(one_byte_at_a_time(chunks)))
    assert expected  # every case has events
    assert list(iter_sse(chunks)) == expected


def test_the_fast_path_gives_the_data_as_bytes_and_anything_else_as_events() -> None:
    reader = EventReader()
    assert reader.feed(b"data: one\n\ndata: two\n\n") == [b"one", b"two"]
    assert reader.feed(b"event: x\ndata: three\n\n") == [ServerSentEvent("three", event="x")]
    assert reader.feed(b"data: fo") == []
    assert reader.feed(b"ur\n\n") == [ServerSentEvent("four")]  # finished by the general path
    assert reader.feed(b"data: five\n\n") == [b"five"]
    assert reader.flush() == []
