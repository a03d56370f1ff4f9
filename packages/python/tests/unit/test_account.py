"""``account.usage`` (``GET /v1/account/usage``) and ``chat.completions.quote`` (``dry_run: true``): what they send."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

import aipg

from _support import Sequence, json_response

USAGE = {"object": "usage", "start_date": "2026-11-04", "end_date": "2026-12-03", "data": [],
         "total": {"requests": 0, "prompt_tokens": 0, "completion_tokens": 0, "images": 0, "den": 0}}  # fmt: skip


def test_usage_sends_utc_days_and_leaves_out_the_ones_not_given(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(200, USAGE), json_response(200, USAGE), json_response(200, USAGE))
    grid = make_grid(handler)
    grid.account.usage()
    grid.account.usage(start_date=dt.date(2026, 11, 4), end_date="2026-12-03")
    # 23:30 at UTC−2 is the next UTC day.
    late = dt.datetime(2026, 12, 2, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-2)))
    grid.account.usage(end_date=late)
    assert [r.url.path for r in handler.requests] == ["/v1/account/usage"] * 3
    assert [dict(r.url.params) for r in handler.requests] == [
        {},
        {"start_date": "2026-11-04", "end_date": "2026-12-03"},
        {"end_date": "2026-12-03"},
    ]


def test_usage_refuses_a_naive_datetime(make_grid: Callable[..., aipg.Grid]) -> None:
    grid = make_grid(Sequence())
    with pytest.raises(ValueError, match="end_date must be timezone-aware"):
        grid.account.usage(end_date=dt.datetime(2026, 12, 3, 12, 0))


def test_quote_is_the_request_with_dry_run(make_grid: Callable[..., aipg.Grid]) -> None:
    quote = {"object": "chat.completion.quote", "model": "grid/m", "n": 1, "prompt_tokens": 2, "max_tokens": 16}
    handler = Sequence(json_response(200, quote))
    grid = make_grid(handler)
    grid.chat.completions.quote(model="grid/m", messages=[{"role": "user", "content": "hi"}], max_tokens=16)
    body = json.loads(handler.requests[0].content)
    assert body["dry_run"] is True
    assert body["stream"] is False
    assert handler.requests[0].url.path == "/v1/chat/completions"
