"""Logging through the ``aipg`` logger: retry lines, and never a key."""

from __future__ import annotations

from collections.abc import Callable

import httpx2
import pytest

import aipg

from _support import HEALTH, KEY, Sequence, json_response


def test_debug_logs_never_contain_the_key(
    make_grid: Callable[..., aipg.Grid], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger="aipg")
    handler = Sequence(
        json_response(429, {"error": {"message": "Rate limit exceeded.", "type": "rate_limit_error"}}),
        httpx2.ConnectError("refused"),
        json_response(401, {"detail": "Invalid API key"}),
    )
    with pytest.raises(aipg.AuthenticationError) as caught:
        make_grid(handler).health(extra_headers={"Cookie": "session=abc"})
    text = caplog.text
    assert "GET http://grid.test/health" in text  # debug lines were written
    assert "'apikey': '***'" in text and "'authorization': '***'" in text
    assert KEY not in text and "session=abc" not in text
    assert KEY not in str(caught.value) and KEY not in repr(make_grid(handler))
    assert handler.requests[0].headers["apikey"] == KEY  # it was sent, just not logged


def test_a_long_wait_is_a_warning_with_the_servers_reason(
    make_grid: Callable[..., aipg.Grid], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="aipg")
    body = {"error": {"message": "Rate limit exceeded. Please slow down.", "type": "rate_limit_error"}}
    handler = Sequence(json_response(429, body, {"retry-after": "30"}), json_response(503, {}), json_response(200, HEALTH))
    make_grid(handler).health()
    warning, info = caplog.records
    assert warning.levelname == "WARNING"
    assert warning.getMessage() == (
        '[aipg] 429 rate limited on GET /health ("Rate limit exceeded. Please slow down."): '
        "waiting 30 s (Retry-After) before retry 1 of 2"
    )
    assert info.levelname == "INFO"
    assert info.getMessage() == "[aipg] 503 unavailable on GET /health: waiting 1 s (backoff) before retry 2 of 2"


def test_a_query_string_is_not_logged_in_retry_lines(
    make_grid: Callable[..., aipg.Grid], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="aipg")
    handler = Sequence(httpx2.ConnectError("refused"), json_response(200, HEALTH))
    make_grid(handler, default_query={"key": "q-secret"}).health()
    assert handler.requests[0].url.params["key"] == "q-secret"
    assert "q-secret" not in "".join(r.getMessage() for r in caplog.records if r.levelname == "INFO")
