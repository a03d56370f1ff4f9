"""JSON values as the SDK reads them: error bodies and stream events may be JSON of any shape, or not JSON."""

from __future__ import annotations

import json
from typing import Any, cast


def parse_json_or_text(content: bytes | str) -> object:
    """The parsed JSON, or the text itself when it is not JSON."""
    text = content.decode("utf-8", errors="replace") if isinstance(content, bytes) else content
    try:
        return json.loads(text)
    except ValueError:
        return text


def as_dict(value: object) -> dict[str, Any] | None:
    """``value`` when it is a JSON object, else ``None``."""
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def as_list(value: object) -> list[Any]:
    """``value`` when it is a JSON array, else ``[]``."""
    if not isinstance(value, list):
        return []
    items: list[Any] = value  # pyright: ignore[reportUnknownVariableType]
    return items
