"""``/v1/account``: what the client's own key has used (openapi/paths/v1_account_usage.yaml; an AIPG extension the
mock grid serves)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from typing_extensions import Unpack

from .._generated.models import UsageReport
from .._pipeline import RequestSpec
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    model_decoder,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..types.request_options import RequestOptions, request_spec
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["Account", "AsyncAccount"]


def _day(value: str | dt.date | None, name: str) -> str | None:
    """A UTC day as the query wants it: ``YYYY-MM-DD``; a ``datetime`` is taken in UTC."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"{name} must be timezone-aware (its UTC day is sent)")
        return value.astimezone(dt.timezone.utc).date().isoformat()
    return value.isoformat()


def _spec(start_date: str | dt.date | None, end_date: str | dt.date | None, options: RequestOptions) -> RequestSpec:
    spec = request_spec("GET", "/v1/account/usage", options, body=False)
    days = {"start_date": _day(start_date, "start_date"), "end_date": _day(end_date, "end_date")}
    query = {**(spec.query or {}), **{k: v for k, v in days.items() if v is not None}}
    return dataclasses.replace(spec, query=query or None)


class Account(SyncAPIResource):
    def usage(
        self,
        *,
        start_date: str | dt.date | None = None,
        end_date: str | dt.date | None = None,
        **options: Unpack[RequestOptions],
    ) -> UsageReport:
        """``GET /v1/account/usage``: requests, prompt and completion tokens, images and den spent, one row per model
        and UTC day. Default range: the 30 days up to today. A job counts once, when it completes and is charged."""
        return self._request(_spec(start_date, end_date, options), model_decoder(UsageReport))

    @property
    def with_raw_response(self) -> AccountWithRawResponse:
        return AccountWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AccountWithStreamingResponse:
        return AccountWithStreamingResponse(self)


class AsyncAccount(AsyncAPIResource):
    async def usage(
        self,
        *,
        start_date: str | dt.date | None = None,
        end_date: str | dt.date | None = None,
        **options: Unpack[RequestOptions],
    ) -> UsageReport:
        """See :meth:`Account.usage`."""
        return await self._request(_spec(start_date, end_date, options), model_decoder(UsageReport))

    @property
    def with_raw_response(self) -> AsyncAccountWithRawResponse:
        return AsyncAccountWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncAccountWithStreamingResponse:
        return AsyncAccountWithStreamingResponse(self)


class AccountWithRawResponse:
    def __init__(self, account: Account) -> None:
        self.usage = to_raw_response_wrapper(account.usage)


class AccountWithStreamingResponse:
    def __init__(self, account: Account) -> None:
        self.usage = to_streamed_response_wrapper(account.usage)


class AsyncAccountWithRawResponse:
    def __init__(self, account: AsyncAccount) -> None:
        self.usage = async_to_raw_response_wrapper(account.usage)


class AsyncAccountWithStreamingResponse:
    def __init__(self, account: AsyncAccount) -> None:
        self.usage = async_to_streamed_response_wrapper(account.usage)
