from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .._pipeline import RequestSpec
from .._response import Decoder

if TYPE_CHECKING:
    from .._client import AsyncGrid, Grid

_R = TypeVar("_R")


class SyncAPIResource:
    """Base of every sync resource: holds the client whose one pipeline all calls go through."""

    _client: Grid

    def __init__(self, client: Grid) -> None:
        self._client = client

    def _request(self, spec: RequestSpec, decode: Decoder[_R]) -> _R:
        return self._client._call(spec, decode)  # pyright: ignore[reportPrivateUsage]


class AsyncAPIResource:
    """Base of every async resource."""

    _client: AsyncGrid

    def __init__(self, client: AsyncGrid) -> None:
        self._client = client

    async def _request(self, spec: RequestSpec, decode: Decoder[_R]) -> _R:
        return await self._client._call(spec, decode)  # pyright: ignore[reportPrivateUsage]
