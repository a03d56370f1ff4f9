"""How a response body becomes the spec's model (docs/python.md, "Response validation").

By default a body that does not match its schema is still returned: the fields that match are validated models,
the rest are kept as sent (as openai-python does), because a live server drifts from its spec — the grid relays a
worker's ``usage: {}`` as it came, for one. ``strict_response_validation=True`` makes such a body an
:class:`~aipg.APIResponseValidationError` instead, for tests that hold a server to the spec.
"""

from __future__ import annotations

import logging
import types
from typing import Annotated, Any, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from typing_extensions import TypeAliasType

_T = TypeVar("_T")
_log = logging.getLogger("aipg")
_ADAPTERS: dict[object, TypeAdapter[Any]] = {}


def adapter_for(target: Any) -> TypeAdapter[Any]:
    """One TypeAdapter per target type, built on first use (building one compiles a validator)."""
    adapter = _ADAPTERS.get(target)
    if adapter is None:
        adapter = _ADAPTERS[target] = TypeAdapter[Any](target)
    return adapter


def validate(target: type[_T], data: object, *, strict: bool) -> _T:
    """``data`` as ``target``: validated, or — unless ``strict`` — built without validation where it does not
    fit. ``strict`` re-raises pydantic's ValidationError."""
    try:
        return cast("_T", adapter_for(target).validate_python(data))
    except ValidationError as error:
        if strict:
            raise
        _log.debug("response does not match %s, kept as sent: %s", getattr(target, "__name__", target), error)
        return cast("_T", _construct(target, data))


def _construct(target: Any, value: Any) -> Any:
    """``value`` shaped as ``target`` as far as it fits, with no validation: models where a dict fits a model's
    fields, lists item by item, anything else as it is."""
    if isinstance(target, TypeAliasType):
        return _construct(target.__value__, value)
    origin = get_origin(target)
    if origin is Annotated:
        return _construct(get_args(target)[0], value)
    if origin is Union or origin is types.UnionType:
        members = [arg for arg in get_args(target) if arg is not type(None)]
        for member in members:  # the member the value really is, when one validates
            try:
                return adapter_for(member).validate_python(value)
            except ValidationError:
                continue
        model = next((m for m in members if _is_model(m)), None)
        return _construct(model, value) if model is not None and isinstance(value, dict) else value
    if origin is list and isinstance(value, list):
        return _construct_list(get_args(target), value)
    if _is_model(target) and isinstance(value, dict):
        return _construct_model(target, cast("dict[str, Any]", value))
    return value


def _construct_list(args: tuple[Any, ...], entries: Any) -> list[Any]:
    (item,) = args or (Any,)
    return [_construct(item, entry) for entry in entries]


def _construct_model(model: type[BaseModel], value: dict[str, Any]) -> BaseModel:
    fields: dict[str, Any] = {}
    known: set[str] = set()
    for name, info in model.model_fields.items():
        key = info.alias or name
        known.add(key)
        if key in value:
            try:
                fields[name] = adapter_for(info.annotation).validate_python(value[key])
            except ValidationError:
                fields[name] = _construct(info.annotation, value[key])
    extras = {key: entry for key, entry in value.items() if key not in known}
    return model.model_construct(**fields, **extras)


def _is_model(target: Any) -> bool:
    return isinstance(target, type) and issubclass(target, BaseModel)
