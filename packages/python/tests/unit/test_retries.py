"""Every retry rule of the pipeline (docs/sdk/errors-and-retries.md, "Which failures are retried"), sync and
async; waits are recorded by the ``sleeps`` fixture, never slept."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from typing import Any

import httpx2
import pytest

import aipg
from aipg import _clock
from aipg._retry import parse_retry_after, retry_wait, should_retry

from _support import HEALTH, Sequence, json_response

ERR = {"detail": "nope"}


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_with_backoff(make_grid: Callable[..., aipg.Grid], sleeps: list[float], status: int) -> None:
    handler = Sequence(json_response(status, ERR), json_response(status, ERR), json_response(200, HEALTH))
    health = make_grid(handler).health()
    assert health.status == "ok"
    assert len(handler.requests) == 3
    assert sleeps == [0.5, 1.0]
    assert [r.headers["x-aipg-retry-count"] for r in handler.requests] == ["0", "1", "2"]
    # One request id per logical call, the same on every attempt.
    assert len({r.headers["x-request-id"] for r in handler.requests}) == 1


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 410, 413, 422, 418])
def test_other_statuses_are_not_retried(make_grid: Callable[..., aipg.Grid], sleeps: list[float], status: int) -> None:
    handler = Sequence(json_response(status, ERR))
    with pytest.raises(aipg.APIError) as caught:
        make_grid(handler).health()
    assert caught.value.status_code == status
    assert len(handler.requests) == 1
    assert sleeps == []


def test_exhausted_retries_raise_the_last_typed_error(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(*[json_response(503, {"detail": "No compatible text workers are currently online."})] * 3)
    with pytest.raises(aipg.ServiceUnavailableError) as caught:
        make_grid(handler).health()
    assert str(caught.value) == "503 No compatible text workers are currently online."
    assert len(handler.requests) == 3
    assert sleeps == [0.5, 1.0]


def test_x_should_retry_true_retries_a_400(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(json_response(400, ERR, {"x-should-retry": "true"}), json_response(200, HEALTH))
    make_grid(handler).health()
    assert len(handler.requests) == 2


def test_x_should_retry_false_stops_a_503(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(json_response(503, ERR, {"x-should-retry": "false"}), json_response(200, HEALTH))
    with pytest.raises(aipg.ServiceUnavailableError):
        make_grid(handler).health()
    assert len(handler.requests) == 1
    assert sleeps == []


def test_retry_after_ms_is_honoured(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(json_response(429, ERR, {"retry-after-ms": "1250"}), json_response(200, HEALTH))
    make_grid(handler).health()
    assert sleeps == [1.25]


def test_retry_after_seconds_is_honoured(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(json_response(503, ERR, {"retry-after": "7"}), json_response(200, HEALTH))
    make_grid(handler).health()
    assert sleeps == [7.0]


def test_retry_after_http_date_is_honoured() -> None:
    now = 1_800_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    wait = retry_wait(httpx2.Headers({"retry-after": date}), 0, now=now)
    assert wait.source == "Retry-After"
    assert wait.seconds == pytest.approx(30.0)


def test_retry_after_http_date_through_the_client(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    date = email.utils.formatdate(time.time() + 20, usegmt=True)
    handler = Sequence(json_response(429, ERR, {"retry-after": date}), json_response(200, HEALTH))
    make_grid(handler).health()
    assert len(sleeps) == 1
    assert 15 < sleeps[0] <= 20  # a whole-second date, read a moment after it was made


@pytest.mark.parametrize("headers", [{"retry-after": "61"}, {"retry-after-ms": "90000"}, {"retry-after": "-3"}])
def test_hints_outside_0_to_60_s_fall_back_to_backoff(
    make_grid: Callable[..., aipg.Grid], sleeps: list[float], headers: dict[str, str]
) -> None:
    handler = Sequence(json_response(429, ERR, headers), json_response(200, HEALTH))
    make_grid(handler).health()
    assert sleeps == [0.5]


def test_rate_limit_error_keeps_the_over_60_s_hint(make_grid: Callable[..., aipg.Grid]) -> None:
    headers = {"retry-after": "120", "x-ratelimit-limit": "30", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "42"}
    body = {"error": {"message": "Rate limit exceeded.", "type": "rate_limit_error"}}
    handler = Sequence(*[json_response(429, body, headers)] * 3)
    with pytest.raises(aipg.RateLimitError) as caught:
        make_grid(handler).health()
    error = caught.value
    assert error.retry_after == 120
    assert error.rate_limit == aipg.RateLimitInfo(limit=30, remaining=0, reset=42)
    assert error.type == "rate_limit_error"
    assert str(error) == "429 Rate limit exceeded."


def test_backoff_doubles_up_to_8_s_with_up_to_25_percent_jitter() -> None:
    assert [retry_wait(None, n, random=lambda: 0.0).seconds for n in range(6)] == [0.5, 1, 2, 4, 8, 8]
    assert retry_wait(None, 2, random=lambda: 1.0).seconds == 1.5
    assert retry_wait(None, 0).source == "backoff"


def test_max_retries_zero_makes_one_attempt(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(json_response(503, ERR), json_response(200, HEALTH))
    with pytest.raises(aipg.ServiceUnavailableError):
        make_grid(handler, max_retries=0).health()
    assert len(handler.requests) == 1
    assert sleeps == []


def test_max_retries_via_with_options(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(*[json_response(500, ERR)] * 5, json_response(200, HEALTH))
    grid = make_grid(handler).with_options(max_retries=5)
    assert grid.health().status == "ok"
    assert sleeps == [0.5, 1, 2, 4, 8]


def test_connection_errors_are_retried(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(httpx2.ConnectError("refused"), httpx2.ReadError("reset"), json_response(200, HEALTH))
    assert make_grid(handler).health().status == "ok"
    assert sleeps == [0.5, 1.0]


def test_connection_error_after_the_last_attempt(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    handler = Sequence(*[httpx2.ConnectError("[Errno 111] Connection refused")] * 3)
    with pytest.raises(aipg.APIConnectionError) as caught:
        make_grid(handler).health()
    assert not isinstance(caught.value, aipg.APITimeoutError)
    assert str(caught.value).startswith("Connection error: GET http://grid.test/health failed (ConnectError")
    assert isinstance(caught.value.__cause__, httpx2.ConnectError)
    assert len(handler.requests) == 3


def test_should_retry_reads_the_header_case_insensitively() -> None:
    assert should_retry(418, httpx2.Headers({"X-Should-Retry": " TRUE "}))
    assert not should_retry(500, httpx2.Headers({"x-should-retry": "false"}))
    assert parse_retry_after(httpx2.Headers({"retry-after": "soon"})) is None


# --- async ---


async def test_async_retries_statuses_and_hints(make_async_grid: Callable[..., aipg.AsyncGrid], sleeps: list[float]) -> None:
    handler = Sequence(
        json_response(429, ERR, {"retry-after-ms": "250"}),
        json_response(503, ERR),
        json_response(200, HEALTH),
    )
    async with make_async_grid(handler) as grid:
        assert (await grid.health()).status == "ok"
    assert sleeps == [0.25, 1.0]
    assert len({r.headers["x-request-id"] for r in handler.requests}) == 1


async def test_async_x_should_retry_false_and_max_retries_zero(
    make_async_grid: Callable[..., aipg.AsyncGrid], sleeps: list[float]
) -> None:
    grid = make_async_grid(Sequence(json_response(500, ERR, {"x-should-retry": "false"})))
    with pytest.raises(aipg.InternalServerError):
        await grid.health()
    grid = make_async_grid(Sequence(json_response(500, ERR)), max_retries=0)
    with pytest.raises(aipg.InternalServerError):
        await grid.health()
    assert sleeps == []


async def test_async_connection_errors_are_retried(
    make_async_grid: Callable[..., aipg.AsyncGrid], sleeps: list[float]
) -> None:
    handler = Sequence(httpx2.ConnectError("refused"), json_response(200, HEALTH))
    assert (await make_async_grid(handler).health()).status == "ok"
    assert sleeps == [0.5]
    handler = Sequence(*[httpx2.ConnectError("refused")] * 3)
    with pytest.raises(aipg.APIConnectionError):
        await make_async_grid(handler).health()


def test_the_real_jitter_source_is_random(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    values: set[Any] = {retry_wait(None, 3, random=_clock.random).seconds for _ in range(20)}
    assert all(3.0 <= v <= 4.0 for v in values) and len(values) > 1
