"""When a failed call is tried again, and after how long (docs/sdk/errors-and-retries.md). Pure functions, shared
by the sync and the async client; ``random`` and ``now`` are parameters so tests can pin them."""

from __future__ import annotations

import email.utils
import math
import random as _random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from ._constants import (
    FIRST_POLL_DELAY,
    INITIAL_RETRY_DELAY,
    MAX_POLL_DELAY,
    MAX_POLL_HINT,
    MAX_RETRY_DELAY,
    MAX_RETRY_JITTER,
    MAX_SERVER_DELAY,
    POLL_BACKOFF_FACTOR,
)

Headers = Mapping[str, str]


def should_retry(status_code: int, headers: Headers) -> bool:
    """Whether a failed response is worth another attempt. The server decides first (``x-should-retry``);
    otherwise 408 (request timeout), 409 (lock conflict), 429 (rate limit) and every 5xx."""
    hint = headers.get("x-should-retry", "").strip().lower()
    if hint == "true":
        return True
    if hint == "false":
        return False
    return status_code in (408, 409, 429) or status_code >= 500


@dataclass(frozen=True)
class RetryWait:
    """A wait before a retry, in seconds, and whether the server asked for it or it is the SDK's own backoff."""

    seconds: float
    source: Literal["Retry-After", "backoff"]


def retry_wait(
    headers: Headers | None,
    retries_done: int,
    *,
    random: Callable[[], float] = _random.random,
    now: float | None = None,
) -> RetryWait:
    """How long to wait before retry number ``retries_done + 1``. A ``retry-after-ms`` / ``retry-after`` hint
    within 0..60 s wins; otherwise 0.5 s * 2**retries_done capped at 8 s, minus up to 25 % jitter so that many
    clients failing together do not come back together."""
    hinted = parse_retry_after(headers, now=now) if headers is not None else None
    if hinted is not None and 0 <= hinted <= MAX_SERVER_DELAY:
        return RetryWait(hinted, "Retry-After")
    base = min(INITIAL_RETRY_DELAY * 2**retries_done, MAX_RETRY_DELAY)
    return RetryWait(base * (1 - random() * MAX_RETRY_JITTER), "backoff")


def parse_retry_after(headers: Headers, *, now: float | None = None) -> float | None:
    """A wait suggested by the server, in seconds: ``retry-after-ms``, else ``retry-after`` as seconds or an HTTP
    date. ``None`` when absent or unparsable; range checks are the caller's."""
    ms = _finite(headers.get("retry-after-ms"))
    if ms is not None:
        return ms / 1000
    after = headers.get("retry-after")
    if after is None or not after.strip():
        return None
    seconds = _finite(after)
    if seconds is not None:
        return seconds
    try:
        date = email.utils.parsedate_to_datetime(after)
    except (TypeError, ValueError, IndexError):
        return None
    return date.timestamp() - (time.time() if now is None else now)


def poll_backoff(n: int) -> float:
    """The adaptive wait before poll ``n + 1`` (0-based): 1 s * 1.5**n, capped at 10 s."""
    return min(FIRST_POLL_DELAY * POLL_BACKOFF_FACTOR**n, MAX_POLL_DELAY)


def poll_hint(headers: Headers, *, now: float | None = None) -> float | None:
    """``x-poll-after-ms``, else ``retry-after-ms`` / ``retry-after``; in seconds, clamped to 0..60 s."""
    ms = _finite(headers.get("x-poll-after-ms"))
    hint = ms / 1000 if ms is not None else parse_retry_after(headers, now=now)
    return None if hint is None else min(max(hint, 0.0), MAX_POLL_HINT)


def _finite(raw: str | None) -> float | None:
    if raw is None or not raw.strip():
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
