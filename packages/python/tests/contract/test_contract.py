"""The cross-language contract suite, Python runner: every case of openapi/contract/*.json through the
public ``aipg`` API against a real mock grid and reference worker (openapi/contract/README.md).

A case's ``call`` is walked as attributes of the client (``"chat.completions.create"`` →
``grid.chat.completions.create``), so a new call needs a fixture, not code. The Python adapter: ``args``
are passed positionally and ``params`` as keyword arguments; results are pydantic models, compared on the
wire dict they were parsed from; a ``stream: true`` call is a context manager iterated to its end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import aipg
from aipg import Grid

from grid_harness import CONTRACT_DIR, Harness


def load_cases(folder: Path) -> list[Any]:
    """One pytest param per case of every fixture file, in file order; a single call is a one-step case."""
    params = []
    for file in sorted(folder.glob("*.json")):
        for case in json.loads(file.read_text("utf-8"))["cases"]:
            single = {key: value for key, value in case.items() if key not in ("name", "steps", "client")}
            steps = case.get("steps") or [single]
            # A case-level client is every step's default.
            steps = [{**step, "client": step.get("client", case.get("client"))} for step in steps]
            params.append(pytest.param(steps, id=f"{file.name}: {case['name']}"))
    return params


CASES = load_cases(CONTRACT_DIR)


def test_has_cases() -> None:
    # Guards the loader: a folder it could not read would run nothing and pass.
    assert len(CASES) >= 25


@pytest.mark.parametrize("steps", CASES)
def test_contract(steps: list[dict[str, Any]], harness: Harness, shapes: Shapes) -> None:
    saved: dict[str, Any] = {}
    for number, step in enumerate(steps, 1):
        label = f"step {number} ({step['call']})" if len(steps) > 1 else step["call"]
        args = resolve(step.get("args", []), saved)
        params = resolve(step.get("params", {}), saved)
        want_error = step.get("error")
        raised: Exception | None = None
        try:
            with make_client(step.get("client") or {}, harness) as grid:
                result = invoke(grid, step["call"], args, params)
        except Exception as error:
            if want_error is None:
                raise
            raised = error
        if want_error is not None:
            assert raised is not None, f"{label}: expected {want_error['type']}, got {result!r}"
            assert error_problems(raised, want_error) == [], f"{label}: {raised!r}"
            continue
        expectation = step.get("expect", {})
        if "shape" in expectation:
            assert shapes.problems(result, expectation["shape"]) == [], label
        if "chunk_shape" in expectation:
            problems = [
                f"chunk {n}: {problem}"
                for n, chunk in enumerate(result["chunks"])
                for problem in shapes.problems(chunk, expectation["chunk_shape"])
            ]
            assert problems == [], label
        failed = [p for a in expectation.get("assert", []) if (p := assertion_problem(result, a))]
        assert failed == [], f"{label}: {json.dumps(result)}"
        if "save" in step:
            saved[step["save"]] = result


def make_client(spec: dict[str, Any], harness: Harness) -> Grid:
    api_key = spec.get("api_key", harness.keys.get(spec.get("as", "requester")))
    if api_key is None:
        raise KeyError(f'no account "{spec.get("as")}" in openapi/contract/harness/keys.json')
    # Strict: the contract holds the mock grid to the spec, so a reply off its schema fails the case.
    options: dict[str, Any] = {
        "api_key": api_key,
        "base_url": spec.get("base_url", harness.url),
        "strict_response_validation": True,
    }
    if "max_retries" in spec:
        options["max_retries"] = spec["max_retries"]
    return Grid(**options)


def invoke(grid: Grid, call: str, args: list[Any], params: dict[str, Any]) -> Any:
    method: Any = grid
    for name in call.split("."):
        method = getattr(method, name)
    if params.get("stream") is True:
        with method(*args, **params) as stream:
            return read_stream(stream)
    return to_wire(method(*args, **params))


def read_stream(stream: Iterable[Any]) -> dict[str, Any]:
    """What a streamed call's expectation sees (openapi/contract/README.md, "Streams")."""
    summary: dict[str, Any] = {"chunks": [], "text": "", "finish_reason": None}
    for chunk in stream:
        wire = to_wire(chunk)
        summary["chunks"].append(wire)
        choice = (wire.get("choices") or [{}])[0]
        summary["text"] += (choice.get("delta") or {}).get("content") or ""
        summary["finish_reason"] = choice.get("finish_reason") or summary["finish_reason"]
    return summary


def to_wire(value: Any) -> Any:
    """The JSON a result was parsed from: its fields by wire name, only those the server sent."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, (list, tuple)):
        return [to_wire(item) for item in value]
    if isinstance(value, dict):
        return {key: to_wire(item) for key, item in value.items()}
    return value


def error_problems(error: Exception, want: dict[str, Any]) -> list[str]:
    cls = getattr(aipg, want["type"], None)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        return [f"{want['type']} is not an error class of aipg"]
    problems = []
    if not isinstance(error, cls):
        problems.append(f"expected {want['type']}, got {type(error).__name__}")
    if "status" in want and getattr(error, "status_code", None) != want["status"]:
        problems.append(f"status_code is {getattr(error, 'status_code', None)}, expected {want['status']}")
    if "rc" in want and getattr(error, "rc", None) != want["rc"]:
        problems.append(f"rc is {getattr(error, 'rc', None)}, expected {want['rc']}")
    if "detail_contains" in want:
        # The message, or the body's detail (a FastAPI 422 keeps its list there: loc names the field).
        detail = getattr(error, "detail", None)
        said = f"{error} {detail if isinstance(detail, str) else json.dumps(detail)}"
        if want["detail_contains"] not in said:
            problems.append(f"{said!r} lacks {want['detail_contains']!r}")
    return problems


# --- the language-neutral half: placeholders, field assertions, shapes (as packages/sdk/test/contract) ---

PLACEHOLDER = re.compile(r"^\{\{(\w+)(?:\.(.+))?\}\}$")


def at(value: Any, path: str) -> Any:
    """The value at a dotted path (``choices.0.message.role``); ``""`` is the value itself."""
    if path == "":
        return value
    for key in path.split("."):
        if isinstance(value, list):
            value = value[int(key)] if key.isdigit() and int(key) < len(value) else None
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value


def resolve(value: Any, saved: dict[str, Any]) -> Any:
    """Replaces every string ``"{{name.path}}"`` by the value at ``path`` of the result saved as ``name``."""
    if isinstance(value, str):
        match = PLACEHOLDER.match(value)
        if not match:
            return value
        name, path = match.group(1), match.group(2) or ""
        if name not in saved:
            raise KeyError(f'placeholder {value}: no step saved a result as "{name}"')
        return at(saved[name], path)
    if isinstance(value, list):
        return [resolve(item, saved) for item in value]
    if isinstance(value, dict):
        return {key: resolve(item, saved) for key, item in value.items()}
    return value


def same(a: Any, b: Any) -> bool:
    """JSON equality: ``true`` is not ``1``, as in the fixtures' JSON."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def assertion_problem(value: Any, assertion: dict[str, Any]) -> str | None:
    got = at(value, assertion["path"])
    where = assertion["path"] or "the result"
    shown = json.dumps(got)
    if "equals" in assertion and not same(got, assertion["equals"]):
        return f"{where} is {shown}, expected {json.dumps(assertion['equals'])}"
    if assertion.get("non_empty") and (got is None or (isinstance(got, (str, list, dict)) and len(got) == 0)):
        return f"{where} is {shown}, expected it non-empty"
    if "contains" in assertion and not (isinstance(got, str) and assertion["contains"] in got):
        return f"{where} is {shown}, expected a string containing {json.dumps(assertion['contains'])}"
    if "one_of" in assertion and not any(same(got, option) for option in assertion["one_of"]):
        return f"{where} is {shown}, expected one of {json.dumps(assertion['one_of'])}"
    return None


class Shapes:
    """Component schemas of the bundled spec, resolved over the whole document (Draft 2020-12)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._names = set(spec["components"]["schemas"])
        resource = Resource(contents=spec, specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource("openapi.json", resource)

    def problems(self, value: Any, shape: str) -> list[str]:
        name = shape.removesuffix("[]")
        if name not in self._names:
            return [f"{name} is not a component schema of the spec"]
        ref = {"$ref": f"openapi.json#/components/schemas/{name}"}
        schema = {"type": "array", "items": ref} if shape.endswith("[]") else ref
        validator = Draft202012Validator(schema, registry=self._registry)
        return [f"{shape}/{'/'.join(map(str, e.absolute_path))} {e.message}" for e in validator.iter_errors(value)]


@pytest.fixture(scope="session")
def shapes(spec: dict[str, Any]) -> Shapes:
    return Shapes(spec)
