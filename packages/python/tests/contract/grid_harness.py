"""The contract suite's grid (openapi/contract/README.md, "The harness").

The built mock grid CLI in strict mode with the suite's keys file, and one reference worker on the demo
backend, both run with ``node`` from the repository's built ``dist/``. Waits end on output or on the model
appearing; their limits are backstops for a hung process, never assertions.
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

# packages/python/tests/contract/conftest.py → the repository root.
ROOT = Path(__file__).resolve().parents[4]
CONTRACT_DIR = ROOT / "openapi" / "contract"
HARNESS_DIR = CONTRACT_DIR / "harness"
KEYS_FILE = HARNESS_DIR / "keys.json"
GRID_CLI = ROOT / "packages" / "mock-grid" / "dist" / "cli.js"
WORKER_CLI = ROOT / "packages" / "worker" / "dist" / "cli.js"
SPEC = ROOT / "packages" / "mock-grid" / "src" / "generated" / "openapi.json"

#: The model the harness's worker serves (openapi/contract/harness/bridgeData.yaml).
MODEL = "grid/demo"
#: Generous: on a saturated 2-core machine two node start-ups and a registration can take long.
READY_LIMIT_S = 120.0
STOP_LIMIT_S = 30.0


@dataclass(frozen=True)
class Harness:
    url: str
    #: The API key of each account in harness/keys.json, by its username.
    keys: dict[str, str]


@contextmanager
def start_harness() -> Iterator[Harness]:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH: the contract suite runs the built mock grid and worker")
    for cli in (GRID_CLI, WORKER_CLI):
        if not cli.exists():
            raise RuntimeError(f"{cli} is missing: run `pnpm build` in the repository root first")
    keys = {entry["username"]: entry["key"] for entry in json.loads(KEYS_FILE.read_text("utf-8"))}
    temp = Path(tempfile.mkdtemp(prefix="aipg-contract-"))
    started: list[tuple[subprocess.Popen[bytes], IO[bytes]]] = []
    try:
        # stdout carries only the `listening on` line (docs/mock-grid.md, "Start it"); the log goes to a file.
        grid_log = (temp / "grid.log").open("wb")
        grid = subprocess.Popen(
            [node, str(GRID_CLI), "--port", "0", "--auth", "strict", "--keys", str(KEYS_FILE), "--no-rate-limits"],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=grid_log,
        )
        started.append((grid, grid_log))
        url = _listening_url(grid, temp)
        worker_log = (temp / "worker.log").open("wb")
        worker = subprocess.Popen(
            [
                node,
                str(WORKER_CLI),
                "--config",
                str(HARNESS_DIR / "bridgeData.yaml"),
                "--url",
                url,
                "--key",
                str(temp / "worker.key"),
            ],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=worker_log,
            stderr=worker_log,
        )
        started.append((worker, worker_log))
        _until_model_listed(url, keys["requester"], [grid, worker], temp)
        yield Harness(url=url, keys=keys)
    finally:
        # The worker first, so it drains while the grid still answers.
        for process, log in reversed(started):
            _stop(process)
            log.close()
        shutil.rmtree(temp, ignore_errors=True)


def _listening_url(grid: subprocess.Popen[bytes], temp: Path) -> str:
    """The URL of the grid's `listening on` line. A thread reads stdout to its end, so the pipe never fills."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert grid.stdout is not None
        for raw in grid.stdout:
            lines.put(raw.decode("utf-8", "replace"))
        lines.put(None)

    threading.Thread(target=pump, name="mock-grid-stdout", daemon=True).start()
    deadline = time.monotonic() + READY_LIMIT_S
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError(f"the mock grid printed no listening line:\n{_logs(temp)}") from None
        if line is None:
            raise RuntimeError(f"the mock grid exited ({grid.wait()}) before listening:\n{_logs(temp)}")
        match = re.search(r"listening on (http://\S+)", line)
        if match:
            return match.group(1)


def _until_model_listed(url: str, key: str, processes: list[subprocess.Popen[bytes]], temp: Path) -> None:
    """Polls `GET /v1/models` until the worker's model is listed (the worker has registered)."""
    deadline = time.monotonic() + READY_LIMIT_S
    while True:
        if any(process.poll() is not None for process in processes):
            raise RuntimeError(f"a harness process exited early:\n{_logs(temp)}")
        try:
            request = urllib.request.Request(f"{url}/v1/models", headers={"apikey": key})
            with urllib.request.urlopen(request, timeout=10) as response:
                body = json.load(response)
            if any(model.get("id") == MODEL for model in body.get("data", [])):
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{MODEL} never appeared on {url}/v1/models:\n{_logs(temp)}")
        time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_LIMIT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _logs(temp: Path) -> str:
    parts = []
    for name in ("grid.log", "worker.log"):
        path = temp / name
        parts.append(f"--- {name}\n{path.read_text('utf-8', 'replace') if path.exists() else ''}")
    return "\n".join(parts)
