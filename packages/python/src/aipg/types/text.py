"""Parameters and results of the Horde text calls that are not one generated schema as is."""

from __future__ import annotations

from .._generated.models import HordeTextStatus
from .._generated.params import HordeTextAsyncRequest, HordeTextPopRequest, HordeTextSubmitRequest
from .request_options import RequestOptions

__all__ = ["TextJobResult", "TextSubmitParams", "TextWorkerPopParams", "TextWorkerSubmitParams"]


class TextJobResult(HordeTextStatus):
    """What ``text.generate`` returns: the final ``HordeTextStatus`` plus the job ``id``."""

    id: str


class TextSubmitParams(HordeTextAsyncRequest, RequestOptions):
    """``text.submit``: the spec's ``HordeTextAsyncRequest`` plus the request options."""


class TextWorkerPopParams(HordeTextPopRequest, RequestOptions):
    """``text.worker.pop``: the spec's ``HordeTextPopRequest`` plus the request options."""


class TextWorkerSubmitParams(HordeTextSubmitRequest, RequestOptions):
    """``text.worker.submit``: the spec's ``HordeTextSubmitRequest`` plus the request options."""
