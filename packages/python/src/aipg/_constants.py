"""Client defaults, the same as the TypeScript SDK's (docs/sdk/errors-and-retries.md)."""

from __future__ import annotations

from ._version import __version__

DEFAULT_BASE_URL = "https://api.aipowergrid.io"
#: Seconds per attempt, covering the response body too (10 minutes).
DEFAULT_TIMEOUT = 600.0
#: Retries after the first attempt, so at most three attempts.
DEFAULT_MAX_RETRIES = 2
#: Horde `Client-Agent` format `name:version:contact`.
DEFAULT_CLIENT_AGENT = f"aipg-python:{__version__}:https://github.com/AIPowerGrid/aipg-grid-sdk"

#: Server-suggested waits (`retry-after-ms` / `retry-after`) are honoured only inside 0..60 s.
MAX_SERVER_DELAY = 60.0
#: Backoff: 0.5 s * 2**n, capped at 8 s, minus up to 25 % jitter.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_JITTER = 0.25
#: Retry waits from this long on are logged at WARNING (shorter ones at INFO).
LOUD_WAIT = 3.0

#: Horde text job polling (docs/sdk/horde-text-jobs.md): 1 s, then x1.5 per poll up to 10 s; hints clamped to 60 s.
FIRST_POLL_DELAY = 1.0
POLL_BACKOFF_FACTOR = 1.5
MAX_POLL_DELAY = 10.0
MAX_POLL_HINT = 60.0
#: The best-effort cancel of an abandoned text job gets its own short budget.
CANCEL_TIMEOUT = 10.0

#: Header names whose values carry credentials: never logged.
SECRET_HEADERS = frozenset({"apikey", "authorization", "x-api-key", "cookie", "set-cookie", "x-grid-user-token"})
