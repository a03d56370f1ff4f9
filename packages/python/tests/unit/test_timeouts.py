"""The timeout covers the whole body, not only the headers; a timed-out attempt is retried like a missing one."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator

import anyio
import httpx2
import pytest

import aipg

from _support import HEALTH, Sequence, json_response
from conftest import FakeClock


class SlowBody(httpx2.SyncByteStream):
    """A body that arrives in pieces, each ``gap`` seconds (of the fake clock) after the one before."""

    def __init__(self, clock: FakeClock, pieces: list[bytes], gap: float) -> None:
        self.clock, self.pieces, self.gap = clock, pieces, gap

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.clock.advance(self.gap)
            yield piece


def health_pieces() -> list[bytes]:
    raw = json.dumps(HEALTH).encode()
    return [raw[i : i + 8] for i in range(0, len(raw), 8)]


def test_a_body_slower_than_the_timeout_fails_and_is_retried(
    make_grid: Callable[..., aipg.Grid], clock: FakeClock, sleeps: list[float]
) -> None:
    pieces = health_pieces()
    # Each piece comes well within the 5 s, but the whole body takes far longer.
    slow = [httpx2.Response(200, stream=SlowBody(clock, pieces, 1.0)) for _ in range(2)]
    handler = Sequence(*slow, json_response(200, HEALTH))
    grid = make_grid(handler, timeout=5.0)
    assert grid.health().status == "ok"
    assert len(handler.requests) == 3
    assert sleeps == [0.5, 1.0]


def test_the_timeout_error_names_the_body(make_grid: Callable[..., aipg.Grid], clock: FakeClock) -> None:
    handler = Sequence(httpx2.Response(200, stream=SlowBody(clock, health_pieces(), 1.0)))
    with pytest.raises(aipg.APITimeoutError) as caught:
        make_grid(handler, timeout=5.0, max_retries=0).health()
    assert str(caught.value) == (
        "Request timed out: GET http://grid.test/health did not finish its response body within 5 s (timeout: 5 s)"
    )


def test_a_body_within_the_timeout_passes(make_grid: Callable[..., aipg.Grid], clock: FakeClock) -> None:
    pieces = health_pieces()
    handler = Sequence(httpx2.Response(200, stream=SlowBody(clock, pieces, 0.1)))
    assert make_grid(handler, timeout=len(pieces) * 0.1 + 1).health().status == "ok"


def test_a_transport_timeout_is_an_api_timeout_error(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(*[httpx2.ReadTimeout("slow")] * 2, json_response(200, HEALTH))
    assert make_grid(handler).health().status == "ok"
    handler = Sequence(httpx2.ConnectTimeout("slow"))
    with pytest.raises(aipg.APITimeoutError) as caught:
        make_grid(handler, max_retries=0, timeout=30).health()
    assert "sent no response within 30 s" in str(caught.value)


def test_the_timeout_reaches_httpx(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(200, HEALTH), json_response(200, HEALTH))
    grid = make_grid(handler, timeout=12.5)
    grid.health()
    grid.health(timeout=httpx2.Timeout(3.0, connect=1.0))
    assert handler.requests[0].extensions["timeout"] == httpx2.Timeout(12.5).as_dict()
    assert handler.requests[1].extensions["timeout"]["connect"] == 1.0


def test_the_default_timeout_is_600_s() -> None:
    assert aipg.Grid(api_key="k").timeout == 600.0 == aipg.DEFAULT_TIMEOUT
    with pytest.raises(aipg.AIPGError):
        aipg.Grid(timeout=0)


class StalledBody(httpx2.AsyncByteStream):
    """Sends one piece, then nothing, ever."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"status": '
        await anyio.Event().wait()


async def test_async_a_stalled_body_times_out_at_the_deadline(make_async_grid: Callable[..., aipg.AsyncGrid]) -> None:
    # Real time here: the body never ends, so the only way out is the attempt's deadline (a generous limit below).
    handler = Sequence(httpx2.Response(200, stream=StalledBody()))
    grid = make_async_grid(handler, timeout=0.05, max_retries=0)
    with anyio.fail_after(30):
        with pytest.raises(aipg.APITimeoutError) as caught:
            await grid.health()
    assert "did not finish its response body" in str(caught.value)
