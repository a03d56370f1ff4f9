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


def test_media_session_frames_are_told_apart_by_type() -> None:
    server: TypeAdapter[Any] = TypeAdapter(models.WsMediaServerFrame)
    job = server.validate_python(
        {
            "type": "job",
            "id": "job-1",
            "job_type": "image",
            "model": "m",
            "payload": {
                "prompt": "p",
                "n": 1,
                "width": 512,
                "height": 512,
                "steps": 4,
                "sampler_name": "k_euler",
                "cfg_scale": 1,
                "ext": "png",
                "seed": 7,
                "seeds": [7],
            },
            "upload": [
                {"put_url": "https://grid.example/o/1.png", "key": "1.png", "content_type": "image/png"}
            ],
        }
    )
    assert isinstance(job, models.WsMediaJob)
    assert job.upload[0].content_type == "image/png"
    worker: TypeAdapter[Any] = TypeAdapter(models.WsMediaWorkerFrame)
    result = {"index": 0, "seed": 7, "sha256": "0" * 64}
    done = worker.validate_python({"type": "done", "id": "job-1", "results": [result]})
    assert isinstance(done, models.WsMediaDone)
    progress = worker.validate_python({"type": "progress", "id": "job-1", "pct": 50})
    assert isinstance(progress, models.WsProgress)
    with pytest.raises(ValidationError):
        worker.validate_python({"type": "done", "id": "job-1", "results": [{**result, "sha256": "XYZ"}]})


def test_a_text_job_is_not_a_media_job() -> None:
    text_job = {"type": "job", "id": "job-1", "model": "m", "payload": {"prompt": "p"}}
    with pytest.raises(ValidationError, match="job_type"):
        TypeAdapter(models.WsMediaServerFrame).validate_python(text_job)


def test_horde_image_seeds_are_strings_on_the_status_and_integers_on_the_pop() -> None:
    generation = models.HordeImageGeneration.model_validate(
        {
            "img": "https://grid.example/o/1.webp",
            "seed": "42",
            "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
            "censored": False,
            "worker_id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
            "worker_name": "rig",
            "model": "m",
            "state": "ok",
        }
    )
    assert generation.seed == "42"
    with pytest.raises(ValidationError, match="seed"):
        models.HordeImageGeneration.model_validate({**generation.model_dump(), "seed": 42})
    payload = models.HordeImagePopPayload.model_validate(
        {"prompt": "p", "ddim_steps": 30, "seed": 42, "sampler_name": "k_euler_a", "cfg_scale": 7}
        | {"width": 512, "height": 512}
    )
    assert payload.seed == 42


def test_fields_beyond_the_spec_are_kept() -> None:
    delta = models.ChatCompletionDelta.model_validate({"content": "hi", "refusal": None, "x_vendor": 1})
    assert delta.model_dump(exclude_unset=True) == {"content": "hi", "refusal": None, "x_vendor": 1}


def test_logprobs_null_is_part_of_a_choice() -> None:
    choice = models.ChatCompletionChunkChoice.model_validate(
        {"index": 0, "delta": {"content": "x"}, "logprobs": None, "finish_reason": None}
    )
    assert choice.logprobs is None
    assert "logprobs" in models.ChatCompletionChoice.model_fields
