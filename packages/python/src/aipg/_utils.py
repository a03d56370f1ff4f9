"""Small helpers with no I/O: environment, base URL, how messages name a URL or a duration."""

from __future__ import annotations

import errno
import os
import re
from urllib.parse import urlsplit

from ._exceptions import AIPGError


def read_env(name: str) -> str | None:
    """An environment variable, ``None`` when unset or blank."""
    value = os.environ.get(name, "").strip()
    return value or None


_V1 = re.compile(r"/v1$", re.IGNORECASE)


def normalize_base_url(raw: str) -> str:
    """Strips trailing slashes and a trailing ``/v1`` (OpenAI-style base URLs): spec paths carry their own prefix
    (``/v1/…``, ``/api/v2/…``, ``/health``), so the base URL is the host root."""
    url = raw.strip().rstrip("/")
    if _V1.search(url):
        url = url[:-3].rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AIPGError(f"base_url must be an absolute http(s) URL (got {raw!r})")
    return url


def safe_url(url: str) -> str:
    """The URL as messages show it: origin and path, without user info or query (either can carry a credential)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def url_path(url: str) -> str:
    return urlsplit(url).path


def seconds(value: float) -> str:
    """``0.5 s``, ``4 s``, ``3.7 s``, ``30 s``: one decimal below 10 s (none when it is .0), whole seconds above."""
    if value >= 10:
        return f"{round(value)} s"
    text = f"{value:.1f}"
    return f"{text[:-2] if text.endswith('.0') else text} s"


def failure_cause(error: BaseException) -> tuple[str | None, str | None]:
    """The system error code (``ECONNREFUSED`` …) and the message of the deepest error under ``error``."""
    code: str | None = None
    message: str | None = None
    current: BaseException | None = error
    for _ in range(8):
        if current is None:
            break
        own = str(current).strip() or None
        if isinstance(current, OSError) and current.errno is not None:
            code = errno.errorcode.get(current.errno, str(current.errno))
            message = current.strerror or own
        elif code is None and own:
            message = own
        current = current.__cause__ or current.__context__
    return code, message
