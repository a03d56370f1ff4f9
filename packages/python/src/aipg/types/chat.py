"""The parameters of ``chat.completions.create``: the spec's ``ChatCompletionRequest`` (openapi/components/v1.yaml)
as keyword arguments, ``stream`` split out so the return type follows it. The nested values are the generated
TypedDicts (:mod:`aipg.types.params`); ``tests/unit/test_types.py`` holds this list to the generated one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, Union

from typing_extensions import Required

from .._generated.params import (
    ChatCompletionRequestResponseFormat,
    ChatCompletionRequestStop,
    ChatCompletionRequestStreamOptions,
    ChatCompletionTool,
    ChatMessage,
    RoutingPreferences,
)
from .request_options import RequestOptions

__all__ = [
    "ChatCompletionCreateParamsBase",
    "ChatCompletionCreateParams",
    "ChatCompletionCreateParamsNonStreaming",
    "ChatCompletionCreateParamsStreaming",
]


class ChatCompletionCreateParamsBase(RequestOptions, total=False):
    #: A model id from ``/v1/models``, or ``auto`` to let the grid route it.
    model: Required[str]
    #: The conversation so far, oldest first (at most 500 messages).
    messages: Required[Iterable[ChatMessage]]
    temperature: float
    top_p: float
    max_tokens: int | None
    max_completion_tokens: int | None
    n: int
    stop: Union[str, ChatCompletionRequestStop, None]
    presence_penalty: float | None
    frequency_penalty: float | None
    seed: int | None
    tools: list[ChatCompletionTool] | None
    tool_choice: Union[str, dict[str, Any], None]
    response_format: ChatCompletionRequestResponseFormat | None
    stream_options: ChatCompletionRequestStreamOptions | None
    #: Mock grid: fallback models after ``model``, in order (at most 8).
    models: list[str] | None
    #: ``"fallback"``, the only mode (OpenRouter's name for ``models``).
    route: Literal["fallback"] | None
    #: Mock grid: how the worker is chosen (``RoutingPreferences``); ``grid.routing`` on the answer says why.
    routing: RoutingPreferences | None


class ChatCompletionCreateParamsNonStreaming(ChatCompletionCreateParamsBase, total=False):
    #: Omitted or ``False``: the call returns one ``ChatCompletion``.
    stream: Literal[False]


class ChatCompletionCreateParamsStreaming(ChatCompletionCreateParamsBase, total=False):
    #: ``True``: the call returns a ``Stream`` of ``ChatCompletionChunk``s.
    stream: Required[Literal[True]]


class ChatCompletionCreateParams(ChatCompletionCreateParamsBase, total=False):
    stream: bool
