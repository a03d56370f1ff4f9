"""The per-call options every method takes, and how a call's keyword arguments become a request."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Union

import httpx2
from typing import TypedDict

from .._pipeline import NOT_GIVEN, NotGiven, RequestSpec

__all__ = ["RequestOptions", "Headers", "Query", "Body"]

#: Extra headers for one call; a ``None`` value removes a header (e.g. a default one).
Headers = Mapping[str, Union[str, None]]
Query = Mapping[str, object]
Body = Mapping[str, object]

_OPTION_KEYS = ("extra_headers", "extra_query", "extra_body", "timeout")


class RequestOptions(TypedDict, total=False):
    """Per-call options, accepted by every method next to its parameters."""

    #: Headers added to this call (``None`` removes one).
    extra_headers: Headers | None
    #: Query parameters added to this call.
    extra_query: Query | None
    #: JSON fields merged into this call's body (fields the spec does not know yet; the grid forwards them).
    extra_body: Body | None
    #: Seconds (or an ``httpx2.Timeout``) per attempt for this call, covering the body; ``None``: no timeout.
    timeout: float | httpx2.Timeout | None


def request_spec(
    method: str,
    path: str,
    params: Mapping[str, Any],
    *,
    body: bool,
    stream: bool = False,
    max_retries: int | None = None,
) -> RequestSpec:
    """Splits the request options out of a method's keyword arguments; with ``body``, the rest is the JSON body
    (``extra_body`` merged in)."""
    fields = {k: v for k, v in params.items() if k not in _OPTION_KEYS}
    extra_body: Mapping[str, object] = params.get("extra_body") or {}
    payload: dict[str, object] | None = {**fields, **extra_body} if body else (dict(extra_body) or None)
    timeout = params.get("timeout", NOT_GIVEN)
    return RequestSpec(
        method=method,
        path=path,
        body=payload,
        query=params.get("extra_query") or None,
        headers=params.get("extra_headers") or {},
        timeout=timeout if timeout is None or isinstance(timeout, (int, float, httpx2.Timeout, NotGiven)) else NOT_GIVEN,
        max_retries=max_retries,
        stream=stream,
    )
