"""Logging through the standard ``logging`` module, logger ``aipg``.

Without configuration, Python prints WARNING and above, so a retry wait of 3 s or more is said (as the TypeScript
SDK's default ``warn`` level does). ``AIPG_LOG=debug|info|warning|error|off`` (like openai-python's ``OPENAI_LOG``)
attaches a stderr handler at that level. Credentials are never handed to the logger: headers are redacted first.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from ._constants import SECRET_HEADERS

logger = logging.getLogger("aipg")

_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warn": logging.WARNING,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "off": logging.CRITICAL + 10,
}


def setup_logging() -> None:
    """Applies ``AIPG_LOG`` once, at import."""
    level = _LEVELS.get(os.environ.get("AIPG_LOG", "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if level <= logging.ERROR and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"))
        logger.addHandler(handler)


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers safe to log: credential values replaced by ``***``."""
    return {name: "***" if name.lower() in SECRET_HEADERS else value for name, value in headers}
