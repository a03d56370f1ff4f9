"""Shared fixtures: clients on ``httpx2.MockTransport``, and the SDK's sleeps and clock replaced so that no test
waits for real; waits are recorded and asserted instead."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx2
import pytest

from aipg import AsyncGrid, Grid, _clock

from _support import BASE, KEY, Handler


class FakeClock:
    """``_clock.monotonic`` that only moves when a test (or a recorded sleep) moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(_clock, "monotonic", fake)
    return fake


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> list[float]:
    """Every wait the SDK asks for, in seconds; the fake clock advances by it, nothing sleeps."""
    recorded: list[float] = []

    def sleep(seconds: float) -> None:
        recorded.append(seconds)
        clock.advance(seconds)

    async def async_sleep(seconds: float) -> None:
        sleep(seconds)

    monkeypatch.setattr(_clock, "sleep", sleep)
    monkeypatch.setattr(_clock, "async_sleep", async_sleep)
    # No jitter: a backoff is exactly 0.5 s * 2**n (jitter itself is tested on retry_wait).
    monkeypatch.setattr(_clock, "random", lambda: 0.0)
    return recorded


@pytest.fixture
def make_grid(sleeps: list[float]) -> Iterator[Callable[..., Grid]]:
    made: list[Grid] = []

    def make(handler: Handler, **kwargs: Any) -> Grid:
        http = httpx2.Client(transport=httpx2.MockTransport(handler))
        kwargs.setdefault("api_key", KEY)
        grid = Grid(base_url=BASE, http_client=http, **kwargs)
        made.append(grid)
        return grid

    yield make
    for grid in made:
        grid._http.close()  # pyright: ignore[reportPrivateUsage]


@pytest.fixture
def make_async_grid(sleeps: list[float]) -> Callable[..., AsyncGrid]:
    def make(handler: Handler, **kwargs: Any) -> AsyncGrid:
        http = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
        kwargs.setdefault("api_key", KEY)
        return AsyncGrid(base_url=BASE, http_client=http, **kwargs)

    return make


