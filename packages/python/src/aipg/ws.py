"""The worker WebSocket's JSON frames (``GET /v1/workers/ws``, openapi/paths/v1_workers_ws.yaml), parsed into and
serialised from the generated models, so a Python worker can be written on any WebSocket library::

    ws.send(dump_frame(WsRegister(apikey=key, name="my-rig", models=["my-model"])))
    frame = parse_server_frame(ws.recv())        # WsReady | WsServerError | WsPing | WsJob | WsCancel | WsAck
    if isinstance(frame, WsJob):
        ws.send(dump_frame(WsToken(type="token", id=frame.id, delta=ChatCompletionDelta(content="Hi"))))
        ws.send(dump_frame(WsDone(type="done", id=frame.id, full_text="Hi", finish_reason="stop")))

The session: the worker's ``WsRegister`` first (it has no ``type``), the grid's ``WsReady`` (or ``WsServerError``
and a close), then ``WsWorkerFrame``s one way and ``WsServerFrame``s the other, told apart by ``type``.
No WebSocket library is a dependency of ``aipg``.
"""

from __future__ import annotations

from typing import Union

from pydantic import BaseModel, TypeAdapter

from ._generated.models import (
    WsAck,
    WsCancel,
    WsDone,
    WsJob,
    WsPing,
    WsPong,
    WsReady,
    WsRegister,
    WsServerError,
    WsServerFrame,
    WsToken,
    WsWorkerError,
    WsWorkerFrame,
)

__all__ = [
    "ServerFrame",
    "WorkerFrame",
    "parse_server_frame",
    "parse_worker_frame",
    "parse_register",
    "dump_frame",
]

#: Every server → worker frame.
ServerFrame = Union[WsReady, WsServerError, WsPing, WsJob, WsCancel, WsAck]
#: Every worker → server frame after ``WsRegister``.
WorkerFrame = Union[WsPong, WsToken, WsDone, WsWorkerError]

_server: TypeAdapter[ServerFrame] = TypeAdapter(WsServerFrame)
_worker: TypeAdapter[WorkerFrame] = TypeAdapter(WsWorkerFrame)


def parse_server_frame(text: str | bytes) -> ServerFrame:
    """A frame the grid sent, as its model (chosen by ``type``). Raises ``pydantic.ValidationError`` for JSON
    that is no server frame, e.g. an unknown ``type``; fields the spec does not list are kept."""
    return _server.validate_json(text)


def parse_worker_frame(text: str | bytes) -> WorkerFrame:
    """A frame a worker sent after registering (``pong``, ``token``, ``done``, ``error``), as its model."""
    return _worker.validate_json(text)


def parse_register(text: str | bytes) -> WsRegister:
    """The worker's first frame."""
    return WsRegister.model_validate_json(text)


def dump_frame(frame: BaseModel) -> str:
    """The frame as the wire wants it: compact JSON of the fields that were set. The spec's defaults are baked
    into the models (``max_length=512`` …); ``exclude_unset`` keeps them off the wire, so the grid applies its own.
    A field set to ``None`` explicitly is sent as ``null`` (the spec allows it wherever the model does)."""
    return frame.model_dump_json(exclude_unset=True, by_alias=True)
