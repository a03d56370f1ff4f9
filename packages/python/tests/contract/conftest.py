"""Session fixtures of the contract suite: the grid harness (started once) and the bundled spec."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from grid_harness import SPEC, Harness, start_harness


@pytest.fixture(scope="session")
def harness() -> Iterator[Harness]:
    with start_harness() as started:
        yield started


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The bundled spec the shapes are checked against (docs/spec.md, "Generation and the drift check")."""
    loaded: dict[str, Any] = json.loads(SPEC.read_text("utf-8"))
    return loaded
