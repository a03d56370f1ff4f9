"""Worker WebSocket frames through the generated models."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from aipg.types import ChatCompletionDelta, WsDone, WsJob, WsPing, WsReady, WsRegister, WsToken
from aipg.ws import dump_frame, parse_register, parse_server_frame, parse_worker_frame

JOB = {
    "type": "job",
    "id": "job-1",
    "model": "demo-model",
    "payload": {
        "request": {"model": "demo-model", "messages": [{"role": "user", "content": "Hi"}]},
        "api_format": "openai-chat",
        "prompt": "Hi",
        "max_length": 64,
        "temperature": 0.7,
        "top_p": 0.9,
    },
}


def test_server_frames_parse_by_type() -> None:
    assert isinstance(parse_server_frame('{"type": "ready", "worker_id": "w1"}'), WsReady)
    assert isinstance(parse_server_frame(b'{"type": "ping"}'), WsPing)
    job = parse_server_frame(json.dumps(JOB))
    assert isinstance(job, WsJob) and job.payload.request.messages[0].content == "Hi"
    with pytest.raises(ValidationError):
        parse_server_frame('{"type": "bogus"}')


def test_worker_frames_round_trip_without_the_baked_in_defaults() -> None:
    token = WsToken(type="token", id="job-1", delta=ChatCompletionDelta(content="Hel"))
    assert json.loads(dump_frame(token)) == {"type": "token", "id": "job-1", "delta": {"content": "Hel"}}
    done = WsDone(type="done", id="job-1", full_text="Hello", finish_reason="stop")
    assert parse_worker_frame(dump_frame(done)) == done
    register = WsRegister(apikey="k", name="rig", models=["demo-model"])
    assert json.loads(dump_frame(register)) == {"apikey": "k", "name": "rig", "models": ["demo-model"]}
    assert parse_register(dump_frame(register)).max_length == 512  # the default is the model's, not the wire's
    assert isinstance(parse_worker_frame('{"type": "pong"}').type, str)
