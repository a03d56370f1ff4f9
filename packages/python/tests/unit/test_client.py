"""Client settings: env, base URL, headers, copies, closing."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx2
import pytest

import aipg

from _support import HEALTH, KEY, Sequence, json_response


def test_defaults_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIPG_API_KEY", raising=False)
    monkeypatch.delenv("AIPG_BASE_URL", raising=False)
    grid = aipg.Grid()
    assert grid.base_url == "https://api.aipowergrid.io" == aipg.DEFAULT_BASE_URL
    assert grid.api_key is None and grid.max_retries == 2
    assert grid.client_agent.startswith("aipg-python:0.1.0:")
    grid.close()
    monkeypatch.setenv("AIPG_API_KEY", "env-key")
    monkeypatch.setenv("AIPG_BASE_URL", "http://localhost:7411/v1/")
    with aipg.Grid() as grid:
        assert grid.api_key == "env-key" and grid.base_url == "http://localhost:7411"


def test_a_bad_base_url_or_max_retries_is_refused() -> None:
    with pytest.raises(aipg.AIPGError, match="absolute http"):
        aipg.Grid(base_url="localhost:7001")
    with pytest.raises(aipg.AIPGError, match="max_retries"):
        aipg.Grid(max_retries=-1)


def test_every_request_carries_auth_agent_and_ids(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(200, HEALTH), json_response(200, HEALTH))
    grid = make_grid(handler, default_headers={"X-Team": "a", "Client-Agent": "app:1:me"}, default_query={"v": 1})
    grid.health(extra_headers={"X-Request-Id": "mine", "X-Team": None}, extra_query={"q": "x"})
    sent = handler.requests[0]
    assert sent.headers["apikey"] == KEY
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.headers["client-agent"] == "app:1:me"
    assert sent.headers["x-request-id"] == "mine"
    assert "x-team" not in sent.headers
    assert dict(sent.url.params) == {"v": "1", "q": "x"}
    grid.health()
    assert handler.requests[1].headers["x-team"] == "a"


def test_call_headers_replace_the_http_clients_by_name_and_none_removes_them() -> None:
    handler = Sequence(json_response(200, HEALTH), json_response(200, HEALTH))
    http = httpx2.Client(transport=httpx2.MockTransport(handler), headers={"X-Shared": "client", "X-Gone": "client"})
    with aipg.Grid(api_key=KEY, base_url="http://grid.test", http_client=http, default_headers={"x-shared": "grid"}) as grid:
        grid.health(extra_headers={"X-GONE": None, "accept": "application/x-test", "X-Empty": ""})
        sent = handler.requests[0].headers
        assert sent.get_list("x-shared") == ["grid"]
        assert "x-gone" not in sent
        assert sent.get_list("accept") == ["application/x-test"]
        assert sent["x-empty"] == ""
        assert sent.get_list("x-aipg-retry-count") == ["0"]
        assert sent["host"] == "grid.test"
        grid.health()
        assert handler.requests[1].headers["x-gone"] == "client"
    http.close()


def test_each_call_gets_its_own_random_request_id(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(*(json_response(200, HEALTH) for _ in range(20)))
    grid = make_grid(handler)
    for _ in range(20):
        grid.health()
    ids = [request.headers["x-request-id"] for request in handler.requests]
    assert len(set(ids)) == 20
    for sent in ids:
        parsed = uuid.UUID(sent)
        assert str(parsed) == sent and parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_without_a_key_no_auth_headers_are_sent(make_grid: Callable[..., aipg.Grid], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIPG_API_KEY", raising=False)
    handler = Sequence(json_response(200, HEALTH))
    make_grid(handler, api_key=None).health()
    assert "apikey" not in handler.requests[0].headers
    assert "authorization" not in handler.requests[0].headers


def test_copy_changes_settings_and_shares_the_pool(make_grid: Callable[..., aipg.Grid]) -> None:
    handler = Sequence(json_response(200, HEALTH))
    grid = make_grid(handler)
    copied = grid.with_options(api_key="other", timeout=5, default_headers={"X-A": "1"})
    assert copied.api_key == "other" and copied.timeout == 5 and copied.base_url == grid.base_url
    copied.health()
    assert handler.requests[0].headers["apikey"] == "other" and handler.requests[0].headers["x-a"] == "1"
    copied.close()  # not its pool: nothing closed
    assert not grid._http.is_closed  # pyright: ignore[reportPrivateUsage]


def test_a_user_client_is_never_closed_an_own_one_is() -> None:
    mine = httpx2.Client()
    with aipg.Grid(api_key="k", http_client=mine):
        pass
    assert not mine.is_closed
    mine.close()
    grid = aipg.Grid(api_key="k")
    grid.close()
    assert grid._http.is_closed  # pyright: ignore[reportPrivateUsage]


async def test_async_client_lifecycle() -> None:
    mine = httpx2.AsyncClient()
    async with aipg.AsyncGrid(api_key="k", http_client=mine) as grid:
        assert grid.with_options(max_retries=0).max_retries == 0
    assert not mine.is_closed
    await mine.aclose()
    async with aipg.AsyncGrid(api_key="k") as own:
        pass
    assert own._http.is_closed  # pyright: ignore[reportPrivateUsage]


def test_resources_cover_the_v1_api(make_grid: Callable[..., aipg.Grid]) -> None:
    workers = {"count": 1, "workers": [{"id": "w1", "name": "rig", "models": ["m"], "job_types": ["text"], "online": True}]}
    status = [{"name": "m", "count": 1, "type": "text", "max_context_length": 2048, "samples": 0,
               "tokens_per_s": None, "avg_ttft_s": None, "avg_latency_s": None}]  # fmt: skip
    model = {"id": "grid/m", "object": "model", "created": 1, "owned_by": "grid"}
    handler = Sequence(json_response(200, workers), json_response(200, status), json_response(200, model))
    grid = make_grid(handler)
    assert grid.workers.list().workers[0].name == "rig"
    assert grid.status.models()[0].name == "m"
    assert grid.models.retrieve("grid/m").id == "grid/m"
    assert [r.url.raw_path for r in handler.requests] == [b"/v1/workers", b"/v1/status/models", b"/v1/models/grid%2Fm"]
