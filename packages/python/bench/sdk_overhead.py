"""The Python SDK's overhead against a bare client on the same server (bench/python-sdk.bench.ts runs this).

Usage: python bench/sdk_overhead.py <base_url> <api_key> <rounds> <window_seconds>

The server answers every chat completion with the same fixed body (JSON, or an SSE stream of 50 content chunks),
so the cases differ only in the client. Cases run in short windows, round-robin (A B C A B C ...), one call at a
time (a sync client, as most Python code calls it); each case's ratio is the median of its per-round ratios to
the first case, the baseline. Every call checks that the whole text arrived. Prints one JSON object.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx2

import aipg

try:  # openai-python, when the bench dependency group is installed (`uv run --group bench ...`)
    import openai
except ImportError:  # pragma: no cover - reported as a missing case
    openai = None  # type: ignore[assignment]

TOKENS = 50
MODEL = "bench/echo"
MESSAGES = [{"role": "user", "content": "Say hello to the benchmark."}]


def expect_text(text: str | None) -> None:
    if not text or not text.startswith("tok0 ") or f"tok{TOKENS - 1} " not in text:
        raise AssertionError(f"unexpected text {text!r}")


def bare_sse_data(lines: Iterator[str]) -> Iterator[str]:
    """The least an SSE reader can do for this server: the `data:` of each event, until `[DONE]`."""
    data: list[str] = []
    for line in lines:
        if line == "":
            if data:
                payload = "\n".join(data)
                if payload == "[DONE]":
                    return
                yield payload
                data = []
        elif line.startswith("data:"):
            data.append(line[5:].lstrip(" "))


def cases(base_url: str, api_key: str) -> tuple[dict[str, Callable[[], int]], dict[str, Callable[[], int]]]:
    """(json cases, stream cases); each call returns the number of chunks it read (1 for JSON)."""
    headers = {"authorization": f"Bearer {api_key}", "content-type": "application/json"}
    url = f"{base_url}/v1/chat/completions"
    body = json.dumps({"model": MODEL, "messages": MESSAGES, "max_tokens": 64}).encode()
    stream_body = json.dumps({"model": MODEL, "messages": MESSAGES, "max_tokens": 64, "stream": True}).encode()
    http = httpx2.Client()
    grid = aipg.Grid(api_key=api_key, base_url=base_url)
    oai = openai.OpenAI(api_key=api_key, base_url=f"{base_url}/v1") if openai else None

    def raw_json() -> int:
        reply = http.post(url, content=body, headers=headers).json()
        expect_text(reply["choices"][0]["message"]["content"])
        return 1

    def sdk_json() -> int:
        reply = grid.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=64)  # type: ignore[arg-type]
        expect_text(reply.choices[0].message.content)
        return 1

    def raw_stream() -> int:
        text, chunks = "", 0
        with http.stream("POST", url, content=stream_body, headers=headers) as response:
            for data in bare_sse_data(response.iter_lines()):
                chunk: Any = json.loads(data)
                chunks += 1
                if chunk["choices"]:
                    text += chunk["choices"][0]["delta"].get("content") or ""
        expect_text(text)
        return chunks

    def sdk_stream() -> int:
        text, chunks = "", 0
        with grid.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=64, stream=True) as stream:  # type: ignore[arg-type]
            for chunk in stream:
                chunks += 1
                if chunk.choices:
                    text += chunk.choices[0].delta.content or ""
        expect_text(text)
        return chunks

    json_cases: dict[str, Callable[[], int]] = {"httpx2": raw_json, "aipg": sdk_json}
    stream_cases: dict[str, Callable[[], int]] = {"httpx2 + bare SSE decoder": raw_stream, "aipg": sdk_stream}
    if oai is not None:

        def openai_json() -> int:
            reply = oai.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=64)  # type: ignore[arg-type]
            expect_text(reply.choices[0].message.content)
            return 1

        def openai_stream() -> int:
            text, chunks = "", 0
            for chunk in oai.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=64, stream=True):  # type: ignore[arg-type]
                chunks += 1
                if chunk.choices:
                    text += chunk.choices[0].delta.content or ""
            expect_text(text)
            return chunks

        json_cases[f"openai {openai.__version__}"] = openai_json
        stream_cases[f"openai {openai.__version__}"] = openai_stream
    return json_cases, stream_cases


def window(op: Callable[[], int], seconds: float) -> tuple[float, float, float]:
    """(calls/s, chunks/s, CPU seconds per call) over one window of back-to-back calls."""
    calls = chunks = 0
    cpu0, t0 = time.process_time(), time.perf_counter()
    deadline = t0 + seconds
    while True:
        chunks += op()
        calls += 1
        now = time.perf_counter()
        if now >= deadline:
            break
    elapsed, cpu = now - t0, time.process_time() - cpu0
    return calls / elapsed, chunks / elapsed, cpu / calls


def compare(named: dict[str, Callable[[], int]], rounds: int, seconds: float) -> dict[str, dict[str, Any]]:
    for op in named.values():  # warm-up: connections, imports, caches
        window(op, seconds / 2)
    per_round: dict[str, list[tuple[float, float, float]]] = {label: [] for label in named}
    for _ in range(rounds):
        for label, op in named.items():
            per_round[label].append(window(op, seconds))
    base = next(iter(per_round.values()))
    out: dict[str, dict[str, Any]] = {}
    for label, results in per_round.items():
        out[label] = {
            "callsPerSec": statistics.median(r[0] for r in results),
            "chunksPerSec": statistics.median(r[1] for r in results),
            "cpuUsPerCall": statistics.median(r[2] for r in results) * 1e6,
            "ratio": statistics.median(r[0] / b[0] for r, b in zip(results, base)),
            "perRound": [round(r[0]) for r in results],
        }
    return out


def main() -> None:
    base_url, api_key, rounds, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    json_cases, stream_cases = cases(base_url, api_key)
    result = {
        "python": sys.version.split()[0],
        "json": compare(json_cases, rounds, seconds),
        "stream": compare(stream_cases, rounds, seconds),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
