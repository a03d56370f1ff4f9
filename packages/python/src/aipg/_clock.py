"""The clock, the sleeps and the jitter source the SDK waits with, in one place so tests can replace them
(``monkeypatch.setattr(aipg._clock, "sleep", fake)``) and assert the computed delays without waiting."""

from __future__ import annotations

import random as _random
import time

import anyio

monotonic = time.monotonic
sleep = time.sleep
random = _random.random


async def async_sleep(seconds: float) -> None:
    await anyio.sleep(seconds)
