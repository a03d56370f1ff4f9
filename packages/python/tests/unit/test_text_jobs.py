"""Horde text jobs: submit → poll (with the server's hint) → result; faults; cancel when the wait stops."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import anyio
import httpx2
import pytest

import aipg
from aipg import _clock
from aipg.types import HordeTextStatus, TextJobResult

JOB = "00000000-0000-4000-8000-000000000001"


def status(done: bool = False, faulted: bool = False, texts: tuple[str, ...] = ()) -> dict[str, Any]:
    gens = [
        {"text": t, "seed": 1, "worker_id": JOB, "worker_name": "w", "model": "m", "state": "ok"} for t in texts
    ]
    return {
        "finished": len(texts), "processing": 0 if done else 1, "restarted": 0, "waiting": 0, "done": done,
        "faulted": faulted, "wait_time": 2, "queue_position": 1, "kudos": 3.0, "is_possible": True,
        "generations": gens,
    }  # fmt: skip


class Horde:
    """A tiny Horde: the job is done after ``polls_needed`` status reads; records every request."""

    def __init__(self, polls_needed: int = 3, headers: dict[str, str] | None = None, faulted: bool = False) -> None:
        self.polls_needed, self.headers, self.faulted = polls_needed, headers or {}, faulted
        self.requests: list[httpx2.Request] = []
        self.polls = 0

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        path = request.url.path
        if path == "/api/v2/generate/text/async":
            return httpx2.Response(202, json={"id": JOB, "kudos": 3.0})
        if request.method == "DELETE":
            return httpx2.Response(200, json=status())
        self.polls += 1
        done = self.polls >= self.polls_needed
        body = status(done=done, faulted=self.faulted and done, texts=("Hello",) if done else ())
        return httpx2.Response(200, json=body, headers=self.headers)

    def methods(self) -> list[str]:
        return [f"{r.method} {r.url.path.rsplit('/', 1)[-1]}" for r in self.requests]


def test_generate_polls_with_backoff_and_returns_the_result(
    make_grid: Callable[..., aipg.Grid], sleeps: list[float]
) -> None:
    horde = Horde(polls_needed=4)
    progress: list[HordeTextStatus] = []
    job = make_grid(horde).text.generate(prompt="Hi", params={"max_length": 16}, on_progress=progress.append)
    assert isinstance(job, TextJobResult)
    assert job.id == JOB and job.generations[0].text == "Hello" and job.done
    assert sleeps == [1.0, 1.5, 2.25, 3.375]
    assert len(progress) == 4
    # 4 polls + the final read; the body went as sent.
    assert horde.polls == 5
    assert json.loads(horde.requests[0].content) == {"prompt": "Hi", "params": {"max_length": 16}}


def test_generate_follows_the_servers_poll_hint(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    job = make_grid(Horde(polls_needed=3, headers={"x-poll-after-ms": "250"})).text.generate(prompt="Hi")
    assert job.done
    assert sleeps == [1.0, 0.25, 0.25]
    job = make_grid(Horde(polls_needed=2, headers={"retry-after": "90"})).text.generate(prompt="Hi", poll_interval=2)
    assert sleeps[3:] == [2, 60]  # poll_interval first; the hint wins after, clamped to 60 s


def test_a_faulted_job_raises_without_cancelling(make_grid: Callable[..., aipg.Grid]) -> None:
    horde = Horde(polls_needed=2, faulted=True)
    with pytest.raises(aipg.JobFaultedError) as caught:
        make_grid(horde).text.generate(prompt="Hi")
    assert caught.value.id == JOB and caught.value.status.faulted
    assert "DELETE " + JOB not in horde.methods()


def test_keyboard_interrupt_cancels_the_job_and_reraises(
    make_grid: Callable[..., aipg.Grid], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    horde = Horde()
    grid = make_grid(horde)
    monkeypatch.setattr(_clock, "sleep", interrupted)
    with pytest.raises(KeyboardInterrupt):
        grid.text.generate(prompt="Hi")
    assert horde.methods() == ["POST async", f"DELETE {JOB}"]
    cancel = horde.requests[-1]
    assert cancel.headers["x-aipg-retry-count"] == "0"


def test_the_deadline_cancels_the_job(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    horde = Horde(polls_needed=100)
    with pytest.raises(aipg.APITimeoutError, match="Text job not done within 5 s"):
        make_grid(horde).text.generate(prompt="Hi", timeout=5)
    assert sum(sleeps) == pytest.approx(5.0)
    assert horde.methods()[-1] == f"DELETE {JOB}"


def test_transient_poll_failures_keep_waiting(make_grid: Callable[..., aipg.Grid], sleeps: list[float]) -> None:
    horde = Horde(polls_needed=2)
    failures = [httpx2.Response(429, json={"message": "slow down", "rc": "TooManyRequests"}, headers={"retry-after": "4"})]

    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.method == "GET" and failures:
            return failures.pop()
        return horde(request)

    job = make_grid(handler, max_retries=0).text.generate(prompt="Hi")
    assert job.done
    assert sleeps == [1.0, 4.0, 2.25]  # the failed read counts as a poll for the backoff


def test_an_expired_job_cancels_and_raises(make_grid: Callable[..., aipg.Grid]) -> None:
    horde = Horde()

    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.method == "GET":
            horde.requests.append(request)
            return httpx2.Response(404, json={"message": "not found", "rc": "RequestNotFound"})
        return horde(request)

    with pytest.raises(aipg.NotFoundError) as caught:
        make_grid(handler).text.generate(prompt="Hi")
    assert caught.value.rc == "RequestNotFound"
    assert horde.methods()[-1] == f"DELETE {JOB}"


def test_low_level_calls_and_the_worker_side(make_grid: Callable[..., aipg.Grid]) -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        if request.url.path.endswith("/pop"):
            skipped = {"models": 2}
            return httpx2.Response(200, json={"id": None, "ids": [], "skipped": skipped})
        if request.url.path.endswith("/submit"):
            return httpx2.Response(200, json={"reward": 12.5})
        return Horde()(request)

    grid = make_grid(handler, client_agent="my-rig:1.0:me@example.com")
    assert str(grid.text.submit(prompt="Hi").id) == JOB
    assert grid.text.status(JOB).done is False
    assert grid.text.cancel(JOB).finished == 0
    pop = grid.text.worker.pop(name="my-rig", models=["m"], max_length=64)
    assert pop.id is None and pop.skipped.models == 2
    assert grid.text.worker.submit(id=JOB, generation=" Hello", state="ok").reward == 12.5  # type: ignore[arg-type]
    assert json.loads(seen[-1].content) == {"id": JOB, "generation": " Hello", "state": "ok"}
    assert all(r.headers["client-agent"] == "my-rig:1.0:me@example.com" for r in seen)
    assert all(r.headers["apikey"] for r in seen)


async def test_async_generate_and_cancel_on_task_cancellation(
    make_async_grid: Callable[..., aipg.AsyncGrid], monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    job = await make_async_grid(Horde(polls_needed=2)).text.generate(prompt="Hi")
    assert job.generations[0].text == "Hello"
    assert sleeps == [1.0, 1.5]

    horde = Horde()
    grid = make_async_grid(horde)
    submitted = anyio.Event()

    async def forever(seconds: float) -> None:
        submitted.set()
        await anyio.sleep_forever()

    monkeypatch.setattr(_clock, "async_sleep", forever)
    with anyio.fail_after(30):
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: grid.text.generate(prompt="Hi"))
            await submitted.wait()
            tg.cancel_scope.cancel()
    assert horde.methods() == ["POST async", f"DELETE {JOB}"]


async def test_async_faulted(make_async_grid: Callable[..., aipg.AsyncGrid]) -> None:
    with pytest.raises(aipg.JobFaultedError):
        await make_async_grid(Horde(polls_needed=1, faulted=True)).text.generate(prompt="Hi")
