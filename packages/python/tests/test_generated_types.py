"""The generated models (aipg._generated.models, made by `pnpm gen` from the spec) read the wire as the spec
describes it: every example the spec gives validates, the frame unions are tagged by `type`, and fields a server
adds beyond the spec are kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from aipg._generated import models

BUNDLE = Path(__file__).resolve().parents[2] / "mock-grid" / "src" / "generated" / "openapi.json"
SCHEMAS: dict[str, Any] = json.loads(BUNDLE.read_text(encoding="utf-8"))["components"]["schemas"]

EXAMPLES = [
    pytest.param(name, example, id=f"{name}[{i}]")
    for name, schema in SCHEMAS.items()
    for i, example in enumerate(schema.get("examples", []))
]


def test_every_component_schema_has_a_generated_type() -> None:
    missing = [name for name in SCHEMAS if not hasattr(models, name)]
    assert missing == []


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_the_spec_examples_validate(name: str, example: Any) -> None:
    TypeAdapter(getattr(models, name)).validate_python(example)


def test_there_are_examples_to_check() -> None:
    assert len(EXAMPLES) > 25


def test_server_frames_are_told_apart_by_type() -> None:
    frames: TypeAdapter[Any] = TypeAdapter(models.WsServerFrame)
    assert isinstance(frames.validate_json('{"type": "ping"}'), models.WsPing)
    cancel = frames.validate_json('{"type": "cancel", "id": "job-1"}')
    assert isinstance(cancel, models.WsCancel)
    assert cancel.id == "job-1"
    with pytest.raises(ValidationError, match="bogus"):
        frames.validate_json('{"type": "bogus"}')


def test_worker_frames_are_told_apart_by_type() -> None:
    frames: TypeAdapter[Any] = TypeAdapter(models.WsWorkerFrame)
    token = frames.validate_python({"type": "token", "id": "job-1", "token": "Hel"})
    assert isinstance(token, models.WsToken)
    with pytest.raises(ValidationError):
        frames.validate_python({"type": "ready", "worker_id": "w"})  # a server frame, not a worker one


def test_fields_beyond_the_spec_are_kept() -> None:
    delta = models.ChatCompletionDelta.model_validate({"content": "hi", "refusal": None, "x_vendor": 1})
    assert delta.model_dump(exclude_unset=True) == {"content": "hi", "refusal": None, "x_vendor": 1}


def test_logprobs_null_is_part_of_a_choice() -> None:
    choice = models.ChatCompletionChunkChoice.model_validate(
        {"index": 0, "delta": {"content": "x"}, "logprobs": None, "finish_reason": None}
    )
    assert choice.logprobs is None
    assert "logprobs" in models.ChatCompletionChoice.model_fields
